/**
 * A UTF-8 byte order mark at the start of a document is not part of its text (as in
 * CommonMark): it does not hide a leading fence or comment, it is not printed, and it
 * moves no error's column. The same holds for every file read as a document: the one
 * rendered, modules, parts imported in place. (Data files: JSON and YAML readers skip it.)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, type MemoryMode } from "../../src/index.js";
import { failure, render } from "../support/render.js";

const BOM = "\ufeff";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "xmd-bom-"));
  dirs.push(root);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

describe("a leading byte order mark", () => {
  it("does not hide a leading xmd fence, and is not printed", () => {
    expect(render(`${BOM}\`\`\`xmd\nset a 1\n\`\`\`\nvalue {{a}}\n`, "md")).toBe("value 1\n");
  });

  it("does not hide a leading xmd comment or directive", () => {
    expect(render(`${BOM}<!-- xmd\nprint "hi"\n-->\nnext\n`, "md")).toBe("hi\nnext\n");
    expect(render(`${BOM}<!-- xmd:set a = 2 -->\n{{a}}\n`, "md")).toBe("2\n");
  });

  it("is not part of a native file's code", () => {
    expect(render(`${BOM}print 1 + 1\n`, "xmd")).toBe("2\n");
    expect(render(`${BOM}    print 1\n`, "xmd")).toBe("1\n");
  });

  it("is dropped from plain text, and is all a document of only a mark holds", () => {
    expect(render(`${BOM}# Title\n`, "md")).toBe("# Title\n");
    expect(render(BOM, "md")).toBe("");
  });

  it("moves no error's column", () => {
    const e = failure(`${BOM}\`\`\`xmd\nprint nope\n\`\`\`\n`, "md");
    expect([e.code, e.line, e.column]).toEqual(["undefined-name", 2, 7]);
    const first = failure(`${BOM}print nope\n`, "xmd");
    expect([first.line, first.column]).toEqual([1, 7]);
    expect(first.frame).toContain("> 1 | print nope");
  });

  it("is kept where it is not leading: inside the text it is a character like any other", () => {
    expect(render(`a${BOM}b\n`, "md")).toBe(`a${BOM}b\n`);
  });

  it("is dropped by compile, check and parse too", () => {
    const runtime = createRuntime();
    const source = `${BOM}\`\`\`xmd\nset a 3\n\`\`\`\n{{a}}\n`;
    expect(runtime.compile(source).render().output).toBe("3\n");
    expect(runtime.check(`${BOM}\`\`\`xmd\nprint )\n\`\`\`\n`).map((e) => [e.line, e.column])).toEqual([
      [2, 7],
    ]);
    expect(runtime.parse(source).nodeCount).toBe(runtime.parse(source.slice(1)).nodeCount);
  });
});

describe.each(["pooled", "heap"] as MemoryMode[])(
  "files that start with a byte order mark (%s)",
  (memory) => {
    it("render, import as modules and import in place like files without one", () => {
      const root = project({
        "main.md": `${BOM}\`\`\`xmd\nimport twice from "lib.xmd"\nset data import "data.json"\nset conf import "conf.yaml"\n\`\`\`\n{{ twice(2) }} {{ data.n }} {{ conf.n }}\n<!-- xmd:import "part.md" -->\n`,
        "lib.xmd": `${BOM}export function twice(x)\n  return x * 2\n`,
        "part.md": `${BOM}\`\`\`xmd\nset p "part"\n\`\`\`\n{{ p }}\n`,
        "data.json": `${BOM}{"n": 5}`,
        "conf.yaml": `${BOM}n: 6\n`,
      });
      const output = createRuntime({ memory }).renderFile(join(root, "main.md")).output;
      expect(output).toBe("4 5 6\npart\n");
    });
  },
);
