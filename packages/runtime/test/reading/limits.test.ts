/**
 * Reading within limits: the time limit covers splitting and parsing; a document of many
 * broken lines reports the first hundred problems and how many more; an error in a very
 * long line shows a window of it, not the line.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRuntime, type MemoryMode, XmdError } from "../../src/index.js";
import { CHECK_EVERY, ReadClock } from "../../src/syntax/clock.js";
import { expectLocated } from "../support/located.js";
import { failure } from "../support/render.js";

describe("the time limit while reading", () => {
  it("is checked every few thousand steps, cheaply", () => {
    const clock = new ReadClock(Date.now() - 1, (at) => new Error(`stopped at ${at}`));
    let error: unknown;
    try {
      for (let i = 0; i < 2 * CHECK_EVERY; i++) clock.tick(i);
    } catch (e) {
      error = e;
    }
    expect(String(error)).toMatch(/^Error: stopped at \d+$/);
    // Without a deadline it never stops, and only counts.
    const free = new ReadClock();
    for (let i = 0; i < 3 * CHECK_EVERY; i++) free.tick(i);
    free.add(10, 0);
    expect(free.steps).toBe(3 * CHECK_EVERY + 10);
  });

  // Documents that take far longer than a millisecond to read, read with no time at all:
  // each stops while it is read, with a limit error that points into it. The clock moves
  // a millisecond each time it is read, so the deadline has passed at the first check
  // whatever the machine's speed: with the real clock, where reading stopped (and so which
  // code the test reached) depended on when the millisecond turned, and mutation testing's
  // coverage of this test differed from one run to the next.
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const DOCUMENTS: [string, string, "md" | "xmd"][] = [
    ["unclosed {{", "{{ ".repeat(1_000_000), "md"],
    ["unclosed <!--", "<!-- ".repeat(1_000_000), "md"],
    ["lines of set a (", "set a (\n".repeat(300_000), "xmd"],
  ];
  for (const [name, source, lang] of DOCUMENTS) {
    it(`stops reading ${name} at the deadline, in both memory modes`, () => {
      let now = Date.now();
      vi.spyOn(Date, "now").mockImplementation(() => ++now);
      const places = new Set<string>();
      for (const memory of ["pooled", "heap"] as MemoryMode[]) {
        const runtime = createRuntime({ memory, limits: { timeoutMs: 0 } });
        for (const read of [() => runtime.render(source, { lang }), () => runtime.check(source, { lang })]) {
          const error = failureOf(read);
          expect(error).toBeInstanceOf(XmdError);
          const e = error as XmdError;
          expect(e.code).toBe("limit");
          expect(e.message).toBe(
            "time limit reached: the document ran longer than 0 ms (limit timeoutMs), while it was being read",
          );
          expect(e.hint).toBe("raise it with --timeout (limits.timeoutMs in the API)");
          expectLocated(e, source);
          places.add(`${e.line}:${e.column}`);
        }
        expect(runtime.inspect().live).toEqual({ nodes: 0, variables: 0, temporaries: 0 });
      }
      // The first check stops it, at the same place in every mode and way of reading.
      expect(places.size).toBe(1);
    });
  }
});

describe("many problems", () => {
  const broken = (n: number) => "print @\n".repeat(n);

  it("are reported up to a hundred, then counted", () => {
    const errors = createRuntime().check(broken(150), { lang: "xmd" });
    expect(errors).toHaveLength(101);
    expect(errors.slice(0, 100).map((e) => [e.line, e.column, e.message])).toEqual(
      Array.from({ length: 100 }, (_, i) => [i + 1, 7, "unexpected character '@'"]),
    );
    const more = errors[100] as XmdError;
    expect([more.code, more.line, more.column, more.message]).toEqual([
      "syntax",
      101,
      7,
      "and 50 more problems, the first of them here: only the first 100 found are reported",
    ]);
    expect(more.frame).toContain("> 101 | print @");
    expect(more.hint).toBe("fix these and check again: later problems are often echoes of an earlier one");
  });

  it("say 'problem' for one more, and nothing for none", () => {
    expect(createRuntime().check(broken(101), { lang: "xmd" })[100]?.message).toBe(
      "and 1 more problem, the first of them here: only the first 100 found are reported",
    );
    expect(createRuntime().check(broken(100), { lang: "xmd" })).toHaveLength(100);
  });

  it("stop a render at the first", () => {
    const e = failure(broken(150));
    expect([e.code, e.line, e.column, e.message]).toEqual(["syntax", 1, 7, "unexpected character '@'"]);
  });

  it("come in the order of the text, though the lexer finds its own first", () => {
    // The lexer reads every piece before the parser: its problem (line 2) is found first.
    const source = "set\nprint 'open\n";
    expect(
      createRuntime()
        .check(source, { lang: "xmd" })
        .map((e) => [e.line, e.message]),
    ).toEqual([
      [1, "expected a variable name after 'set' but found the end of the line"],
      [2, "this string is never closed"],
    ]);
    expect(failure(source).line).toBe(1);
  });

  it("are not echoed: an unexpected character is reported once, by the lexer", () => {
    expect(
      createRuntime()
        .check("print 1 + @\n", { lang: "xmd" })
        .map((e) => e.message),
    ).toEqual(["unexpected character '@'"]);
  });
});

describe("an error in a very long line", () => {
  it("shows a window of the line around the error, with the caret under it", () => {
    const source = `print "${"a".repeat(100_000)}" + nope\n`;
    const e = failure(source);
    expect([e.code, e.line, e.column]).toEqual(["undefined-name", 1, 100_012]);
    expect(e.frame.length).toBeLessThan(600);
    const [text, carets] = e.frame.split("\n") as [string, string];
    expect(text).toMatch(/^> 1 \| …a+" \+ nope$/);
    expect(carets.indexOf("^")).toBe(text.indexOf("nope"));
    expect(carets.trimEnd().endsWith("^^^^")).toBe(true);
  });

  it("shows short lines whole", () => {
    const e = failure("set x 1\nprint x + nope\n");
    expect(e.frame).toBe("  1 | set x 1\n> 2 | print x + nope\n    |           ^^^^");
  });
});

describe("a full node pool while reading", () => {
  it("is a limit error from parse, compile, check and render alike", () => {
    const runtime = createRuntime({ limits: { maxPoolSlots: 50 } });
    const source = `print ${"[1, 2, 3], ".repeat(100)}1\n`;
    for (const read of [
      () => runtime.parse(source, { lang: "xmd" }),
      () => runtime.compile(source, { lang: "xmd" }),
      () => runtime.check(source, { lang: "xmd" }),
      () => runtime.render(source, { lang: "xmd" }),
    ]) {
      const error = failureOf(read);
      expect(error).toBeInstanceOf(XmdError);
      expect((error as XmdError).message).toBe(
        "the document needs more than 50 syntax nodes (limit maxPoolSlots)",
      );
    }
    expect(runtime.inspect().live).toEqual({ nodes: 0, variables: 0, temporaries: 0 });
  });
});

/**
 * What stopped a read: the error `render`, `parse` and `compile` throw, or the limit error
 * `check` lists (check reports a limit reached while reading as one of its problems).
 */
function failureOf(read: () => unknown): unknown {
  try {
    const result = read();
    return Array.isArray(result)
      ? result.find((e) => e instanceof XmdError && e.code === "limit")
      : undefined;
  } catch (e) {
    return e;
  }
}
