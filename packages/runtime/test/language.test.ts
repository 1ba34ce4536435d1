import { describe, expect, it } from "vitest";
import { createRuntime, XmdError } from "../src/index.js";
import { failure, MODES, render, renderIn, thrownBy, withVirtualClock } from "./support/render.js";
import { heavy } from "./support/scale.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

describe("values and text conversion", () => {
  it("prints numbers in shortest form, null as nothing, arrays joined, objects as JSON", () => {
    expect(
      render(
        lines("print 0.1 + 0.2", "print 10 / 4", "print null", "print [1, [2, 3]]", 'print {a: 1, b: "x"}'),
      ),
    ).toBe(lines("0.30000000000000004", "2.5", "", "1, 2, 3", '{"a":1,"b":"x"}'));
  });

  it("concatenates with + when either side is a string", () => {
    expect(render(lines('print "n=" + 3', 'print 1 + "2"', 'print "a" + true'))).toBe(
      lines("n=3", "12", "atrue"),
    );
  });

  it("names a lambda after the variable it is set to", () => {
    expect(render("set double x => x * 2\nset half (x => x / 2)\nprint double, half, (y => y)\n")).toBe(
      "<function double> <function half> <function lambda>\n",
    );
  });

  it("interpolates template strings", () => {
    expect(render(lines('set who "An"', "set n 2", "print `{{who}} has {{n * 2}} items`"))).toBe(
      lines("An has 4 items"),
    );
  });
});

describe("variables and functions", () => {
  it("lets functions update module variables and keep their own locals", () => {
    const src = lines(
      "set total 0",
      "function add x",
      "    set total total + x",
      "    set temp x * 2",
      "    return temp",
      "add 5",
      "print add 7",
      "print total",
      'print exists("temp")',
    );
    expect(render(src)).toBe(lines("14", "12", "false"));
  });

  it("makes closures that capture their environment", () => {
    const src = lines(
      "function adder n",
      "    return x => x + n",
      "set add5 adder 5",
      "set add10 adder 10",
      "print add5(3)",
      "print add10(3)",
      "print [1, 2, 3].map(x => x * 10)",
    );
    expect(render(src)).toBe(lines("8", "13", "10, 20, 30"));
  });

  it("shares a captured variable between the function and its closures", () => {
    const src = lines(
      "function counter",
      "    set n 0",
      "    set bump () => n + 1",
      "    set n bump()",
      "    set n bump()",
      "    return n",
      "print counter()",
    );
    expect(render(src)).toBe(lines("2"));
  });

  it("recurses and calls functions named alone on a line", () => {
    const src = lines(
      "function fib n",
      "    if n < 2 then return n",
      "    return fib(n - 1) + fib(n - 2)",
      "print fib 20",
      "function hello",
      '    print "hi"',
      "hello",
    );
    expect(render(src)).toBe(lines("6765", "hi"));
  });

  it("hoists function declarations", () => {
    expect(render(lines('print twice "x"', "function twice s", "    return s + s"))).toBe(lines("xx"));
  });
});

describe("spread in set", () => {
  it("makes a list or an object the way the reference shows", () => {
    const src = lines(
      "set items 1, 2",
      'set more ...items, "new"',
      "set copy ...items",
      'set user name "An", age 3',
      'set merged ...user, country "VN"',
      "print more",
      "print len copy",
      "print merged",
    );
    expect(render(src)).toBe(lines("1, 2, new", "2", '{"name":"An","age":3,"country":"VN"}'));
  });

  it("spreads strings by character, and refuses to spread an object into a list", () => {
    expect(render('set cs ..."ab", "c"\nprint cs\nprint len [..."héllo"]\n')).toBe(lines("a, b, c", "5"));
    const e = failure('set user name "An"\nset copy ...user\n');
    expect([e.code, e.line]).toEqual(["type", 2]);
    expect(e.message).toBe("only a list or a string can be spread into a list or arguments, not an object");
    expect(e.hint).toBe("to copy an object, spread it into an object: set copy {...value}");
    expect(render('set user name "An"\nset copy {...user}\nprint copy\n')).toBe(lines('{"name":"An"}'));
  });
});

