/**
 * The C tool's forms (issue 16): `@import(path)`, `set("name", value)`, functions spanning
 * classic directives, `end` as a classic variable name, the line an import alone on its
 * line ends, and the warnings `check()` gives for names never set.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, type MemoryMode, type RuntimeOptions, XmdError } from "../src/index.js";
import { splitMarkdown, splitXmdFile } from "../src/markdown/split.js";

const MODES: MemoryMode[] = ["pooled", "heap"];
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Writes files into a fresh folder and returns its path. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "xmd-c-era-"));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** Renders `doc.md` of a project in both memory modes, by string and by bytes; they must agree. */
function render(files: Record<string, string>, options: RuntimeOptions = {}): string {
  const root = project(files);
  const outputs = MODES.flatMap((memory) => {
    const rt = createRuntime({ memory, checked: true, ...options });
    try {
      const path = join(root, "doc.md");
      const text = rt.renderFile(path).output;
      const bytes = new TextDecoder().decode(rt.renderBytes(files["doc.md"] as string, { path }).output);
      return [text, bytes];
    } finally {
      rt.dispose();
    }
  });
  for (const o of outputs) expect(o).toBe(outputs[0]);
  return outputs[0] as string;
}

function failure(files: Record<string, string>, options: RuntimeOptions = {}): XmdError {
  const root = project(files);
  try {
    createRuntime({ checked: true, ...options }).renderFile(join(root, "doc.md"));
  } catch (e) {
    if (e instanceof XmdError) return e;
    throw e;
  }
  throw new Error("expected the render to fail");
}

describe("@import(path)", () => {
  const codes = (text: string) =>
    splitMarkdown(text).flatMap((p) =>
      p.kind === "code" ? [[p.origin, p.placement, text.slice(p.codeStart, p.codeEnd)]] : [],
    );

  it("is a piece at a line's start or after a blank, closed on its line", () => {
    expect(codes("@import(a.md)\n")).toEqual([["at-import", "block", "a.md"]]);
    expect(codes("  @import('a.md')  \n")).toEqual([["at-import", "block", "a.md"]]);
    expect(codes('see @import("a b.md") here\n')).toEqual([["at-import", "inline", "a b.md"]]);
    expect(codes("x\n\t@import(a.md) y")).toEqual([["at-import", "inline", "a.md"]]);
  });

  it("is text mid-word, unclosed on its line, in code spans and fences, and in a .xmd file", () => {
    expect(codes("mail@import(a.md)\n")).toEqual([]);
    expect(codes("@import(a.md\n)\n")).toEqual([]);
    expect(codes("`@import(a.md)`\n")).toEqual([]);
    expect(codes("```\n@import(a.md)\n```\n")).toEqual([]);
    expect(codes("~~~md\n@import(a.md)\n~~~\n")).toEqual([]);
    expect(
      splitXmdFile('print "x"\n```markdown\n@import(a.md)\n```\n').filter((p) => p.kind === "code"),
    ).toHaveLength(1);
  });

  it("imports the part in place, sharing variables, under the root and cycle rules", () => {
    const files = {
      "doc.md": '<!-- xmd:set who = "Ann" -->\n# Team\n@import(parts/a.md)\nafter: {{n}}\n',
      "parts/a.md": "<!-- xmd:set n = 2 -->\nHi {{who}}",
    };
    expect(render(files)).toBe("# Team\nHi Ann\nafter: 2\n");
    expect(failure({ "doc.md": "@import(../x.md)\n" }).code).toBe("outside-root");
    const cycle = failure({ "doc.md": "a\n@import(b.md)\n", "b.md": "@import(doc.md)\n" });
    expect(cycle.code).toBe("import-cycle");
    expect(cycle.message).toContain("doc.md → b.md → doc.md");
    const none = failure({ "doc.md": "@import(none.md)\n" });
    expect([none.code, none.message]).toEqual([
      "file",
      'cannot import "none.md": there is no such file in the document\'s folder or from the root',
    ]);
    expect(none.hint).toContain("where the C tool read it from the folder it ran in");
  });

  it("looks for a path that names no file beside the document from the root, as the C tool's tests expect", () => {
    const root = project({
      "nested/a.md": "@import(nested/b.md)\nA\n",
      "nested/b.md": "B\n",
      "b.md": "top B\n",
    });
    const rt = createRuntime({ root });
    expect(rt.renderFile(join(root, "nested/a.md")).output).toBe("B\nA\n");
    // Beside the document first: `@import(b.md)` in nested/ is nested/b.md, not the root's.
    writeFileSync(join(root, "nested/c.md"), "@import(b.md)\n");
    expect(rt.renderFile(join(root, "nested/c.md")).output).toBe("B\n");
    expect(rt.check("@import(nested/b.md)\n", { path: join(root, "nested/a.md") })).toEqual([]);
    // The classic directive keeps the one rule of imports: beside the document.
    expect(() => rt.render("<!-- xmd:import nested/b.md -->\n", { path: join(root, "nested/a.md") })).toThrow(
      /cannot read "nested\/nested\/b\.md"|no such file/,
    );
  });

  it("is checked like an import: a missing part is a check error at its line", () => {
    const root = project({ "doc.md": "# T\n\n@import(gone.md)\n" });
    const errors = createRuntime().check("# T\n\n@import(gone.md)\n", { path: join(root, "doc.md") });
    expect(errors.map((e) => [e.code, e.line, e.severity])).toEqual([["file", 3, "error"]]);
  });
});

