/** Dates: reading `Date "…"`, `.diff` and `.format`, all in UTC. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateDiff, formatDate, parseDate } from "../../src/host/dates.js";
import { fault } from "./helpers.js";

const utc = (text: string) => new Date(text).getTime();
const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

describe("parseDate", () => {
  it("reads every ISO form it names as JavaScript does, offsets included", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("0000-01-02T00:00:00Z"),
          max: new Date("9999-12-30T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.constantFrom("T", " "),
        fc.constantFrom(":", ""),
        (date, offsetMinutes, separator, colon) => {
          // The clock time at that offset, written with the offset.
          const local = new Date(date.getTime() + offsetMinutes * 60_000);
          const sign = offsetMinutes < 0 ? "-" : "+";
          const zone = `${sign}${pad(Math.trunc(offsetMinutes / 60))}${colon}${pad(offsetMinutes % 60)}`;
          const text =
            `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
            `${separator}${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
            `.${pad(local.getUTCMilliseconds(), 3)}${zone}`;
          expect(parseDate(text).getTime(), text).toBe(date.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads a date alone, minutes without seconds, and any fraction as milliseconds", () => {
    expect(parseDate("2020-02-29").getTime()).toBe(utc("2020-02-29T00:00:00Z"));
    // Years before 100 are years before 100, not the 1900s.
    expect(parseDate("0042-03-04T05:06").toISOString()).toBe("0042-03-04T05:06:00.000Z");
    expect(parseDate("2020-02-29T08:30").getTime()).toBe(utc("2020-02-29T08:30:00Z"));
    expect(parseDate("2020-02-29 08:30:15").getTime()).toBe(utc("2020-02-29T08:30:15Z"));
    expect(parseDate("2020-02-29T08:30:15.5").getTime()).toBe(utc("2020-02-29T08:30:15.500Z"));
    expect(parseDate("2020-02-29T08:30:15.123456789z").getTime()).toBe(utc("2020-02-29T08:30:15.123Z"));
    expect(parseDate("  2020-02-29T08:30Z \n").getTime()).toBe(utc("2020-02-29T08:30:00Z"));
    expect(parseDate("2020-02-29T08:30 -01:30").getTime()).toBe(utc("2020-02-29T10:00:00Z"));
    expect(parseDate("2020-02-29T08:30-0130").getTime()).toBe(utc("2020-02-29T10:00:00Z"));
    expect(parseDate("2020-02-29T08:30+01:30").getTime()).toBe(utc("2020-02-29T07:00:00Z"));
  });

  it("takes the last second of a day and refuses what no clock or calendar shows", () => {
    expect(parseDate("2021-12-31T23:59:59").getTime()).toBe(utc("2021-12-31T23:59:59Z"));
    for (const text of [
      "2021-02-29",
      "2021-04-31",
      "2021-13-01",
      "2021-00-10",
      "2021-01-00",
      "2021-01-01T24:00",
      "2021-01-01T23:60",
      "2021-01-01T23:59:60",
    ]) {
      const f = fault(() => parseDate(text));
      expect(f.code, text).toBe("runtime");
      expect(f.message, text).toBe(`"${text}" is not a real date`);
    }
  });

  it("says what it reads, for text it cannot", () => {
    const f = fault(() => parseDate("next tuesday"));
    expect(f.message).toBe('"next tuesday" is not a date XMD can read');
    expect(f.hint).toBe('write it as YYYY-MM-DD, optionally with a time: "1990-01-01T08:30:00Z"');
    expect(fault(() => parseDate(true)).message).toBe(
      'Date needs a date text like "1990-01-01", not a boolean (true)',
    );
    expect(fault(() => parseDate(true)).code).toBe("type");
  });

  it("takes milliseconds since 1970, and a date, which it copies", () => {
    expect(parseDate(86_400_000).toISOString()).toBe("1970-01-02T00:00:00.000Z");
    const d = new Date(5);
    const copy = parseDate(d);
    expect(copy).not.toBe(d);
    expect(copy.getTime()).toBe(5);
    expect(fault(() => parseDate(Number.NaN)).message).toBe("NaN is not a valid time");
    expect(fault(() => parseDate(8.64e15 + 1)).message).toBe("8640000000000001 is not a valid time");
  });
});

describe("dateDiff", () => {
  it("counts a month complete only at the same day and time of day", () => {
    const from = parseDate("2020-01-15T10:00");
    expect(dateDiff(parseDate("2020-02-15T09:59"), from, "months")).toBe(0);
    expect(dateDiff(parseDate("2020-02-15T10:00"), from, "months")).toBe(1);
    expect(dateDiff(parseDate("2020-02-14T23:00"), from, "month")).toBe(0);
    expect(dateDiff(from, parseDate("2020-02-15T09:59"), "months")).toBe(0);
    expect(dateDiff(from, parseDate("2020-02-15T10:00"), "months")).toBe(-1);
    // The end of a long month to a short one: not a whole month until the short one ends.
    expect(dateDiff(parseDate("2021-02-28T23:59"), parseDate("2021-01-31"), "months")).toBe(0);
    expect(dateDiff(parseDate("2021-03-31"), parseDate("2021-01-31"), "months")).toBe(2);
  });

  it("counts years as birthdays do, forward and back", () => {
    const born = parseDate("1990-06-15");
    expect(dateDiff(parseDate("2020-06-14T23:59:59"), born, "years")).toBe(29);
    expect(dateDiff(parseDate("2020-06-15"), born, " Years ")).toBe(30);
    expect(dateDiff(born, parseDate("2020-06-15"), "years")).toBe(-30);
    expect(dateDiff(born, parseDate("2020-06-14"), "years")).toBe(-29);
  });

  it("truncates fixed units toward zero, and never gives -0", () => {
    const a = parseDate("2020-01-01");
    const b = new Date(a.getTime() + 1);
    expect(Object.is(dateDiff(a, b, "days"), 0)).toBe(true);
    expect(Object.is(dateDiff(a, b, "months"), 0)).toBe(true);
    expect(Object.is(dateDiff(a, new Date(a.getTime() + 40 * 86_400_000), "years"), 0)).toBe(true);
    expect(dateDiff(b, a)).toBe(1);
    expect(dateDiff(parseDate("2020-01-15"), a, "weeks")).toBe(2);
    expect(dateDiff(a, parseDate("2020-01-15"), "weeks")).toBe(-2);
    expect(dateDiff(parseDate("2020-01-01T01:30"), a, "hour")).toBe(1);
    expect(dateDiff(parseDate("2020-01-01T00:01:59"), a, "minutes")).toBe(1);
    expect(dateDiff(parseDate("2020-01-01T00:00:01.999"), a, "seconds")).toBe(1);
  });

  it("names the units it knows, and refuses an invalid date", () => {
    expect(fault(() => dateDiff(new Date(0), new Date(0), "fortnights")).message).toBe(
      'unknown unit "fortnights" for .diff; use one of years, months, weeks, days, hours, minutes, seconds, milliseconds',
    );
    expect(fault(() => dateDiff(new Date(Number.NaN), new Date(0), "days")).message).toBe(
      ".diff needs two valid dates",
    );
    expect(fault(() => dateDiff(new Date(0), new Date(Number.NaN))).message).toBe(
      ".diff needs two valid dates",
    );
  });
});

describe("formatDate", () => {
  it("writes each token in UTC, padded, and copies the rest", () => {
    const d = parseDate("2009-02-03T04:05:06.007Z");
    expect(formatDate(d, "YYYY-MM-DD HH:mm:ss.SSS")).toBe("2009-02-03 04:05:06.007");
    expect(formatDate(d, "DD/MM/YYYY, at HHh")).toBe("03/02/2009, at 04h");
    expect(formatDate(parseDate("0042-01-01"), "YYYY")).toBe("0042");
    expect(formatDate(parseDate("0000-02-29T12:00"), "YYYY-MM-DD HH")).toBe("0000-02-29 12");
  });

  it("refuses an invalid date", () => {
    expect(fault(() => formatDate(new Date(Number.NaN), "YYYY")).message).toBe(
      "cannot format an invalid date",
    );
  });
});