describe("call arguments", () => {
  it("ignores arguments past a function's parameters, as a missing one is null, in both modes and paths", () => {
    const src = lines(
      "function two a b",
      "    return `{{a}} {{b}}`",
      "set xs range(70000)",
      "print two(...xs)",
      "print two(1)",
      "print two(1, 2, 3)",
      "print two(...xs, 5)",
      "set calls 0",
      "function count",
      "    set calls calls + 1",
      "    return calls",
      "print two(9, 8, count(), count())",
      "print calls",
      'print ((a) => a)(..."héllo")',
      "print [7, 8, 9].map((x, i) => x)",
      "print xs.reduce((a, b, extra) => a + b)",
    );
    const expected = lines("0 1", "1 ", "1 2", "0 1", "9 8", "2", "h", "7, 8, 9", "2449965000");
    expect(render(src)).toBe(expected);
    for (const memory of MODES) {
      const runtime = createRuntime({ memory, checked: true });
      expect(runtime.compile(src, { lang: "xmd" }).render().output).toBe(expected);
      expect(runtime.inspect().live).toEqual({ nodes: 0, variables: 0, temporaries: 0 });
    }
  });

  it("spreads more items into a builtin than the JavaScript stack holds arguments", () => {
    expect(
      render(
        lines(
          "set xs range(200000)",
          "print max(...xs), min(...xs)",
          "set ys []",
          "ys.push(...xs)",
          "print len(ys)",
        ),
      ),
    ).toBe(lines("199999 0", "200000"));
    // The reported document: a list at the size limit (ten million items).
    const items = heavy(10_000_000);
    expect(render(lines(`print max(range(${items}))`))).toBe(lines(String(items - 1)));
  });

  it("still checks how many arguments a builtin takes", () => {
    const e = failure(lines("set xs range(5)", "print len(...xs)"));
    expect([e.code, e.line, e.message]).toEqual(["type", 2, "len takes 1 argument, got 5"]);
  });
});

describe("deep values", () => {
  it("compares, converts and stringifies lists nested 120,000 deep without running out of stack", () => {
    const [lists, objects] = [heavy(120_000), heavy(100_000)];
    const src = lines(
      "set a []",
      "set b []",
      "set c [1]",
      `loop ${lists} times`,
      "    set a [a]",
      "    set b [b]",
      "    set c [c]",
      "print a = b, a = c, a != c",
      "print len(string(a)), len(string(c))",
      "print len(json.stringify(a))",
      "set o {}",
      `loop ${objects} times`,
      "    set o {x: o}",
      "print len(string(o))",
    );
    expect(render(src)).toBe(lines("true false true", "0 1", String(2 * lists + 2), String(6 * objects + 2)));
  });
});

describe("objects", () => {
  it("keeps __proto__ as an ordinary key, never as the prototype", () => {
    const src = lines(
      "set o {__proto__: {z: 1}, a: 2}",
      "print keys o",
      "set p {}",
      'set p["__proto__"] 5',
      "print p",
      "set q {...o}",
      "print q.a, q.z, q.__proto__.z",
    );
    // q.z is null: z is a key of the value of q's "__proto__" key, not of q.
    expect(render(src)).toBe(lines("__proto__, a", '{"__proto__":5}', "2  1"));
  });
});

describe("control flow", () => {
  it("loops over objects with key and value, and strings by character", () => {
    const src = lines(
      "set o a 1, b 2",
      "for k, v in o",
      '    print k + "=" + v',
      'for ch in "hé"',
      "    print ch",
    );
    expect(render(src)).toBe(lines("a=1", "b=2", "h", "é"));
  });

  it("counts ranges down as well as up", () => {
    expect(render(lines("for i in 3 .. 1", "    print i"))).toBe(lines("3", "2", "1"));
  });

  it("breaks and continues in while loops", () => {
    const src = lines(
      "set i 0",
      "while true",
      "    set i i + 1",
      "    if i = 2 then continue",
      "    if i > 4 then break",
      "    print i",
    );
    expect(render(src)).toBe(lines("1", "3", "4"));
  });

  it("catches runtime errors and thrown values", () => {
    const src = lines(
      "try",
      "    print nope",
      "catch e",
      '    print "caught: " + e',
      "try",
      "    throw {code: 42}",
      "catch e",
      "    print e.code",
    );
    expect(render(src)).toBe(lines("caught: 'nope' is not defined", "42"));
  });

  it("unwinds frames when an error escapes nested calls", () => {
    const src = lines(
      "function inner x",
      '    throw "bad " + x',
      "function outer x",
      "    return inner x + 1",
      "try",
      "    outer 1",
      "catch e",
      "    print e",
      "print outer2 5",
      "function outer2 x",
      "    return x * 2",
    );
    expect(render(src)).toBe(lines("bad 2", "10"));
  });
});

