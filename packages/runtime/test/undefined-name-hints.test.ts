/**
 * What an undefined name's error says depends on why the name has no value here: a
 * function that belongs to another function's body, a class, import or lambda whose line
 * has not run yet, or a name nothing declares. (Before, a function local to another
 * function was reported as "not defined yet" with the advice to move its definition up,
 * which cannot help: moving it keeps it local.)
 */
import { describe, expect, it } from "vitest";
import { failure } from "./support/render.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

const LOCAL = lines("function outer()", "  function inner()", "    return 1", "  return inner()");

describe("a name that is a function local to another function", () => {
  it("is not defined at the top level, and the hint names the function that owns it", () => {
    const e = failure(`${LOCAL}print inner()\n`);
    expect([e.code, e.line, e.column]).toEqual(["undefined-name", 5, 7]);
    expect(e.message).toBe("'inner' is not defined here");
    expect(e.hint).toBe(
      "inner is a function declared inside outer, so only outer's body can call it: declare inner at the top level to call it here",
    );
  });

  it("says the same in a markdown {{ }} use", () => {
    const e = failure(`\`\`\`xmd\n${LOCAL}\`\`\`\n\nValue: {{ inner }}\n`, "md");
    expect(e.message).toBe("'inner' is not defined here");
    expect([e.line, e.column]).toEqual([8, 11]);
  });

  it("names the innermost function when functions nest", () => {
    const source = lines(
      "function a()",
      "  function b()",
      "    if true",
      "      function c()",
      "        return 3",
      "    return c()",
      "  return b()",
      "print c()",
    );
    const e = failure(source);
    expect(e.message).toBe("'c' is not defined here");
    expect(e.hint).toMatch(/^c is a function declared inside b, so only b's body can call it/);
  });

  it("from a sibling function's body, is not defined there either", () => {
    const e = failure(`${LOCAL}function other()\n  return inner()\nprint other()\n`);
    expect([e.message, e.line]).toEqual(["'inner' is not defined here", 6]);
  });
});

describe("other undefined names keep their own messages", () => {
  it("a class used above its statement is not defined yet", () => {
    const e = failure(lines("print Later()", "class Later", "  m", "    return 1"));
    expect(e.message).toBe("'Later' is not defined yet");
    expect(e.hint).toMatch(/move Later's definition above this line$/);
  });

  it("a lambda called above its set is not defined yet", () => {
    const e = failure(lines("print twice(2)", "set twice x => x * 2"));
    expect(e.message).toBe("'twice' is not defined yet");
  });

  it("a name nothing declares is not defined", () => {
    const e = failure(`${LOCAL}print nothing\n`);
    expect(e.message).toBe("'nothing' is not defined");
    expect(e.hint).toBe('set it first (set nothing …), or test for it with exists("nothing")');
  });
});
