/**
 * A generator: what calling a `function*` gives. It runs its body only as its values are
 * asked for, so `for x in naturals` over an endless generator stops at `break`. The
 * evaluator defines the concrete class; builtins (`.take`, spread) only ask for values.
 * @module
 */

/** What {@link GeneratorValue.next} returns once the body has ended. */
export const DONE: unique symbol = Symbol("generator done");

export abstract class GeneratorValue {
  /** The generator function's name: `<generator NAME>` when printed. */
  abstract readonly name: string;
  /** Runs the body to its next `yield` and returns that value, or {@link DONE} once it has ended. */
  abstract next(): unknown;
}
