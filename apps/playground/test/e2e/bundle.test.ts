/**
 * The built page as files: everything it needs is in `dist/` (no URL to another origin),
 * the runtime is a chunk of its own with nothing of Node in it and no string evaluation,
 * and `index.html` carries the Content-Security-Policy.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DIST } from "./harness.js";

/** A call of eval, bare or as `globalThis.eval` (not a method of that name: re2js has one). */
const EVAL_CALL = /(?:(?<![\w.$])|globalThis\.)eval\s*\((?![^)]*\)\s*\{)/;
/** The Function constructor called with code. */
const FUNCTION_CALL = /\bnew\s+(?:globalThis\.)?Function\s*\(|(?<![\w.$])Function\s*\(\s*["'`]/;

const assets = readdirSync(join(DIST, "assets"));
const read = (name: string) => readFileSync(join(DIST, "assets", name), "utf8");
const scripts = assets.filter((a) => a.endsWith(".js"));

describe("the built files", () => {
  it("have the runtime in a chunk of its own, free of Node modules and of eval", () => {
    const runtime = scripts.filter((a) => /^xmd-runtime-[\w-]+\.js$/.test(a));
    expect(runtime).toHaveLength(1);
    const code = read(runtime[0]!);
    expect(code).toContain("exec-denied");
    expect(code).not.toMatch(/["'`]node:[a-z_/]+["'`]/);
    expect(code).not.toMatch(EVAL_CALL);
    expect(code).not.toMatch(FUNCTION_CALL);
    // The page's own code does call both, in its CSP self-check (which the policy refuses):
    // the patterns find them where they are.
    const page = scripts.filter((s) => s.startsWith("index-")).map(read);
    expect(page.some((c) => EVAL_CALL.test(c) && FUNCTION_CALL.test(c))).toBe(true);
    for (const script of scripts) {
      expect(read(script)).not.toMatch(
        /\bfrom\s*["']node:|\bimport\s*\(\s*["']node:|__vite-browser-external/,
      );
    }
  });

  it("load nothing from another origin", () => {
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(2);
    for (const url of urls) expect(url).toMatch(/^(\.\/|data:)/);
    for (const style of assets.filter((a) => a.endsWith(".css")))
      expect(read(style)).not.toMatch(/url\(\s*["']?(https?:)?\/\//);
  });

  it("carry a Content-Security-Policy without unsafe-eval", () => {
    const html = readFileSync(join(DIST, "index.html"), "utf8");
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? "";
    const directives = Object.fromEntries(
      csp.split(";").map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives["default-src"]).toEqual(["'self'"]);
    expect(directives["script-src"]).toEqual(["'self'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(csp).not.toContain("unsafe-eval");
  });
});
