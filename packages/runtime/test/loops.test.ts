/**
 * Every kind of loop ends the same three ways: `break` leaves it and goes on after it,
 * `continue` goes to the next step, and `return` in a function leaves the loop and the
 * function with the value. Each kind of iterable has its own loop function
 * (`compile/loops.ts`), so each is checked on its own, in both memory modes.
 */
import { describe, expect, it } from "vitest";
import { createRuntime } from "../src/index.js";

const MODES = ["pooled", "heap"] as const;

/** The loop headers under test, each over the values 1, 2, 3, 4 (as `v`) in that order. */
const HEADERS: Record<string, { setup?: string; header: string }> = {
  "for over a range": { header: "for v in 1 .. 4" },
  "for over a falling range": { header: "for w in 4 .. 1" },
  "for below a number": { header: "for w in 4" },
  "for over a list": { setup: "set xs [1, 2, 3, 4]", header: "for v in xs" },
  "for with index over a list": { setup: "set xs [1, 2, 3, 4]", header: "for i, v in xs" },
  "for over text": { setup: 'set t "1234"', header: "for c in t" },
  "for with index over text": { setup: 'set t "1234"', header: "for i, c in t" },
  "for over a generator": {
    setup: "function* gen\n    yield 1\n    yield 2\n    yield 3\n    yield 4",
    header: "for v in gen()",
  },
  "for with index over a generator": {
    setup: "function* gen\n    yield 1\n    yield 2\n    yield 3\n    yield 4",
    header: "for i, v in gen()",
  },
  "for over an object's keys": { setup: 'set o {"1": 0, "2": 0, "3": 0, "4": 0}', header: "for k in o" },
  "for over an object's entries": {
    setup: 'set o {"1": 1, "2": 2, "3": 3, "4": 4}',
    header: "for k, x in o",
  },
  "loop n times": { setup: "set n 0", header: "loop 4 times" },
  while: { setup: "set n 0", header: "while n < 4" },
};

/** The first statement of a body: makes `v` the step's value (1–4) whatever the header gives. */
function stepValue(name: string): string {
  switch (name) {
    case "for over a falling range":
      return "set v 5 - w";
    case "for below a number":
      return "set v w + 1";
    case "for over text":
    case "for with index over text":
      return "set v number(c)";
    case "for over an object's keys":
      return "set v number(k)";
    case "for over an object's entries":
      return "set v x";
    case "loop n times":
    case "while":
      return "set n n + 1\nset v n";
    default:
      return "";
  }
}

/** The setup lines, then the loop named `name` with `body` after its step-value line. */
function loopLines(name: string, body: string): string[] {
  const { setup = "", header } = HEADERS[name] as { setup?: string; header: string };
  const lines = [...stepValue(name).split("\n"), ...body.split("\n")].filter((l) => l !== "");
  return [...setup.split("\n"), header, ...lines.map((l) => `    ${l}`)].filter((l) => l !== "");
}

/** `lines` indented as the body of a function. */
const indented = (lines: string[]) => lines.map((l) => `    ${l}`).join("\n");

/** The loop at the top level, or in a function `f` that returns "fell through" after it. */
function program(name: string, body: string, wrapInFunction: boolean): string {
  const lines = loopLines(name, body);
  if (!wrapInFunction) return `${lines.join("\n")}\nprint "after"\n`;
  return `function f\n${indented([...lines, 'return "fell through"'])}\nprint f()\nprint "after"\n`;
}

/** The loop in a `function* g` that yields "end" after it, and a loop printing what g yields. */
function generator(name: string, body: string): string {
  return `function* g\n${indented([...loopLines(name, body), 'yield "end"'])}\nfor x in g()\n    print x\n`;
}

function render(source: string, memory: (typeof MODES)[number]): string {
  return createRuntime({ memory }).render(source, { lang: "xmd" }).output;
}