describe("a comment without the colon that only imports a markdown file", () => {
  const part = { "p.md": "<!-- xmd:export set x 5 -->\nPART\n", "p.md.txt": "T\n", "P.MD": "UP\n" };
  const page = (comment: string, after = "B") => ({
    "doc.md": `A\n<!-- xmd ${comment} -->\n${after}\n`,
    ...part,
  });

  it("inserts the part in place, whatever the case of its extension", () => {
    expect(render(page('import "p.md"'))).toBe("A\nPART\nB\n");
    expect(render(page("import p.md"))).toBe("A\nPART\nB\n");
    expect(render(page('import "P.MD"'))).toBe("A\nUP\nB\n");
  });

  it("is native code when it takes names, has a second line, names no .md file or does not import", () => {
    expect(render(page('import x from "p.md"', "{{x}}"))).toBe("A\n5\n");
    expect(render(page('import "p.md"\nprint p.x', "B"))).toBe("A\n5\nB\n");
    expect(render(page("import p", "{{p.x}}"))).toBe("A\n5\n");
    expect(render(page('print "p.md"'))).toBe("A\np.md\nB\n");
    expect(failure(page('import "p.md.txt"')).message).toBe("cannot make a variable name from 'p.md.txt'");
  });
});

describe("an import alone on its line ends the line", () => {
  it("adds a line break to a part without one, and only then", () => {
    const doc = "A\n\n<!-- xmd:import p.md -->\n\nB\n";
    expect(render({ "doc.md": doc, "p.md": "PART" })).toBe("A\n\nPART\n\nB\n");
    expect(render({ "doc.md": doc, "p.md": "PART\n" })).toBe("A\n\nPART\n\nB\n");
    expect(render({ "doc.md": doc, "p.md": "" })).toBe("A\n\nB\n");
  });

  it("leaves an import inside a line, and a captured import, as they are", () => {
    expect(render({ "doc.md": "x <!-- xmd:import p.md --> y\n", "p.md": "P" })).toBe("x P y\n");
    expect(render({ "doc.md": '<!-- xmd:set t = import "p.md" -->\n[{{t}}]\n', "p.md": "P" })).toBe("[P]\n");
  });

  it("streams the same bytes with renderTo", () => {
    const root = project({ "doc.md": "<!-- xmd:import p.md -->\nZ\n", "p.md": "P" });
    const chunks: string[] = [];
    createRuntime().renderTo(
      "<!-- xmd:import p.md -->\nZ\n",
      (b) => chunks.push(new TextDecoder().decode(b)),
      {
        path: join(root, "doc.md"),
      },
    );
    expect(chunks.join("")).toBe("P\nZ\n");
  });
});

describe("exec off in shell mode", () => {
  it("names every program of the pipeline, and the flag that allows them all", () => {
    const e = failure(
      { "doc.md": "<!-- xmd:exec echo hi | tr a-z A-Z -->\n" },
      { exec: { allow: false, shell: true } },
    );
    expect([e.code, e.message, e.hint]).toEqual([
      "exec-denied",
      "exec is disabled: the document wants to run programs 'echo', 'tr'",
      "run with --allow-exec=echo,tr (or --allow-exec for every command)",
    ]);
  });
});

describe('set("name", value)', () => {
  it("sets a variable and writes nothing, in {{ }} and in code", () => {
    expect(
      render({ "doc.md": '{{set("a", 2)}}{{a * 3}}\n```xmd\nprint(set("b", a + 1) + "|" + b)\n```\n' }),
    ).toBe("6\n|3\n");
  });

  it("is an argument of a call written without parentheses", () => {
    // `print set(...)` once read `print` alone and refused the rest; `set (` with a space stays the statement.
    expect(render({ "doc.md": '```xmd\nprint set("a", 1)\nprint a + 1\n```\n' })).toBe("\n2\n");
    expect(failure({ "doc.md": '```xmd\nprint set ("a", 1)\n```\n' }).message).toContain(
      "found the keyword 'set'",
    );
  });

  it("takes the name as a quoted string that is a name", () => {
    const unquoted = failure({ "doc.md": "{{set(a, 1)}}\n" });
    expect(unquoted.code).toBe("syntax");
    expect(unquoted.message).toContain("the variable's name in quotes");
    expect(failure({ "doc.md": '{{set("a b", 1)}}\n' }).message).toBe("'a b' cannot be a variable name");
    expect(failure({ "doc.md": "{{set}}\n" }).message).toContain(
      "expected an expression but found the keyword 'set'",
    );
  });
});

