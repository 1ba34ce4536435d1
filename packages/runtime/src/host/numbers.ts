/**
 * Number builtins shared by the global functions and the number methods.
 * @module
 */
import { RuntimeFault } from "../values/fault.js";
import { describe } from "./args.js";

/**
 * Rounds to `digits` decimals (0: a whole number), halves away from zero (`2.5` → 3,
 * `-2.5` → -3), using decimal shifting so `1.005` rounds to `1.01`.
 */
export function roundTo(n: number, digits = 0): number {
  if (!Number.isFinite(n)) return n;
  if (digits < 0 || digits > 100)
    throw new RuntimeFault("runtime", `round digits must be 0 to 100, got ${digits}`);
  const sign = n < 0 ? -1 : 1;
  const abs = Math.abs(n);
  let result: number;
  if (String(abs).includes("e")) {
    const scale = 10 ** digits;
    result = (sign * Math.round(abs * scale)) / scale;
  } else {
    const shifted = Math.round(Number(`${abs}e${digits}`));
    result = sign * Number(`${shifted}e-${digits}`);
  }
  return result === 0 ? 0 : result;
}

const NUMERIC = /^[+-]?(?:\d+(?:_\d+)*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * `number x`: a number as is; text with a decimal number (surrounding spaces allowed, also
 * `Infinity`, `0x1F`); true/false as 1/0. Anything else is a "type" error.
 */
export function toNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    const t = value.trim();
    if (NUMERIC.test(t)) return Number(t.replaceAll("_", ""));
    if (/^[+-]?Infinity$/.test(t)) return Number(t);
    if (/^0[xX][0-9a-fA-F]+$|^0[bB][01]+$|^0[oO][0-7]+$/.test(t)) return Number(t);
    throw new RuntimeFault("type", `cannot convert ${describe(value)} to a number`);
  }
  throw new RuntimeFault("type", `cannot convert ${describe(value)} to a number`);
}
