/**
 * Regex values: literals, their methods and the string methods that take them, how they
 * print and compare, the errors for patterns that cannot be used, linear-time matching,
 * and the run's limits. Every render runs in both memory modes (see `render`).
 */
import { describe, expect, it } from "vitest";
import { createRuntime, XmdError } from "../src/index.js";
import { Regex } from "../src/values/regex.js";
import { failure, render, thrownBy, withVirtualClock } from "./support/render.js";

describe("regex literals", () => {
  it("make regex values that test text (the spec's example)", () => {
    expect(
      render(
        'set email_pattern /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/\nset valid email_pattern.test "elon@x.com"\nprint valid, email_pattern.test("elon@x")',
      ),
    ).toBe("true false\n");
  });

  it("print as written, with their flags in one order, in text, templates and JSON", () => {
    expect(render("set r /a\\/b+/mig\nprint r, `{{r}}`, string(r), [r]")).toBe(
      "/a\\/b+/gim /a\\/b+/gim /a\\/b+/gim /a\\/b+/gim\n",
    );
    expect(render("print json.stringify({r: /x/i, list: [/y/]})")).toBe('{"r":"/x/i","list":["/y/"]}\n');
    expect(render("Hello {{/a+/g}}!", "md")).toBe("Hello /a+/g!");
  });

  it("are equal when their patterns and flags are", () => {
    expect(render('print /a/i = /a/i, /a/i = /a/, /a/ = /b/, /a/gm = /a/mg, /a/ != /a/, /a/ = "/a/"')).toBe(
      "true false false true false false\n",
    );
    expect(render("print [/a/].includes(/a/), {r: /a/} = {r: /a/}")).toBe("true true\n");
  });

  it("are values of their own kind: true, not objects, and named 'regex' in messages", () => {
    expect(render('print /a/ ? "yes" : "no", not /a/')).toBe("yes false\n");
    expect(failure("print /a/.uper").message).toBe("regexes have no member 'uper'");
    expect(failure("set r /a/\nset r.x 1").message).toBe("cannot set 'x' on regex");
    expect(failure("for k in /a/\n    print k").message).toBe("cannot loop over regex");
    expect(render("print len(keys({.../a/}))")).toBe("0\n");
    expect(failure("print /a/.test(1)").message).toBe(".test argument must be a string, not a number (1)");
  });

  it("tell a division from a regex by position", () => {
    expect(render("set n 12\nset x 3\nprint n / 4, n/4 / 3, n /x\nprint (n) /2/ x")).toBe("3 1 4\n2\n");
    expect(render('print "a, b,c".split /,\\s*/')).toBe("a, b, c\n");
    expect(render('set t "a-b"\nprint t.replace /-/ "+"')).toBe("a+b\n");
  });
});