describe("classic functions spanning directives", () => {
  it("declare a function whose body is the directives and text up to endfunction", () => {
    const doc = [
      "{{twice(4)}} {{hello()}}",
      "<!-- xmd:function twice(x) -->",
      "<!-- xmd:return x * 2 -->",
      "<!-- xmd:endfunction -->",
      "<!-- xmd:function hello -->",
      "(said hello)",
      '<!-- xmd:return "hi" -->',
      "<!-- xmd:endfunction -->",
      "",
    ].join("\n");
    expect(render({ "doc.md": doc })).toBe("8 (said hello)\nhi\n");
  });

  it("report a missing or stray endfunction and return outside one", () => {
    expect(failure({ "doc.md": "<!-- xmd:function f(x) -->\nx\n" }).message).toBe(
      "this <!-- xmd:function --> is never closed",
    );
    expect(failure({ "doc.md": "<!-- xmd:endfunction -->\n" }).message).toBe(
      "<!-- xmd:endfunction --> without an open <!-- xmd:function -->",
    );
    expect(failure({ "doc.md": "<!-- xmd:return 1 -->\n" }).message).toBe(
      "'return' is only allowed inside a function",
    );
  });

  it("leave native functions in comments and fences as they were", () => {
    expect(render({ "doc.md": "```xmd\nfunction f x\n    return x + 1\nprint f(1)\n```\n" })).toBe("2\n");
  });
});

describe("end as a classic variable name", () => {
  it("is a name in a classic set and expression, and still closes a span alone", () => {
    const doc =
      "<!-- xmd:set end=3 -->\n<!-- xmd:for i in 2..end -->\n{{i}}\n<!-- xmd:end -->\n<!-- xmd:print end -->\n";
    expect(render({ "doc.md": doc })).toBe("2\n3\n3\n");
  });

  it("stays a keyword in native code", () => {
    expect(failure({ "doc.md": "```xmd\nset end 3\n```\n" }).code).toBe("syntax");
  });
});

describe("check() warns about names never set", () => {
  const check = (text: string, options: Parameters<ReturnType<typeof createRuntime>["check"]>[1] = {}) =>
    createRuntime()
      .check(text, options)
      .map((e) => [e.severity, e.code, e.line, e.column, e.message]);

  it("once per name, at its first use, in either dialect", () => {
    expect(check("{{totl}} {{totl}}\n<!-- xmd:if draft -->\nx\n<!-- xmd:endif -->\n")).toEqual([
      ["warning", "undefined-name", 1, 3, "'totl' is never set in this document"],
      ["warning", "undefined-name", 2, 13, "'draft' is never set in this document"],
    ]);
  });

  it("not for names set anywhere, passed in, in front matter, builtins or parameters", () => {
    const doc =
      "---\ntitle: T\n---\n{{title}} {{later}} {{v}} {{len([1])}}\n<!-- xmd:set later = 1 -->\n```xmd\nfunction f x\n    return x\n```\n";
    expect(check(doc, { vars: { v: 1 } })).toEqual([]);
  });

  it("say what a render would do, and mention parts imported in place", () => {
    const [strictUse] = createRuntime().check("{{nope}}\n");
    expect(strictUse?.hint).toContain("rendering stops with an undefined-name error here");
    const classicUse = createRuntime()
      .check("<!-- xmd:import p.md -->\n<!-- xmd:if nope -->\n<!-- xmd:endif -->\n")
      .find((e) => e.severity === "warning");
    expect(classicUse?.hint).toContain("unless an imported part sets it");
    expect(classicUse?.hint).toContain("a classic directive reads it as null");
  });

  it("give the whole hint: without parts imported in place, and in a strict run", () => {
    const hintOf = (text: string, options: RuntimeOptions = {}) =>
      createRuntime(options)
        .check(text)
        .find((e) => e.severity === "warning")?.hint;
    expect(hintOf("<!-- xmd:if nope -->\n<!-- xmd:endif -->\n")).toBe(
      "set it first (set nope …) or pass it (-v nope=…); a classic directive reads it as null",
    );
    expect(hintOf("<!-- xmd:if nope -->\n<!-- xmd:endif -->\n", { strict: true })).toBe(
      "set it first (set nope …) or pass it (-v nope=…); rendering stops with an undefined-name error here",
    );
  });
});
