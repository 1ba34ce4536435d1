/**
 * Expressions against a reference: random trees of numbers, text and truth values
 * (arithmetic, joining, comparisons, equality, `and`/`or`/`not`, `? :`, negation) are written out with only the
 * parentheses the language reference's precedence table needs, rendered, and compared
 * with the tree evaluated in JavaScript by the reference's rules. So the lexer, the
 * parser's precedence and associativity, the resolver and the compiled code are checked
 * together, in both memory modes, as a statement and inside `{{ }}`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { render } from "./support/render.js";
import { runs } from "./support/scale.js";

type Value = number | boolean | string;
type Expr =
  | { kind: "lit"; value: Value }
  | { kind: "neg"; arg: Expr }
  | { kind: "not"; op: "not" | "!"; arg: Expr }
  | { kind: "bin"; op: BinaryOp; left: Expr; right: Expr }
  | { kind: "if"; cond: Expr; yes: Expr; no: Expr };
type BinaryOp =
  | ("+" | "-" | "*" | "/" | "%")
  | ("<" | "<=" | ">" | ">=" | "=" | "==" | "!=")
  | ("and" | "or" | "&&" | "||");

const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: "bin", op, left, right });
const ops = <T extends BinaryOp>(...list: T[]) => fc.constantFrom(...list);

/**
 * Trees whose operators get the kinds of operands the reference allows them (numbers for
 * arithmetic, one kind on both sides of `<`), so that every tree has a value: `num`,
 * `str` and `bool` trees have values of that kind; `any` trees, of any kind (`or` and
 * `and` return one of their operands).
 */
const trees = fc.letrec<{ num: Expr; str: Expr; bool: Expr; any: Expr }>((tie) => ({
  num: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc
      .oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom(0.5, 2.5, 10, 100))
      .map((value): Expr => ({ kind: "lit", value })),
    tie("num").map((arg): Expr => ({ kind: "neg", arg })),
    fc.tuple(ops("+", "-", "*", "/", "%"), tie("num"), tie("num")).map(([op, l, r]) => bin(op, l, r)),
    fc
      .tuple(tie("any"), tie("num"), tie("num"))
      .map(([cond, yes, no]): Expr => ({ kind: "if", cond, yes, no })),
  ),
  str: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom("a", "", "B", "10", "9", "x y").map((value): Expr => ({ kind: "lit", value })),
    // `+` joins when either side is text: text + anything, or a number or truth value + text.
    fc.tuple(tie("str"), tie("any")).map(([l, r]) => bin("+", l, r)),
    fc.tuple(fc.oneof(tie("num"), tie("bool")), tie("str")).map(([l, r]) => bin("+", l, r)),
    fc
      .tuple(tie("any"), tie("str"), tie("str"))
      .map(([cond, yes, no]): Expr => ({ kind: "if", cond, yes, no })),
  ),
  bool: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.boolean().map((value): Expr => ({ kind: "lit", value })),
    fc.tuple(ops("<", "<=", ">", ">="), tie("num"), tie("num")).map(([op, l, r]) => bin(op, l, r)),
    fc.tuple(ops("<", "<=", ">", ">="), tie("str"), tie("str")).map(([op, l, r]) => bin(op, l, r)),
    // Equality of any two values, of one kind or not (`1 = "1"` is false).
    fc.tuple(ops("=", "==", "!="), tie("any"), tie("any")).map(([op, l, r]) => bin(op, l, r)),
    fc.tuple(ops("and", "or", "&&", "||"), tie("bool"), tie("bool")).map(([op, l, r]) => bin(op, l, r)),
    fc
      .tuple(fc.constantFrom("not" as const, "!" as const), tie("any"))
      .map(([op, arg]): Expr => ({ kind: "not", op, arg })),
    fc
      .tuple(tie("any"), tie("bool"), tie("bool"))
      .map(([cond, yes, no]): Expr => ({ kind: "if", cond, yes, no })),
  ),
  any: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("num"),
    tie("str"),
    tie("bool"),
    fc.tuple(ops("and", "or", "&&", "||"), tie("any"), tie("any")).map(([op, l, r]) => bin(op, l, r)),
  ),
}));

