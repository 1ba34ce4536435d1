/**
 * Generators on the machine. A `function*` body compiles to a JavaScript generator over
 * the machine (see `compile/generators.ts`); this steps it. Between steps the body's frame
 * cannot stay on the value stack, where the caller goes on pushing and popping, so its
 * locals are kept here and a frame is pushed for each step, filled from them, and copied
 * back when the step ends at a `yield`.
 * @module
 */

import { RuntimeFault } from "../values/fault.js";
import { DONE, GeneratorValue } from "../values/generator.js";
import type { UserFunction } from "./functions.js";
import type { Machine } from "./machine.js";
import { isValueStackOverflow } from "./temps.js";

/** A generator made by calling a `function*` in a run; it steps on that run's machine. */
export class MachineGenerator extends GeneratorValue {
  private iterator: Iterator<unknown, unknown, undefined> | null = null;
  private done = false;
  private running = false;

  constructor(
    private readonly m: Machine,
    private readonly fn: UserFunction,
    /** The body's frame between steps: parameters first, as a call's frame is laid out. */
    private readonly locals: unknown[],
  ) {
    super();
  }

  get name(): string {
    return this.fn.name;
  }

  next(): unknown {
    if (this.done) return DONE;
    if (this.running)
      throw new RuntimeFault(
        "runtime",
        `the generator '${this.fn.name}' asked for its own next value`,
        "a generator cannot iterate itself while it runs",
      );
    const m = this.m;
    const stack = m.stack;
    const info = this.fn.info;
    if (++m.depth > m.limits.maxCallDepth) throw m.depthError();
    let frame: number;
    try {
      frame = stack.pushFrame(info.frameSize);
    } catch (e) {
      if (isValueStackOverflow(e)) throw m.stackFullError();
      throw e;
    }
    m.frames.push(frame);
    m.frameSlots += info.frameSize;
    const base = stack.frameBase(frame);
    const locals = this.locals;
    for (let i = 0; i < locals.length; i++) stack.set(base + i, locals[i]);
    const savedBase = m.base;
    const savedCells = m.cells;
    const savedModule = m.module;
    m.base = base;
    m.cells = this.fn.cells;
    m.module = this.fn.module;
    this.running = true;
    let step: IteratorResult<unknown, unknown>;
    try {
      this.iterator ??= this.fn.module.code.body(info)(m) as Iterator<unknown, unknown, undefined>;
      step = this.iterator.next();
    } catch (e) {
      // The body failed: the generator is over. The frame is left for whoever catches the
      // error to unwind, as a failed call's is.
      this.done = true;
      this.running = false;
      throw e;
    }
    this.running = false;
    for (let i = 0; i < locals.length; i++) locals[i] = stack.get(base + i);
    stack.popFrame(m.frames.pop() as number);
    m.base = savedBase;
    m.cells = savedCells;
    m.module = savedModule;
    m.depth--;
    if (step.done) {
      this.done = true;
      locals.length = 0;
      return DONE;
    }
    return step.value;
  }
}
