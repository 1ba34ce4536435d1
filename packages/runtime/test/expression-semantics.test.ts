/**
 * Expressions against a reference: random trees of numbers and truth values (arithmetic,
 * comparisons, `and`/`or`/`not`, `? :`, negation) are written out with only the
 * parentheses the language reference's precedence table needs, rendered, and compared
 * with the tree evaluated in JavaScript by the reference's rules. So the lexer, the
 * parser's precedence and associativity, the resolver and the compiled code are checked
 * together, in both memory modes, as a statement and inside `{{ }}`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { render } from "./support/render.js";

type Num =
  | { kind: "lit"; value: number }
  | { kind: "neg"; arg: Num }
  | { kind: "arith"; op: "+" | "-" | "*" | "/" | "%"; left: Num; right: Num }
  | { kind: "if"; cond: Bool; yes: Num; no: Num };
type Bool =
  | { kind: "bool"; value: boolean }
  | { kind: "cmp"; op: "<" | "<=" | ">" | ">="; left: Num; right: Num }
  | { kind: "eq"; op: "=" | "==" | "!="; left: Num; right: Num }
  | { kind: "beq"; op: "=" | "!="; left: Bool; right: Bool }
  | { kind: "logic"; op: "and" | "or" | "&&" | "||"; left: Bool; right: Bool }
  | { kind: "not"; op: "not" | "!"; arg: Bool }
  | { kind: "bif"; cond: Bool; yes: Bool; no: Bool };
type Expr = Num | Bool;

const trees = fc.letrec<{ num: Num; bool: Bool }>((tie) => ({
  num: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc
      .oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom(0.5, 2.5, 10, 100))
      .map((value) => ({ kind: "lit" as const, value })),
    tie("num").map((arg) => ({ kind: "neg" as const, arg })),
    fc
      .record({
        op: fc.constantFrom("+" as const, "-" as const, "*" as const, "/" as const, "%" as const),
        left: tie("num"),
        right: tie("num"),
      })
      .map((r) => ({ kind: "arith" as const, ...r })),
    fc
      .record({ cond: tie("bool"), yes: tie("num"), no: tie("num") })
      .map((r) => ({ kind: "if" as const, ...r })),
  ),
  bool: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.boolean().map((value) => ({ kind: "bool" as const, value })),
    fc
      .record({
        op: fc.constantFrom("<" as const, "<=" as const, ">" as const, ">=" as const),
        left: tie("num"),
        right: tie("num"),
      })
      .map((r) => ({ kind: "cmp" as const, ...r })),
    fc
      .record({
        op: fc.constantFrom("=" as const, "==" as const, "!=" as const),
        left: tie("num"),
        right: tie("num"),
      })
      .map((r) => ({ kind: "eq" as const, ...r })),
    fc
      .record({ op: fc.constantFrom("=" as const, "!=" as const), left: tie("bool"), right: tie("bool") })
      .map((r) => ({ kind: "beq" as const, ...r })),
    fc
      .record({
        op: fc.constantFrom("and" as const, "or" as const, "&&" as const, "||" as const),
        left: tie("bool"),
        right: tie("bool"),
      })
      .map((r) => ({ kind: "logic" as const, ...r })),
    fc
      .record({ op: fc.constantFrom("not" as const, "!" as const), arg: tie("bool") })
      .map((r) => ({ kind: "not" as const, ...r })),
    fc
      .record({ cond: tie("bool"), yes: tie("bool"), no: tie("bool") })
      .map((r) => ({ kind: "bif" as const, ...r })),
  ),
}));

/** The reference's precedence levels (1 loosest … 10 tightest); literals bind tightest of all. */
function level(e: Expr): number {
  switch (e.kind) {
    case "if":
    case "bif":
      return 1;
    case "logic":
      return e.op === "or" || e.op === "||" ? 2 : 3;
    case "not":
      return 4;
    case "cmp":
    case "eq":
    case "beq":
      return 5;
    case "arith":
      return e.op === "+" || e.op === "-" ? 7 : 8;
    case "neg":
      return 9;
    default:
      return 11;
  }
}

