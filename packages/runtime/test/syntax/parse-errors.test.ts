/**
 * The exact error each error site of the lexer and the parser gives a document that reaches
 * it: its code, its whole message and hint (or that it has none), and the line and column
 * it points at. These are the words a user reads when a document does not parse, so a
 * change to them, to their hint, to where they point or to the condition that raises them
 * must fail a test. Each row is a document chosen to reach one site, and its message read
 * to be right for that document. (Sites that no document reaches have no row. The parser's
 * error for the JavaScript stack running out is checked in a plain Node process, by
 * js-stack.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { createRuntime, XmdError } from "../../src/index.js";
import { failure } from "../support/render.js";

type Lang = "md" | "xmd";
/** A document, where its first problem points (line, column), its message and its hint. */
type Row = readonly [source: string, line: number, column: number, message: string, hint: string | undefined];
type Problem = [code: string, line: number, column: number, message: string, hint: string | undefined];

/** Every problem `check()` finds in a document, in the order it reports them. */
function problems(source: string, lang: Lang = "xmd"): Problem[] {
  const runtime = createRuntime({});
  try {
    return runtime.check(source, { lang }).map((e) => [e.code, e.line, e.column, e.message, e.hint]);
  } finally {
    runtime.dispose();
  }
}

/** The first problem `check()` finds in a document. */
function firstProblem(source: string, lang: Lang = "xmd"): Problem | undefined {
  return problems(source, lang)[0];
}

/** Each row's document gives, first, the syntax error of the row. */
function expectRows(rows: readonly Row[], lang: Lang = "xmd"): void {
  for (const [source, line, column, message, hint] of rows) {
    expect(firstProblem(source, lang), source).toEqual(["syntax", line, column, message, hint]);
  }
}

/** `render` throws the same error as `check()` reports first (in both memory modes). */
function expectRenderThrows(source: string, lang: Lang = "xmd"): void {
  const e = failure(source, lang);
  expect(e).toBeInstanceOf(XmdError);
  const [code, line, column, message, hint] = firstProblem(source, lang) as Problem;
  expect([e.code, e.line, e.column, e.message, e.hint], source).toEqual([code, line, column, message, hint]);
}

const CLASS_LINE_HINT =
  "write `class Dog` or `class Dog extends Animal`, with the constructor and methods indented below";
const MEMBER_HINT =
  "a class body holds its constructor (`constructor params`) and methods " +
  "(`NAME params`, `private NAME params`), each followed by an indented body";
const TWICE_HINT = "give the second one another name, or merge the two";
const REGEX_HINT =
  "a regex is written /pattern/ on one line: close it with / " +
  "(a / inside [...] does not close it; write \\/ in the pattern for a plain /)";
const EXEC_HINT = "write it as `exec echo hello`";
const INDENT_HINT = "blocks start after a line such as `if …`, `for …`, `function …`";
const NEVER_CLOSED = "this block comment is never closed with */";
const ITEM_COMMA = "expected ',' or the end of the line after the item but found";
const UNCLOSED_PARAMETERS_HINT = "close the parameter list with ')' before the body";
/** A class (`class A` unless `head` says otherwise) with one member: its header line and its body. */
const classWith = (header: string, body = "return 1", head = "class A") =>
  `${head}\n    ${header}\n        ${body}`;