describe("builtins through the evaluator", () => {
  it("calls string, list and object methods", () => {
    const src = lines(
      'set s "a,b,c"',
      'print s.split(",").reverse().join("")',
      "set xs 3, 1, 2",
      "print xs.sort()",
      "print xs.includes 2",
      "print len xs",
      "set o x 1",
      "print keys o",
      'print o.has "x"',
    );
    expect(render(src)).toBe(lines("cba", "1, 2, 3", "true", "3", "x", "true"));
  });

  it("filters and reduces with lambdas, also as methods", () => {
    const src = lines(
      "set xs 1, 2, 3, 4",
      "print xs.filter(x => x > 2)",
      "print xs.reduce((a, b) => a + b, 0)",
      "print filter xs (x => x % 2 = 1)",
    );
    expect(render(src)).toBe(lines("3, 4", "10", "1, 3"));
  });

  it("uses a fixed clock when one is given", () => {
    expect(
      render(lines('print Date.now().format "YYYY-MM-DD"'), "xmd", { now: Date.UTC(2026, 10, 24) }),
    ).toBe(lines("2026-11-24"));
  });

  it("receives variables from the caller", () => {
    expect(render("Hello {{name}}, {{items.length}} items\n", "md", {}, { name: "An", items: [1, 2] })).toBe(
      "Hello An, 2 items\n",
    );
  });
});

describe("markdown documents", () => {
  it("keeps code fences and inline code verbatim and honours \\{{", () => {
    const src = "```xmd\nset x 1\n```\nA `{{x}}` {{x}} \\{{x}}\n```js\n{{x}}\n```\n";
    expect(render(src, "md")).toBe("A `{{x}}` 1 {{x}}\n```js\n{{x}}\n```\n");
  });

  it("nests classic for and if spans", () => {
    const src = lines(
      "<!-- xmd:set items = [1, 2, 3] -->",
      "<!-- xmd:for i in items -->",
      "<!-- xmd:if i % 2 == 1 -->",
      "- odd {{i}}",
      "<!-- xmd:else -->",
      "- even {{i}}",
      "<!-- xmd:endif -->",
      "<!-- xmd:endfor -->",
    );
    expect(render(src, "md")).toBe(lines("- odd 1", "- even 2", "- odd 3"));
  });

  it("shares variables between the dialects", () => {
    const src = lines(
      "<!-- xmd:set a = 2 -->",
      "```xmd",
      "set b a * 10",
      "```",
      "<!-- xmd: print(a + b) -->",
    );
    expect(render(src, "md")).toBe(lines("22"));
  });

  it("prints inline where the comment stands", () => {
    expect(render("Sum: <!-- xmd print 1 + 2 --> units\n", "md")).toBe("Sum: 3 units\n");
  });

  it("leaves no line behind for a line of directives that print nothing", () => {
    expect(render("<!-- xmd:set a = 1 --><!-- xmd:set b = 2 -->\n{{a}}{{b}}\n", "md")).toBe("12\n");
    expect(render("A\n<!-- xmd:set a = 1 --> <!-- xmd:set b = 2 -->\nB\n", "md")).toBe("A\nB\n");
    expect(render('<!-- xmd print "a" --> <!-- xmd print "b" -->\n', "md")).toBe("a\nb\n");
  });

  it("takes any expression in {{ }}: object literals, nested templates", () => {
    expect(render("A {{ {a: {b: 2}}.a.b }} B\n", "md")).toBe("A 2 B\n");
    expect(render("<!-- xmd:set z = 3 -->\nA {{ `x{{ `y{{z}}` }}` }}\n", "md")).toBe("A xy3\n");
    expect(render("set o `v{{ {k: 1}.k }}`\nprint o\n")).toBe("v1\n");
  });

  it("runs code that starts on the comment's first line and goes on below it", () => {
    expect(render("<!-- xmd set x 1\nset y 2\nprint x + y -->\n", "md")).toBe("3\n");
    expect(render("<!-- xmd: set x = 1\nset y = 2\nprint(x + y) -->\n", "md")).toBe("3\n");
  });

  it("reports a stray brace in {{ }} as a syntax error, not as text", () => {
    expect(failure("a {{ x } y }} b\n", "md").code).toBe("syntax");
  });

  it("reports an xmd comment that is never closed", () => {
    const e = failure("a\n<!-- xmd print 1\nb\n", "md");
    expect([e.code, e.message, e.line]).toEqual(["syntax", "this xmd comment is never closed", 2]);
  });
});

