/**
 * The browser build, bundled as a page's bundler would (see ./bundle.ts): nothing of Node
 * may remain in it, and it must render — documents importing parts and data files from a
 * memory host — when the bundle itself is loaded and run (here in Node, which the bundle
 * does not know it is in: it was built for platform "browser").
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Api from "../../src/browser.js";
import { type Bundle, builtinsUsedBy, bundleForBrowser } from "./bundle.js";

let bundle: Bundle;
const work = mkdtempSync(join(tmpdir(), "xmd-browser-bundle-"));

beforeAll(async () => {
  bundle = await bundleForBrowser();
  // The figure the READMEs quote (measured, not asserted).
  console.log(
    `browser bundle: ${(bundle.bytes / 1024).toFixed(1)} KiB minified, ${(bundle.gzipBytes / 1024).toFixed(1)} KiB gzipped`,
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the browser bundle", () => {
  it("imports nothing from outside, and rolldown had nothing to warn about", () => {
    expect(bundle.imports).toEqual([]);
    expect(bundle.warnings).toEqual([]);
  });

  it("holds no Node built-in: no node: module, and none of the Node host's or platform's calls", () => {
    expect(builtinsUsedBy(bundle.code)).toEqual([]);
    // (Checked as booleans: a failing `toContain` would print half a megabyte of bundle.)
    const found = (text: string | RegExp) =>
      typeof text === "string" ? bundle.code.includes(text) : text.test(bundle.code);
    expect(found(/["'`]node:[a-z_]/)).toBe(false);
    for (const call of ["createRequire", "getHeapStatistics", "spawnSync", "readFileSync", "realpathSync"])
      expect(found(call), call).toBe(false);
  });

  it("the checks would see a Node built-in if one were there", () => {
    expect(builtinsUsedBy('import{readFileSync as a}from"node:fs";')).toEqual(["node:fs"]);
    expect(builtinsUsedBy('const p=require("path")')).toEqual(["path"]);
    expect(builtinsUsedBy('await import("child_process")')).toEqual(["child_process"]);
    expect(builtinsUsedBy('import{x}from"yaml"')).toEqual([]);
  });

  it("renders a document with imports and data files from a memory host when it runs", async () => {
    const file = join(work, "xmd-browser.mjs");
    writeFileSync(file, bundle.code);
    const api = (await import(pathToFileURL(file).href)) as typeof Api;
    const host = api.createMemoryHost({
      "/index.md": [
        "```xmd",
        'import "lib/text.xmd"',
        'import "data/team.yaml"',
        "```",
        "{{text.greet(team.lead)}}: {{len(team.members)}} members",
        '<!-- xmd:import "parts/footer.md" -->',
        '{{ /^a+$/.test("aaa") }}',
        "",
      ].join("\n"),
      "/lib/text.xmd": 'function greet(name)\n  return "Hi " + name\nexport greet\n',
      "/data/team.yaml": "lead: An\nmembers: [An, Binh, Chi]\n",
      "/parts/footer.md": "footer of {{team.lead}}\n",
    });
    const runtime = api.createRuntime({ host });
    const result = runtime.render(host.files.get("/index.md") as string, { path: "/index.md" });
    expect(result.output).toBe("Hi An: 3 members\nfooter of An\ntrue\n");
    expect(result.dependencies.sort()).toEqual(["/data/team.yaml", "/lib/text.xmd", "/parts/footer.md"]);
    expect(result.stats.allocations.poolShare).toBeGreaterThan(0);
    let error: unknown;
    try {
      runtime.render("```xmd\nexec echo hi\n```\n", { path: "/x.md" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(api.XmdError);
    expect((error as Api.XmdError).code).toBe("exec-denied");
  });
});

describe("the sources", () => {
  it("import node: modules only in src/host/node/ (the Node host and platform)", () => {
    expect(builtinsUsedBy('import * as fs from "node:fs";')).toEqual(["node:fs"]);
    const src = fileURLToPath(new URL("../../src", import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith(".ts") && !relative(src, path).startsWith("host/node/")) {
          // Comments out first: they name node: modules in prose.
          const code = readFileSync(path, "utf8")
            .replace(/\/\*[\s\S]*?\*\//g, "")
            .replace(/\/\/[^\n]*/g, "");
          const used = builtinsUsedBy(code);
          if (used.length > 0) offenders.push(`${relative(src, path)}: ${used.join(", ")}`);
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