describe("regex methods", () => {
  it(".test, .source and .flags", () => {
    expect(
      render('print /b/.test("abc"), /^b/.test("abc"), /B/i.test("abc"), /a/gi.source, /a/gi.flags'),
    ).toBe("true false true a gi\n");
  });

  it(".match: the first match and its groups, null for a group that took no part, null for no match", () => {
    expect(
      render('set m /(\\d+)-(\\d+)?(x)?/.match("a 12-34 b")\nprint m.length, m[0], m[1], m[2], m[3] = null'),
    ).toBe("4 12-34 12 34 true\n");
    expect(render('print /z/.match("abc") = null, "abc".match(/z/) = null')).toBe("true true\n");
    expect(render('print "a1b22".match(/\\d+/g), /\\d/g.match("x") = null')).toBe("1, 22 true\n");
    expect(render('print "x".match(/(?<name>x)/)')).toBe("x, x\n");
  });

  it(".replace: the first match, or every one with g, with JavaScript's $ references", () => {
    expect(
      render('print "a-b-c".replace(/-/, "+"), "a-b-c".replace(/-/g, "+"), /-/g.replace("a-b", "=")'),
    ).toBe("a+b-c a+b+c a=b\n");
    expect(render('print "2026-01-02".replace(/(\\d+)-(\\d+)-(\\d+)/, "$3/$2/$1")')).toBe("02/01/2026\n");
    expect(render('print "ab".replace(/(?<first>a)/, "[$<first>|$&|$`|$\'|$$|$0|$9]")')).toBe(
      "[a|a||b|$|$0|$9]b\n",
    );
    expect(render('print "abcdefghijk".replace(/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/, "$11$10$1")')).toBe(
      "kja\n",
    );
    // A group that took no part puts nothing in; a text pattern stays literal.
    expect(render('print "b".replace(/(a)?b/, "[$1]"), "a.b".replace(".", "$&")')).toBe("[] a$&b\n");
    // Empty matches, as JavaScript finds them.
    expect(render('print "abc".replace(/x*/g, "-"), "".replace(/^/g, "-")')).toBe("-a-b-c- -\n");
    expect(render('print "abc".replace(/z/g, "-")')).toBe("abc\n");
  });

  it(".split: the parts between matches and the groups, as JavaScript splits", () => {
    expect(render('print "a1b22c".split(/\\d+/), "/", "a1b2c".split(/(\\d)/), "/", /,/.split("x,y")')).toBe(
      "a, b, c / a, 1, b, 2, c / x, y\n",
    );
    expect(render('print json.stringify("abc".split(/x*/)), json.stringify("a,b,".split(/,/))')).toBe(
      '["a","b","c"] ["a","b",""]\n',
    );
    expect(render('print json.stringify("".split(/x/)), json.stringify("".split(/x*/))')).toBe('[""] []\n');
    expect(render('print json.stringify("ab".split(/(x)?b/))')).toBe('["a",null,""]\n');
    expect(render('print "😀a😀".split(/a/).length, "😀😀".split(/(?:)/).length')).toBe("2 2\n");
  });

  it("string methods take a regex where they take a text: .includes too", () => {
    expect(render('print "ABC".includes(/b/i), "ABC".includes(/z/), "ABC".includes("B")')).toBe(
      "true false true\n",
    );
  });

  it("follow JavaScript where RE2 would not: \\s, ., [] and [^], \\u escapes", () => {
    expect(
      render(
        'print /\\s/.test("\\u00a0"), /[\\s]/.test("\\u2028"), /\\S/.test("\\u00a0"), /[^\\S]/.test(" ")',
      ),
    ).toBe("true true false true\n");
    expect(render('print /a.b/.test("a\\rb"), /a.b/s.test("a\\nb"), /^.$/.test("😀")')).toBe(
      "false true true\n",
    );
    expect(render('print /[]/.test("a"), /[^]/.test("\\n"), /[[]/.test("["), /[[:alpha:]]/.test("a]")')).toBe(
      "false true true true\n",
    );
    expect(
      render(
        'print /\\u00e9\\u{1F600}\\ud83d\\ude00/.test("é😀😀"), /\\cJ/.test("\\n"), /\\0/.test("\\u0000")',
      ),
    ).toBe("true true true\n");
    expect(render('print /^b$/m.test("a\\nb\\nc"), /^b$/.test("a\\nb\\nc")')).toBe("true false\n");
    expect(render('print /[\\s-x]/.test("-"), /[\\w-.]+/.match("a-b.c"), /[\\cS-x]/.test("a")')).toBe(
      "true a-b.c true\n",
    );
  });
});

