/**
 * JavaScript failures that are not bugs in XMD but a document outgrowing a resource: a
 * full pool, a value too large for memory, the JavaScript stack running out. The
 * evaluator (which can say where) and the run (for failures outside the evaluator, such
 * as while parsing) both turn them into `limit` errors through this one reading.
 * @module
 */
import { PoolError } from "@xmd/pool";
import { raiseHint } from "./budget.js";

/** A resource limit reached, as the user should read it. */
export interface ResourceLimit {
  message: string;
  hint: string;
}

/** The full pool or the too-large value `e` stands for, or null for anything else. */
export function resourceLimit(e: unknown, maxPoolSlots: number): ResourceLimit | null {
  if (e instanceof PoolError && e.kind === "capacity") {
    const what = e.pool === "variables" ? "variables" : "syntax nodes";
    return {
      message: `the document needs more than ${maxPoolSlots} ${what} (limit maxPoolSlots)`,
      hint: raiseHint("maxPoolSlots"),
    };
  }
  if (e instanceof RangeError && /invalid (string|array) length|allocation failed/i.test(e.message)) {
    return {
      message: `a value grew too large to hold in memory (${e.message})`,
      hint: "look for a string or list that doubles in a loop",
    };
  }
  return null;
}

/**
 * Whether `e` is the JavaScript stack running out. A plain substring test, not a regular
 * expression: this runs where the stack is all but gone, and V8 compiles a regular
 * expression on its first use, which then fails ("Invalid regular expression: Stack
 * overflow") and throws a SyntaxError in place of the answer.
 */
export function isJsStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message.includes("call stack");
}
