/** Modules, data files and the safety policy, end to end through the runtime. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, formatError, type MemoryMode, type RuntimeOptions, XmdError } from "../src/index.js";

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** Writes files into a fresh folder and returns its path. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "xmd-mod-"));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function renderFileIn(memory: MemoryMode, root: string, file: string, options: RuntimeOptions = {}): string {
  return createRuntime({ memory, checked: true, ...options }).renderFile(join(root, file)).output;
}

function errorOf(fn: () => unknown): XmdError {
  try {
    fn();
  } catch (e) {
    if (e instanceof XmdError) return e;
    throw e;
  }
  throw new Error("expected an XmdError");
}

describe.each(["pooled", "heap"] as MemoryMode[])("modules (%s)", (memory) => {
  it("runs a module once per document run and shares its exports", () => {
    const root = project({
      "lib.xmd": "export set seen []\nexport function add x\n    seen.push x\n",
      "main.xmd": 'set a import "lib.xmd"\nset b import "lib.xmd"\na.add 1\nb.add 2\nprint b.seen\n',
    });
    expect(renderFileIn(memory, root, "main.xmd")).toBe("1, 2\n");
  });

  it("resolves paths relative to the importing file", () => {
    const root = project({
      "sub/mod.xmd": 'set cfg import "cfg.json"\nexport set name cfg.name\n',
      "sub/cfg.json": '{"name": "inner"}',
      "main.xmd": 'import name from "sub/mod.xmd"\nprint name\n',
    });
    expect(renderFileIn(memory, root, "main.xmd")).toBe("inner\n");
  });

  it("imports json/yaml keys by name, with renaming, and bare module names", () => {
    const root = project({
      "config.json": '{"title": "T", "count": 3}',
      "Tasks.xmd": 'export set list "a", "b"\n',
      "main.xmd":
        'import title heading, count from "config.json"\nimport Tasks\nprint heading + count + Tasks.list.length\n',
    });
    expect(renderFileIn(memory, root, "main.xmd")).toBe("T32\n");
  });

  it("names the files of an import cycle", () => {
    const root = project({ "a.xmd": 'import "b.xmd"\n', "b.xmd": 'import "a.xmd"\n' });
    const e = errorOf(() => renderFileIn(memory, root, "a.xmd"));
    expect(e.code).toBe("import-cycle");
    expect(e.message).toBe("import cycle: a.xmd → b.xmd → a.xmd");
    expect(e.file).toBe("b.xmd");
  });

  it("notes every import an error in an imported file came through", () => {
    const root = project({
      "main.md": "# Main\n<!-- xmd:import parts/mid.md -->\n",
      "parts/mid.md": 'text\n```xmd\nset lib import "lib.xmd"\n```\n',
      "parts/lib.xmd": "set a 1\nprint a +\n",
    });
    const e = errorOf(() => renderFileIn(memory, root, "main.md"));
    expect(e.file).toBe("parts/lib.xmd");
    expect(e.line).toBe(2);
    expect(e.importedFrom.map((s) => [s.file.replace(root, "ROOT"), s.line])).toEqual([
      ["parts/mid.md", 3],
      ["ROOT/main.md", 2],
    ]);
    expect(formatError(e)).toMatch(
      /= note: imported from parts\/mid\.md:3:\d+\n {2}= note: imported from .*main\.md:2:\d+$/,
    );
  });

  it("gives the processed text for a classic `set x = import FILE`, and data for data files", () => {
    const root = project({
      "setup.md": "# Setup {{n}}\n",
      "cfg.json": '{"k": 7}',
      "main.md": [
        "<!-- xmd:set n = 5 -->",
        '<!-- xmd:set x = import "setup.md" -->',
        '<!-- xmd:set c = import "cfg.json" -->',
        "[{{x}}] {{c.k}}",
        "",
      ].join("\n"),
    });
    expect(renderFileIn(memory, root, "main.md")).toBe("[# Setup 5\n] 7\n");
  });

  it("counts text captured by a classic import once against the output limit", () => {
    const root = project({
      "part.md": `${"A".repeat(600)}\n`,
      "twice.md":
        '<!-- xmd:set x = import "part.md" -->\n<!-- xmd:set x = import "part.md" -->\nlen {{x.length}}\n',
      "once.md": '<!-- xmd:set x = import "part.md" -->\n{{x}}',
    });
    const limits = { limits: { maxOutputBytes: 1000 } };
    expect(renderFileIn(memory, root, "twice.md", limits)).toBe("len 601\n");
    expect(renderFileIn(memory, root, "once.md", limits)).toBe(`${"A".repeat(600)}\n`);
  });

  it("points an output limit reached in static text at that text, in its own file", () => {
    const root = project({
      "big.md": `${"A".repeat(600)}\n`,
      "d.md": 'Hello\n<!-- xmd:import "big.md" -->\n',
    });
    const e = errorOf(() => renderFileIn(memory, root, "d.md", { limits: { maxOutputBytes: 300 } }));
    expect([e.code, e.file, e.line, e.column]).toEqual(["limit", "big.md", 1, 1]);
    expect(e.importedFrom.map((s) => s.line)).toEqual([2]);
  });

  it("imports a path held in a variable with import (EXPR)", () => {
    const root = project({
      "part.md": "part {{who}}\n",
      "main.md": '<!-- xmd:set f = "part.md" -->\n<!-- xmd:set who = "A" -->\n<!-- xmd:import (f) -->\n',
      "lib.xmd": "export set v 3\n",
      "main.xmd": 'set f "lib.xmd"\nset m import (f)\nprint m.v\n',
    });
    expect(renderFileIn(memory, root, "main.md")).toBe("part A\n");
    expect(renderFileIn(memory, root, "main.xmd")).toBe("3\n");
  });

  it("stops at the first command under exec.stop, where no try can catch it, and records it", () => {
    const root = project({
      "main.md": 'before\n```xmd\ntry\n    set v exec echo fixed\ncatch e\n    set v "caught"\n```\n{{v}}\n',
      "denied.md": "<!-- xmd:exec date -->\n",
    });
    const runtime = createRuntime({ memory, exec: { allow: ["echo"], stop: true } });
    const e = errorOf(() => runtime.renderFile(join(root, "main.md")));
    expect([e.code, e.command, e.line]).toEqual(["exec-stopped", "echo fixed", 4]);
    // A command the list refuses is the same denial a real render gives.
    expect(errorOf(() => runtime.renderFile(join(root, "denied.md"))).code).toBe("exec-denied");
  });

  it("runs cmd EXPR with a computed command line, and a silent command leaves no line", () => {
    const root = project({
      "main.xmd": 'set word "hi"\nset d cmd "echo " + word\nprint d\n',
      "main.md": "x\n```xmd\nexec true\n```\ny\n",
    });
    const exec = { exec: { allow: ["echo", "true"] } };
    expect(renderFileIn(memory, root, "main.xmd", exec)).toBe("hi\n");
    expect(renderFileIn(memory, root, "main.md", exec)).toBe("x\ny\n");
  });

  it("reaches the files beside a document opened through a linked folder", () => {
    const root = project({
      "real/in.txt": "inside",
      "real/part.md": "part\n",
      "real/t.md": '{{File.read "in.txt"}}\n<!-- xmd:import "part.md" -->\n',
    });
    symlinkSync(join(root, "real"), join(root, "link"));
    expect(renderFileIn(memory, root, "link/t.md")).toBe("inside\npart\n");
  });

  it("leaves imports that may not run to the render: under a condition, a loop, a function, a branch", () => {
    const root = project({
      "main.md": [
        '<!-- xmd:if File.exists("local.md") -->',
        '<!-- xmd:import "local.md" -->',
        "<!-- xmd:endif -->",
        "```xmd",
        'if File.exists("opt.json") then set o import "opt.json"',
        "function load",
        '    return import "lazy.json"',
        'set c File.exists("x.json") ? import "x.json" : {}',
        'set d false and import "y.json"',
        "```",
        "",
      ].join("\n"),
    });
    const path = join(root, "main.md");
    expect(createRuntime({ memory }).check(readFileSync(path, "utf8"), { path })).toEqual([]);
    expect(renderFileIn(memory, root, "main.md")).toBe("");
  });

  it("checks written-out import paths without running anything", () => {
    const root = project({
      "ok.json": "{}",
      "main.md": [
        '<!-- xmd:import "gone.md" -->',
        "```xmd",
        'set a import "ok.json"',
        "import Nope",
        'set b import "../outside.json"',
        'set c import ("dyn" + ".json")',
        'exec echo "not run"',
        "```",
        "",
      ].join("\n"),
    });
    const path = join(root, "main.md");
    const errors = createRuntime({ memory }).check(readFileSync(path, "utf8"), { path });
    expect(
      createRuntime({ memory })
        .checkFile(path)
        .map((e) => e.message),
    ).toEqual(errors.map((e) => e.message));
    expect(createRuntime({ memory }).checkFile(join(root, "gone.md"))[0]?.message).toMatch(
      /^cannot read ".*gone\.md": no such file$/,
    );
    expect(errors.map((e) => [e.code, e.line, e.message])).toEqual([
      ["file", 1, 'cannot import "gone.md": there is no such file'],
      [
        "file",
        4,
        'cannot import "Nope": there is no Nope.xmd, Nope.xm, Nope.md, Nope.json, Nope.yaml or Nope.yml',
      ],
      ["outside-root", 5, expect.stringMatching(/outside the root/)],
    ]);
  });

  it("stops a document that imports itself in place", () => {
    const root = project({ "self.md": "x\n<!-- xmd:import self.md -->\n" });
    expect(errorOf(() => renderFileIn(memory, root, "self.md")).message).toMatch(
      /import cycle: self\.md → self\.md/,
    );
  });

  it("reports a missing export with the importing line", () => {
    const root = project({ "lib.xmd": "export set a 1\n", "main.xmd": 'set x 1\nimport b from "lib.xmd"\n' });
    const e = errorOf(() => renderFileIn(memory, root, "main.xmd"));
    expect([e.message, e.line]).toEqual(["'b' is not exported by lib.xmd", 2]);
  });

  it("follows data links with get and writes with put", () => {
    const root = project({
      "people.json": '{"alice": {"name": "Alice", "team": "@ teams.yaml platform"}}',
      "teams.yaml": "platform:\n  lead: Binh\n",
      "main.xmd":
        'print get "people.json".alice.team.lead\nput "state.json".build.ok true\nprint get "state.json".build.ok\n',
    });
    expect(renderFileIn(memory, root, "main.xmd")).toBe("Binh\ntrue\n");
    expect(JSON.parse(readFileSync(join(root, "state.json"), "utf8"))).toEqual({ build: { ok: true } });
  });
});

describe.each(["pooled", "heap"] as MemoryMode[])("safety (%s)", (memory) => {
  it("keeps imports, File and get inside the root", () => {
    const root = project({ "doc/main.md": "x\n", "secret.txt": "s" });
    for (const src of [
      '<!-- xmd:import "../secret.txt" -->',
      '<!-- xmd print File.read("../secret.txt") -->',
      '<!-- xmd print File.read("/etc/hostname") -->',
    ]) {
      writeFileSync(join(root, "doc/main.md"), `${src}\n`);
      const e = errorOf(() => renderFileIn(memory, root, "doc/main.md"));
      expect(e.code).toBe("outside-root");
      expect(e.message).toMatch(/outside the root/);
      expect(e.line).toBe(1);
    }
  });

  it("refuses a symlink that leaves the root", () => {
    const outside = project({ "data.json": '{"k": 1}' });
    const root = project({ "main.xmd": 'set d import "link/data.json"\nprint d.k\n' });
    symlinkSync(outside, join(root, "link"));
    expect(errorOf(() => renderFileIn(memory, root, "main.xmd")).code).toBe("outside-root");
    // With the root widened to include the target, the same document works.
    expect(renderFileIn(memory, root, "main.xmd", { root: "/" })).toBe("1\n");
  });

  it("denies exec by default and names the flag that allows it", () => {
    const root = project({ "main.md": "<!-- xmd:exec echo hi -->\n" });
    const e = errorOf(() => renderFileIn(memory, root, "main.md"));
    expect(e.code).toBe("exec-denied");
    expect(`${e.message} ${e.hint}`).toMatch(/--allow-exec/);
  });

  it("refuses shell syntax without shell mode, and runs nothing", () => {
    const root = project({ "main.md": "<!-- xmd:exec echo a; touch pwned -->\n" });
    expect(() => renderFileIn(memory, root, "main.md", { exec: { allow: ["echo"] } })).toThrow(
      /shell syntax \(';'\)/,
    );
    expect(() => readFileSync(join(root, "pwned"))).toThrow(/ENOENT/);
    // Quoted, the same text is an argument.
    const quoted = project({ "main.md": "<!-- xmd:exec echo 'a; touch pwned' -->\n" });
    expect(renderFileIn(memory, quoted, "main.md", { exec: { allow: ["echo"] } })).toBe("a; touch pwned\n");
  });

  it("records what made the output depend on more than the inputs", () => {
    const root = project({ "main.md": "<!-- xmd:exec echo hi -->\n{{Date.now().year}}\n" });
    const result = createRuntime({ memory, exec: { allow: true } }).renderFile(join(root, "main.md"));
    expect(result.nondeterminism.exec).toEqual(["echo hi"]);
    expect(result.nondeterminism.clock).toBe(true);
    const fixed = createRuntime({ memory, exec: { allow: true }, now: 0 }).renderFile(join(root, "main.md"));
    expect(fixed.nondeterminism.clock).toBe(false);
    expect(fixed.output).toBe("hi\n1970\n");
  });

  it("lists the files a render read", () => {
    const root = project({ "d.json": "{}", "main.md": '<!-- xmd:set d = import "d.json" -->\n' });
    const result = createRuntime({ memory }).renderFile(join(root, "main.md"));
    expect(result.dependencies).toEqual([join(root, "d.json")]);
  });
});
