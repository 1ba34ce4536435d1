/**
 * The shape of a builtin: a plain function of the host context and its arguments, and a
 * namespace (`File`, `json`, `yaml`, `Date`) as a table of such functions.
 * @module
 */
import { expectArgCount, orNull } from "./args.js";
import type { HostContext } from "./context.js";

/** A builtin function. Arguments are XMD values; `undefined` is never passed (use null). */
export type HostFunction = (ctx: HostContext, args: unknown[]) => unknown;

/** A namespace of builtins: `File.read`, `json.parse`; `call` when the namespace itself is callable (`Date "1990-01-01"`). */
export interface HostNamespace {
  readonly name: string;
  readonly members: ReadonlyMap<string, HostFunction>;
  readonly call?: HostFunction;
}

/**
 * The one argument-count wrapper every builtin is called through (global functions,
 * namespace members, methods): it throws a "type" error naming `what` unless `run` gets
 * `min` … `max` arguments, and makes what `run` returns an XMD value (undefined becomes
 * null). `self` is a method's receiver; a function has none, so its wrapper is a
 * {@link HostFunction}.
 */
export function withArgCount<Self = void>(
  what: string,
  min: number,
  max: number,
  run: (ctx: HostContext, args: unknown[], self: Self) => unknown,
): (ctx: HostContext, args: unknown[], self: Self) => unknown {
  return (ctx, args, self) => {
    expectArgCount(args, min, max, what);
    return orNull(run(ctx, args, self));
  };
}
