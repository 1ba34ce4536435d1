/**
 * The plugin in real unified pipelines (remark-parse, remark-gfm, remark-frontmatter,
 * remark-stringify, remark-rehype, rehype-stringify), rendering the fixture site in
 * test/fixtures/site: a page that imports a part and reads a YAML file.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import rehypeStringify from "rehype-stringify";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import remarkXmd, { type XmdOptions } from "../src/index.js";

/** A vfile message, as `file.message` makes it. */
type VFileMessage = ReturnType<VFile["message"]>;

const site = join(dirname(fileURLToPath(import.meta.url)), "fixtures/site");
/** A fixture page as unified gets it: path relative to the site, which is the file's cwd. */
const page = (name: string) =>
  new VFile({ path: `docs/${name}`, cwd: site, value: readFileSync(join(site, "docs", name), "utf8") });

const renderedPage = `---
title: "Release notes, part 2"
---

# Widget

## About Widget

Widget has had 2 releases.

| version | date       |
| ------- | ---------- |
| 2.0     | 2026-03-01 |
| 2.1     | 2026-06-15 |

Inline \`{{code}}\` stays as it is.
`;

/** The rejection of a promise (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<VFileMessage> {
  try {
    await promise;
  } catch (error) {
    return error as VFileMessage;
  }
  throw new Error("expected the promise to reject");
}

describe("remark-parse → xmd → remark-stringify", () => {
  const markdown = (options?: XmdOptions) =>
    unified()
      .use(remarkParse)
      .use(remarkFrontmatter)
      .use(remarkGfm)
      .use(remarkXmd, options)
      .use(remarkStringify);

  it("renders the fixture page: import, YAML data, loops, front matter", async () => {
    const file = await markdown().process(page("page.md"));
    expect(String(file)).toBe(renderedPage);
  });

  it("leaves the source, the dependencies and the nondeterminism on file.data.xmd", async () => {
    const file = await markdown().process(page("page.md"));
    expect(file.data.xmd?.source).toBe(readFileSync(join(site, "docs/page.md"), "utf8"));
    expect(file.data.xmd?.dependencies.sort()).toEqual([
      join(site, "data/site.yaml"),
      join(site, "parts/intro.md"),
    ]);
    expect(file.data.xmd?.nondeterminism).toEqual({ exec: [], clock: false });
  });

  it("passes variables, as an object or per file", async () => {
    const source = "# {{name}} at {{where}}\n";
    const fixed = await markdown({ vars: { name: "An", where: "home" } }).process(source);
    expect(String(fixed)).toBe("# An at home\n");
    const seen: (string | undefined)[] = [];
    const perFile = markdown({
      vars: (path) => {
        seen.push(path);
        return { name: "Binh", where: path?.endsWith("a.md") ? "a" : "b" };
      },
    });
    expect(String(await perFile.process(new VFile({ path: "a.md", cwd: site, value: source })))).toBe(
      "# Binh at a\n",
    );
    expect(seen).toEqual([join(site, "a.md")]);
  });

  it("leaves a file that `include` excludes as it was", async () => {
    const options: XmdOptions = { include: /\/docs\/.*\.md$/ };
    const outside = new VFile({ path: "notes/vue.md", cwd: site, value: "Vue: {{ $frontmatter.title }}\n" });
    expect(String(await markdown(options).process(outside))).toBe("Vue: {{ $frontmatter.title }}\n");
    expect(outside.data.xmd).toBeUndefined();
    expect(String(await markdown(options).process(page("page.md")))).toBe(renderedPage);
  });
});

describe("the tree other plugins see", () => {
  /** A plugin that records the text of every heading in the tree it is given. */
  function headingsSeen(into: string[]) {
    return () => (tree: unknown) => {
      const walk = (node: { type: string; value?: string; children?: unknown[] }, inHeading: boolean) => {
        if (inHeading && node.type === "text") into.push(node.value ?? "");
        for (const child of node.children ?? [])
          walk(child as typeof node, inHeading || node.type === "heading");
      };
      walk(tree as { type: string }, false);
    };
  }

  it("is the rendered document's, also for a transformer used before the plugin", async () => {
    const seen: string[] = [];
    await unified()
      .use(remarkParse)
      .use(remarkFrontmatter)
      .use(headingsSeen(seen))
      .use(remarkXmd)
      .use(remarkStringify)
      .process(page("page.md"));
    expect(seen).toEqual(["Widget", "About Widget"]);
  });

  it("has GFM tables built from rendered rows, as HTML through remark-rehype", async () => {
    const file = await unified()
      .use(remarkParse)
      .use(remarkFrontmatter)
      .use(remarkXmd)
      .use(remarkGfm)
      .use(remarkRehype)
      .use(rehypeStringify)
      .process(page("page.md"));
    const html = String(file);
    expect(html).toContain("<h1>Widget</h1>");
    expect(html).toContain("<h2>About Widget</h2>");
    expect(html).toContain("<td>2.1</td>\n<td>2026-06-15</td>");
    expect(html).toContain("<code>{{code}}</code>");
    expect(html).not.toContain("xmd");
  });

  it("is rendered too when the plugin is used before remark-parse (it renders in its transformer)", async () => {
    const file = await unified()
      .use(remarkXmd)
      .use(remarkParse)
      .use(remarkFrontmatter)
      .use(remarkGfm)
      .use(remarkStringify)
      .process(page("page.md"));
    expect(String(file)).toBe(renderedPage);
    expect(file.data.xmd?.dependencies).toHaveLength(2);
  });

  it("parse() alone gives the rendered tree and leaves the rendered text on file.value", () => {
    const processor = unified().use(remarkParse).use(remarkXmd);
    const file = new VFile({ path: "x.md", cwd: site, value: "```xmd\nset n 3\n```\n# {{n * 2}}\n" });
    const tree = processor.parse(file) as unknown as { children: { type: string; depth?: number }[] };
    expect(tree.children.map((c) => [c.type, c.depth])).toEqual([["heading", 1]]);
    expect(file.value).toBe("# 6\n");
  });
});

