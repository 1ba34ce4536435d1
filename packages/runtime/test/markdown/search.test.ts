/**
 * ForwardSearch: the splitter's "next `-->`", "next line break" searches. Its answers are
 * `indexOf`'s from any start, in any order; asked from starts that move forward, it looks
 * at each character once, and the read clock counts exactly the characters it looked at
 * (the count the linear-reading tests rely on).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ForwardSearch } from "../../src/markdown/search.js";
import { ReadClock } from "../../src/syntax/clock.js";
import { runs } from "../support/scale.js";

describe("ForwardSearch", () => {
  it("answers as indexOf does, from any start in any order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "-", ">", "-->", "\n"), { maxLength: 30 }).map((p) => p.join("")),
        fc.array(fc.nat(40), { maxLength: 12 }),
        (source, starts) => {
          for (const needle of ["-->", "\n"]) {
            const search = new ForwardSearch(source, needle, new ReadClock());
            for (const from of starts) expect(search.next(from)).toBe(source.indexOf(needle, from));
          }
        },
      ),
      { numRuns: runs(1000) },
    );
  });

  it("counts the characters it looks at, once each as its starts move forward", () => {
    const clock = new ReadClock();
    const search = new ForwardSearch("ab\ncd\nef", "\n", clock);
    expect(search.next(0)).toBe(2);
    expect(clock.steps).toBe(3); // a, b and the line break
    expect(search.next(0)).toBe(2);
    expect(search.next(1)).toBe(2);
    expect(search.next(2)).toBe(2);
    expect(clock.steps).toBe(3); // the answer holds up to where it was found
    expect(search.next(3)).toBe(5);
    expect(clock.steps).toBe(6);
    expect(search.next(6)).toBe(-1);
    expect(clock.steps).toBe(9); // e, f and the end
    expect(search.next(7)).toBe(-1);
    expect(clock.steps).toBe(9); // nothing further, from anywhere after
  });

  it("answers a first question from the middle of the text", () => {
    const clock = new ReadClock();
    expect(new ForwardSearch("a\nb\nc", "\n", clock).next(2)).toBe(3);
    expect(clock.steps).toBe(2);
  });
});
