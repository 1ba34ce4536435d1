/**
 * Calls (`compile/calls.ts`): builtins called by name and what shadows them, user
 * functions given fewer or more arguments than they take, spread arguments (lists,
 * strings, generators), `print` with one part, with parts joined by `+` and with several
 * arguments, `g 1` where `g` may or may not hold a function, and the errors a call of a
 * value that is not a function gives. In both memory modes.
 */
import { describe, expect, it } from "vitest";
import { createRuntime, type MemoryMode, type RuntimeOptions, XmdError } from "../src/index.js";

type RuntimeLimits = NonNullable<RuntimeOptions["limits"]>;

const MODES: MemoryMode[] = ["pooled", "heap"];

/** These snippets test what a call does, not how fast: no time limit may strike on a loaded machine. */
const UNHURRIED = { timeoutMs: 600_000 };

describe.each(MODES)("calls (%s)", (memory) => {
  /** The output of `source`, rendered as native XMD. */
  const run = (source: string, limits: RuntimeLimits = {}, lang: "md" | "xmd" = "xmd") => {
    const runtime = createRuntime({ memory, checked: true, limits: { ...UNHURRIED, ...limits } });
    try {
      return runtime.render(source, { lang }).output;
    } finally {
      runtime.dispose();
    }
  };

  /** The XmdError `source` raises. */
  const failure = (source: string, limits: RuntimeLimits = {}): XmdError => {
    try {
      run(source, limits);
    } catch (e) {
      if (e instanceof XmdError) return e;
      throw e;
    }
    throw new Error(`expected an error from ${JSON.stringify(source)}`);
  };

  /** Allocations of `other` values (lists, objects, joined strings) a render requests. */
  const otherAllocations = (source: string): number => {
    const runtime = createRuntime({ memory, limits: UNHURRIED });
    try {
      return runtime.render(source, { lang: "xmd" }).stats.allocations.requested.other;
    } finally {
      runtime.dispose();
    }
  };

  const TOO_LONG_HINT = "raise it with --max-string-length (limits.maxStringLength in the API)";

  describe("callees", () => {
    it("gives print's value as null when print is used as an expression, after printing", () => {
      expect(run('set x print "a"\nprint x == null\nprint x')).toBe("a\ntrue\n\n");
    });

    it("calls a document's function set under a builtin's name, not the builtin", () => {
      expect(run("set len (x => 42)\nprint len([1, 2])")).toBe("42\n");
    });

    it("calls a parameter named like a builtin, not the builtin", () => {
      expect(run("function apply len x\n    return len x\nprint apply((v => v * 2), 3)")).toBe("6\n");
    });

    it("calls a parameter named print instead of printing", () => {
      // The lambda prints its argument in brackets: the builtin would print it bare.
      const source = 'function twice print x\n    print x\n    print x\ntwice((v => print "[" + v + "]"), 1)';
      expect(run(source)).toBe("[1]\n[1]\n");
    });

    it("does not take a string literal's text as the name of a builtin to call", () => {
      // A literal's text is interned as names are: `"len"(…)` must not reach `len`.
      for (const source of ['print "len"([1, 2])', 'print "exists"("x")', '"print"(5)']) {
        const error = failure(source);
        expect(error.code).toBe("type");
        expect(error.message).toBe("this value is a string, not a function");
      }
    });

    it('tests the empty name with exists() as with exists("")', () => {
      // A variable the API passes may have any name, the empty one too.
      const runtime = createRuntime({ memory, checked: true, limits: UNHURRIED });
      try {
        const source = 'print exists()\nprint exists("")';
        expect(runtime.render(source, { lang: "xmd", vars: { "": 1 } }).output).toBe("true\ntrue\n");
        expect(runtime.render(source, { lang: "xmd", vars: { x: 1 } }).output).toBe("false\nfalse\n");
      } finally {
        runtime.dispose();
      }
    });

    it("names the variable when a call's callee is a name that holds no function", () => {
      const error = failure("set x 5\nprint x(1)");
      expect(error.code).toBe("type");
      expect(error.message).toBe("'x' is a number, not a function");
      expect([error.line, error.column]).toEqual([2, 7]);
    });

    it("says 'this value' when a call's callee is not a name and holds no function", () => {
      const error = failure("set xs [5]\nprint xs[0](1)");
      expect(error.code).toBe("type");
      expect(error.message).toBe("this value is a number, not a function");
      expect([error.line, error.column]).toEqual([2, 7]);
    });

    it("gives a closure over a parameter the call left out null, not an argument's value", () => {
      // Captured parameters move into cells when the call starts; the ones left out must
      // start as null there too, whatever the arguments below the frame hold.
      const source = [
        "function f a, b, c",
        "    return () => [a, b == null, c == null, b, c]",
        "print f(7)()",
        "print f(7, 8)()",
        "print f(7, 8, 9)()",
      ].join("\n");
      expect(run(source)).toBe("7, true, true, , \n7, false, true, 8, \n7, false, false, 8, 9\n");
    });

    it("calls a function found in a list", () => {
      expect(run("set xs [(v => v + 1)]\nprint xs[0](1)")).toBe("2\n");
    });
  });

  describe("a name alone", () => {
    it("is the function, not a call, when it holds a lambda without parameters", () => {
      expect(run("set g (() => 7)\nset r g\nprint r")).toBe("<function g>\n");
    });

    it("is a call when it names a function declared without parameters", () => {
      expect(run("function g\n    return 7\nset h g\nprint h")).toBe("7\n");
    });
  });

  describe("a name followed by a value, not known to be a function when parsed", () => {
    it("is an error when it starts a line and holds no function", () => {
      const error = failure("set x 5\nx 1");
      expect(error.code).toBe("type");
      expect(error.message).toBe("'x' is a number, not a function, so what follows it is not an argument");
      expect(error.hint).toBe(
        "to pass several values, separate them with commas; a name is called when it holds a function, is declared with `function`, or is imported",
      );
      expect([error.line, error.column]).toEqual([2, 1]);
    });

    it("calls a namespace that can be called (Date) and refuses one that cannot (json)", () => {
      expect(run('set D Date\nD "2020-01-01"\nprint "ok"')).toBe("ok\n");
      const error = failure("set J json\nJ 1");
      expect(error.code).toBe("type");
      expect(error.message).toBe("'J' is an object, not a function, so what follows it is not an argument");
    });

    it("after set, calls the function it holds with the value", () => {
      expect(run('set D Date\nset r D "2020-01-01"\nprint r')).toBe("2020-01-01T00:00:00.000Z\n");
      expect(run("set L len\nset r L [1, 2]\nprint r")).toBe("2\n");
    });

    it("after set, makes an object of it when it holds no function", () => {
      expect(run("set x 5\nset r x 1\nprint r")).toBe('{"x":1}\n');
      // A namespace that cannot be called is no function either.
      expect(run("set J json\nset r J 1\nprint r")).toBe('{"J":1}\n');
      expect(run("set J json\nset r J 1, b 2\nprint r")).toBe('{"J":1,"b":2}\n');
    });

    it("counts the object it makes as one allocation", () => {
      const without = otherAllocations("set x 5\nset r x\n");
      expect(otherAllocations("set x 5\nset r x 1\n")).toBe(without + 1);
      expect(otherAllocations("set x 5\nloop 3 times\n    set r x 1\n")).toBe(without + 3);
    });

    it("after set, refuses to make an object of several entries around a function", () => {
      const error = failure('set D Date\nset r D "2020-01-01", b 2\nprint r');
      expect(error.code).toBe("type");
      expect(error.message).toBe(
        "'D' holds a function, so this line is a call of it or an object, and cannot be both",
      );
      expect(error.hint).toBe("to call it, write D(…); to make an object, use another key than 'D'");
      expect([error.line, error.column]).toEqual([2, 7]);
    });

    it("among arguments, is one argument (the call's result) when it holds a function", () => {
      expect(run('set D Date\nprint D "2020-01-01"')).toBe("2020-01-01T00:00:00.000Z\n");
      expect(run("set L len\nprint L [1, 2]")).toBe("2\n");
    });

    it("among arguments, is several arguments when it holds no function", () => {
      expect(run("set J json\nprint J 1")).toBe('"<namespace json>" 1\n');
      const f = "function f a b c\n    return [a, b, c]\n";
      expect(run(`${f}set g 5\nprint f 1 g 2`)).toBe("1, 5, 2\n");
    });

    it("gives a function it calls only as many arguments as it takes", () => {
      // `t` is a local never set: an argument past `a` must not land in its slot.
      const one = "function one a\n    if a > 100\n        set t 0\n    return [a, t]\nset g one\n";
      expect(run(`${one}print g 1, 2`)).toBe("1, \n");
      expect(run(`${one}set r [g 1 2 3]\nprint r`)).toBe("1, \n");
    });

    it("gives a function it calls null for the arguments it lacks", () => {
      const two = "function two a b\n    return [a, b == null]\nset o two\n";
      expect(run(`${two}set r o 10\nprint r`)).toBe("10, true\n");
    });
  });

  describe("spread arguments to a function of the document", () => {
    const f = "function f a b c\n    return [a, b, c]\n";

    it("passes a list's items, the first ones only, and null for the parameters left", () => {
      expect(run(`${f}print f(...[1])`)).toBe("1, , \n");
      expect(run(`${f}print f(...[1, 2, 3, 4])`)).toBe("1, 2, 3\n");
    });

    it("passes arguments before and after a spread in order, as many as the function takes", () => {
      expect(run(`${f}print f(1, ...[2, 3, 4], 5)`)).toBe("1, 2, 3\n");
      expect(run(`${f}print f(1, ...[2], 3, 4)`)).toBe("1, 2, 3\n");
      expect(run(`${f}print f(...[], 1, 2, 3, 4)`)).toBe("1, 2, 3\n");
    });

    it("passes a string's characters, a character outside the BMP as one", () => {
      expect(run(`${f}print f(..."😀ab")`)).toBe("😀, a, b\n");
      expect(run(`${f}print f(..."a😀bc")`)).toBe("a, 😀, b\n");
    });

    it("passes what a generator yields, and a generator not spread as itself", () => {
      const gen = "function* gen\n    yield 1\n    yield 2\n";
      expect(run(`${gen}${f}print f(...gen())`)).toBe("1, 2, \n");
      expect(run(`${gen}${f}print f(gen(), ...[9])`)).toBe("<generator gen>, 9, \n");
    });

    it("passes the value of a name that holds no function, and what follows it", () => {
      expect(run(`${f}function k x\n    return f x 1\nprint k(5)`)).toBe("5, 1, \n");
      expect(run(`${f}set g 5\nprint f(1, g 2)`)).toBe("1, 5, 2\n");
    });

    it("refuses to spread a number or an object", () => {
      const number = failure(`${f}print f(...5)`);
      expect(number.code).toBe("type");
      expect(number.message).toBe(
        "only a list or a string can be spread into a list or arguments, not a number",
      );
      expect(number.hint).toBeUndefined();
      expect([number.line, number.column]).toEqual([3, 9]);
      const object = failure(`${f}print f(...{a: 1})`);
      expect(object.code).toBe("type");
      expect(object.message).toBe(
        "only a list or a string can be spread into a list or arguments, not an object",
      );
      expect(object.hint).toBe("to copy an object, spread it into an object: set copy {...value}");
    });
  });

  describe("print", () => {
    it("prints an empty line with no argument", () => {
      expect(run('print\nprint "b"')).toBe("\nb\n");
    });

    it("joins several arguments and spread items with spaces", () => {
      expect(run("print ...[1, 2]")).toBe("1 2\n");
      expect(run("print 1, ...[2, 3], 4")).toBe("1 2 3 4\n");
    });

    it("writes a product, difference, quotient or remainder joined to text", () => {
      expect(run('set x 2\nprint "a" + x * 3 + "|" + (x - 3) + "|" + x / 4 + "|" + 7 % x')).toBe(
        "a6|-1|0.5|1\n",
      );
    });

    it("writes a joined print again from inside one of its parts, each run with its own parts", () => {
      // The inner print runs while the outer one still holds its parts.
      const source = 'function f n\n    print "<" + n + (n > 0 ? f(n - 1) : "") + ">"\nf 2';
      expect(run(source)).toBe("<0>\n<1>\n<2>\n");
    });

    it("writes joined parts inline in a markdown line", () => {
      expect(run('Hello <!-- xmd print "a" + "b" + 2 * 3 -->!\n', {}, "md")).toBe("Hello ab6!\n");
    });

    it("fails at the output limit while writing joined parts", () => {
      const error = failure('print "a" + "b" + "c"\nprint "never"', { maxOutputBytes: 2 });
      expect(error.code).toBe("limit");
      expect(error.message).toBe("output limit reached: more than 2 bytes (limit maxOutputBytes)");
      // At the print that passed the limit, not at the next one.
      expect([error.line, error.column]).toEqual([1, 1]);
    });

    it("prints a variable built by appends, and a local beside it, to bytes", () => {
      // Rendered to bytes, `s` (global 0) keeps its text in a builder, which only a
      // print of that global may copy from: `x` is slot 0 of f's frame, not global 0.
      const source = 'set s "ab"\nset s s + "cd"\nfunction f x\n    print x\nf 5\nprint 7\nprint s';
      const runtime = createRuntime({ memory, checked: true, limits: UNHURRIED });
      try {
        const { output } = runtime.renderBytes(source, { lang: "xmd" });
        expect(new TextDecoder().decode(output)).toBe("5\n7\nabcd\n");
      } finally {
        runtime.dispose();
      }
    });

    it("says a global set only later in the document is not defined", () => {
      // `b` is set first, which leaves `a`'s place in the globals empty.
      const error = failure("if false\n    set a 1\nset b 2\nprint a");
      expect(error.code).toBe("undefined-name");
      expect(error.message).toBe("'a' is not defined");
      expect([error.line, error.column]).toEqual([4, 7]);
    });
  });

  describe("print of joined parts within maxStringLength", () => {
    const limits = { maxStringLength: 10 };
    const tooLong = (length: number) =>
      `joining text would make a string of ${length} characters, more than 10 (limit maxStringLength)`;
    const expectTooLong = (source: string, length: number) => {
      const error = failure(source, limits);
      expect(error.code).toBe("limit");
      expect(error.message).toBe(tooLong(length));
      expect(error.hint).toBe(TOO_LONG_HINT);
    };

    it("writes a number part when the text is exactly the limit, and fails one past it", () => {
      // A number is first counted at its longest: the exact length decides.
      expect(run('set n 1\nprint "aaaaaaaaa" + n', limits)).toBe("aaaaaaaaa1\n");
      expectTooLong('set n 1\nprint "aaaaaaaaaa" + n', 11);
    });

    it("writes a computed number part when the text is exactly the limit, and fails one past it", () => {
      expect(run('set x 2\nprint "aaaaaaaaa" + x * 3', limits)).toBe("aaaaaaaaa6\n");
      expectTooLong('set x 2\nprint "aaaaaaaaaa" + x * 3', 11);
    });

    it("writes a converted part when the text is exactly the limit, and fails one past it", () => {
      expect(run('print "aaaaaaaaa" + [1]', limits)).toBe("aaaaaaaaa1\n");
      expectTooLong('print "aaaaaaaaa" + [12]', 11);
      expect(run('print "aaaaaa" + true', limits)).toBe("aaaaaatrue\n");
      expectTooLong('print "aaaaaaa" + true', 11);
    });

    it("counts every part up to the one that passes the limit", () => {
      // A literal longer than the limit is fine alone; joined, the whole length counts.
      expect(run('print "aaaaaaaaaaaaaaa"', limits)).toBe("aaaaaaaaaaaaaaa\n");
      expectTooLong('print "aaaaaaaaaaaaaaa" + "b"', 16);
      expectTooLong('print "aaaaa" + "bbbbb" + "c" + "dd"', 11);
    });
  });
});
