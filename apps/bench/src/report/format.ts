/** Number formatting for tables; a missing figure prints as "–". @module */

type Maybe = number | null | undefined;

const missing = (n: Maybe): n is null | undefined => n === null || n === undefined || !Number.isFinite(n);

/** Fixed decimals. */
export const fixed = (n: Maybe, digits = 2): string => (missing(n) ? "–" : n.toFixed(digits));

/** Milliseconds: more decimals below 1 ms, where two would round most figures to 0.0x. */
export const msText = (n: Maybe): string => (missing(n) ? "–" : n.toFixed(n < 1 ? 3 : 2));

/** A share as a percentage. */
export const pct = (n: Maybe): string => (missing(n) ? "–" : `${(n * 100).toFixed(1)}%`);

/** Bytes in MiB, sign kept (a negative retained heap is reported, not hidden). */
export const mib = (n: Maybe): string => (missing(n) ? "–" : `${(n / 1048576).toFixed(2)} MiB`);

/** Bytes in decimal megabytes (10⁶), the unit of the W6 document and targets. */
export const mb = (n: Maybe): string => (missing(n) ? "–" : `${(n / 1e6).toFixed(1)} MB`);

/** Bytes in KiB. */
export const kib = (n: Maybe): string => (missing(n) ? "–" : `${(n / 1024).toFixed(1)} KiB`);

/** A ratio. */
export const ratio = (n: Maybe): string => (missing(n) ? "–" : `${n.toFixed(2)}×`);

/** Growth from `a` to `b` as a signed percentage. */
export const growth = (a: Maybe, b: Maybe): string =>
  missing(a) || missing(b) || a === 0 ? "–" : `${((b / a - 1) * 100).toFixed(1)}%`;
