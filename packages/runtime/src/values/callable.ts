/**
 * Anything XMD can call: user functions, lambdas, builtins. The evaluator defines the
 * concrete classes; builtins only need to recognise a callable and ask the context to call it.
 * @module
 */
export abstract class Callable {
  /** The name shown by text conversion: `<function NAME>`. Lambdas are `<function lambda>`. */
  abstract readonly name: string;
}
