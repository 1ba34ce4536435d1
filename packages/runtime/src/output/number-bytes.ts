/**
 * A number's text written as ASCII bytes straight into an output chunk, without the
 * string `String(n)` would make: what `print "- " + r.name + ": " + r.qty * r.price` does
 * ten thousand times a render. Only the numbers whose shortest text can be found by exact
 * integer arithmetic are written here — whole numbers below 2^53, and numbers with at most
 * {@link MAX_FRACTION_DIGITS} decimals — and the text is JavaScript's own (`String(n)`,
 * `-0` as `0`); for any other number {@link writeNumberFrom} returns -1 and the caller
 * converts it the usual way.
 * @module
 */

/** Most bytes {@link writeNumberFrom} writes: a sign, 16 whole digits, a point and 6 decimals. */
export const NUMBER_BYTES = 24;

/** Decimals tried for a number that is not whole (`37.5`, `0.25`, `19.99`). */
const MAX_FRACTION_DIGITS = 6;

const POW10 = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

/**
 * Scaled values must stay below this for the decimal found to be the only one of its
 * length that reads back as the number, and for the scaling's rounding error to stay
 * under half a unit (see {@link writeNumberFrom}).
 */
const EXACT_SCALED = 2 ** 50;

const ZERO = 0x30;
const MINUS = 0x2d;
const POINT = 0x2e;

/**
 * Writes the text of `numbers[index]` at `out[at]` and returns where it ends, or -1 when
 * it is not a number this writes (then nothing is written). `out` must have
 * {@link NUMBER_BYTES} bytes free at `at`. The number is read here and never handed to
 * another function as a JavaScript value: a fraction passed to a call V8 does not inline is
 * made a heap object, which this exists to avoid (the digits go through {@link writeWhole}
 * as two small integers).
 */
export function writeNumberFrom(out: Uint8Array, at: number, numbers: Float64Array, index: number): number {
  const v = numbers[index] as number;
  // Most numbers printed: small whole ones (a count, a table cell), -0 among them ("0").
  if (v >= 0 && v < 1e8 && (v | 0) === v) return writeInt(out, at, v | 0); // an int32 from here: `%` on it is an integer op
  let pos = at;
  if (Number.isInteger(v)) {
    if (!(v > -(2 ** 53) && v < 2 ** 53)) return -1;
    // -0 is written "0", as String(-0) is: it is not below 0.
    if (v < 0) out[pos++] = MINUS;
    const whole = Math.abs(v);
    // `whole / 1e8` never rounds up to the next whole number (checked for every whole
    // number below 2^53 just under a multiple of 10^8, the nearest such quotients come), so
    // the floor is the high part and the low part is in [0, 10^8).
    const high = Math.floor(whole / 1e8);
    return writeWhole(out, pos, high | 0, (whole - high * 1e8) | 0);
  }
  // A fraction, when some `f` ≤ MAX_FRACTION_DIGITS has an integer `i` with `i / 10^f === v`.
  // Dividing two exactly held integers rounds correctly, as reading the decimal `i·10^-f`
  // does, so that decimal reads back as `v`; while `|v|·10^f` < 2^50, decimals `f` places
  // apart differ by more than `v`'s spacing, so it is the only one with `f` places, and
  // `Math.round(v·10^f)` finds it (the error of `v` and of the product stay under a quarter
  // unit). Trying `f` upward finds the fewest decimals, hence the fewest digits:
  // JavaScript's shortest text, in fixed notation (`|v|` ≥ 10^-6 here, where it uses no
  // exponent).
  // (An infinity's scaled value is past EXACT_SCALED; NaN's never reads back.)
  const a = Math.abs(v);
  for (let f = 1; f <= MAX_FRACTION_DIGITS; f++) {
    const p = POW10[f] as number;
    const scaled = a * p;
    if (scaled >= EXACT_SCALED) return -1;
    const i = Math.round(scaled);
    if (i / p !== a) continue;
    // The fewest places never end in 0: one place fewer would have read back too.
    const decimals = i % p;
    if (v < 0) out[pos++] = MINUS;
    const whole = (i - decimals) / p;
    const high = Math.floor(whole / 1e8);
    pos = writeWhole(out, pos, high | 0, (whole - high * 1e8) | 0);
    out[pos++] = POINT;
    // The decimals with their leading zeros: 0.05 is 5 at 2 places.
    for (let d = f - 1, rest = decimals | 0; d >= 0; d--) {
      out[pos + d] = ZERO + (rest % 10);
      rest = (rest / 10) | 0;
    }
    return pos + f;
  }
  return -1;
}

/** The whole number `high`·10^8 + `low` (0 ≤ low < 10^8, 0 ≤ high < 10^8), in decimal. */
function writeWhole(out: Uint8Array, at: number, high: number, low: number): number {
  let pos = at;
  if (high > 0) {
    pos = writeInt(out, pos, high);
    // The low part with its leading zeros, 8 digits.
    for (let d = 7, rest = low; d >= 0; d--) {
      out[pos + d] = ZERO + (rest % 10);
      rest = (rest / 10) | 0;
    }
    return pos + 8;
  }
  return writeInt(out, pos, low);
}

/** Whole numbers below this are written from {@link SMALL_DIGITS}. */
const SMALL = 1000;

/**
 * For each whole number below {@link SMALL}: its ASCII digits in the low three bytes (the
 * first digit lowest) and their count in the top byte. A table cell or a count is written
 * with one load and up to three stores: 4 ns against 10–14 ns by dividing (5,000 numbers
 * below 1,000 on Node 20), where `String(n)` reads V8's own cache of small numbers' text.
 */
const SMALL_DIGITS = new Uint32Array(SMALL);
for (let n = 0; n < SMALL; n++) {
  const digits = n < 10 ? 1 : n < 100 ? 2 : 3;
  let packed = digits << 24;
  for (let d = digits - 1, rest = n; d >= 0; d--, rest = (rest / 10) | 0)
    packed |= (ZERO + (rest % 10)) << (8 * d);
  SMALL_DIGITS[n] = packed;
}

/**
 * Writes `n`, a whole number with 0 ≤ n < 2^31 (-0 is 0), in decimal at `out[at]` and
 * returns where it ends: the common case of {@link writeNumberFrom}, for a caller that
 * holds the number already.
 */
export function writeInt(out: Uint8Array, at: number, n: number): number {
  if (n < SMALL) {
    const packed = SMALL_DIGITS[n] as number;
    const digits = packed >>> 24;
    out[at] = packed & 0xff;
    if (digits > 1) {
      out[at + 1] = (packed >>> 8) & 0xff;
      if (digits > 2) out[at + 2] = (packed >>> 16) & 0xff;
    }
    return at + digits;
  }
  let digits = 1;
  for (let p = 10; p <= n; p *= 10) digits++;
  for (let d = digits - 1, rest = n; d >= 0; d--) {
    out[at + d] = ZERO + (rest % 10);
    rest = (rest / 10) | 0;
  }
  return at + digits;
}
