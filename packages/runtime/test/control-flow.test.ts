/**
 * Control flow against a reference interpreter: random programs of `set`, `print`, `if`/
 * `elif`/`else`, `for` over ranges (up and down), counts and lists, `loop N times`,
 * `while`, `break` and `continue` at any depth are rendered (both memory modes) and must
 * print what a small interpreter of the language reference's rules prints.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { render } from "./support/render.js";
import { runs } from "./support/scale.js";

/** Variables every program sets first; loop variables are i0, i1, … by depth. */
const VARS = ["a", "b", "c"] as const;
type Var = (typeof VARS)[number];

/** `V op k` or `V op loopVar`, kept small: no multiplication. */
type Operand = { var: string } | { value: number };
type Calc = { left: Operand; op: "+" | "-" | "%"; right: Operand };
type Cond = { left: Operand; op: "<" | ">" | "=" | "!="; right: Operand };

type Stmt =
  | { kind: "set"; name: Var; calc: Calc }
  | { kind: "print"; operands: Operand[] }
  | { kind: "if"; branches: { cond: Cond; body: Stmt[] }[]; otherwise: Stmt[] | null }
  | { kind: "for"; over: { from: number; to: number } | { count: number } | { list: number[] }; body: Stmt[] }
  | { kind: "loop"; times: number; body: Stmt[] }
  | { kind: "while"; below: number; body: Stmt[] }
  | { kind: "jump"; jump: "break" | "continue"; when: Cond };

/** Programs: statements at depth 0 with loops up to three deep; `break`/`continue` only in loops. */
function statements(depth: number, inLoop: boolean, loops: number): fc.Arbitrary<Stmt[]> {
  const readable = [...VARS, ...Array.from({ length: loops }, (_, i) => `i${i}`)];
  const operand: fc.Arbitrary<Operand> = fc.oneof(
    fc.constantFrom(...readable).map((v) => ({ var: v })),
    fc.integer({ min: 0, max: 5 }).map((value) => ({ value })),
  );
  const calc = fc.record({
    left: operand,
    op: fc.constantFrom("+" as const, "-" as const, "%" as const),
    right: operand,
  });
  const cond = fc.record({
    left: operand,
    op: fc.constantFrom("<" as const, ">" as const, "=" as const, "!=" as const),
    right: operand,
  });
  const simple: fc.Arbitrary<Stmt>[] = [
    fc.record({ kind: fc.constant("set" as const), name: fc.constantFrom(...VARS), calc }),
    fc.record({
      kind: fc.constant("print" as const),
      operands: fc.array(operand, { minLength: 1, maxLength: 3 }),
    }),
  ];
  if (inLoop)
    simple.push(
      fc.record({
        kind: fc.constant("jump" as const),
        jump: fc.constantFrom("break" as const, "continue" as const),
        when: cond,
      }),
    );
  if (depth >= 3) return fc.array(fc.oneof(...simple), { minLength: 1, maxLength: 3 });
  const inner = (loop: boolean) => statements(depth + 1, inLoop || loop, loops + (loop ? 1 : 0));
  const nested: fc.Arbitrary<Stmt>[] = [
    fc.record({
      kind: fc.constant("if" as const),
      branches: fc.array(fc.record({ cond, body: inner(false) }), { minLength: 1, maxLength: 2 }),
      otherwise: fc.option(inner(false), { nil: null }),
    }),
    fc.record({
      kind: fc.constant("for" as const),
      over: fc.oneof(
        fc.record({ from: fc.integer({ min: -2, max: 3 }), to: fc.integer({ min: -2, max: 3 }) }),
        fc.record({ count: fc.integer({ min: 0, max: 3 }) }),
        fc.record({ list: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }) }),
      ),
      body: inner(true),
    }),
    fc.record({
      kind: fc.constant("loop" as const),
      times: fc.integer({ min: -1, max: 3 }),
      body: inner(true),
    }),
    fc.record({
      kind: fc.constant("while" as const),
      below: fc.integer({ min: 0, max: 3 }),
      body: inner(true),
    }),
  ];
  return fc.array(
    fc.oneof({ weight: 3, arbitrary: fc.oneof(...simple) }, { weight: 1, arbitrary: fc.oneof(...nested) }),
    {
      minLength: 1,
      maxLength: 3,
    },
  );
}

const operandText = (o: Operand) => ("var" in o ? o.var : String(o.value));
const condText = (c: Cond) => `${operandText(c.left)} ${c.op} ${operandText(c.right)}`;

/**
 * The program as XMD, four spaces a level. A `loop` and a `while` count their rounds in
 * their loop variable, set first in the body (so `continue` cannot skip it): `loop` from 0,
 * `while` from 1, which is also its condition.
 */
