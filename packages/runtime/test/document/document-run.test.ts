/**
 * What a render takes from its options and its host (`document-run.ts`, `runtime.ts`):
 * the dialect from the path's extension, `<stdin>` for a document without a path,
 * imports resolved from the host's folder then, a part imported in place only when it is
 * markdown or XMD, an import cycle named with its chain, only the variables given as own
 * properties, and the allocation stats a render reports. On a memory host, so every
 * file is the test's own.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryHost, createRuntime, type Runtime, XmdError } from "../../src/browser.js";

const FILES = {
  "/a.xmd": 'import "b.xmd"\nexport set x 1\n',
  "/b.xmd": 'import "a.xmd"\nexport set y 2\n',
  "/data.json": '{"k": 1}',
  "/part.md": "Part {{v}}\n",
};

let runtime: Runtime | null = null;
afterEach(() => {
  runtime?.dispose();
  runtime = null;
});

function make(options: Parameters<typeof createRuntime>[0] = {}): Runtime {
  runtime = createRuntime({ host: createMemoryHost(FILES), ...options });
  return runtime;
}

/** The XmdError a render throws. */
function thrown(render: () => unknown): XmdError {
  try {
    render();
  } catch (e) {
    if (e instanceof XmdError) return e;
    throw e;
  }
  throw new Error("expected an XmdError");
}

describe("a render's dialect", () => {
  it("is native XMD for a path ending .xmd or .xm in any case, markdown for any other or none", () => {
    const rt = make();
    for (const path of ["doc.xmd", "doc.xm", "DOC.XMD", "doc.Xm"]) {
      expect(rt.render("print 1", { path }).output, path).toBe("1\n");
    }
    for (const path of ["doc.md", "doc.txt", "doc", "doc.xmd.md"]) {
      expect(rt.render("print 1", { path }).output, path).toBe("print 1");
    }
    expect(rt.render("print 1").output).toBe("print 1");
    // `lang` says otherwise.
    expect(rt.render("print 1", { path: "doc.md", lang: "xmd" }).output).toBe("1\n");
  });
});

describe("a document without a path", () => {
  it("is <stdin> in its errors, and imports from the host's folder", () => {
    const rt = make();
    const e = thrown(() => rt.render("print y", { lang: "xmd" }));
    expect([e.code, e.file, e.line, e.column]).toEqual(["undefined-name", "<stdin>", 1, 7]);
    expect(rt.render('<!-- xmd:import "part.md" -->', { lang: "md", vars: { v: 7 } }).output).toBe(
      "Part 7\n",
    );
  });
});

describe("imports", () => {
  it("import in place only markdown and XMD files, and say what to use for data", () => {
    const e = thrown(() => make().render('<!-- xmd:import "data.json" -->', { path: "/doc.md" }));
    expect([e.code, e.message, e.hint, e.file, e.line, e.column]).toEqual([
      "file",
      "only .md, .xmd and .xm files can be imported in place, not data.json",
      'use `set data import "file"` for data',
      "/doc.md",
      1,
      10,
    ]);
  });

  it("name a cycle by its chain of files, with what to do about it", () => {
    const e = thrown(() => make().render('import "a.xmd"', { path: "/doc.xmd" }));
    expect([e.code, e.message, e.hint, e.file, e.line]).toEqual([
      "import-cycle",
      "import cycle: a.xmd → b.xmd → a.xmd",
      "break the cycle by moving shared code into a third file",
      "b.xmd",
      1,
    ]);
  });
});

describe("variables given to a render", () => {
  it("are the object's own properties, not those it inherits", () => {
    const rt = make();
    const given = Object.create({ inherited: 1 }) as Record<string, unknown>;
    given.own = 2;
    expect(rt.render("print own", { lang: "xmd", vars: given }).output).toBe("2\n");
    const e = thrown(() => rt.render("print inherited", { lang: "xmd", vars: given }));
    expect([e.code, e.message]).toEqual(["undefined-name", "'inherited' is not defined"]);
  });
});

describe("a render's stats", () => {
  it("say which memory mode ran (pooled unless asked), and its pool share from its counts", () => {
    const source = 'set a [1, 2]\nset b "x" + a.length\nprint a, b';
    const pooled = make().render(source, { lang: "xmd" }).stats;
    expect(pooled.memory).toBe("pooled");
    const { requested, pooled: served, poolShare } = pooled.allocations;
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(requested)).toBeGreaterThan(sum(served));
    expect(served.other).toBe(0);
    expect(poolShare).toBeCloseTo(sum(served) / sum(requested), 12);
    runtime?.dispose();
    const heap = make({ memory: "heap" }).render(source, { lang: "xmd" }).stats;
    expect(heap.memory).toBe("heap");
    expect(heap.allocations.poolShare).toBe(0);
  });
});