describe.each(MODES)("loops (%s)", (memory) => {
  describe.each(Object.keys(HEADERS))("%s", (name) => {
    it("runs every step in order", () => {
      expect(render(program(name, "print v", false), memory)).toBe("1\n2\n3\n4\nafter\n");
    });

    it("leaves the loop at break and goes on after it", () => {
      expect(render(program(name, "if v = 3 then break\nprint v", false), memory)).toBe("1\n2\nafter\n");
    });

    it("goes to the next step at continue", () => {
      expect(render(program(name, "if v = 2 then continue\nprint v", false), memory)).toBe(
        "1\n3\n4\nafter\n",
      );
    });

    it("leaves the loop and its function at return, with the value", () => {
      expect(render(program(name, 'print v\nif v = 2 then return "at " + v', true), memory)).toBe(
        "1\n2\nat 2\nafter\n",
      );
    });

    it("ends a function normally when no step returns", () => {
      expect(render(program(name, "set z v", true), memory)).toBe("fell through\nafter\n");
    });
  });

  // The same loops in a `function*` whose body yields from inside them (compiled apart:
  // a loop with a `yield` in it is a JavaScript generator, see compile/generators.ts).
  describe.each(Object.keys(HEADERS))("%s, yielding in a function*", (name) => {
    it("yields every step in order", () => {
      expect(render(generator(name, "yield v"), memory)).toBe("1\n2\n3\n4\nend\n");
    });

    it("leaves the loop at break", () => {
      expect(render(generator(name, "if v = 3 then break\nyield v"), memory)).toBe("1\n2\nend\n");
    });

    it("goes to the next step at continue", () => {
      expect(render(generator(name, "if v = 2 then continue\nyield v"), memory)).toBe("1\n3\n4\nend\n");
    });

    it("ends the generator at return", () => {
      expect(render(generator(name, "yield v\nif v = 2 then return v"), memory)).toBe("1\n2\n");
    });
  });

  it("gives each step's index from 0 with the value", () => {
    const gen = 'function* gen\n    yield "p"\n    yield "q"\n';
    expect(render('for i, x in ["p", "q"]\n    print i + x\n', memory)).toBe("0p\n1q\n");
    expect(render('for i, c in "pq"\n    print i + c\n', memory)).toBe("0p\n1q\n");
    expect(render(`${gen}for i, x in gen()\n    print i + x\n`, memory)).toBe("0p\n1q\n");
  });

  it("lets a function declared inside another set the outer one's variables", () => {
    const source =
      'function outer\n    set n "a"\n    function add\n        set n n + "b"\n    add()\n    add()\n    return n\nprint outer()\n';
    expect(render(source, memory)).toBe("abb\n");
  });

  it("breaks only the inner of two loops", () => {
    const source =
      "for a in 1 .. 2\n    for b in [1, 2, 3]\n        if b = 2 then break\n        print a * 10 + b\n";
    expect(render(source, memory)).toBe("11\n21\n");
  });

  it("reads a hole of a list as null in both loop forms", () => {
    const source =
      'set l []\nset l[1] 5\nfor x in l\n    print x = null\nfor i, x in l\n    print i + ":" + (x = null)\n';
    expect(render(source, memory)).toBe("true\nfalse\n0:true\n1:false\n");
  });

  it("counts from 0 below a number that is not whole", () => {
    expect(render("for i in 2.5\n    print i\n", memory)).toBe("0\n1\n2\n");
  });
});

describe.each(["pooled", "heap"] as const)("a document's loop over a list (%s)", (memory) => {
  it("over an empty list makes no variable, as a loop that never writes it", () => {
    const runtime = createRuntime({ memory });
    try {
      const counts = (source: string) =>
        runtime.render(source, { lang: "xmd" }).stats.allocations.requested.variable;
      expect(counts('set y 1\nfor x in []\n    print x\nprint exists("x")\n')).toBe(1);
      expect(counts('set y 1\nfor x in [7]\n    set z x\nprint exists("x")\n')).toBe(3);
    } finally {
      runtime.dispose();
    }
  });

  it("writes each item into the variable it found before the first step, which the body may change", () => {
    const runtime = createRuntime({ memory });
    try {
      const source = 'for x in [1, "two", null, [3]]\n    print x\n    set x "changed"\nprint x\n';
      expect(runtime.render(source, { lang: "xmd" }).output).toBe("1\ntwo\n\n3\nchanged\n");
    } finally {
      runtime.dispose();
    }
  });
});
