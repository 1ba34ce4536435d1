import { describe, expect, it } from "vitest";
import { renderIn, renderState } from "../src/engine.js";
import { EXAMPLES, exampleState } from "../src/examples.js";
import { DEFAULT_OPTIONS, type PlaygroundState } from "../src/state.js";

const doc = (document: string, files: PlaygroundState["files"] = [], options = {}): PlaygroundState => ({
  document,
  files,
  options: { ...DEFAULT_OPTIONS, ...options },
});

describe("the examples", () => {
  it.each(EXAMPLES.map((e) => [e.id, e] as const))(
    "%s renders without an error in both modes",
    (_, example) => {
      const { primary, other } = renderState(example.state);
      expect(primary.diagnostics).toEqual([]);
      expect(other.diagnostics).toEqual([]);
      expect(primary.output).toBe(other.output);
      expect(primary.output).not.toMatch(/\{\{|<!-- xmd/);
      expect(primary.stats?.allocations.poolShare).toBeGreaterThan(0);
      expect(other.stats?.allocations.poolShare).toBe(0);
    },
  );

  it("gives what each example promises", () => {
    const out = (id: string) => renderState(exampleState(id)!).primary.output;
    expect(out("readme")).toContain("npm install tinyqueue@3.1.0");
    expect(out("readme")).not.toContain("title: tinyqueue");
    expect(out("table")).toContain("| Fountain pen ⚠️ | 25 | 3 | 75 |");
    expect(out("table")).toContain("| **Total** | | **170** | **565** |");
    expect(out("dashboard")).toContain("**2 of 3 services up.**");
    expect(out("dashboard")).toContain("- ✖ **search**, p95 900 ms, owner Minh");
    expect(out("classic")).toContain("Deploying to **staging**.");
    expect(out("classic")).toContain("ping 3");
  });

  it("are copies: editing one leaves the menu's as it was", () => {
    const copy = exampleState("table")!;
    copy.files[0]!.content = "changed";
    copy.options.memory = "heap";
    expect(exampleState("table")!.files[0]!.content).not.toBe("changed");
    expect(exampleState("table")!.options.memory).toBe("pooled");
    expect(exampleState("nope")).toBeNull();
  });

  it("classic turns strict into an error at the undefined name", () => {
    const state = exampleState("classic")!;
    state.options.strict = true;
    const { primary } = renderState(state);
    expect(primary.output).toBeNull();
    expect(primary.diagnostics).toMatchObject([
      { file: "index.md", code: "undefined-name", line: 27, column: 13 },
    ]);
  });
});

describe("rendering in memory", () => {
  it("renders in the chosen mode first, with the other beside it", () => {
    const { primary, other } = renderState(doc("{{1 + 1}}", [], { memory: "heap" }));
    expect(primary.memory).toBe("heap");
    expect(other.memory).toBe("pooled");
    expect(primary.output).toBe("2");
    expect(primary.stats?.memory).toBe("heap");
    expect(other.stats?.intern?.distinct).toBeGreaterThanOrEqual(0);
  });

  it("imports data files and parts from the extra files, relative to the document", () => {
    const run = renderIn(
      doc('<!-- xmd\nset d import "data/x.yaml"\n-->\n<!-- xmd:import "parts/p.md" -->\n', [
        { name: "data/x.yaml", content: "n: 7\n" },
        { name: "parts/p.md", content: "n is {{d.n}}\n" },
      ]),
      "pooled",
    );
    expect(run.diagnostics).toEqual([]);
    expect(run.output).toBe("n is 7\n");
  });

  it("says which file is missing", () => {
    const run = renderIn(doc('<!-- xmd\nset d import "gone.yaml"\n-->\n'), "pooled");
    expect(run.output).toBeNull();
    expect(run.diagnostics).toHaveLength(1);
    expect(run.diagnostics[0]).toMatchObject({ file: "index.md", line: 2, code: "file" });
  });

  it("lists every syntax error of the document, each at its line and column", () => {
    const run = renderIn(
      doc("# T\n\n<!-- xmd\nset a 1\nset b (a +\nset c [1, 2\n-->\n{{ 1 + }}\n"),
      "pooled",
    );
    expect(run.output).toBeNull();
    expect(run.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ["syntax", 6, 1],
      ["syntax", 8, 8],
    ]);
    expect(run.diagnostics[0]!.frame).toContain("set c [1, 2");
  });

  it("places an error in an imported part in that part, noting the import", () => {
    const run = renderIn(
      doc("A\n<!-- xmd:import part.md -->\n", [{ name: "part.md", content: "ok\n{{ nope }}\n" }]),
      "pooled",
    );
    expect(run.diagnostics).toMatchObject([
      { file: "part.md", line: 2, column: 4, code: "undefined-name", importedFrom: ["index.md:2:10"] },
    ]);
    expect(run.diagnostics[0]!.help).toContain("nope");
  });

  it("stops a runaway document at the playground's limits, naming the limit", () => {
    const run = renderIn(doc("<!-- xmd\nset n 0\nwhile true\n    set n n + 1\n-->\n"), "pooled");
    expect(run.output).toBeNull();
    expect(run.diagnostics).toMatchObject([{ code: "limit" }]);
    expect(run.diagnostics[0]!.message).toMatch(/200000|200 000|200,000|iterations/);
  });

  it("refuses to run programs, with the runtime's exec-denied error", () => {
    const run = renderIn(doc('<!-- xmd\nprint exec "date"\n-->\n'), "pooled");
    expect(run.output).toBeNull();
    expect(run.diagnostics).toMatchObject([{ code: "exec-denied", line: 2 }]);
  });

  it("lets a document write files within its own render only", () => {
    const state = doc('<!-- xmd\nFile.write "out.txt" "hi"\nprint File.read "out.txt"\n-->\n');
    expect(renderIn(state, "pooled").output).toBe("hi\n");
    expect(state.files).toEqual([]);
    expect(renderIn(doc('{{File.exists "out.txt"}}'), "pooled").output).toBe("false");
  });

  it("passes strict and front matter to the runtime", () => {
    const fm = "---\ntitle: T\n---\n# {{title}}\n";
    expect(renderIn(doc(fm), "pooled").output).toBe(fm.replace("{{title}}", "T"));
    expect(renderIn(doc(fm, [], { frontMatter: "strip" }), "pooled").output).toBe("# T\n");
    const classic = "<!-- xmd:if missing -->\nyes\n<!-- xmd:endif -->\nend\n";
    expect(renderIn(doc(classic), "pooled").output).toBe("end\n");
    expect(renderIn(doc(classic, [], { strict: true }), "pooled").diagnostics[0]?.code).toBe(
      "undefined-name",
    );
  });
});
