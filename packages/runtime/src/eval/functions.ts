/**
 * Callable values: user functions and lambdas (with their captured cells), builtins, and
 * builtin namespaces such as `File` or `Date` used as values.
 * @module
 */
import type { UnitCode } from "../compile/code.js";
import type { HostContext } from "../host/context.js";
import type { GlobalNames } from "../resolve/resolver.js";
import type { FunctionInfo, ParseUnit } from "../syntax/unit.js";
import { Callable } from "../values/callable.js";
import type { Cell } from "./cell.js";

/** A host function: receives the context and evaluated arguments. */
export type HostFunction = (ctx: HostContext, args: unknown[]) => unknown;

/** One loaded module (or the document itself): its globals, exports and file context. */
export class ModuleInstance {
  readonly exports: Record<string, unknown> = {};
  constructor(
    readonly unit: ParseUnit,
    /** The unit's compiled code, shared by every run of it. */
    readonly code: UnitCode,
    readonly globals: GlobalNames,
    readonly path: string,
    readonly ctx: HostContext,
    /** Variable ids by global index; -1 until first written. Shared with parts imported in place. */
    readonly globalVars: number[] = [],
  ) {}
}

/** A function declared with `function` or written as a lambda. */
export class UserFunction extends Callable {
  constructor(
    readonly name: string,
    readonly info: FunctionInfo,
    readonly module: ModuleInstance,
    /** Cells captured when the closure was made, in `info.captures` order. */
    readonly cells: readonly Cell[],
  ) {
    super();
  }
}

/** A builtin global function (`len`, `map`, …) used as a value. */
export class BuiltinFunction extends Callable {
  constructor(
    readonly name: string,
    readonly fn: HostFunction,
  ) {
    super();
  }
}

/** A builtin namespace (`File`, `json`, `yaml`, `Date`) used as a value. */
export class NamespaceValue {
  constructor(
    readonly name: string,
    readonly members: ReadonlyMap<string, HostFunction>,
    readonly call?: HostFunction,
  ) {}
  toJSON(): string {
    return `<namespace ${this.name}>`;
  }
}