describe("regex errors", () => {
  /** The syntax error a literal gives: where (line:column), what, and the help line. */
  function problem(source: string): [string, string, string | undefined] {
    const e = failure(source);
    expect(e.code).toBe("syntax");
    return [`${e.line}:${e.column}`, e.message, e.hint];
  }

  it("refuse backreferences and lookaround when the code is read, pointing at them", () => {
    const [where, message, hint] = problem('print "never printed"\nset twice /(\\w)\\1/');
    expect([where, message]).toEqual(["2:16", "backreference '\\1' is not supported"]);
    expect(hint).toContain("linear time");
    expect(problem("set r /a(?=b)/")[1]).toBe("lookahead '(?=…)' is not supported");
    expect(problem("set r /(?!b)/")[1]).toBe("lookahead '(?!…)' is not supported");
    expect(problem("set r /(?<=b)a/")[1]).toBe("lookbehind '(?<=…)' is not supported");
    expect(problem("set r /(?<!b)a/")[1]).toBe("lookbehind '(?<!…)' is not supported");
    expect(problem("set r /(?<n>a)\\k<n>/")[1]).toBe("backreference '\\k<…>' is not supported");
  });

  it("refuse flags that do not exist or repeat, pointing at the flag", () => {
    expect(problem("set r /a/y")).toEqual([
      "1:10",
      "sticky matching (y) is not supported",
      expect.stringContaining("g (every match)"),
    ]);
    expect(problem("set r /a/x")[1]).toBe("'x' is not a regex flag");
    expect(problem("set r /a/gig")).toEqual(["1:12", "the flag 'g' is given twice", undefined]);
  });

  it("report RE2's complaints at the part of the pattern they name, with help", () => {
    expect(problem("set r /a{1001}/")).toEqual([
      "1:9",
      "invalid regex: invalid repeat count: {1001}",
      expect.stringContaining("at most 1000"),
    ]);
    expect(problem("set r /ab\\q/")[0]).toBe("1:10");
    expect(problem("set r /ab\\q/")[1]).toBe("invalid regex: invalid escape sequence: \\q");
    expect(problem("set r /(a/")[1]).toBe("invalid regex: missing closing ): (a");
    expect(problem("set r /a**/")[1]).toBe("invalid regex: invalid nested repetition operator: **");
    expect(problem("set r /\\u12/")[1]).toContain("\\u must be followed by four hex digits");
    expect(problem("set r /a\\/")[1]).toBe("expected an expression but found '/'");
  });

  it("say how to close a regex left open", () => {
    const e = failure("set r /abc");
    expect(e.message).toBe("expected an expression but found '/'");
    expect(e.hint).toContain("close it with /");
    expect(failure("print 1 + /abc").message).toBe("this regex is never closed with /");
  });

  it("report every bad literal of a document, as other syntax errors are", () => {
    const runtime = createRuntime();
    try {
      const problems = runtime.check("set a /(/\nset b /\\1/\nset c /ok/\n", { lang: "xmd" });
      expect(problems.map((p) => [p.line, p.message])).toEqual([
        [1, "invalid regex: missing closing ): ("],
        [2, "backreference '\\1' is not supported"],
      ]);
    } finally {
      runtime.dispose();
    }
  });
});

describe("regexes from the API", () => {
  it("run on the same engine, and one it cannot match is an error, not a hang", () => {
    const vars = { re: /(a+)+$/g, bad: /(a)\1/ };
    const runtime = createRuntime();
    try {
      const text = `${"a".repeat(50_000)}b`;
      expect(
        runtime.render('print re.test(t), re, re = /(a+)+$/g, "x-y".replace(/-/g, "+")', {
          lang: "xmd",
          vars: { ...vars, t: text },
        }).output,
      ).toBe("false /(a+)+$/g true x+y\n");
      const e = thrownBy(() => runtime.render('print bad.test("aa")', { lang: "xmd", vars }));
      expect(e).toBeInstanceOf(XmdError);
      expect((e as XmdError).message).toBe(
        "the regex /(a)\\1/ cannot be used: backreference '\\1' is not supported",
      );
    } finally {
      runtime.dispose();
    }
  });
});

describe("linear-time matching", () => {
  /** The case that takes JavaScript's engine minutes: `(a+)+$` on a run of `a`s that ends in `b`. */
  const REDOS = 'set text "a".repeat(50000) + "b"\n';

  it("answers /(a+)+$/ on 50,000 a's and a b, in every method", () => {
    expect(
      render(
        `${REDOS}print /(a+)+$/.test(text), /(a+)+$/.match(text) = null, text.replace(/(a+)+$/g, "x") = text, text.split(/(a+)+$/).length, /(a|aa)+$/.test(text)`,
      ),
    ).toBe("false true true 1 false\n");
  });

  it("takes time in proportion to the text, not exponential in it (measured as a ratio within one run)", () => {
    const runtime = createRuntime();
    const time = (source: string): number => {
      const start = performance.now();
      runtime.render(source, { lang: "xmd" });
      return performance.now() - start;
    };
    try {
      // Warm up, then compare the catastrophic pattern with a simple one on the same text.
      for (let i = 0; i < 3; i++) time(`${REDOS}print /(a+)+$/.test(text), /a+$/.test(text)`);
      const best = (source: string) => Math.min(...[0, 1, 2].map(() => time(source)));
      const nested = best(`${REDOS}print /(a+)+$/.test(text)`);
      const simple = best(`${REDOS}print /a+b$/.test(text) and /b/.test(text)`);
      // A backtracking engine takes more than 2^50,000 steps; linear matching is within a
      // small factor of the simple pattern. The bound is generous for a loaded machine.
      expect(nested).toBeLessThan(Math.max(simple, 1) * 200);
    } finally {
      runtime.dispose();
    }
  });
});

