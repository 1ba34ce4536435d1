/**
 * `check()` on a use of a function that is declared inside another function, outside it:
 * the warning says what the render's error will (see undefined-name-hints.test.ts), not
 * that the name is never set.
 */
import { describe, expect, it } from "vitest";
import { createRuntime } from "../src/browser.js";

function warnings(source: string): [string, string, number, string | undefined][] {
  const runtime = createRuntime();
  try {
    return runtime.check(source, { lang: "xmd" }).map((e) => [e.severity, e.message, e.line, e.hint]);
  } finally {
    runtime.dispose();
  }
}

describe("check() of a function used outside the function that declares it", () => {
  it("warns that it is not defined here and names its owner", () => {
    const source = "function outer()\n  function inner()\n    return 1\n  return inner()\nprint inner()\n";
    expect(warnings(source)).toEqual([
      [
        "warning",
        "'inner' is not defined here",
        5,
        "inner is a function declared inside outer, so only outer's body can call it: declare inner at the top level to call it here",
      ],
    ]);
  });

  it("still says a name nothing declares is never set", () => {
    expect(warnings("function outer()\n  return 1\nprint nothing\n").map((w) => w[1])).toEqual([
      "'nothing' is never set in this document",
    ]);
  });
});
