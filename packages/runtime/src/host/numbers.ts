/**
 * Number builtins shared by the global functions and the number methods.
 * @module
 */
import { RuntimeFault } from "../values/fault.js";
import { describe } from "./args.js";

/** The most decimals `round` and `.toFixed` take: more than any double has (at most 17 significant digits). */
export const MAX_DIGITS = 100;

/**
 * Rounds to `digits` decimals (0: a whole number), halves away from zero (`2.5` → 3,
 * `-2.5` → -3), using decimal shifting so `1.005` rounds to `1.01`. `digits` is a whole
 * number from 0 to {@link MAX_DIGITS}. A finite number always rounds to a finite number:
 * one with no decimals left at that position (`round(1e300, 10)`, `round(0.1, 25)`) is
 * returned as it is.
 */
export function roundTo(n: number, digits = 0): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > MAX_DIGITS)
    throw new RuntimeFault(
      "runtime",
      `round digits must be a whole number from 0 to ${MAX_DIGITS}, got ${digits}`,
    );
  if (!Number.isFinite(n) || n === 0) return n === 0 ? 0 : n;
  const abs = Math.abs(n);
  // At or past 2^53 units of the last decimal kept, a double holds no finer digit: rounding changes nothing.
  if (abs * 10 ** digits >= 2 ** 53) return n;
  // Round the digits of the shortest decimal form as text ("1.005e+0", 2 digits: keep "100",
  // the next is "5": "101"), never through a double: multiplying rounds in binary first, and
  // so does reading the shifted decimal back (between 2^51 and 2^52 a double holds only
  // halves: 2673541650884729.4 reads as …729.5, which then rounds up).
  const [mantissa, exponent] = abs.toExponential().split("e") as [string, string];
  const significant = mantissa.replace(".", "");
  const keep = Number(exponent) + 1 + digits;
  if (keep >= significant.length) return n;
  let kept = keep > 0 ? BigInt(significant.slice(0, keep)) : 0n;
  if (keep >= 0 && significant.charCodeAt(keep) >= 0x35 /* "5" */) kept += 1n;
  const result = Number(`${kept}e-${digits}`);
  return n < 0 ? (result === 0 ? 0 : -result) : result;
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