describe("classes", () => {
  it("report a wrong class header at the token at fault", () => {
    expectRows([
      ["class if", 1, 7, "a keyword cannot name a class", undefined],
      [
        "class A B",
        1,
        9,
        "expected the end of the line after the class's name but found the name 'B'",
        CLASS_LINE_HINT,
      ],
      [
        "export class A B",
        1,
        16,
        "expected the end of the line after the class's name but found the name 'B'",
        CLASS_LINE_HINT,
      ],
      [
        "class A extends B)",
        1,
        18,
        "expected the end of the line after the parent class but found ')'",
        CLASS_LINE_HINT,
      ],
    ]);
  });

  it("report a class without an indented body, naming what came instead", () => {
    const found = (what: string) =>
      `expected the class's constructor and methods, indented below it, but found ${what}`;
    expectRows([
      ["class A\nprint 1", 2, 1, found("the name 'print'"), MEMBER_HINT],
      ["class A", 1, 8, found("the end of the code"), MEMBER_HINT],
    ]);
  });

  it("report a member that is not a constructor or a method, or is declared twice", () => {
    expectRows([
      [
        "class A\n    1",
        2,
        5,
        "expected a constructor or a method in the class but found a number 1",
        MEMBER_HINT,
      ],
      [
        `${classWith("f")}\n    f\n        return 2`,
        4,
        5,
        "the method 'f' is declared twice in this class",
        TWICE_HINT,
      ],
      [
        `${classWith("constructor", "print 1")}\n    constructor\n        print 2`,
        4,
        5,
        "a class has one constructor, and this is its second",
        TWICE_HINT,
      ],
    ]);
  });

  it("report a wrong parameter list of a member", () => {
    expectRows([
      [
        classWith("f self"),
        2,
        7,
        "'self' cannot be a parameter: in a constructor or method it is the instance",
        "give the parameter another name",
      ],
      [
        classWith("f (a) b"),
        2,
        11,
        "expected the end of the line after the parameters but found the name 'b'",
        undefined,
      ],
    ]);
  });

  it("report `super` where it has nothing to reach, at the word", () => {
    expectRows([
      [
        classWith("constructor", "super 1"),
        3,
        9,
        "'super' is only meaningful in a class that extends another",
        "write `class NAME extends PARENT` to have a parent whose constructor and methods `super` reaches",
      ],
      [
        classWith("f", "super 1", "class A extends B"),
        3,
        9,
        "`super …` calls the parent's constructor, which only a constructor can do",
        "in a method, call the parent's version of a method with `super.NAME args`",
      ],
    ]);
  });

  it("report every wrong member of a class, in order, and render stops at the first", () => {
    const source = "class A\n    1\n    f self\n        return 1\n    g (a) b\n        return 2";
    expect(problems(source)).toEqual([
      ["syntax", 2, 5, "expected a constructor or a method in the class but found a number 1", MEMBER_HINT],
      [
        "syntax",
        3,
        7,
        "'self' cannot be a parameter: in a constructor or method it is the instance",
        "give the parameter another name",
      ],
      [
        "syntax",
        5,
        11,
        "expected the end of the line after the parameters but found the name 'b'",
        undefined,
      ],
    ]);
    expectRenderThrows(source);
    expectRenderThrows("class A B");
  });
});

