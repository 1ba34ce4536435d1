/**
 * The loops `for`, `loop … times` and `while` run once their iterable is known: one
 * function per kind of iterable, shared by every compiled loop, each counting its steps
 * against maxIterations (and the clock and heap every 1 024 steps).
 *
 * A body's signal decides what happens next: `break` ends the loop normally, `return`
 * ends it and passes the return on, `continue` and a normal end go on.
 * @module
 */
import { BREAK, NORMAL, RETURN } from "../eval/eval-base.js";
import type { Machine } from "../eval/machine.js";
import type { NodeId } from "../syntax/nodes.js";
import { DONE, type GeneratorValue } from "../values/generator.js";
import type { Stmt, Store } from "./code.js";

/** What a loop returns when its body ended with `signal`, or -1 to go on. */
function after(signal: number): number {
  return signal === BREAK ? NORMAL : signal === RETURN ? RETURN : -1;
}

export const loop = {
  /** `for i in a .. b` (inclusive, `step` ±1), `loop n times` (no variable): numbers without a list. */
  count(
    m: Machine,
    n: NodeId,
    from: number,
    to: number,
    step: number,
    body: Stmt,
    store: Store | null,
  ): number {
    for (let i = from; step > 0 ? i <= to : i >= to; i += step) {
      m.tick(n);
      if (store !== null) store(m, i);
      const end = after(body(m));
      if (end !== -1) return end;
    }
    return NORMAL;
  },

  /** `for i in 3`: 0, 1, 2 (below the number, which need not be whole). */
  below(m: Machine, n: NodeId, limit: number, body: Stmt, store: Store): number {
    for (let i = 0; i < limit; i++) {
      m.tick(n);
      store(m, i);
      const end = after(body(m));
      if (end !== -1) return end;
    }
    return NORMAL;
  },

  /** `for x in list`, `for i, x in list`. */
  list(m: Machine, n: NodeId, list: unknown[], body: Stmt, first: Store, second: Store | null): number {
    for (let i = 0; i < list.length; i++) {
      m.tick(n);
      // A hole in a list (`set l[5] 1` on a shorter one) is null, as everywhere else.
      const item = list[i] ?? null;
      if (second === null) first(m, item);
      else {
        first(m, i);
        second(m, item);
      }
      const end = after(body(m));
      if (end !== -1) return end;
    }
    return NORMAL;
  },

  /**
   * `for x in list` with `x` a module global (the top level of a document): the variable
   * found once, before the first step (a global keeps its variable for the whole render),
   * and each item written straight into it, without a call to a store per step. The list
   * is not empty: an empty one sets nothing, so it makes no variable either (the caller
   * sees to it).
   */
  listToGlobal(m: Machine, n: NodeId, list: unknown[], body: Stmt, slot: number): number {
    const v = m.globalVar(slot);
    const vars = m.vars;
    for (let i = 0; i < list.length; i++) {
      m.tick(n);
      // A hole in a list is null, as everywhere else.
      vars.write(v, list[i] ?? null);
      const end = after(body(m));
      if (end !== -1) return end;
    }
    return NORMAL;
  },

  /** `for c in text`, `for i, c in text`: by character (code point), without making a list of them first. */
  text(m: Machine, n: NodeId, text: string, body: Stmt, first: Store, second: Store | null): number {
    let i = 0;
    for (const ch of text) {
      m.tick(n);
      if (second === null) first(m, ch);
      else {
        first(m, i++);
        second(m, ch);
      }
      const end = after(body(m));
      if (end !== -1) return end;
    }
    return NORMAL;
  },

  /** `for x in gen`, `for i, x in gen`: a value at a time; `break` leaves the rest unasked. */
  generator(
    m: Machine,
    n: NodeId,
    gen: GeneratorValue,
    body: Stmt,
    first: Store,
    second: Store | null,
  ): number {
    let i = 0;
    for (let item = gen.next(); item !== DONE; item = gen.next()) {
      m.tick(n);
      if (second === null) first(m, item);
      else {
        first(m, i++);
        second(m, item);
      }
      const end = after(body(m));
      if (end !== -1) return end;
    }
    return NORMAL;
  },

  /** `for key in object`, `for key, value in object`. */
  entries(
    m: Machine,
    n: NodeId,
    object: Record<string, unknown>,
    body: Stmt,
    first: Store,
    second: Store | null,
  ): number {
    for (const key of Object.keys(object)) {
      m.tick(n);
      first(m, key);
      if (second !== null) second(m, object[key] ?? null);
      const end = after(body(m));
      if (end !== -1) return end;
    }
    return NORMAL;
  },
};