describe("regex operations within the run's limits", () => {
  it("stop at maxStringLength while a replacement grows", () => {
    const e = failure('set t "ab".repeat(100)\nprint t.replace(/a/g, "$\'$\'")', "xmd", {
      limits: { maxStringLength: 1000 },
    });
    expect(e.code).toBe("limit");
    expect(e.message).toContain("(limit maxStringLength)");
  });

  it("stop at maxListItems while a split or a global match grows", () => {
    const options = { limits: { maxListItems: 50 } };
    expect(failure('print "a".repeat(30).split(/(a)/).length', "xmd", options).message).toContain(
      "(limit maxListItems)",
    );
    expect(failure('print "a".repeat(60).match(/a/g).length', "xmd", options).message).toContain(
      "(limit maxListItems)",
    );
  });

  it("stop at the time limit while going through the matches of a long text", () => {
    const { result } = withVirtualClock(() =>
      thrownBy(() =>
        render('set t "ab".repeat(100000)\nprint t.replace(/a/g, "x").length', "xmd", {
          limits: { timeoutMs: 200 },
        }),
      ),
    );
    expect(result).toBeInstanceOf(XmdError);
    expect((result as XmdError).code).toBe("limit");
    expect((result as XmdError).message).toContain("time limit reached");
  });
});

describe("regex errors: the help for each of RE2's complaints", () => {
  /** Where (line:column), what, the help line, and the frame's marker under the part named. */
  function complaint(source: string): [string, string, string | undefined, string] {
    const e = failure(source);
    expect(e.code).toBe("syntax");
    return [
      `${e.line}:${e.column}`,
      e.message,
      e.hint,
      ((e.frame ?? "").split("\n")[1] ?? "").replace(/^[\s|]+/, ""),
    ];
  }
  const LINEAR = "XMD matches regexes in linear time (RE2)";

  it("marks the whole part it names, and says what to write instead", () => {
    expect(complaint("set r /a{1001}/")).toEqual([
      "1:9",
      "invalid regex: invalid repeat count: {1001}",
      expect.stringContaining("at most 1000"),
      "^^^^^^",
    ]);
    expect(complaint("set r /a{2,1}/")[2]).toContain("{n} or {n,m}");
    expect(complaint("set r /ab\\q/")).toEqual([
      "1:10",
      "invalid regex: invalid escape sequence: \\q",
      expect.stringContaining("write the character without a backslash"),
      "^^",
    ]);
    expect(complaint("set r /(a/")).toEqual([
      "1:8",
      "invalid regex: missing closing ): (a",
      expect.stringContaining("every ( needs a )"),
      "^^",
    ]);
    expect(complaint("set r /a)/")).toEqual([
      "1:8",
      "invalid regex: unexpected ): a)",
      expect.stringContaining("every ( needs a )"),
      "^^",
    ]);
    expect(complaint("set r /a**/")).toEqual([
      "1:9",
      "invalid regex: invalid nested repetition operator: **",
      expect.stringContaining("a *, + or ? repeats what stands before it"),
      "^^",
    ]);
    expect(complaint("set r /(?#c)/")).toEqual([
      "1:8",
      "invalid regex: invalid or unsupported Perl syntax: (?#",
      expect.stringContaining(LINEAR),
      "^^^",
    ]);
    expect(complaint("set r /(?<>a)/")).toEqual([
      "1:8",
      "invalid regex: invalid named capture: (?<>",
      expect.stringContaining(LINEAR),
      "^^^^",
    ]);
  });

  it("takes a regex from the API with match indices (d), which change nothing here", () => {
    const runtime = createRuntime();
    try {
      const vars = { re: /a(b)?/d };
      expect(
        runtime.render('print re.test("xa"), "xab".replace(re, "-")', { lang: "xmd", vars }).output,
      ).toBe("true x-\n");
      const e = thrownBy(() =>
        runtime.render('print bad.test("aa")', { lang: "xmd", vars: { bad: /(a)\1/ } }),
      );
      expect(e).toMatchObject({ code: "runtime", hint: expect.stringContaining(LINEAR) });
    } finally {
      runtime.dispose();
    }
  });
});

