/**
 * The plugin in Astro's markdown pipeline: `createMarkdownProcessor` from
 * `@astrojs/markdown-remark` (what Astro runs for `.md` pages and content collections)
 * with the plugin in `remarkPlugins`, given a page the way Astro gives it (front matter
 * parsed off first, handed over on `data.astro.frontmatter`).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMarkdownProcessor, parseFrontmatter } from "@astrojs/markdown-remark";
import { describe, expect, it, vi } from "vitest";
import remarkXmd, { type XmdOptions } from "../src/index.js";

const site = join(dirname(fileURLToPath(import.meta.url)), "fixtures/site");

/** Renders a fixture page as Astro renders a `.md` page. */
async function renderAsAstro(name: string, options: XmdOptions) {
  const processor = await createMarkdownProcessor({
    remarkPlugins: [[remarkXmd, options]],
    syntaxHighlight: false,
  });
  const path = join(site, "docs", name);
  const { frontmatter, content } = parseFrontmatter(readFileSync(path, "utf8"));
  return processor.render(content, { fileURL: pathToFileURL(path), frontmatter });
}

describe("Astro's markdown processor with the plugin in remarkPlugins", () => {
  const options: XmdOptions = {
    root: site,
    // Astro parses front matter off before markdown runs: give its keys to XMD as variables.
    vars: (_path, data) => (data.astro as { frontmatter?: Record<string, unknown> } | undefined)?.frontmatter,
  };

  it("renders the page before Astro's own plugins: its headings are collected with ids", async () => {
    const { code, metadata } = await renderAsAstro("astro.md", options);
    expect(code).toContain('<h1 id="gizmo">Gizmo</h1>');
    expect(code).toContain('<h2 id="about-gizmo">About Gizmo</h2>');
    expect(code).toContain("<p>Gizmo has had 2 releases.</p>");
    expect(metadata.headings.map((h) => h.text)).toEqual(["Gizmo", "About Gizmo"]);
  });

  it("fails the render with the XMD error as a vfile message (without the front matter, `product` is undefined)", async () => {
    // Astro logs a failed render with console.error before rethrowing it.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await expect(renderAsAstro("astro.md", { root: site })).rejects.toMatchObject({
        reason: "'product' is not defined",
        ruleId: "undefined-name",
        column: 5,
        source: "xmd",
      });
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });
});