describe("expressions and literals", () => {
  it("report what follows a whole `{{ }}` expression", () => {
    expectRows(
      [
        ["{{ 1 2 }}", 1, 6, "expected the end of the expression but found a number 2", undefined],
        ["{{ `a` `b` }}", 1, 8, "expected the end of the expression but found a template string", undefined],
        ["A {{ x, y }}", 1, 7, "expected the end of the expression but found ','", undefined],
      ],
      "md",
    );
    expectRenderThrows("{{ 1 2 }}", "md");
  });

  it("show a number or a string of more than 40 characters by its first 37 and an ellipsis", () => {
    const digits = "1234567890".repeat(5);
    const text = `"${"ab".repeat(20)}"`;
    const found = (what: string) => `expected the end of the expression but found ${what}`;
    expectRows(
      [
        [`{{ 1 ${digits.slice(0, 40)} }}`, 1, 6, found(`a number ${digits.slice(0, 40)}`), undefined],
        [`{{ 1 ${digits.slice(0, 41)} }}`, 1, 6, found(`a number ${digits.slice(0, 37)}…`), undefined],
        [`{{ 1 ${text} }}`, 1, 6, found(`a string ${text.slice(0, 37)}…`), undefined],
      ],
      "md",
    );
  });

  it("report an operator with nothing after it, naming what came instead", () => {
    const after = (what: string) => `expected an expression after the operator but found ${what}`;
    expectRows([
      ["print 1 *", 1, 10, after("the end of the line"), undefined],
      ["print 1 % )", 1, 11, after("')'"), undefined],
    ]);
    expectRows([["{{ 1 * }}", 1, 8, after("the end of the code"), undefined]], "md");
  });

  it("report a missing comma or closing bracket in arguments, lists and objects", () => {
    expectRows([
      ["print f(1 2)", 1, 11, "expected ',' or ')' in the argument list but found a number 2", undefined],
      [
        "print f(`a` `b`)",
        1,
        13,
        "expected ',' or ')' in the argument list but found a template string",
        undefined,
      ],
      ["print [1 2]", 1, 10, "expected ',' or ']' in the list but found a number 2", undefined],
      ["print [1", 1, 7, "this '[' is never closed", "close it with ']'"],
      ["print {a: 1 b: 2}", 1, 13, "expected ',' or '}' in the object but found the name 'b'", undefined],
    ]);
    expectRows(
      [
        ["{{ f(1 }}", 1, 5, "this '(' is never closed", "close it with ')'"],
        ["{{ [1 }}", 1, 4, "this '[' is never closed", "close it with ']'"],
        ["{{ f([1, (2 }}", 1, 10, "this '(' is never closed", "close it with ')'"],
      ],
      "md",
    );
    expectRenderThrows("print [1 2]");
  });

  it("report a wrong key of an object", () => {
    expectRows([
      ["print {(a): 1}", 1, 8, "expected a key but found '('", undefined],
      ["print {a 1}", 1, 10, "expected ':' after the key but found a number 1", undefined],
    ]);
  });

  it('report a classic `set("name", value)` whose name is wrong or not followed by a comma', () => {
    const hint = "name it with letters, digits and _";
    expectRows(
      [
        ['{{set("a b", 1)}}', 1, 7, "'a b' cannot be a variable name", hint],
        ['{{set("a" 1)}}', 1, 11, "expected ',' after the variable's name but found a number 1", undefined],
      ],
      "md",
    );
    expectRows([['set y set("1x", 1)', 1, 11, "'1x' cannot be a variable name", hint]]);
    expectRenderThrows('{{set("a b", 1)}}', "md");
  });

  it("report a parameter list in parentheses never closed, where the body or the line begins", () => {
    const comma = (what: string) => `expected ',' or ')' after the parameters but found ${what}`;
    const first = (what: string) => `expected a parameter name or ')' but found ${what}`;
    // At the end of the code the parameters' '(' is what is wrong.
    const NEVER_CLOSED = "this '(' is never closed";
    expectRows([
      ["function f(a", 1, 11, NEVER_CLOSED, UNCLOSED_PARAMETERS_HINT],
      ["function f (a, b\n    return 1", 2, 5, comma("the keyword 'return'"), UNCLOSED_PARAMETERS_HINT],
      ["function f(\n    return 1", 2, 5, first("the keyword 'return'"), UNCLOSED_PARAMETERS_HINT],
      ["class A\n    f (a", 2, 7, NEVER_CLOSED, UNCLOSED_PARAMETERS_HINT],
      // A keyword on the same line is a wrong parameter, not the body.
      ["function f(a if)\n    return 1", 1, 14, "a keyword cannot be a parameter name", undefined],
    ]);
    expectRows(
      [
        [
          "<!-- xmd:function f(a -->\nx\n<!-- xmd:endfunction -->",
          1,
          20,
          NEVER_CLOSED,
          UNCLOSED_PARAMETERS_HINT,
        ],
      ],
      "md",
    );
    // Parameters may go on across lines inside the parentheses.
    expect(problems("function f(a,\n    b)\n    return a + b\nprint f(1, 2)")).toEqual([]);
    expectRenderThrows("function f (a, b\n    return 1");
  });

  it("report a parameter named twice, at its second name", () => {
    const twice = "the parameter 'a' is named twice";
    const hint = "give each parameter its own name";
    expectRows([
      ["function f a, a\n    return 1", 1, 15, twice, hint],
      ["set g (a, a) => 1", 1, 11, twice, hint],
      [classWith("f a b a"), 2, 11, twice, hint],
    ]);
  });

  it("give a '/' where a value is expected the hint of a regex left open", () => {
    expectRows([["set r /ab", 1, 7, "expected an expression but found '/'", REGEX_HINT]]);
    expectRenderThrows("set r /ab");
  });
});

