/**
 * A document may not change hidden files or folders under its root (`.git/config`,
 * `.git/hooks/…`, `.envrc`, `.github/workflows/…`): tools run code from them, so writing
 * them would run programs without exec being allowed. Reading them stays allowed.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, type MemoryMode, XmdError } from "../src/index.js";

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

function tree(): string {
  const root = mkdtempSync(join(tmpdir(), "xmd-hidden-"));
  temps.push(root);
  mkdirSync(join(root, ".git/hooks"), { recursive: true });
  mkdirSync(join(root, "docs"));
  writeFileSync(join(root, ".git/config"), "[core]\n");
  writeFileSync(join(root, ".envrc"), "export A=1\n");
  writeFileSync(join(root, "data.json"), '{"a": 1}\n');
  symlinkSync("../.git", join(root, "docs/g"));
  return root;
}

function failure(run: () => unknown): XmdError {
  try {
    run();
  } catch (e) {
    if (e instanceof XmdError) return e;
    throw e;
  }
  throw new Error("expected the document to fail");
}

describe.each(["pooled", "heap"] as MemoryMode[])("hidden files (%s)", (memory) => {
  const cases: [string, string, string][] = [
    ["File.write into .git", 'File.write ".git/config", "[core]\\n fsmonitor = evil"\n', '"write", ".git"'],
    [
      "File.write through a link to .git",
      'File.write "docs/g/hooks/pre-commit", "evil"\n',
      '"write", ".git"',
    ],
    ["a new hidden folder", 'File.write ".github/workflows/x.yml", "evil"\n', '"write", ".github"'],
    ["File.delete of a hidden file", 'File.delete ".envrc"\n', '"delete", ".envrc"'],
    ["put into a hidden data file", 'put ".state.json".a 2\n', '"write", ".state.json"'],
  ];
  for (const [what, source, expected] of cases) {
    const [verb, name] = JSON.parse(`[${expected}]`) as [string, string];
    for (const dryRun of [false, true]) {
      it(`refuses ${what}${dryRun ? " (dry run)" : ""}`, () => {
        const root = tree();
        const path = join(root, "doc.xmd");
        const runtime = createRuntime({ memory, root, dryRun });
        const e = failure(() => runtime.render(source, { path, lang: "xmd" }));
        expect(e.code).toBe("file");
        expect(e.line).toBe(1);
        expect(e.message).toMatch(
          new RegExp(
            `^cannot ${verb} ".+": documents may not change hidden files or folders \\("\\${name}"\\)$`,
          ),
        );
        expect(readFileSync(join(root, ".git/config"), "utf8")).toBe("[core]\n");
        expect(existsSync(join(root, ".envrc"))).toBe(true);
        expect(existsSync(join(root, ".github"))).toBe(false);
        expect(existsSync(join(root, ".git/hooks/pre-commit"))).toBe(false);
        runtime.dispose();
      });
    }
  }

  it("still reads hidden files, and writes ordinary ones", () => {
    const root = tree();
    const runtime = createRuntime({ memory, root });
    const source = 'print File.read ".git/config"\nFile.write "out/a.txt", "ok"\nput "data.json".a 2\n';
    expect(runtime.render(source, { path: join(root, "doc.xmd"), lang: "xmd" }).output).toBe("[core]\n\n");
    expect(readFileSync(join(root, "out/a.txt"), "utf8")).toBe("ok");
    expect(JSON.parse(readFileSync(join(root, "data.json"), "utf8"))).toEqual({ a: 2 });
    runtime.dispose();
  });
});