describe("errors", () => {
  it("names an undefined variable with its location", () => {
    const e = failure(lines("set a 1", "print a + nope"));
    expect(e.code).toBe("undefined-name");
    expect(e.message).toBe("'nope' is not defined");
    expect([e.line, e.column]).toEqual([2, 11]);
    expect(e.frame).toContain("print a + nope");
    expect(e.frame).toContain("^^^^");
  });

  it("finds undefined names in {{ }} with their markdown location", () => {
    const e = failure("# Title\n\nHello {{who}}\n", "md");
    expect([e.line, e.column, e.message]).toEqual([3, 9, "'who' is not defined"]);
  });

  it("reports type errors in words", () => {
    expect(failure('print "a" - 1').message).toBe("cannot subtract string and number: both must be numbers");
    expect(failure("for x in true\n    print x").message).toBe("cannot loop over boolean");
  });

  it("reports syntax errors with a frame", () => {
    const e = failure("set x 1\nif x =\n    print 1\n");
    expect(e.code).toBe("syntax");
    expect(e.line).toBe(2);
  });

  it("reports an unclosed classic if", () => {
    expect(failure("<!-- xmd:if true -->\nx\n", "md").message).toMatch(/never closed/);
  });
});

describe("limits", () => {
  it("stops runaway loops", () => {
    const e = failure("while true\n    set x 1\n", "xmd", { limits: { maxIterations: 1000 } });
    expect(e.code).toBe("limit");
    expect(e.message).toMatch(/loop limit reached: more than 1000 iterations/);
  });

  it("stops deep recursion with maxCallDepth, at the call, before the JavaScript stack runs out", () => {
    const e = failure("function f n\n    return f n + 1\nprint f 0\n", "xmd", {
      limits: { maxCallDepth: 200 },
    });
    expect(e.code).toBe("limit");
    expect(e.message).toBe("call depth exceeded: more than 200 nested calls (limit maxCallDepth)");
    expect([e.line, e.column]).toEqual([2, 12]);
  });

  it("stops a string that grows too long (maxStringLength), at the line that grows it, before making it", () => {
    for (const grow of ["set s s + s", "set s `{{s}}{{s}}`"]) {
      const e = failure(`set s "x"\nwhile true\n    ${grow}\n`, "xmd", { limits: { maxStringLength: 1000 } });
      expect(e.code).toBe("limit");
      expect(e.message).toBe(
        "joining text would make a string of 1024 characters, more than 1000 (limit maxStringLength)",
      );
      expect(e.hint).toBe("raise it with --max-string-length (limits.maxStringLength in the API)");
      expect(e.line).toBe(3);
    }
  });

  it("checks the clock after a builtin call, not only every 1024 loop steps", () => {
    // 1000 steps never reach the 1024-step clock check: without a check after builtin
    // calls the document runs to its end. The clock is virtual (1 ms a read), so the limit
    // strikes at the same call on any machine.
    const source = 'set r range 50\nloop 1000 times\n    set s r.join ","\nprint "finished"\n';
    for (const memory of MODES) {
      const { result: error, reads } = withVirtualClock(() =>
        thrownBy(() => renderIn(memory, source, "xmd", { limits: { timeoutMs: 20 } })),
      );
      expect(error).toBeInstanceOf(XmdError);
      const e = error as XmdError;
      expect([e.code, e.message, e.line]).toEqual([
        "limit",
        "time limit reached: the document ran longer than 20 ms (limit timeoutMs)",
        3,
      ]);
      expect(reads).toBe(22); // the deadline, then 21 builtin calls: the 21st passes 20 ms
    }
  });

  it("counts output in UTF-8 bytes", () => {
    // 5 characters, 10 bytes: over a limit of 8 bytes.
    expect(failure('print "ééééé"\n', "xmd", { limits: { maxOutputBytes: 8 } }).message).toMatch(
      /more than 8 bytes/,
    );
    expect(render('print "ééééé"\n', "xmd", { limits: { maxOutputBytes: 11 } })).toBe("ééééé\n");
  });

  it("points the output limit at the print that passed it", () => {
    const e = failure('set n 0\nwhile true\n    set n n + 1\n    print "0123456789"\n', "xmd", {
      limits: { maxOutputBytes: 500 },
    });
    expect(e.line).toBe(4);
  });

  it("points the output limit at the {{ }} that passed it, not at code lines above", () => {
    const source = lines(
      '<!-- xmd:set s = "0123456789" -->',
      "<!-- xmd:for i in [1, 2, 3] -->",
      "",
      "{{s}}",
      "<!-- xmd:endfor -->",
    );
    const e = failure(source, "md", { limits: { maxOutputBytes: 25 } });
    // It used to be reported at the line above (the last node that had set a location).
    expect([e.code, e.line, e.column]).toEqual(["limit", 4, 1]);
    expect(e.message).toBe("output limit reached: more than 25 bytes (limit maxOutputBytes)");
    expect(e.hint).toBe("raise it with --max-output (limits.maxOutputBytes in the API)");
  });

  it("stops a document that needs more than maxPoolSlots, in both modes alike", () => {
    const source = Array.from({ length: 300 }, (_, i) => `set v${i} ${i}`).join("\n");
    const e = failure(source, "xmd", { limits: { maxPoolSlots: 500 } });
    expect(e.code).toBe("limit");
    expect(e.message).toBe("the document needs more than 500 syntax nodes (limit maxPoolSlots)");
  });

  it("stops a render given more variables than maxPoolSlots, and takes exactly that many", () => {
    // A document's own variables each take a few syntax nodes, so only variables passed
    // in can fill the variables pool before the node pool.
    const vars = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`v${i}`, i]));
    const limits = { maxPoolSlots: 50 };
    expect(render("print v0, v49", "xmd", { limits }, vars(50))).toBe("0 49\n");
    const e = failure("print v0", "xmd", { limits }, vars(51));
    expect([e.code, e.message, e.hint]).toEqual([
      "limit",
      "the document needs more than 50 variables (limit maxPoolSlots)",
      "raise it with --max-pool-slots (limits.maxPoolSlots in the API)",
    ]);
  });

  it("stops a recursion whose variables fill the value stack before maxCallDepth, and says so", () => {
    // 700 variables a call: the 65,536 slots hold about 93 such calls, fewer than the 200 allowed.
    const locals = Array.from({ length: 700 }, (_, i) => `    set a${i} n`).join("\n");
    const source = (depth: number) =>
      `function f n\n${locals}\n    if n > 0\n        return f(n - 1) + 1\n    return a699\nprint f(${depth})`;
    const limits = { maxCallDepth: 200, maxPoolSlots: 100_000 };
    expect(render(source(80), "xmd", { limits })).toBe("80\n");
    const e = failure(source(150), "xmd", { limits });
    expect([e.code, e.line]).toEqual(["limit", 703]);
    const calls = Number(/the variables of (\d+) nested calls/.exec(e.message)?.[1]);
    expect(calls).toBeGreaterThan(80);
    expect(calls).toBeLessThanOrEqual(Math.ceil(65_536 / 701));
    expect(e.message).toBe(
      `call depth exceeded: the variables of ${calls} nested calls fill the value stack (65536 slots), before maxCallDepth (200)`,
    );
    expect(e.hint).toBe(
      "each call keeps its variables there, 64 slots for each call maxCallDepth allows and at least 65536: " +
        "give the recursive function fewer variables or rewrite it as a loop; maxCallDepth above 1024 makes " +
        "the stack larger (--max-depth, limits.maxCallDepth in the API)",
    );
  });

  it("stops too much output", () => {
    const e = failure('loop 100 times\n    print "0123456789"\n', "xmd", { limits: { maxOutputBytes: 500 } });
    expect(e.message).toMatch(/output limit reached/);
  });

  it("stops a document that runs too long", () => {
    const { result: e, reads } = withVirtualClock(() =>
      failure("set i 0\nwhile true\n    set i i + 1\n", "xmd", {
        limits: { timeoutMs: 50, maxIterations: 1e12 },
      }),
    );
    expect([e.code, e.message, e.line]).toEqual([
      "limit",
      "time limit reached: the document ran longer than 50 ms (limit timeoutMs)",
      2,
    ]);
    expect(e.hint).toBe("raise it with --timeout (limits.timeoutMs in the API)");
    expect(reads).toBe(2 * 52); // per mode: the deadline, then a read every 1024 steps until 51 ms
  });

  it("needs a whole number of times for loop … times", () => {
    const e = failure('loop 2.5 times\n    print "x"\n');
    expect([e.code, e.message]).toEqual(["type", "loop … times needs a whole number, got 2.5"]);
  });

  it("does not let try/catch swallow a limit", () => {
    const e = failure("try\n    while true\n        set x 1\ncatch e\n    print e\n", "xmd", {
      limits: { maxIterations: 100 },
    });
    expect(e.code).toBe("limit");
  });
});

describe("line endings", () => {
  it("prints lines with the document's own line ending", () => {
    expect(render("a\r\n```xmd\r\nprint 1\r\n```\r\nb\r\n", "md")).toBe("a\r\n1\r\nb\r\n");
    expect(render("a\n```xmd\nprint 1\n```\nb\n", "md")).toBe("a\n1\nb\n");
  });
});