describe("regex escapes as JavaScript reads them", () => {
  const t = { bs: "\b", lf: "\n", nul: "\0", smile: "😀", word: "a foo b" };
  /** Each `/pattern/.test(name)`, printed in order. */
  const tests = (cases: [string, keyof typeof t][]) =>
    render(`print ${cases.map(([p, v]) => `/${p}/.test(${v})`).join(", ")}`, "xmd", {}, t);

  it("\\b: a word boundary, and a backspace inside a class", () => {
    expect(
      tests([
        ["\\bfoo\\b", "word"],
        ["o\\bo", "word"],
        ["^[\\b]$", "bs"],
        ["^\\b$", "bs"],
      ]),
    ).toBe("true false true false\n");
  });

  it("\\cX, \\0 and \\u in both forms, a surrogate pair of \\u escapes as one character", () => {
    expect(
      tests([
        ["^\\cJ$", "lf"],
        ["^\\cj$", "lf"],
        ["^\\0$", "nul"],
        ["^\\u{1F600}$", "smile"],
        ["^\\uD83D\\uDE00$", "smile"],
        ["^\\u{1f600}.?$", "smile"],
      ]),
    ).toBe("true true true true true true\n");
    expect(failure("set r /\\c1/").message).toBe("\\c must be followed by a letter (\\cJ is a line feed)");
  });

  it("names a character outside the BMP after a backslash whole, not half of it", () => {
    expect(failure("set r /\\😀/").message).toBe("invalid regex: invalid escape sequence: \\😀");
  });

  it("names a backreference of several digits whole", () => {
    const e = failure("set r /(a)\\12/");
    expect([e.message, ((e.frame ?? "").split("\n")[1] ?? "").replace(/^[\s|]+/, "")]).toEqual([
      "backreference '\\12' is not supported",
      "^^^",
    ]);
  });
});

