/**
 * What the machine that runs compiled code (`eval/machine.ts`) does where the compiled
 * closures hand a case over to it: indexing and index writes, `+` with `null`, negation,
 * members of classes and instances, `super`, and a caught error in the middle of nested
 * calls. Each error is checked whole — code, message, hint and line — in both memory modes
 * (`failure` makes them agree), since these are the words a user reads.
 */
import { describe, expect, it } from "vitest";
import { failure, render } from "../support/render.js";

/** [code, message, hint, line] of the error a program raises. */
function errorOf(source: string): [string, string, string | undefined, number] {
  const e = failure(source);
  return [e.code, e.message, e.hint, e.line];
}

describe("indexing", () => {
  it("reads a string's character by a number, null past its end, and refuses any other key", () => {
    expect(render('print "abc"[0], "abc"[2], "abc"[3] == null, "abc"[-1] == null')).toBe("a c true true\n");
    expect(errorOf('set s "abc"\nprint s["x"]')).toEqual([
      "type",
      "a string index must be a number, got string",
      undefined,
      2,
    ]);
    expect(errorOf("set n 5\nprint n[0]")).toEqual(["type", "cannot index number", undefined, 2]);
    expect(errorOf("set t true\nprint t[0]")).toEqual(["type", "cannot index boolean", undefined, 2]);
  });

  it("writes a list item at a whole index from 0, growing the list, and refuses any other", () => {
    expect(render("set xs [1]\nset xs[0] 5\nset xs[2] 7\nprint xs, xs.length")).toBe("5, , 7 3\n");
    for (const [index, shown] of [
      ["-1", "-1"],
      ["1.5", "1.5"],
    ]) {
      expect(errorOf(`set xs [1]\nset xs[${index}] 2`)).toEqual([
        "type",
        `list index must be a whole number ≥ 0, got ${shown}`,
        undefined,
        2,
      ]);
    }
  });
});

describe("operators the compiled code hands over", () => {
  it("adds null and a number as the number, either way round", () => {
    expect(render("set a null\nset b 4\nprint a + b, b + a, null + 4, 4 + null")).toBe("4 4 4 4\n");
  });

  it("refuses to add a boolean, and to negate anything but a number", () => {
    expect(errorOf("set t true\nset n 1\nprint t + n")).toEqual([
      "type",
      "cannot add a boolean and a number (+ adds numbers, joins lists, and joins text when either side is text)",
      "convert with string x or number x first",
      3,
    ]);
    expect(render("set n 5\nprint -n, -(-n)")).toBe("-5 5\n");
    expect(errorOf('set s "a"\nprint -s')).toEqual(["type", "cannot negate string", undefined, 2]);
  });
});

describe("members of classes and instances", () => {
  const CLASS_A = "class A\n    speak\n        return 1\n    private secret\n        return 2\n";

  it("tells a method of the instances from a member the class does not have", () => {
    expect(errorOf(`${CLASS_A}print A.speak`)).toEqual([
      "type",
      "'speak' is a method of A's instances, not of the class A",
      "make an instance first: set x A(…), then x.speak",
      6,
    ]);
    expect(errorOf(`${CLASS_A}print A.speek`)).toEqual([
      "type",
      "the class A has no member 'speek'; did you mean 'speak'?",
      "a class has no members of its own; its instances' methods: speak",
      6,
    ]);
  });

  it("lists an instance's fields and public methods, at most ten, or none", () => {
    const methods = Array.from({ length: 11 }, (_, i) => `    m${i}\n        return ${i}\n`).join("");
    expect(errorOf(`class Many\n${methods}print Many().zzz`)).toEqual([
      "type",
      "Many has no field or method 'zzz'",
      "its fields: none; its methods: m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, …",
      24,
    ]);
    const ten = Array.from({ length: 10 }, (_, i) => `    m${i}\n        return ${i}\n`).join("");
    expect(errorOf(`class Ten\n${ten}print Ten().zzz`)[2]).toBe(
      "its fields: none; its methods: m0, m1, m2, m3, m4, m5, m6, m7, m8, m9",
    );
    expect(errorOf("class E\n    constructor\n        set self.x 1\nprint E().y")).toEqual([
      "type",
      "E has no field or method 'y'; did you mean 'x'?",
      "its fields: x; its methods: none",
      4,
    ]);
    // A private method is not listed to code outside the class.
    expect(errorOf(`${CLASS_A}print A().zzz`)[2]).toBe("its fields: none; its methods: speak");
  });

  it("calls a field that holds a function, and says so when the field holds no function", () => {
    const source = "class B\n    constructor f\n        set self.f f\nset b B(x => x * 2)\nprint b.f(4)";
    expect(render(source)).toBe("8\n");
    expect(errorOf("class B\n    constructor f\n        set self.f f\nset b B(3)\nprint b.f(4)")).toEqual([
      "type",
      "'f' is a number (3), not a function: it cannot take arguments",
      undefined,
      5,
    ]);
  });

  it("reaches a parent's method with super.NAME, and refuses a missing or private one", () => {
    const parent = "class P\n    f\n        return 1\n    private hidden\n        return 2\n";
    const child = (call: string) =>
      `${parent}class C extends P\n    g\n        return ${call}\nprint C().g()`;
    expect(render(child("super.f() + 1"))).toBe("2\n");
    expect(errorOf(child("super.h()"))).toEqual([
      "type",
      "P has no method 'h'; did you mean 'f'?",
      "super.NAME calls a method of the parent class",
      8,
    ]);
    expect(errorOf(child("super.hidden()"))).toEqual([
      "type",
      "'hidden' is a private method of P",
      "only P's own constructor and methods can call it, as self.hidden",
      8,
    ]);
  });
});

