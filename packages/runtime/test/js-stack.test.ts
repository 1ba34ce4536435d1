/**
 * When the JavaScript stack runs out before maxCallDepth, the error must say so. Run in
 * a plain Node process: under Vite's module transform (the other tests) a stack overflow
 * can surface as a TypeError inside a module getter instead of the RangeError Node
 * raises, which is not what users run. The process runs the sources as they are now —
 * `src/` turned into JavaScript by TypeScript's transpiler, one file at a time, without
 * type checking — never a `dist/` built earlier, which a change to `src/` would not reach.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(packageDir, "src");
// Inside the package, so that `@xmd/pool` and the other imports resolve as from src/.
const out = join(packageDir, "node_modules", ".cache", `js-stack-src-${process.pid}`);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

beforeAll(() => {
  for (const file of sources(src)) {
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    const target = join(out, relative(src, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(out, "package.json"), '{ "type": "module" }\n');
});

afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

/** Renders each document in both memory modes in a plain Node process; what each threw. */
function renderInNode(documents: Record<string, string>): Record<string, Record<string, Outcome>> {
  const script = `
const { createRuntime } = await import(${JSON.stringify(join(out, "index.js"))});
let input = "";
for await (const chunk of process.stdin) input += chunk;
const documents = JSON.parse(input);
const out = {};
for (const [name, source] of Object.entries(documents)) {
  out[name] = {};
  for (const memory of ["pooled", "heap"]) {
    try {
      createRuntime({ memory, limits: { maxCallDepth: 1e9, maxNestingDepth: 1e9 } }).render(source, { lang: "xmd" });
      out[name][memory] = "no error";
    } catch (e) {
      out[name][memory] = { name: e.name, code: e.code, message: e.message, line: e.line, hint: e.hint };
    }
  }
}
console.log(JSON.stringify(out));
`;
  return JSON.parse(
    execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      input: JSON.stringify(documents),
    }),
  ) as Record<string, Record<string, Outcome>>;
}

interface Outcome {
  name: string;
  code: string;
  message: string;
  line: number;
  hint?: string;
}

describe("the JavaScript stack", () => {
  it("is named, not maxCallDepth, when it runs out first, at the recursive call", () => {
    const out = renderInNode({ recursion: "function f n\n    return f n + 1\nprint f 0\n" });
    for (const memory of ["pooled", "heap"]) {
      const e = out.recursion?.[memory];
      expect(e?.name).toBe("XmdError");
      expect(e?.code).toBe("limit");
      expect(e?.message).toMatch(/the JavaScript stack ran out at \d+ nested calls, before maxCallDepth/);
      expect(e?.line).toBe(2);
    }
  });

  it("is not what stops a long spread or max of a long list: those are no calls at all", () => {
    const out = renderInNode({
      spread:
        "function f x\n    return x\nset a range(200000)\nprint f(...a)\nprint max(...a)\nthrow max(a)\n",
    });
    for (const memory of ["pooled", "heap"]) {
      const e = out.spread?.[memory];
      expect([e?.name, e?.code, e?.message, e?.line]).toEqual(["XmdError", "thrown", "199999", 6]);
    }
  });

  it("is named when it runs out while reading nested code, not an error from the check itself", () => {
    // Parsing templates inside templates recurses through the lexer and the parser; the
    // sources as they are now (nesting.test.ts checks brackets against the built package).
    const depth = 50_000;
    const out = renderInNode({ templates: `print ${"`{{".repeat(depth)}1${"}}`".repeat(depth)}\n` });
    for (const memory of ["pooled", "heap"]) {
      const e = out.templates?.[memory];
      expect(e?.name).toBe("XmdError");
      expect(e?.code).toBe("limit");
      expect(e?.message).toMatch(
        /^code nested too deep: the JavaScript stack ran out at \d+ levels, before maxNestingDepth \(1000000000\)$/,
      );
      expect(e?.hint).toBe(
        "nest less, or render with the xmd command, whose render threads have a larger stack",
      );
      expect(e?.line).toBe(1);
    }
  });
});
