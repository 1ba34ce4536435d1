/**
 * Functions against a reference interpreter: random functions of up to three parameters,
 * whose bodies set locals, branch, loop and return (a value, or nothing) from any depth,
 * and call the functions declared before them; called with fewer arguments than they
 * have parameters (the rest are null), as many, or more (the extra are ignored). Rendered
 * in both memory modes, they must print what the language reference's rules give.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { render } from "./support/render.js";
import { runs } from "./support/scale.js";

/** A number read in a body: a parameter (null counts as 0), a local, a literal, or a call of an earlier function. */
type Operand =
  | { param: number }
  | { local: number }
  | { loop: number }
  | { value: number }
  | { call: number; args: number[] };
type Stmt =
  | { kind: "set"; local: number; left: Operand; op: "+" | "-"; right: Operand }
  | { kind: "if"; left: Operand; op: "<" | ">" | "="; right: Operand; body: Stmt[] }
  | { kind: "for"; from: number; to: number; body: Stmt[] }
  | { kind: "return"; value: Operand | null };
interface Fn {
  params: number;
  body: Stmt[];
}

/** Function `index`'s body: calls only functions before it, so every call ends. */
function body(index: number, depth: number, loops: number): fc.Arbitrary<Stmt[]> {
  const operand: fc.Arbitrary<Operand> = fc.oneof(
    fc.integer({ min: 0, max: 2 }).map((param) => ({ param })),
    fc.integer({ min: 0, max: 1 }).map((local) => ({ local })),
    fc.integer({ min: -3, max: 5 }).map((value) => ({ value })),
    ...(loops > 0 ? [fc.integer({ min: 0, max: loops - 1 }).map((loop) => ({ loop }))] : []),
    ...(index > 0
      ? [
          fc.record({
            call: fc.integer({ min: 0, max: index - 1 }),
            args: fc.array(fc.integer({ min: -3, max: 5 }), { maxLength: 4 }),
          }),
        ]
      : []),
  );
  const simple: fc.Arbitrary<Stmt>[] = [
    fc.record({
      kind: fc.constant("set" as const),
      local: fc.integer({ min: 0, max: 1 }),
      left: operand,
      op: fc.constantFrom("+" as const, "-" as const),
      right: operand,
    }),
    fc.record({ kind: fc.constant("return" as const), value: fc.option(operand, { nil: null }) }),
  ];
  const nested: fc.Arbitrary<Stmt>[] =
    depth >= 2
      ? []
      : [
          fc.record({
            kind: fc.constant("if" as const),
            left: operand,
            op: fc.constantFrom("<" as const, ">" as const, "=" as const),
            right: operand,
            body: body(index, depth + 1, loops),
          }),
          fc.record({
            kind: fc.constant("for" as const),
            from: fc.integer({ min: 0, max: 3 }),
            to: fc.integer({ min: 0, max: 3 }),
            body: body(index, depth + 1, loops + 1),
          }),
        ];
  return fc.array(
    fc.oneof(
      { weight: 3, arbitrary: fc.oneof(...simple) },
      ...nested.map((n) => ({ weight: 1, arbitrary: n })),
    ),
    {
      minLength: 1,
      maxLength: 4,
    },
  );
}

const functions = fc
  .tuple(
    ...[0, 1, 2].map((index) =>
      fc.record({ params: fc.integer({ min: 0, max: 3 }), body: body(index, 0, 0) }),
    ),
  )
  .map((fns) => fns as Fn[]);
const calls = fc.array(
  fc.record({
    fn: fc.integer({ min: 0, max: 2 }),
    args: fc.array(fc.integer({ min: -3, max: 5 }), { maxLength: 4 }),
  }),
  { minLength: 1, maxLength: 4 },
);

