/**
 * Dates: parsing `Date "1990-01-01"`, `.diff other unit` and `.format pattern`.
 * Everything is UTC so output is the same on every machine: a date without an offset is
 * read as UTC, and `.format`/`.year`/`.month`/`.day` show UTC fields.
 * @module
 */
import { RuntimeFault } from "../values/fault.js";
import { describe } from "./args.js";

const ISO_LIKE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date from text (`YYYY-MM-DD`, optionally `THH:mm[:ss[.sss]]` and `Z`/`±HH:MM`; no offset
 * means UTC), from milliseconds since the epoch, or a copy of a date.
 */
export function parseDate(value: unknown): Date {
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof value === "number") {
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) throw new RuntimeFault("runtime", `${value} is not a valid time`);
    return d;
  }
  if (typeof value !== "string") {
    throw new RuntimeFault("type", `Date needs a date text like "1990-01-01", not ${describe(value)}`);
  }
  const m = ISO_LIKE.exec(value.trim());
  if (m) {
    const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = m;
    const ms = Number(frac.padEnd(3, "0").slice(0, 3));
    // Set field by field: Date.UTC would read the years 0 to 99 as 1900 to 1999.
    const check = new Date(0);
    check.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
    check.setUTCHours(Number(h), Number(mi), Number(s), ms);
    let t = check.getTime();
    if (
      check.getUTCFullYear() !== Number(y) ||
      check.getUTCMonth() !== Number(mo) - 1 ||
      check.getUTCDate() !== Number(d) ||
      Number(h) > 23 ||
      Number(mi) > 59 ||
      Number(s) > 59
    ) {
      throw new RuntimeFault("runtime", `"${value}" is not a real date`);
    }
    if (zone && zone !== "Z" && zone !== "z") {
      const sign = zone[0] === "-" ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return new Date(t);
  }
  throw new RuntimeFault(
    "runtime",
    `"${value}" is not a date XMD can read`,
    'write it as YYYY-MM-DD, optionally with a time: "1990-01-01T08:30:00Z"',
  );
}

/** Units accepted by `.diff`, singular or plural. */
export const DIFF_UNITS = [
  "years",
  "months",
  "weeks",
  "days",
  "hours",
  "minutes",
  "seconds",
  "milliseconds",
] as const;
export type DiffUnit = (typeof DIFF_UNITS)[number];

const UNIT_MS: Record<Exclude<DiffUnit, "years" | "months">, number> = {
  weeks: 7 * 86_400_000,
  days: 86_400_000,
  hours: 3_600_000,
  minutes: 60_000,
  seconds: 1000,
  milliseconds: 1,
};

function normalizeUnit(unit: string): DiffUnit {
  const u = unit.trim().toLowerCase();
  const plural = (u.endsWith("s") ? u : `${u}s`) as DiffUnit;
  if ((DIFF_UNITS as readonly string[]).includes(plural)) return plural;
  throw new RuntimeFault("runtime", `unknown unit "${unit}" for .diff; use one of ${DIFF_UNITS.join(", ")}`);
}

/** Whole calendar months from `from` to `to` (to >= from). */
function wholeMonths(to: Date, from: Date): number {
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  // The part of the month left over: day then time of day. If `to` has not reached `from`'s
  // position in its month yet, the last month is not complete.
  const restTo =
    (to.getUTCDate() - 1) * 86_400_000 +
    (to.getTime() - Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate()));
  const restFrom =
    (from.getUTCDate() - 1) * 86_400_000 +
    (from.getTime() - Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  if (restTo < restFrom) months--;
  return months;
}

/**
 * `a.diff b unit`: how many whole `unit`s `a` is after `b` (negative when before), truncated
 * toward zero. Years and months are calendar-aware (a birthday counts on its day); the others
 * are fixed lengths of time. Default unit: milliseconds.
 */
export function dateDiff(a: Date, b: Date, unit = "milliseconds"): number {
  const u = normalizeUnit(unit);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) {
    throw new RuntimeFault("runtime", ".diff needs two valid dates");
  }
  if (u === "years" || u === "months") {
    const forward = a.getTime() >= b.getTime();
    const months = forward ? wholeMonths(a, b) : -wholeMonths(b, a);
    const result = u === "years" ? Math.trunc(months / 12) : months;
    return result === 0 ? 0 : result;
  }
  const result = Math.trunc((a.getTime() - b.getTime()) / UNIT_MS[u]);
  return result === 0 ? 0 : result;
}

const FORMAT_TOKENS = /YYYY|MM|DD|HH|mm|ss|SSS/g;

/**
 * `.format pattern` in UTC. Tokens: `YYYY` year, `MM` month 01-12, `DD` day, `HH` hour 00-23,
 * `mm` minutes, `ss` seconds, `SSS` milliseconds; anything else is copied.
 */
export function formatDate(d: Date, pattern: string): string {
  if (Number.isNaN(d.getTime())) throw new RuntimeFault("runtime", "cannot format an invalid date");
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return pattern.replace(FORMAT_TOKENS, (token) => {
    switch (token) {
      case "YYYY":
        return pad(d.getUTCFullYear(), 4);
      case "MM":
        return pad(d.getUTCMonth() + 1);
      case "DD":
        return pad(d.getUTCDate());
      case "HH":
        return pad(d.getUTCHours());
      case "mm":
        return pad(d.getUTCMinutes());
      case "ss":
        return pad(d.getUTCSeconds());
      default:
        return pad(d.getUTCMilliseconds(), 3);
    }
  });
}
