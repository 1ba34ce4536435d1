/**
 * Operators as the compiler builds them (`compile/expressions.ts`). One operator is
 * compiled several ways: two number literals are folded into a constant, a number literal
 * on the right is compared or added inline, two numbers anywhere are combined inline, a
 * product or quotient inside printed text is written without making a heap number, and
 * everything else goes to the machine's general rule. Each way must give what the
 * language gives: numbers combine, text compares with text, `+` joins when either side is
 * text, `=` compares any two values, and any other mix is a type error that names both
 * types. Every operator is checked here through every way it can be compiled, with
 * operands of each kind.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, type Limits, XmdError } from "../src/index.js";

const MODES = ["pooled", "heap"] as const;

/** What `source` prints, or the error it stops with as `code: message @line:column`. */
function outcome(source: string, memory: (typeof MODES)[number], limits: Partial<Limits> = {}): string {
  try {
    return createRuntime({ memory, limits }).render(source, { lang: "xmd" }).output;
  } catch (e) {
    if (!(e instanceof XmdError)) throw e;
    return `${e.code}: ${e.message} @${e.line}:${e.column}`;
  }
}

/** An operand and the type name the language's errors give it. */
type Operand = { text: string; value: number | string; type: "number" | "string" };
const num = (value: number): Operand => ({ text: String(value), value, type: "number" });
const str = (value: string): Operand => ({ text: JSON.stringify(value), value, type: "string" });

const VERBS: Record<string, string> = {
  "-": "subtract",
  "*": "multiply",
  "/": "divide",
  "%": "take the remainder of",
};

/**
 * What `x op y` prints by the language's rules (XMD-LANGUAGE.md, "Operators"), or the
 * error it stops with; `at` is the column of the operator's left operand.
 */
function expected(op: string, x: Operand, y: Operand, line: number, at: number): string {
  const mixed = x.type !== y.type;
  const a = x.value;
  const b = y.value;
  const print = (v: unknown) => `${typeof v === "number" ? String(v) : v}\n`;
  switch (op) {
    case "+":
      return print(mixed || x.type === "string" ? `${a}${b}` : (a as number) + (b as number));
    case "=":
      return print(!mixed && a === b);
    case "!=":
      return print(mixed || a !== b);
    case "<":
    case "<=":
    case ">":
    case ">=":
      if (mixed) return `type: cannot compare ${x.type} with ${y.type} @${line}:${at}`;
      return print(op === "<" ? a < b : op === "<=" ? a <= b : op === ">" ? a > b : a >= b);
    default: {
      if (x.type !== "number" || y.type !== "number") {
        return `type: cannot ${VERBS[op]} ${x.type} and ${y.type}: both must be numbers @${line}:${at}`;
      }
      const [p, q] = [a as number, b as number];
      return print(op === "-" ? p - q : op === "*" ? p * q : op === "/" ? p / q : p % q);
    }
  }
}