describe("regex patterns translated for RE2, as JavaScript reads them", () => {
  const t = {
    nbsp: "\u00a0",
    caret: "^",
    one: "\x01",
    nulA: "\0a",
    first: "\u{10000}",
    max: "\u{10FFFF}",
    d7: "\ud7ff\udc00",
    hA: "\ud83dA",
    eLow: "\ue000\udc00",
  };
  /** Each `/pattern/.test(subject)`: the subject a string literal, or a name of `t`. */
  const tests = (cases: [string, string][]) =>
    render(`print ${cases.map(([p, s]) => `/${p}/.test(${s})`).join(", ")}`, "xmd", {}, t);
  /** The error of a pattern: what, the help, and the frame's marker under it. */
  const problem = (pattern: string) => {
    const e = failure(`set r /${pattern}`);
    return [e.message, e.hint, ((e.frame ?? "").split("\n")[1] ?? "").replace(/^[\s|]+/, "")];
  };

  it("reads a dash after a class escape as a plain character, and any other range as a range", () => {
    expect(
      tests([
        ["[\\sa]", '"a"'],
        ["[\\b-x]", '"a"'],
        ["[\\u0041-Z]", '"M"'],
        ["[\\d-x]", '"-"'],
        ["[\\W-x]", '"c"'],
      ]),
    ).toBe("true true true true false\n");
  });

  it("keeps what a class holds in the class until its closing bracket", () => {
    expect(
      tests([
        ["[a.]", '"b"'],
        ["[a.]", '"."'],
        ["[[:alpha:]]", '"a"'],
        ["[[:a]", '":"'],
        ["[^a]", "caret"],
        ["^[^a]$", '"a"'],
      ]),
    ).toBe("false true false true true false\n");
  });

  it("takes groups that are not lookaround as groups", () => {
    expect(
      tests([
        ["(a=)", '"a="'],
        ["^(?:ab)+$", '"abab"'],
        ["(a!)", '"a!"'],
        ["^(?<x>a)$", '"a"'],
      ]),
    ).toBe("true true true true\n");
  });

  it("matches JavaScript's non-space escape, an escaped slash and NUL escapes", () => {
    expect(
      tests([
        ["^\\S$", '"x"'],
        ["\\S", "nbsp"],
        ["^a\\/b$", '"a/b"'],
        ["^\\01$", "one"],
        ["^\\0a$", "nulA"],
      ]),
    ).toBe("true false true true true\n");
  });

  it("reads code point escapes up to U+10FFFF, and after a brace of a count", () => {
    expect(
      tests([
        ["^\\u{10FFFF}$", "max"],
        ["^\\u{10000}$", "first"],
        ["^a{2}\\u{42}$", '"aaB"'],
      ]),
    ).toBe("true true true\n");
    const help = "\\u must be followed by four hex digits (\\u00e9) or a code point in braces (\\u{1F600})";
    for (const bad of ["\\u{41", "\\u{110000}", "\\u{1234567}", "\\u{g}", "\\u{}", "\\u12"])
      expect(problem(`${bad}/`), bad).toEqual([help, undefined, "^^"]);
  });

  it("joins a high and a low surrogate escape into one character, and no other two", () => {
    expect(
      tests([
        ["^\\uD800\\uDC00$", "first"],
        ["^\\uDBFF\\uDFFF$", "max"],
        ["^\\uD7FF\\uDC00$", "d7"],
        ["^\\uD83D\\u0041$", "hA"],
        ["^\\uE000\\uDC00$", "eLow"],
      ]),
    ).toBe("true true true true true\n");
  });

  it("marks the escape or group it refuses, and says why", () => {
    const LINEAR = expect.stringContaining("XMD matches regexes in linear time (RE2)");
    expect(problem("x(?=a)/")).toEqual(["lookahead '(?=…)' is not supported", LINEAR, "^^^"]);
    expect(problem("x(?<!a)/")).toEqual(["lookbehind '(?<!…)' is not supported", LINEAR, "^^^^"]);
    expect(problem("\\k<n>/")).toEqual(["backreference '\\k<…>' is not supported", LINEAR, "^^"]);
    expect(problem("(a)\\9/")).toEqual(["backreference '\\9' is not supported", LINEAR, "^^"]);
    expect(problem("(a)\\1a/")).toEqual(["backreference '\\1' is not supported", LINEAR, "^^"]);
    expect(problem("(a)\\1/")).toEqual(["backreference '\\1' is not supported", LINEAR, "^^"]);
    expect(problem("(a)\\10/")).toEqual(["backreference '\\10' is not supported", LINEAR, "^^^"]);
    expect(problem("\\c1/")).toEqual([
      "\\c must be followed by a letter (\\cJ is a line feed)",
      "write \\\\c for a backslash followed by c",
      "^^",
    ]);
    expect(problem("a/gg")).toEqual(["the flag 'g' is given twice", undefined, "^"]);
    expect(problem("a/x")[2]).toBe("^");
  });

  it("gives no help for a complaint of RE2's that has none", () => {
    const e = failure("set r /[z-a]/");
    expect([e.message, e.hint]).toEqual(["invalid regex: invalid character class range: z-a", undefined]);
  });

  it("ends an escape where its digits end", () => {
    const help = "\\u must be followed by four hex digits (\\u00e9) or a code point in braces (\\u{1F600})";
    expect(problem("\\u{41g}/")).toEqual([help, undefined, "^^"]);
    // A high surrogate before an escape just above the low ones stays two characters.
    expect(
      render("print /^\\uDBFF\\uE000$/.test(s), /^\\uDBFF/.test(s)", "xmd", {}, { s: "\udbff\ue000" }),
    ).toBe("true true\n");
    expect(problem("(a)\\1-/")).toEqual([
      "backreference '\\1' is not supported",
      expect.stringContaining("linear time"),
      "^^",
    ]);
  });
});

describe("regex syntax next to what is refused", () => {
  it("takes a dash that ends a class after a class escape as a dash", () => {
    const re = Regex.compile("^[\\d-]+$", "");
    expect(re.pattern.test("1-2")).toBe(true);
    expect(re.pattern.test("a")).toBe(false);
  });

  it("takes = and ! after a group's own marks as text, not as lookaround", () => {
    expect(Regex.compile("(?:=)", "").pattern.test("=")).toBe(true);
    expect(Regex.compile("(?:!)", "").pattern.test("!")).toBe(true);
    expect(Regex.compile("(?<n>=)", "").pattern.test("=")).toBe(true);
  });
});