describe("errors", () => {
  const processor = () => unified().use(remarkParse).use(remarkXmd).use(remarkStringify);

  it("are fatal vfile messages at the error's line and column, with the code frame as the note", async () => {
    const file = page("undefined.md");
    const message = await rejection(processor().process(file));
    expect(message.reason).toBe("'totl' is not defined");
    expect(message.fatal).toBe(true);
    expect([message.line, message.column]).toEqual([3, 10]);
    expect(message.ruleId).toBe("undefined-name");
    expect(message.source).toBe("xmd");
    expect(message.file).toBe("docs/undefined.md");
    expect(message.note).toContain("> 3 | Total: {{totl + 1}}");
    expect(message.note).toContain("= help: set it first");
    expect((message.cause as Error).name).toBe("XmdError");
    // vfile-reporter prints the cause's stack: it is the report, not JavaScript frames.
    expect((message.cause as Error).stack).toBe(message.note);
    expect(file.messages).toEqual([message]);
    expect(String(message)).toBe("docs/undefined.md:3:10: 'totl' is not defined");
  });

  it("in an imported part are placed at the import, and name the part's own line and column", async () => {
    const message = await rejection(processor().process(page("imports-broken.md")));
    expect([message.line, message.column]).toEqual([3, 10]);
    expect(message.reason).toBe("'nowhere' is not defined (in parts/broken.md:3:12)");
    expect(message.note).toContain("note: imported from");
  });

  it("are raised when a page reaches outside the root", async () => {
    const message = await rejection(
      unified()
        .use(remarkParse)
        .use(remarkXmd, { root: join(site, "docs") })
        .use(remarkStringify)
        .process(page("page.md")),
    );
    expect(message.ruleId).toBe("outside-root");
    expect(message.line).toBe(6);
  });

  it("of the transformer path (plugin before the parser) are vfile messages too", async () => {
    const message = await rejection(
      unified().use(remarkXmd).use(remarkParse).use(remarkStringify).process(page("undefined.md")),
    );
    expect([message.line, message.column, message.ruleId]).toEqual([3, 10, "undefined-name"]);
  });

  it("from commands are denied unless the exec option allows them", async () => {
    const source = '```xmd\nprint exec("echo hi")\n```\n';
    const denied = await rejection(
      processor().process(new VFile({ path: "x.md", cwd: site, value: source })),
    );
    expect(denied.ruleId).toBe("exec-denied");
    const allowed = await unified()
      .use(remarkParse)
      .use(remarkXmd, { exec: { allow: ["echo"] } })
      .use(remarkStringify)
      .process(new VFile({ path: "x.md", cwd: site, value: source }));
    expect(String(allowed).trim()).toBe("hi");
    expect(allowed.data.xmd?.nondeterminism.exec).toEqual(["echo hi"]);
  });
});