describe("set", () => {
  it("reports a set without a value, naming what it sets", () => {
    expectRows([
      ["set x", 1, 6, "expected a value after 'set x'", undefined],
      ["set x.y", 1, 8, "expected a value after 'set x.y'", undefined],
      ["if 1\n    set total\nprint 2", 2, 14, "expected a value after 'set total'", undefined],
    ]);
    expectRenderThrows("set x");
  });

  it("reports items of a multiline list not separated by a comma", () => {
    expectRows([
      ["set x\n    1 2", 2, 7, `${ITEM_COMMA} a number 2`, undefined],
      ["set x\n    1,\n    2 3\n    4", 3, 7, `${ITEM_COMMA} a number 3`, undefined],
      ['set x\n    "a" "b"', 2, 9, `${ITEM_COMMA} a string "b"`, undefined],
    ]);
  });

  it("reports entries of a multiline object not separated by a comma, at the entry that runs on", () => {
    const found = (what: string) => `expected ',' or the end of the line after the entry but found ${what}`;
    expectRows([
      ["set x\n    a 1\n    b 2 c 3", 3, 9, found("the name 'c'"), undefined],
      ["set x\n    a 1, b 2 c 3", 2, 14, found("the name 'c'"), undefined],
    ]);
    expectRenderThrows("set x\n    a 1\n    b 2 c 3");
  });
});

describe("special forms", () => {
  it("report an exec without a command, or a parenthesized one not closed", () => {
    expectRows([
      ["exec", 1, 5, "expected a command after 'exec'", EXEC_HINT],
      ["print exec", 1, 11, "expected a command after 'exec'", EXEC_HINT],
      ['print exec("a" "b")', 1, 16, "expected ')' after the command but found a string \"b\"", undefined],
      ['print exec("a"', 1, 11, "this '(' is never closed", "close it with ')'"],
    ]);
    expectRenderThrows("exec");
  });

  it("report a key of a data file that is not a name or a number", () => {
    expectRows([
      ['print get "a.json".(x)', 1, 20, "expected a key after '.'", undefined],
      ['print get "a.json".a."b"', 1, 22, "expected a key after '.'", undefined],
    ]);
  });

  it("report an import without a file", () => {
    expectRows([
      ["import", 1, 7, "expected a file to import", undefined],
      ["set x import", 1, 13, "expected a file to import", undefined],
    ]);
  });
});

