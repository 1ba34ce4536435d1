/**
 * Every package's tests load this file first (vitest.shared.ts's `setupFiles`).
 *
 * `expect(f).toThrow("text")` and `toThrow(/pattern/)` hand the check to chai's `throws`,
 * which passes when `f` throws `undefined` or `null` (Vitest 4.1, vitest-dev/vitest#7260),
 * and also when it throws a bare string holding the text. Code whose job is to throw an
 * error (`throw limitError(…)`) can then lose its error and still pass its test: mutation
 * testing found one such hole (a factory whose body was removed, so it threw `undefined`).
 * Here those two forms demand an `Error` whose message holds the text or matches the
 * pattern, as their readers take them to. The other forms (no argument, a class, an error
 * object, an asymmetric matcher) and `.not.toThrow(…)` are Vitest's own.
 */
import { chai } from "vitest";

/** An asymmetric matcher: an `Error` whose message holds `expected` or matches it. */
function errorWithMessage(expected: string | RegExp) {
  const wanted =
    typeof expected === "string" ? `holding ${JSON.stringify(expected)}` : `matching ${expected}`;
  const describe = () => `an Error with a message ${wanted}`;
  return {
    asymmetricMatch: (thrown: unknown) =>
      thrown instanceof Error &&
      (typeof expected === "string" ? thrown.message.includes(expected) : expected.test(thrown.message)),
    toString: describe,
    toAsymmetricMatcher: describe,
  };
}

for (const name of ["toThrow", "toThrowError"]) {
  chai.util.overwriteMethod(
    chai.Assertion.prototype,
    name,
    (original: (this: Chai.AssertionStatic, ...args: unknown[]) => unknown) =>
      function (this: Chai.AssertionStatic, expected?: unknown) {
        const wantsText = (typeof expected === "string" && expected !== "") || expected instanceof RegExp;
        if (!wantsText || chai.util.flag(this, "negate")) return original.call(this, expected);
        return original.call(this, errorWithMessage(expected as string | RegExp));
      },
  );
}
