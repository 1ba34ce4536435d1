/**
 * A real VitePress build of the two-page site in test/fixtures/vitepress, whose
 * `.vitepress/config.mjs` adds the plugin as a user does (`import xmd from
 * "@xmd/vite-plugin"`: the package's built `dist`, which turbo builds before the tests).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, defineConfig } from "vitepress";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import xmd from "../src/index.js";

const site = join(dirname(fileURLToPath(import.meta.url)), "fixtures/vitepress");
const outDir = mkdtempSync(join(tmpdir(), "xmd-vitepress-"));

/** A built page's text: tags dropped, white space folded. */
const text = (page: string) =>
  readFileSync(join(outDir, page), "utf8")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ");

describe("VitePress build with the plugin", () => {
  beforeAll(async () => {
    await build(site, { outDir });
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it("renders a page's XMD (an import of a part, YAML data, a loop into a table) before VitePress", () => {
    const html = readFileSync(join(outDir, "index.html"), "utf8");
    expect(text("index.html")).toContain("Widget release notes");
    expect(text("index.html")).toContain("Widget has had 2 releases.");
    expect(html).toMatch(/<td>2\.1<\/td><td>Faster renders<\/td>/);
    expect(html).not.toContain("xmd");
  });

  it("gives front matter keys to {{ }}, and leaves escaped braces to Vue", () => {
    expect(text("guide.html")).toContain("Guide, level 3");
    expect(text("guide.html")).toContain("Vue still computes 42 here");
  });

  it("is accepted by VitePress's typed config (VitePress brings its own Vite 5 types)", () => {
    // The type check (`pnpm typecheck`) is the test: a Vite 8 `Plugin` type would not fit here.
    const config = defineConfig({ vite: { plugins: [xmd()] } });
    expect(config.vite?.plugins?.map((p) => (p as { name: string }).name)).toEqual(["xmd"]);
  });

  it("builds the pages only: parts excluded by srcExclude are imported, not published", () => {
    expect(existsSync(join(outDir, "index.html"))).toBe(true);
    expect(existsSync(join(outDir, "parts/intro.html"))).toBe(false);
  });
});