function operandText(o: Operand): string {
  if ("param" in o) return `(p${o.param} or 0)`;
  if ("local" in o) return `l${o.local}`;
  if ("loop" in o) return `i${o.loop}`;
  if ("value" in o) return String(o.value);
  return `(f${o.call}(${o.args.join(", ")}) or 0)`;
}

/** The functions as XMD. A body may read p0 … p2: those past the function's parameters are set to null first. */
function write(fns: Fn[]): string {
  const out: string[] = [];
  const block = (stmts: Stmt[], pad: string, loops: number) => {
    for (const s of stmts) {
      switch (s.kind) {
        case "set":
          out.push(`${pad}set l${s.local} = ${operandText(s.left)} ${s.op} ${operandText(s.right)}`);
          break;
        case "return":
          out.push(s.value === null ? `${pad}return` : `${pad}return ${operandText(s.value)}`);
          break;
        case "if":
          out.push(`${pad}if ${operandText(s.left)} ${s.op} ${operandText(s.right)}`);
          block(s.body, `${pad}    `, loops);
          break;
        case "for":
          out.push(`${pad}for i${loops} in ${s.from} .. ${s.to}`);
          block(s.body, `${pad}    `, loops + 1);
          break;
      }
    }
  };
  fns.forEach((fn, i) => {
    const params = Array.from({ length: fn.params }, (_, k) => `p${k}`);
    out.push(`function f${i}${params.length > 0 ? ` ${params.join(" ")}` : ""}`);
    for (let k = fn.params; k < 3; k++) out.push(`    set p${k} = null`);
    out.push("    set l0 = 0", "    set l1 = 0");
    block(fn.body, "    ", 0);
  });
  return out.join("\n");
}

class Return {
  constructor(readonly value: number | null) {}
}

/** What calling function `index` with `args` returns, by the reference's rules. */
function call(fns: Fn[], index: number, args: number[]): number | null {
  const fn = fns[index] as Fn;
  // A missing argument is null; extra arguments are ignored.
  const params = [0, 1, 2].map((k) => (k < fn.params ? (args[k] ?? null) : null));
  const locals = [0, 0];
  const loopVars: number[] = [];
  const value = (o: Operand): number => {
    if ("param" in o) return params[o.param] || 0;
    if ("local" in o) return locals[o.local] as number;
    if ("loop" in o) return loopVars[o.loop] as number;
    if ("value" in o) return o.value;
    return call(fns, o.call, o.args) || 0;
  };
  const exec = (stmts: Stmt[], loops: number): void => {
    for (const s of stmts) {
      switch (s.kind) {
        case "set": {
          const [l, r] = [value(s.left), value(s.right)];
          locals[s.local] = s.op === "+" ? l + r : l - r;
          break;
        }
        case "return":
          throw new Return(s.value === null ? null : value(s.value));
        case "if": {
          const [l, r] = [value(s.left), value(s.right)];
          if (s.op === "<" ? l < r : s.op === ">" ? l > r : l === r) exec(s.body, loops);
          break;
        }
        case "for": {
          const step = s.from <= s.to ? 1 : -1;
          for (let i = s.from; step > 0 ? i <= s.to : i >= s.to; i += step) {
            loopVars[loops] = i;
            exec(s.body, loops + 1);
          }
          break;
        }
      }
    }
  };
  try {
    exec(fn.body, 0);
  } catch (e) {
    if (e instanceof Return) return e.value;
    throw e;
  }
  return null;
}

describe("functions against a reference interpreter", () => {
  it("return what the reference's rules give, for any number of arguments", () => {
    fc.assert(
      fc.property(functions, calls, (fns, cs) => {
        const source = `${write(fns)}\n${cs.map((c) => `print json.stringify([f${c.fn}(${c.args.join(", ")})])`).join("\n")}\n`;
        const expected = cs.map((c) => `${JSON.stringify([call(fns, c.fn, c.args)])}\n`).join("");
        expect(render(source, "xmd"), source).toBe(expected);
      }),
      { numRuns: runs(300) },
    );
  });
});