/** The reference's precedence levels (1 loosest … 10 tightest); literals bind tightest of all. */
function level(e: Expr): number {
  switch (e.kind) {
    case "if":
      return 1;
    case "not":
      return 4;
    case "neg":
      return 9;
    case "lit":
      return 11;
    case "bin":
      switch (e.op) {
        case "or":
        case "||":
          return 2;
        case "and":
        case "&&":
          return 3;
        case "+":
        case "-":
          return 7;
        case "*":
        case "/":
        case "%":
          return 8;
        default:
          return 5;
      }
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
      return typeof e.value === "string" ? JSON.stringify(e.value) : String(e.value);
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
      // The condition and the first branch in parentheses when they are conditionals too;
      // the second branch nests to the right.
      return `${child(e.cond, 2, false)} ? ${child(e.yes, 2, false)} : ${child(e.no, 1, false)}`;
    case "bin": {
      // Left to right: the left operand may be as loose as the operator, the right may not.
      const l = level(e);
      return `${child(e.left, l, false)} ${e.op} ${child(e.right, l, true)}`;
    }
  }
}

/** Text conversion: numbers in JavaScript's shortest form (-0 as 0), true and false. */
const text = (v: Value) => (typeof v === "string" ? v : Object.is(v, -0) ? "0" : String(v));

/** False, 0, NaN and "" are false; everything else is true. */
const truthy = (v: Value) => v !== false && v !== 0 && v !== "" && !Number.isNaN(v);

/** `e`'s value by the language reference's rules. */
function evaluate(e: Expr): Value {
  switch (e.kind) {
    case "lit":
      return e.value;
    case "neg":
      return -(evaluate(e.arg) as number);
    case "not":
      return !truthy(evaluate(e.arg));
    case "if":
      return truthy(evaluate(e.cond)) ? evaluate(e.yes) : evaluate(e.no);
    case "bin": {
      const a = evaluate(e.left);
      // `and` and `or` stop as soon as the answer is known, and return an operand.
      if (e.op === "and" || e.op === "&&") return truthy(a) ? evaluate(e.right) : a;
      if (e.op === "or" || e.op === "||") return truthy(a) ? a : evaluate(e.right);
      const b = evaluate(e.right);
      switch (e.op) {
        case "+":
          return typeof a === "string" || typeof b === "string"
            ? text(a) + text(b)
            : (a as number) + (b as number);
        case "-":
          return (a as number) - (b as number);
        case "*":
          return (a as number) * (b as number);
        case "/":
          return (a as number) / (b as number);
        case "%":
          return (a as number) % (b as number);
        case "<":
          return a < b;
        case "<=":
          return a <= b;
        case ">":
          return a > b;
        case ">=":
          return a >= b;
        case "!=":
          return a !== b;
        default:
          // `=` and `==`: the same kind and value; NaN equals nothing.
          return a === b;
      }
    }
  }
}

describe("expressions against the reference's rules", () => {
  const expressions = fc.array(trees.any, { minLength: 1, maxLength: 8 });

  it("print the value the precedence table and the operators' rules give", () => {
    fc.assert(
      fc.property(expressions, (es) => {
        const source = es.map((e) => `print ${write(e)}\n`).join("");
        expect(render(source, "xmd"), source).toBe(es.map((e) => `${text(evaluate(e))}\n`).join(""));
      }),
      { numRuns: runs(400) },
    );
  });

  it("interpolate the same values in markdown", () => {
    fc.assert(
      fc.property(expressions, (es) => {
        const source = es.map((e) => `- {{ ${write(e)} }}\n`).join("");
        expect(render(source, "md"), source).toBe(es.map((e) => `- ${text(evaluate(e))}\n`).join(""));
      }),
      { numRuns: runs(200) },
    );
  });

  it("are written as the reference's own examples are", () => {
    const lit = (value: Value): Expr => ({ kind: "lit", value });
    const sub = (left: Expr, right: Expr) => bin("-", left, right);
    expect(write(sub(sub(lit(10), lit(2)), lit(3)))).toBe("10 - 2 - 3");
    expect(write(sub(lit(10), sub(lit(2), lit(3))))).toBe("10 - (2 - 3)");
    expect(evaluate(sub(lit(10), sub(lit(2), lit(3))))).toBe(11);
    // Joining goes left to right too: 1 + 2 + "a" is "3a", "a" + 1 + 2 is "a12".
    expect(evaluate(bin("+", bin("+", lit(1), lit(2)), lit("a")))).toBe("3a");
    expect(write(bin("+", lit("a"), bin("+", lit(1), lit(2))))).toBe('"a" + (1 + 2)');
  });
});