function write(body: Stmt[], depth = 0, loops = 0, out: string[] = []): string[] {
  const pad = "    ".repeat(depth);
  for (const s of body) {
    switch (s.kind) {
      case "set":
        out.push(
          `${pad}set ${s.name} = ${operandText(s.calc.left)} ${s.calc.op} ${operandText(s.calc.right)}`,
        );
        break;
      case "print":
        out.push(`${pad}print ${s.operands.map(operandText).join(", ")}`);
        break;
      case "jump":
        out.push(`${pad}if ${condText(s.when)} then ${s.jump}`);
        break;
      case "if":
        s.branches.forEach((b, i) => {
          out.push(`${pad}${i === 0 ? "if" : "elif"} ${condText(b.cond)}`);
          write(b.body, depth + 1, loops, out);
        });
        if (s.otherwise !== null) {
          out.push(`${pad}else`);
          write(s.otherwise, depth + 1, loops, out);
        }
        break;
      case "for": {
        const over =
          "count" in s.over
            ? String(s.over.count)
            : "list" in s.over
              ? `[${s.over.list.join(", ")}]`
              : `${s.over.from} .. ${s.over.to}`;
        out.push(`${pad}for i${loops} in ${over}`);
        write(s.body, depth + 1, loops + 1, out);
        break;
      }
      case "loop":
        // The round's number in the loop's variable, so the body may read it as a for's.
        out.push(
          `${pad}set i${loops} = -1`,
          `${pad}loop ${s.times} times`,
          `${pad}    set i${loops} = i${loops} + 1`,
        );
        write(s.body, depth + 1, loops + 1, out);
        break;
      case "while":
        out.push(
          `${pad}set i${loops} = 0`,
          `${pad}while i${loops} < ${s.below}`,
          `${pad}    set i${loops} = i${loops} + 1`,
        );
        write(s.body, depth + 1, loops + 1, out);
        break;
    }
  }
  return out;
}

class Jump {
  constructor(readonly jump: "break" | "continue") {}
}

/** What the program prints, by the reference's rules. */
function run(program: Stmt[]): string {
  const env = new Map<string, number>(VARS.map((v) => [v, 0]));
  const lines: string[] = [];
  const value = (o: Operand) => ("var" in o ? (env.get(o.var) as number) : o.value);
  const test = (c: Cond) => {
    const [l, r] = [value(c.left), value(c.right)];
    return c.op === "<" ? l < r : c.op === ">" ? l > r : c.op === "=" ? l === r : l !== r;
  };
  /** Runs a loop's body once; false when it broke out. */
  const round = (body: Stmt[], loops: number): boolean => {
    try {
      exec(body, loops);
    } catch (e) {
      if (!(e instanceof Jump)) throw e;
      if (e.jump === "break") return false;
    }
    return true;
  };
  const exec = (body: Stmt[], loops: number): void => {
    for (const s of body) {
      switch (s.kind) {
        case "set": {
          const [l, r] = [value(s.calc.left), value(s.calc.right)];
          env.set(s.name, s.calc.op === "+" ? l + r : s.calc.op === "-" ? l - r : l % r);
          break;
        }
        case "print":
          lines.push(s.operands.map((o) => String(Object.is(value(o), -0) ? 0 : value(o))).join(" "));
          break;
        case "jump":
          if (test(s.when)) throw new Jump(s.jump);
          break;
        case "if": {
          const branch = s.branches.find((b) => test(b.cond));
          if (branch) exec(branch.body, loops);
          else if (s.otherwise) exec(s.otherwise, loops);
          break;
        }
        case "for": {
          const items =
            "count" in s.over
              ? Array.from({ length: s.over.count }, (_, i) => i)
              : "list" in s.over
                ? s.over.list
                : s.over.from <= s.over.to
                  ? Array.from(
                      { length: s.over.to - s.over.from + 1 },
                      (_, i) => (s.over as { from: number }).from + i,
                    )
                  : Array.from(
                      { length: s.over.from - s.over.to + 1 },
                      (_, i) => (s.over as { from: number }).from - i,
                    );
          for (const item of items) {
            env.set(`i${loops}`, item);
            if (!round(s.body, loops + 1)) break;
          }
          break;
        }
        case "loop":
          for (let n = 0; n < s.times; n++) {
            env.set(`i${loops}`, n);
            if (!round(s.body, loops + 1)) break;
          }
          break;
        case "while": {
          let w = 0;
          while (w < s.below) {
            w++;
            env.set(`i${loops}`, w);
            if (!round(s.body, loops + 1)) break;
          }
          break;
        }
      }
    }
  };
  exec(program, 0);
  return lines.map((l) => `${l}\n`).join("");
}

describe("control flow against a reference interpreter", () => {
  it("prints what the reference's rules print", () => {
    fc.assert(
      fc.property(statements(0, false, 0), (program) => {
        const source = `set a = 0\nset b = 0\nset c = 0\n${write(program).join("\n")}\n`;
        expect(render(source, "xmd"), source).toBe(run(program));
      }),
      { numRuns: runs(400) },
    );
  });
});
