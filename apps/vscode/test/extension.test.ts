/**
 * The extension as VS Code and the marketplace get it: its manifest, the grammars it
 * ships, its bundles (the language server among them, driven over LSP), the preview's
 * rendering, and the .vsix that `vsce` packs. Runs on the built folder (`pnpm build`).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";
import yauzl from "yauzl";
import { renderText } from "../src/render.js";

const here = dirname(fileURLToPath(import.meta.url));
const ext = resolve(here, "..");
const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync(join(ext, "package.json"), "utf8"));
const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), "xmd-vscode-"));
  temps.push(d);
  return d;
};

describe("the manifest", () => {
  it("has what vsce and the marketplace need", () => {
    expect(manifest).toMatchObject({
      name: "xmd-vscode",
      publisher: expect.stringMatching(/^[a-z0-9][a-z0-9-]*$/),
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      license: "MIT",
      repository: { url: expect.stringContaining("github.com") },
      engines: { vscode: expect.stringMatching(/^\^1\.\d+\.\d+$/) },
      main: "./dist/extension.cjs",
    });
    expect(existsSync(join(ext, "LICENSE"))).toBe(true);
    expect(existsSync(join(ext, "README.md"))).toBe(true);
    // vsce refuses an engines.vscode older than the @types/vscode the code was written against.
    const types = JSON.parse(readFileSync(require.resolve("@types/vscode/package.json"), "utf8")).version;
    const [, minor] = manifest.engines.vscode.slice(1).split(".").map(Number);
    expect(minor).toBeGreaterThanOrEqual(Number(types.split(".")[1]));
  });

  it("activates on XMD and markdown documents, and declares its command where it is used", () => {
    expect(manifest.activationEvents).toEqual(["onLanguage:xmd", "onLanguage:markdown"]);
    const commands = manifest.contributes.commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual(["xmd.renderToSide"]);
    for (const menu of Object.values(manifest.contributes.menus) as { command: string }[][])
      for (const item of menu) expect(commands).toContain(item.command);
    const bundle = readFileSync(join(ext, manifest.main), "utf8");
    for (const command of commands) expect(bundle).toContain(`registerCommand("${command}"`);
    expect(bundle).toMatch(/exports\.activate = activate/);
    expect(bundle).toMatch(/exports\.deactivate = deactivate/);
  });

  it("contributes the xmd language for .xmd and .xm with its configuration", () => {
    const [xmd] = manifest.contributes.languages;
    expect(xmd).toMatchObject({ id: "xmd", extensions: [".xmd", ".xm"] });
    const config = JSON.parse(readFileSync(join(ext, xmd.configuration), "utf8"));
    expect(config.comments.lineComment).toBe("//");
  });

  it("ships the grammars of @xmd/grammar, each where the manifest says, with its scope name", () => {
    const grammars = manifest.contributes.grammars as {
      scopeName: string;
      path: string;
      injectTo?: string[];
    }[];
    expect(grammars.map((g) => g.scopeName)).toEqual(["source.xmd", "markdown.xmd.injection"]);
    for (const g of grammars) {
      const text = readFileSync(join(ext, g.path), "utf8");
      expect(JSON.parse(text).scopeName).toBe(g.scopeName);
      // The very files of the grammar package, not an old copy.
      const name = g.path.split("/").at(-1) as string;
      expect(text).toBe(readFileSync(require.resolve(`@xmd/grammar/${name}`), "utf8"));
    }
    expect(grammars[1]?.injectTo).toEqual(["text.html.markdown"]);
    // Every scope the injection includes from source.xmd is in the grammar shipped beside it.
    const xmd = JSON.parse(readFileSync(join(ext, grammars[0]?.path as string), "utf8"));
    const injection = readFileSync(join(ext, grammars[1]?.path as string), "utf8");
    for (const m of injection.matchAll(/"source\.xmd#([\w-]+)"/g))
      expect(Object.keys(xmd.repository)).toContain(m[1]);
  });
});

describe("the bundles", () => {
  it("need nothing but Node's modules and vscode (the .vsix carries no node_modules)", () => {
    const builtins = new Set(require("node:module").builtinModules as string[]);
    for (const file of ["dist/extension.cjs", "dist/server.cjs"]) {
      const text = readFileSync(join(ext, file), "utf8");
      const required = [...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] as string);
      const outside = required.filter((r) => r !== "vscode" && !builtins.has(r.replace(/^node:/, "")));
      expect(outside).toEqual([]);
      if (file.includes("server")) expect(required).not.toContain("vscode");
    }
  });

  it("run the language server: a document with a bad regex gets its diagnostic over LSP", async () => {
    // The regex engine (re2js) is loaded on first use: this proves it is in the bundle.
    const server = spawn(process.execPath, [join(ext, "dist/server.cjs"), "--stdio"], { stdio: "pipe" });
    const client = createProtocolConnection(
      new StreamMessageReader(server.stdout),
      new StreamMessageWriter(server.stdin),
    );
    try {
      const diagnostics = new Promise<PublishDiagnosticsParams>((done) =>
        client.onNotification(PublishDiagnosticsNotification.type, done),
      );
      client.listen();
      const init = await client.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      });
      expect(init.capabilities.hoverProvider).toBe(true);
      const uri = pathToFileURL(join(temp(), "a.xmd")).href;
      await client.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId: "xmd", version: 1, text: "set ok /a+/\nset r /(/\n" },
      });
      const { diagnostics: found } = await diagnostics;
      expect(found.map((d) => [d.range.start, d.message])).toEqual([
        [{ line: 1, character: 7 }, expect.stringContaining("invalid regex: missing closing )")],
      ]);
    } finally {
      client.dispose();
      server.kill();
    }
  });
});

describe("the side preview's rendering", () => {
  it("renders a markdown document with its code", () => {
    const md = "# {{ title }}\n\n```xmd\nset n 6 * 7\n```\n\nThe answer is {{ n }}.\n";
    expect(renderText(`<!-- xmd set title "Hi" -->\n${md}`, undefined, "md", undefined)).toBe(
      "# Hi\n\nThe answer is 42.\n",
    );
    expect(renderText('print "from xmd"\n', undefined, "xmd", undefined)).toBe("from xmd\n");
  });

  it("shows an error as the xmd command prints it, and runs no commands", () => {
    const out = renderText("set x = (\n", "/tmp/doc.xmd", "xmd", "/tmp");
    expect(out).toContain("XMD could not render this document");
    expect(out).toMatch(/doc\.xmd:\d+:\d+: error\[syntax\]/);
    expect(renderText("exec echo hi\n", undefined, "xmd", undefined)).toContain("error[exec-denied]");
  });
});

describe("the .vsix", () => {
  it("packs the built extension, without sources or node_modules", async () => {
    const out = temp();
    execFileSync(process.execPath, [join(ext, "scripts/package.mjs"), out], { cwd: ext, stdio: "pipe" });
    const file = join(out, `${manifest.name}-${manifest.version}.vsix`);
    const entries = await new Promise<Map<string, Buffer>>((done, fail) => {
      const found = new Map<string, Buffer>();
      yauzl.open(file, { lazyEntries: true }, (error, zip) => {
        if (error || zip === undefined) return fail(error);
        zip.on("entry", (entry: yauzl.Entry) =>
          zip.openReadStream(entry, (e, stream) => {
            if (e || stream === undefined) return fail(e);
            const chunks: Buffer[] = [];
            stream.on("data", (c: Buffer) => chunks.push(c));
            stream.on("end", () => {
              found.set(entry.fileName, Buffer.concat(chunks));
              zip.readEntry();
            });
          }),
        );
        zip.on("end", () => done(found));
        zip.readEntry();
      });
    });
    const names = [...entries.keys()].sort();
    expect(names).toEqual(
      expect.arrayContaining([
        "extension.vsixmanifest",
        "extension/package.json",
        "extension/dist/extension.cjs",
        "extension/dist/server.cjs",
        "extension/syntaxes/xmd.tmLanguage.json",
        "extension/syntaxes/xmd-markdown.tmLanguage.json",
        "extension/language-configuration.json",
        "extension/LICENSE.txt",
        "extension/readme.md",
      ]),
    );
    expect(names.filter((n) => /\/(src|test|scripts|node_modules)\//.test(n) || n.endsWith(".map"))).toEqual(
      [],
    );
    const vsixManifest = String(entries.get("extension.vsixmanifest"));
    expect(vsixManifest).toContain(`Id="${manifest.name}"`);
    expect(vsixManifest).toContain(`Publisher="${manifest.publisher}"`);
    expect(JSON.parse(String(entries.get("extension/package.json"))).contributes).toEqual(
      manifest.contributes,
    );
  });
});