describe("statements", () => {
  it("report an indented line under no block, and go on after it", () => {
    expectRows([
      ["print 1\n    print 2", 2, 5, "this line is indented but no block starts above it", INDENT_HINT],
    ]);
    expect(problems("print 1\n    print 2\nprint [1 2]")).toEqual([
      ["syntax", 2, 5, "this line is indented but no block starts above it", INDENT_HINT],
      ["syntax", 3, 10, "expected ',' or ']' in the list but found a number 2", undefined],
    ]);
  });

  it("report an `end` with no block to close, each one", () => {
    expectRows([
      ["end", 1, 1, "'end' without a block to close", undefined],
      ["if 1\n    print 1\nend\nend", 4, 1, "'end' without a block to close", undefined],
    ]);
    expect(problems("end\nend")).toEqual([
      ["syntax", 1, 1, "'end' without a block to close", undefined],
      ["syntax", 2, 1, "'end' without a block to close", undefined],
    ]);
  });

  it("report what follows a whole statement", () => {
    expectRows([
      ["print 1 )", 1, 9, "expected the end of the line but found ')'", undefined],
      ["set x = 1 2", 1, 11, "expected the end of the line but found a number 2", undefined],
      ["x += 1 2", 1, 8, "expected the end of the line but found a number 2", undefined],
    ]);
    expectRenderThrows("set x = 1 2");
  });

  it("report a block header followed by neither `then` nor the end of the line", () => {
    const found = (what: string) => `expected 'then' or the end of the line but found ${what}`;
    expectRows([
      ["if 1 2\n    print 1", 1, 6, found("a number 2"), undefined],
      ["if 1 print 2", 1, 6, found("the name 'print'"), undefined],
      ["while 1 x\n    break", 1, 9, found("the name 'x'"), undefined],
      ["loop 3 times x\n    print 1", 1, 14, found("the name 'x'"), undefined],
    ]);
  });

  it("report a loop variable that is not a name", () => {
    expectRows([
      ["for 1 in x\n    print 1", 1, 5, "expected a loop variable name but found a number 1", undefined],
      [
        "for a, 1 in x\n    print 1",
        1,
        8,
        "expected a second loop variable name but found a number 1",
        undefined,
      ],
    ]);
  });

  it("report a try without a catch, naming what came instead", () => {
    const found = (what: string) => `expected 'catch' after the try block but found ${what}`;
    expectRows([
      ["try\n    print 1\nprint 2", 3, 1, found("the name 'print'"), undefined],
      ["try\n    print 1", 2, 12, found("the end of the code"), undefined],
      ["if 1\n    try\n        print 1\nprint 2", 4, 1, found("the end of the block"), undefined],
    ]);
    expectRenderThrows("try\n    print 1\nprint 2");
  });

  it("report a rest of a destructure without a name", () => {
    const found = (what: string) => `expected a name for the rest after '...' but found ${what}`;
    expectRows([
      ["destructure x a, ...1", 1, 21, found("a number 1"), undefined],
      ["destructure x ...", 1, 18, found("the end of the line"), undefined],
    ]);
  });

  it("report an import or export of something that is not a name", () => {
    expectRows([
      ['import 1 from "a"', 1, 8, "expected a name to import but found a number 1", undefined],
      ['import a, 1 from "a"', 1, 11, "expected a name to import but found a number 1", undefined],
      ['import "a.xmd" if', 1, 16, "a keyword cannot name an import", undefined],
      ["import a if", 1, 10, "a keyword cannot name an import", undefined],
      ["export 1", 1, 8, "expected a name to export but found a number 1", undefined],
      ["export a, 1", 1, 11, "expected a name to export but found a number 1", undefined],
      ["export", 1, 7, "expected a name to export but found the end of the line", undefined],
    ]);
    expectRenderThrows('import a, 1 from "a"');
  });
});

describe("the lexer", () => {
  it("shows an unexpected character in quotes, or by its code point when it cannot be seen", () => {
    expectRows([
      ["print 1@", 1, 8, "unexpected character '@'", undefined],
      ["print 1\u000b2", 1, 8, "unexpected character U+000B", undefined],
      ["print 1\u0001", 1, 8, "unexpected character U+0001", undefined],
    ]);
  });

  it("reports a block comment never closed, after code and at a line's start", () => {
    expectRows([
      ["print 1 /* x", 1, 9, NEVER_CLOSED, undefined],
      ["print 1 /* x\nprint 2", 1, 9, NEVER_CLOSED, undefined],
      ["/* x\nprint 1", 1, 1, NEVER_CLOSED, undefined],
      ["print 1\n  /* x\nprint 2", 2, 3, NEVER_CLOSED, undefined],
    ]);
    expectRenderThrows("print 1\n/* x");
  });

  it("reports an unclosed comment after the errors before it, and none after (it runs to the end)", () => {
    expect(problems("print [1 2]\nprint 1 /* x\nprint [3 4]")).toEqual([
      ["syntax", 1, 10, "expected ',' or ']' in the list but found a number 2", undefined],
      ["syntax", 2, 9, NEVER_CLOSED, undefined],
    ]);
  });
});
