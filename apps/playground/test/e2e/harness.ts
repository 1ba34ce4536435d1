/**
 * What the browser tests stand on: a tiny static server for the built page (`dist/`),
 * that logs every request it gets, and Debian's Chromium driven by playwright-core (no
 * browser download: the executable is `/usr/bin/chromium`, or `CHROMIUM_PATH`).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "playwright-core";

/** The built page (`pnpm --filter @xmd/playground build`), or another build given by `XMD_PLAYGROUND_DIST`. */
export const DIST = resolve(
  process.env.XMD_PLAYGROUND_DIST ?? fileURLToPath(new URL("../../dist", import.meta.url)),
);

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/** A running static server. */
export interface StaticServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Every path requested so far, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `root` on a free loopback port. */
export async function serve(root: string = DIST): Promise<StaticServer> {
  if (!existsSync(join(root, "index.html")))
    throw new Error(`no built page in ${root}: run 'pnpm --filter @xmd/playground build' first`);
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    requests.push(path);
    const file = normalize(join(root, path === "/" ? "index.html" : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Headless Chromium; a clear error (never a skip) when it is not installed. */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `the browser tests need Chromium at ${CHROMIUM}: install Debian's package ('apt-get update && apt-get install -y chromium', as root) or set CHROMIUM_PATH`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root (as CI runs) cannot use Chromium's sandbox; /dev/shm may be small in containers.
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}