/** `e` written with the parentheses the precedence table needs, and no more. */
function write(e: Expr): string {
  /** A child of an operator at `parent`: in parentheses when it binds looser (or as loosely, where `strict`). */
  const child = (c: Expr, parent: number, strict: boolean) => {
    const text = write(c);
    return level(c) < parent || (strict && level(c) === parent) ? `(${text})` : text;
  };
  switch (e.kind) {
    case "lit":
      return String(e.value);
    case "bool":
      return String(e.value);
    case "neg": {
      // `-(-1)`: `--1` is not two negations, and `print - -1` would subtract from `print`.
      const arg = child(e.arg, 9, false);
      return arg.startsWith("-") ? `-(${arg})` : `-${arg}`;
    }
    case "not": {
      const arg = child(e.arg, 4, false);
      return e.op === "!" ? `!${arg}` : `not ${arg}`;
    }
    case "if":
    case "bif":
      // The condition and the first branch in parentheses when they are conditionals too;
      // the second branch nests to the right.
      return `${child(e.cond, 2, false)} ? ${child(e.yes, 2, false)} : ${child(e.no, 1, false)}`;
    default: {
      // Left to right: the left operand may be as loose as the operator, the right may not.
      const l = level(e);
      return `${child(e.left, l, false)} ${e.op} ${child(e.right, l, true)}`;
    }
  }
}

/** `e`'s value by the language reference's rules. */
function evaluate(e: Expr): number | boolean {
  switch (e.kind) {
    case "lit":
    case "bool":
      return e.value;
    case "neg":
      return -(evaluate(e.arg) as number);
    case "not":
      return !evaluate(e.arg);
    case "if":
    case "bif":
      return evaluate(e.cond) ? evaluate(e.yes) : evaluate(e.no);
    case "logic":
      return e.op === "and" || e.op === "&&"
        ? (evaluate(e.left) as boolean) && (evaluate(e.right) as boolean)
        : (evaluate(e.left) as boolean) || (evaluate(e.right) as boolean);
    case "eq":
    case "beq": {
      // Same kind and value; NaN equals nothing.
      const same = evaluate(e.left) === evaluate(e.right);
      return e.op === "!=" ? !same : same;
    }
    case "cmp": {
      const a = evaluate(e.left) as number;
      const b = evaluate(e.right) as number;
      return e.op === "<" ? a < b : e.op === "<=" ? a <= b : e.op === ">" ? a > b : a >= b;
    }
    case "arith": {
      const a = evaluate(e.left) as number;
      const b = evaluate(e.right) as number;
      return e.op === "+"
        ? a + b
        : e.op === "-"
          ? a - b
          : e.op === "*"
            ? a * b
            : e.op === "/"
              ? a / b
              : a % b;
    }
  }
}

/** How `print` writes a value: numbers in JavaScript's shortest form, -0 as 0. */
const shown = (v: number | boolean) => (Object.is(v, -0) ? "0" : String(v));

describe("expressions against the reference's rules", () => {
  const expressions = fc.array(fc.oneof(trees.num, trees.bool), { minLength: 1, maxLength: 8 });

  it("print the value the precedence table and the operators' rules give", () => {
    fc.assert(
      fc.property(expressions, (es) => {
        const source = es.map((e) => `print ${write(e)}\n`).join("");
        expect(render(source, "xmd"), source).toBe(es.map((e) => `${shown(evaluate(e))}\n`).join(""));
      }),
      { numRuns: 400 },
    );
  });

  it("interpolate the same values in markdown", () => {
    fc.assert(
      fc.property(expressions, (es) => {
        const source = es.map((e) => `- {{ ${write(e)} }}\n`).join("");
        expect(render(source, "md"), source).toBe(es.map((e) => `- ${shown(evaluate(e))}\n`).join(""));
      }),
      { numRuns: 200 },
    );
  });

  it("are written as the reference's own examples are", () => {
    const lit = (value: number): Num => ({ kind: "lit", value });
    const sub = (left: Num, right: Num): Num => ({ kind: "arith", op: "-", left, right });
    expect(write(sub(sub(lit(10), lit(2)), lit(3)))).toBe("10 - 2 - 3");
    expect(write(sub(lit(10), sub(lit(2), lit(3))))).toBe("10 - (2 - 3)");
    expect(evaluate(sub(lit(10), sub(lit(2), lit(3))))).toBe(11);
  });
});