const OPERATORS = ["+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">="];

/** Pairs of operands: numbers less, equal and greater (so that `<` and `<=` differ), text, and each mix. */
const PAIRS: [Operand, Operand][] = [
  [num(7), num(2)],
  [num(2), num(7)],
  [num(3), num(3)],
  [num(-1.5), num(4)],
  [str("b"), str("a")],
  [str("a"), str("b")],
  [str("a"), str("a")],
  [num(1), str("1")],
  [str("1"), num(1)],
];

describe.each(MODES)("operators (%s)", (memory) => {
  describe.each(OPERATORS)("%s", (op) => {
    it("on two variables", () => {
      for (const [x, y] of PAIRS) {
        const source = `set x ${x.text}\nset y ${y.text}\nprint x ${op} y\n`;
        expect(outcome(source, memory), source).toBe(expected(op, x, y, 3, 7));
      }
    });

    it("on a variable and a literal on the right", () => {
      for (const [x, y] of PAIRS) {
        const source = `set x ${x.text}\nprint x ${op} ${y.text}\n`;
        expect(outcome(source, memory), source).toBe(expected(op, x, y, 2, 7));
      }
    });

    it("on two number literals, folded", () => {
      for (const [x, y] of PAIRS.filter(([a, b]) => a.type === "number" && b.type === "number")) {
        const source = `print ${x.text} ${op} ${y.text}\n`;
        expect(outcome(source, memory), source).toBe(expected(op, x, y, 1, 7));
      }
    });

    it("on the results of calls", () => {
      for (const [x, y] of PAIRS) {
        const source = `function a\n    return ${x.text}\nfunction b\n    return ${y.text}\nprint a() ${op} b()\n`;
        expect(outcome(source, memory), source).toBe(expected(op, x, y, 5, 7));
      }
    });
  });

  // `*`, `-`, `/` and `%` inside printed text write their number without making one
  // (compile/expressions.ts, numericPart); text on either side is an error, as anywhere.
  describe.each(["*", "-", "/", "%"])("%s inside printed text", (op) => {
    it("writes the number, or stops at the operator for text", () => {
      for (const [x, y] of PAIRS) {
        const source = `set x ${x.text}\nset y ${y.text}\nprint "r: " + (x ${op} y) + "."\n`;
        const value = expected(op, x, y, 3, 16);
        const want = value.startsWith("type:") ? value : `r: ${value.slice(0, -1)}.\n`;
        expect(outcome(source, memory), source).toBe(want);
      }
    });
  });

  it("adds and compares inside printed text as anywhere", () => {
    const source =
      'set x 3\nset y 4\nprint "r: " + (x + y) + " " + (x < y) + " " + (x = y) + " " + (y >= x)\n';
    expect(outcome(source, memory)).toBe("r: 7 true false true\n");
  });

  it("negates a number, and stops at text", () => {
    expect(outcome("set x 4\nprint -x\nprint -(x)\nprint -(-x)\n", memory)).toBe("-4\n-4\n4\n");
    expect(outcome('set x "a"\nprint -x\n', memory)).toBe("type: cannot negate string @2:7");
  });

  it("adds nothing to a number as the number, and joins text with anything", () => {
    expect(outcome("set x null\nprint x + 2\nprint 2 + x\n", memory)).toBe("2\n2\n");
    expect(outcome('set x null\nprint x + "!"\nset y [1, 2]\nprint y + "!"\n', memory)).toBe("!\n1, 2!\n");
    expect(outcome('set x true\nprint "is " + x\nprint "n " + 1.5\n', memory)).toBe("is true\nn 1.5\n");
  });

  it("adds parts in order in a sum of any length", () => {
    for (let count = 2; count <= 6; count++) {
      const parts = Array.from({ length: count }, (_, i) => `x${i}`);
      const sets = parts.map((p, i) => `set ${p} ${i + 1}`).join("\n");
      const numbers = outcome(`${sets}\nprint ${parts.join(" + ")}\n`, memory);
      expect(numbers).toBe(`${(count * (count + 1)) / 2}\n`);
      const text = outcome(`${sets}\nprint "t" + ${parts.join(" + ")}\n`, memory);
      expect(text).toBe(`t${parts.map((_, i) => i + 1).join("")}\n`);
      // Numbers first, then text: the numbers are added before the text joins them.
      const mixed = outcome(`${sets}\nprint ${parts.join(" + ")} + "!" + 1 + 2\n`, memory);
      expect(mixed).toBe(`${(count * (count + 1)) / 2}!12\n`);
    }
  });

  it("stops a sum at the + that cannot add, with the types", () => {
    expect(outcome('set a 1\nset b [1]\nset c "x"\nprint a + b + c\n', memory)).toBe(
      "type: cannot add a number and an array (+ adds numbers, joins lists, and joins text when either side is text) @4:7",
    );
  });
});

describe.each(MODES)("ranges (%s)", (memory) => {
  it("count up, down, from a fraction, and to a single value", () => {
    expect(outcome("print 1 .. 4\nprint 4 .. 1\nprint 2 .. 2\n", memory)).toBe("1, 2, 3, 4\n4, 3, 2, 1\n2\n");
    expect(outcome("print 1 .. 2.5\nprint 2.5 .. 1\nprint 0.5 .. 0.5\n", memory)).toBe(
      "1, 2\n2.5, 1.5\n0.5\n",
    );
    expect(outcome("set a 3\nset b 5\nprint a .. b\nprint b .. a\n", memory)).toBe("3, 4, 5\n5, 4, 3\n");
  });

  it("stop at an end that is not a number", () => {
    expect(outcome('set a "x"\nprint a .. 3\n', memory)).toBe(
      "type: a range needs a number, got string @2:7",
    );
    expect(outcome("set a [1]\nprint 3 .. a\n", memory)).toBe(
      "type: a range needs a number, got array @2:12",
    );
  });

  it("are held to the list limit, counted before they are made", () => {
    const limits = { maxListItems: 5 };
    expect(outcome("print 1 .. 5\nprint 5 .. 1\n", memory, limits)).toBe("1, 2, 3, 4, 5\n5, 4, 3, 2, 1\n");
    for (const range of ["1 .. 6", "6 .. 1", "0 .. 5", "0.5 .. 5.5"]) {
      const result = outcome(`print ${range}\n`, memory, limits);
      expect(result, range).toBe(
        `limit: this range would make a list of 6 items, more than 5 (limit maxListItems) @1:7`,
      );
    }
  });
});

describe.each(MODES)("indexes (%s)", (memory) => {
  it("read a list's item by number, null past its end, and refuse another key", () => {
    expect(outcome("set l [4, 5]\nprint l[1]\nprint l[2] = null\n", memory)).toBe("5\ntrue\n");
    expect(outcome('set l [4, 5]\nprint l["1"]\n', memory)).toBe(
      "type: a list index must be a number, got string @2:7",
    );
    expect(outcome('set o {"1": "one"}\nprint o["1"]\n', memory)).toBe("one\n");
  });
});

describe.each(MODES)("values an expression makes (%s)", (memory) => {
  /** `stats.allocations.requested.other` of a render of `source`. */
  const made = (source: string) =>
    createRuntime({ memory }).render(source, { lang: "xmd" }).stats.allocations.requested.other;

  it("are counted one each: a list, an object, a range, a template", () => {
    const base = made("set v 0\nset x 1\n");
    expect(made("set v 0\nset x [1, 2]\n") - base).toBe(1);
    expect(made('set v 0\nset x {"a": 1}\n') - base).toBe(1);
    expect(made("set v 0\nset x 1 .. 3\n") - base).toBe(1);
    expect(made("set v 0\nset x `a{{v}}`\n") - base).toBe(1);
    // A template with nothing to fill in is its text, made once when compiled.
    expect(made("set v 0\nset x `abc`\n") - base).toBe(0);
  });

  it("spread into objects: a list's items by index, an object's entries, nothing for other values", () => {
    const source = 'set l ["p", "q"]\nset o {"k": 1}\nset s 5\nset x {...l, ...o, ...s, ...null}\nprint x\n';
    expect(outcome(source, memory)).toBe(outcome('print {"0": "p", "1": "q", "k": 1}\n', memory));
  });

  it("hold a spread into an object to the list limit", () => {
    const limits = { maxListItems: 3 };
    expect(outcome('set l [1, 2]\nset x {"a": 0, ...l}\nprint x.a\n', memory, limits)).toBe("0\n");
    const over = outcome('set l [1, 2, 3]\nset x {"a": 0, ...l}\n', memory, limits);
    expect(over).toBe(
      "limit: this spread would make a list of 4 items, more than 3 (limit maxListItems) @2:16",
    );
    // The entries before the spread count as well.
    const keysFirst = outcome('set l [1, 2]\nset x {"a": 0, "b": 0, ...l}\n', memory, limits);
    expect(keysFirst).toBe(
      "limit: this spread would make a list of 4 items, more than 3 (limit maxListItems) @2:24",
    );
  });

  it("join a template's parts, text held to the string limit", () => {
    expect(outcome("set a 1\nset b true\nprint `x{{a}}y{{b}}z`\n", memory)).toBe("x1ytruez\n");
    expect(outcome('set a "12345"\nprint `ab{{a}}`\n', memory, { maxStringLength: 7 })).toBe("ab12345\n");
    expect(outcome('set a "12345"\nprint `abc{{a}}`\n', memory, { maxStringLength: 7 })).toMatch(/^limit: /);
  });

  it("join text and a literal up to the string limit exactly", () => {
    const limits = { maxStringLength: 6 };
    expect(outcome('set a "abcd"\nprint a + "ef"\nprint a + 12\n', memory, limits)).toBe("abcdef\nabcd12\n");
    expect(outcome('set a "abcd"\nprint a + "efg"\n', memory, limits)).toMatch(/^limit: .* @2:7$/);
  });
});

describe.each(MODES)("an import's path as a lone word (%s)", (memory) => {
  const root = mkdtempSync(join(tmpdir(), "xmd-expr-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, "p.json"), '"from p"');
  writeFileSync(join(root, "f.json"), '"from the file named f"');
  const run = (source: string) => {
    writeFileSync(join(root, "main.xmd"), source);
    return createRuntime({ memory }).renderFile(join(root, "main.xmd")).output;
  };

  it("is the text of the variable it names, when that holds text", () => {
    expect(run('set f "p.json"\nset c import f\nprint c\n')).toBe("from p\n");
  });

  it("is the word itself when the variable holds something else, or is not set", () => {
    expect(run("set f 5\nset c import f\nprint c\n")).toBe("from the file named f\n");
    expect(run("set c import f\nprint c\n")).toBe("from the file named f\n");
  });
});