describe("a caught error", () => {
  it("leaves nothing of the calls it ended on the stack, however often it is caught", () => {
    // Each failure ends three calls with their arguments pushed. Were any left on the
    // value stack (65,536 slots), 30,000 of them would fill it long before the loop ends.
    const source = [
      "function h a",
      '    throw "no"',
      "function g a, b",
      "    return h(a)",
      "function f a, b, c",
      "    return [g(a, b), c]",
      "set caught 0",
      "loop 30000 times",
      "    try",
      "        print f(1, 2, 3)",
      "    catch e",
      "        set caught caught + 1",
      "print caught",
    ].join("\n");
    expect(render(source)).toBe("30000\n");
  });
});

describe("generators", () => {
  it("refuse to iterate themselves while they run", () => {
    const source = "function* g\n    for x in it\n        yield x\nset it g()\nfor v in it\n    print v";
    expect(errorOf(source)).toEqual([
      "runtime",
      "the generator 'g' asked for its own next value",
      "a generator cannot iterate itself while it runs",
      2,
    ]);
  });

  it("give nothing more once they are done", () => {
    const source =
      'function* g\n    yield 1\n    yield 2\nset it g()\nfor v in it\n    print v\nfor v in it\n    print "again", v\nprint "end"';
    expect(render(source)).toBe("1\n2\nend\n");
  });

  it("count as calls against maxCallDepth while they run, one level each", () => {
    const source = (n: number) =>
      `function* g n\n    if n > 0\n        for x in g(n - 1)\n            yield x\n    yield n\nprint [...g(${n})]`;
    const limits = { maxCallDepth: 5 };
    expect(render(source(4), "xmd", { limits })).toBe("0, 1, 2, 3, 4\n");
    const e = failure(source(5), "xmd", { limits });
    expect([e.code, e.message, e.line]).toEqual([
      "limit",
      "call depth exceeded: more than 5 nested calls (limit maxCallDepth)",
      3,
    ]);
  });
});

describe("limits at their boundary", () => {
  it("let a loop run exactly maxIterations times, and stop the next", () => {
    const limits = { maxIterations: 5 };
    expect(render("set n 0\nloop 5 times\n    set n n + 1\nprint n", "xmd", { limits })).toBe("5\n");
    expect(render("set n 0\nwhile n < 5\n    set n n + 1\nprint n", "xmd", { limits })).toBe("5\n");
    const e = failure("set n 0\nloop 6 times\n    set n n + 1\nprint n", "xmd", { limits });
    expect([e.code, e.message, e.hint, e.line]).toEqual([
      "limit",
      "loop limit reached: more than 5 iterations (limit maxIterations)",
      "look for a loop whose condition never becomes false, or raise it with --max-iterations (limits.maxIterations in the API)",
      2,
    ]);
  });

  it("let joined text reach maxStringLength exactly, and stop it one past", () => {
    const limits = { maxStringLength: 5 };
    expect(render('set a "abc"\nset b "de"\nprint a + b', "xmd", { limits })).toBe("abcde\n");
    // A number joined to text, and the parts of a print, are joined by the machine.
    expect(render('set n 12\nset s "abc"\nprint n + s', "xmd", { limits })).toBe("12abc\n");
    expect(render('set s "abc"\nprint s, 1', "xmd", { limits })).toBe("abc 1\n");
    for (const [source, line] of [
      ['set a "abc"\nset b "def"\nprint a + b', 3],
      ['set n 123\nset s "abc"\nprint n + s', 3],
      ['set s "abc"\nprint s, 12', 2],
    ] as const) {
      const e = failure(source, "xmd", { limits });
      expect([e.code, e.message, e.line], source).toEqual([
        "limit",
        "joining text would make a string of 6 characters, more than 5 (limit maxStringLength)",
        line,
      ]);
    }
  });
});

describe("objects", () => {
  it("keep a key named __proto__ as an ordinary key, never as the prototype", () => {
    expect(render('set o {}\nset o["__proto__"] 1\nprint o, keys(o), o["__proto__"]')).toBe(
      '{"__proto__":1} __proto__ 1\n',
    );
    expect(render('set o {"__proto__": 2}\nprint o, keys(o), o.toString == null')).toBe(
      '{"__proto__":2} __proto__ true\n',
    );
  });

  it("throw a value as a 'thrown' error whose message is the value's text", () => {
    expect(errorOf("throw 42")).toEqual(["thrown", "42", undefined, 1]);
  });
});
