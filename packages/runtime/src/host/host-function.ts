/**
 * The shape of a builtin: a plain function of the host context and its arguments, and a
 * namespace (`File`, `json`, `yaml`, `Date`) as a table of such functions.
 * @module
 */
import type { HostContext } from "./context.js";

/** A builtin function. Arguments are XMD values; `undefined` is never passed (use null). */
export type HostFunction = (ctx: HostContext, args: unknown[]) => unknown;

/** A namespace of builtins: `File.read`, `json.parse`; `call` when the namespace itself is callable (`Date "1990-01-01"`). */
export interface HostNamespace {
  readonly name: string;
  readonly members: ReadonlyMap<string, HostFunction>;
  readonly call?: HostFunction;
}
