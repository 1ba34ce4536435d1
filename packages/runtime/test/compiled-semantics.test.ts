/**
 * What the closure compiler must keep of the tree walker it replaced, found by a review
 * that ran both against the same documents: values that are `undefined` in JavaScript
 * (holes) read as null, `print` of a text sum evaluates every part before it writes any,
 * and a function value's own fields are not members.
 */
import { describe, expect, it } from "vitest";
import { createRuntime, XmdError } from "../src/index.js";

const MODES = ["pooled", "heap"] as const;

function render(source: string, memory: (typeof MODES)[number], maxStringLength?: number): string {
  const limits = maxStringLength === undefined ? {} : { maxStringLength };
  return createRuntime({ memory, limits }).render(source, { lang: "xmd" }).output;
}

function failure(source: string, memory: (typeof MODES)[number], maxStringLength?: number): XmdError {
  try {
    render(source, memory, maxStringLength);
  } catch (e) {
    if (e instanceof XmdError) return e;
    throw e;
  }
  throw new Error("rendered without an error");
}

describe.each(MODES)("compiled code (%s)", (memory) => {
  it("reads a hole of a list as null, through an object spread and a loop", () => {
    expect(render('set l []\nset l[2] 5\nset m {...l}\nprint m["0"] + 1\n', memory)).toBe("1\n");
    // A loop variable a closure captures lives in a cell: the hole is null there too.
    expect(render("set l []\nset l[1] 5\nfor x in l\n    set g () => x\n    print x + 1\n", memory)).toBe(
      "1\n6\n",
    );
  });

  it("evaluates every part of a printed text sum before writing any of it", () => {
    expect(render('function f\n    print "b"\n    return "c"\nprint "a" + f()\n', memory)).toBe("b\nac\n");
    // A part that fails leaves nothing of the line.
    expect(render('try\n    print "a" + nope\ncatch e\n    print "caught: " + e\n', memory)).toBe(
      "caught: 'nope' is not defined\n",
    );
  });

  it("holds a printed text sum to maxStringLength, at the + that passes it", () => {
    const error = failure('set s "12345678"\nprint "xx" + s\n', memory, 8);
    expect(error.code).toBe("limit");
    expect(error.message).toMatch(/more than 8 \(limit maxStringLength\)/);
    expect([error.line, error.column]).toEqual([2, 7]);
    // The same text set to a variable fails the same way.
    expect(failure('set s "12345678"\nset t "xx" + s\n', memory, 8).code).toBe("limit");
  });

  it("does not show a function value's own fields as members", () => {
    for (const field of ["body", "info", "module", "cells"]) {
      const error = failure(`function f x\n    return 1\nprint f.${field}\n`, memory);
      expect(error.message).toBe(`functions have no member '${field}'`);
    }
    // Its first call (which compiles its body) changes none of that.
    expect(failure("function f x\n    return 1\nprint f(2)\nprint f.body\n", memory).message).toBe(
      "functions have no member 'body'",
    );
  });

  it("holds a printed sum with numbers to maxStringLength, numbers at their exact length", () => {
    // "xx" + 6 digits is 8: within the limit, though a number's text could be 24 long.
    expect(render('set n 123456\nprint "xx" + n\n', memory, 8)).toBe("xx123456\n");
    expect(render('set n 0.5\nprint "xxxxx" + n\n', memory, 8)).toBe("xxxxx0.5\n");
    const error = failure('set n 1234567\nprint "xx" + n\n', memory, 8);
    expect(error.code).toBe("limit");
    expect([error.line, error.column]).toEqual([2, 7]);
  });

  it("prints numbers as JavaScript's shortest text, on both output paths", () => {
    const source =
      "for x in [0, -0, 7, 1023, 1024, -3, 4294967295, 37.5, 0.1 + 0.2, 1e21, 1 / 3, -4.25, 9007199254740992, 0.000001, 1e-7]\n    print x\n";
    const expected = `${[0, 0, 7, 1023, 1024, -3, 4294967295, 37.5, 0.1 + 0.2, 1e21, 1 / 3, -4.25, 2 ** 53, 0.000001, 1e-7].map(String).join("\n")}\n`;
    const runtime = createRuntime({ memory });
    expect(runtime.render(source, { lang: "xmd" }).output).toBe(expected);
    expect(new TextDecoder().decode(runtime.renderBytes(source, { lang: "xmd" }).output)).toBe(expected);
    const inText = "{{37.5}} {{-0}} {{1/3}} {{5}} {{1023 + 1}}\n";
    expect(new TextDecoder().decode(runtime.renderBytes(inText).output)).toBe(`37.5 0 ${1 / 3} 5 1024\n`);
    // Joined into text (not printed as a part): the same texts.
    const joined = 'set s "" + 0 + " " + -0 + " " + 999 + " " + 1e3 + " " + 2.5\nprint s\n';
    expect(runtime.render(joined, { lang: "xmd" }).output).toBe("0 0 999 1000 2.5\n");
  });

  it("reads a member as the object's own field, whatever the object", () => {
    const runtime = createRuntime({ memory });
    const bare = Object.create(null) as Record<string, unknown>;
    bare.name = "bare";
    const vars = {
      record: { name: "r", constructor: "c", toString: "t", hole: undefined },
      bare,
      list: [1, 2, 3],
      when: new Date(0),
    };
    const out = (line: string) => runtime.render(`print ${line}\n`, { lang: "xmd", vars }).output;
    expect(out("record.name")).toBe("r\n");
    expect(out("record.constructor + record.toString")).toBe("ct\n");
    expect(out("record.hole = null and record.missing = null")).toBe("true\n");
    expect(out("bare.name")).toBe("bare\n");
    expect(out("list.length")).toBe("3\n");
    // A method of Date.prototype is not a member of a date.
    expect(() => out("when.getTime")).toThrow(XmdError);
    // A class instance's fields are its own; its methods come from its class.
    const cls =
      "class P\n    constructor(n)\n        set self.n n\n    method twice\n        return self.n * 2\nset p P(4)\n";
    expect(runtime.render(`${cls}print p.n, p.twice\n`, { lang: "xmd" }).output).toBe("4 8\n");
  });

  it("adds a chain of sums part by part, in order, each + as itself", () => {
    const calls = 'function f(x)\n    print "f" + x\n    return x\n';
    expect(render(`${calls}print f(1) + f(2) + f(3)\nprint f(1) + f(2) + f(3) + f(4) + f(5)\n`, memory)).toBe(
      "f1\nf2\nf3\n6\nf1\nf2\nf3\nf4\nf5\n15\n",
    );
    expect(
      render('set x 1\nprint x + 2 + "a", "a" + x + 2, x + 2 + 3 + 4 + 5 + 6, 1 + 2 + x\n', memory),
    ).toBe("3a a12 21 4\n");
    // A part after a failing + is not evaluated: the error is that +'s.
    const error = failure(`${calls}set x 1\nset v x + true + f(9)\n`, memory);
    expect(error.message).toMatch(/cannot add a number and a boolean/);
    expect(error.line).toBe(5);
    expect(
      render(`${calls}set x 1\ntry\n    set v x + true + f(9)\ncatch e\n    print "caught"\n`, memory),
    ).toBe("caught\n");
    const joined = failure('set x "a"\nset v x + 2 + "b"\n', memory, 2);
    expect(joined.code).toBe("limit");
  });

  it("reads each member right when more names than member readers share them", () => {
    // Forty names: the first ones of the process get a reader of their own, the rest share.
    const names = Array.from({ length: 40 }, (_, i) => `field${i}x${"y".repeat(i % 5)}`);
    const record = Object.fromEntries(names.map((name, i) => [name, i]));
    const other = Object.fromEntries(names.map((name, i) => [name, `v${i}`]));
    const source = `for r in [record, other, {}]\n    print ${names.map((name) => `r.${name}`).join(", ")}\n`;
    const runtime = createRuntime({ memory });
    const out = runtime.render(source, { lang: "xmd", vars: { record, other } }).output.split("\n");
    expect(out[0]).toBe(names.map((_, i) => i).join(" "));
    expect(out[1]).toBe(names.map((_, i) => `v${i}`).join(" "));
    // A missing key reads as null, which prints as nothing.
    expect(out[2]).toBe(" ".repeat(names.length - 1));
  });

  it("runs every arithmetic and comparison operator on two variables", () => {
    const source = [
      "set a 7",
      "set b 2",
      "print a / b, a % b, a <= b, a >= b, a = b, a != b, a * b, a - b, a + b, a < b, a > b",
    ].join("\n");
    expect(render(`${source}\n`, memory)).toBe("3.5 1 false true false true 14 5 9 false true\n");
  });
});

describe("a name that holds a function, decided when the line runs", () => {
  it("never builds an object around a function", () => {
    const make = "function mk n\n    return x => x + n\nset add5 mk 5\n";
    expect(render(`${make}set r add5 10\nprint r\n`, "pooled")).toBe("15\n");
    const error = failure(`${make}set r add5 10, b 2\n`, "heap");
    expect(error.message).toBe(
      "'add5' holds a function, so this line is a call of it or an object, and cannot be both",
    );
    expect([error.line, error.column]).toEqual([4, 7]);
    expect(render("set n 1\nset o n 2, m 3\nprint o\n", "pooled")).toBe('{"n":2,"m":3}\n');
  });
});
