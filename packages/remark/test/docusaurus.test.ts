/**
 * The Docusaurus preprocessor, called as Docusaurus's MDX loader calls
 * `markdown.preprocessor` (`preprocessor({ fileContent, filePath })` with the file's whole
 * text and absolute path, synchronously, the result handed to MDX), typed against
 * `MarkdownConfig` from `@docusaurus/types`, and its output compiled by `@mdx-js/mdx` with
 * `remark-frontmatter`, as Docusaurus compiles a `.md` page.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MarkdownConfig } from "@docusaurus/types";
import { compile } from "@mdx-js/mdx";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import { describe, expect, it } from "vitest";
import { xmdPreprocessor } from "../src/docusaurus.js";

const site = join(dirname(fileURLToPath(import.meta.url)), "fixtures/site");

/** What Docusaurus does with `markdown.preprocessor`: the hook's type is Docusaurus's own. */
function preprocessAsDocusaurus(markdown: Pick<MarkdownConfig, "preprocessor">, filePath: string): string {
  const fileContent = readFileSync(filePath, "utf8");
  return markdown.preprocessor ? markdown.preprocessor({ fileContent, filePath }) : fileContent;
}

describe("xmdPreprocessor (Docusaurus markdown.preprocessor)", () => {
  it("renders a page with its imports and data, front matter kept for Docusaurus to read", () => {
    const out = preprocessAsDocusaurus({ preprocessor: xmdPreprocessor() }, join(site, "docs/page.md"));
    expect(out).toMatch(/^---\ntitle: "Release notes, part 2"\n---\n/);
    expect(out).toContain("# Widget\n\n## About Widget\n\nWidget has had 2 releases.\n");
    expect(out).toContain("| 2.1 | 2026-06-15 |");
    expect(out).not.toContain("xmd");
  });

  it("gives text that MDX compiles as Docusaurus compiles a .md page", async () => {
    const out = preprocessAsDocusaurus({ preprocessor: xmdPreprocessor() }, join(site, "docs/page.md"));
    const js = String(
      await compile(out, { format: "md", remarkPlugins: [remarkFrontmatter, remarkGfm], development: false }),
    );
    expect(js).toContain('children: "About Widget"');
    expect(js).toContain('children: "2026-06-15"');
    expect(js).not.toContain("Release notes");
  });

  it("throws an error whose message is the XMD report, with the XmdError as its cause", () => {
    const preprocessor = xmdPreprocessor();
    let thrown: unknown;
    try {
      preprocessAsDocusaurus({ preprocessor }, join(site, "docs/undefined.md"));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const error = thrown as Error;
    expect(error.name).toBe("XmdError");
    expect(error.message).toContain(
      `${join(site, "docs/undefined.md")}:3:10: error[undefined-name]: 'totl' is not defined`,
    );
    expect(error.message).toContain("> 3 | Total: {{totl + 1}}");
    expect((error.cause as { code: string }).code).toBe("undefined-name");
  });

  it("confines files to the working folder by default, and to `root` when given", () => {
    const project = mkdtempSync(join(tmpdir(), "xmd-docusaurus-"));
    try {
      mkdirSync(join(project, "docs"));
      writeFileSync(join(project, "data.yaml"), "name: An\n");
      const args = {
        filePath: join(project, "docs/intro.md"),
        fileContent: '```xmd\nimport "../data.yaml"\n```\nHi {{data.name}}\n',
      };
      // The tests' working folder is the package's, which does not hold the temporary project.
      expect(() => xmdPreprocessor()(args)).toThrow(/error\[outside-root\]/);
      expect(xmdPreprocessor({ root: project })(args)).toBe("Hi An\n");
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it("passes files that `include` leaves out through unchanged", () => {
    const preprocessor = xmdPreprocessor({ include: (path) => !path?.endsWith(".mdx") });
    const jsx = '<div style={{color: "red"}}>hi</div>\n';
    expect(preprocessor({ filePath: join(site, "docs/widget.mdx"), fileContent: jsx })).toBe(jsx);
    expect(() => xmdPreprocessor()({ filePath: join(site, "docs/widget.md"), fileContent: jsx })).toThrow(
      /error\[syntax\]/,
    );
  });
});
