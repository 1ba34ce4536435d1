/**
 * Where an error is (line and column) and the code frame printed under it. The frames are
 * written out in full: the gutter's width, the line before, the caret run's column and
 * length are what a reader sees.
 */
import { describe, expect, it } from "vitest";
import { FRAME_WIDTH, LineMap } from "../../src/syntax/location.js";

describe("positions", () => {
  it("count lines ended by \\n, \\r\\n or a lone \\r, and columns from 1", () => {
    const map = new LineMap("ab\ncd\r\nef\rgh");
    expect(map.lineCount).toBe(4);
    expect(map.position(0)).toEqual({ line: 1, column: 1 });
    expect(map.position(2)).toEqual({ line: 1, column: 3 });
    expect(map.position(3)).toEqual({ line: 2, column: 1 });
    expect(map.position(5)).toEqual({ line: 2, column: 3 });
    expect(map.position(6)).toEqual({ line: 2, column: 4 });
    expect(map.position(7)).toEqual({ line: 3, column: 1 });
    expect(map.position(10)).toEqual({ line: 4, column: 1 });
    expect(map.position(11)).toEqual({ line: 4, column: 2 });
  });

  it("count a line after a final line break, and none for a \\r\\n's \\n", () => {
    expect(new LineMap("a\n").lineCount).toBe(2);
    expect(new LineMap("a\r\n").lineCount).toBe(2);
    expect(new LineMap("a\r").lineCount).toBe(2);
    expect(new LineMap("").lineCount).toBe(1);
    expect(new LineMap("a\n").position(2)).toEqual({ line: 2, column: 1 });
  });
});

describe("a code frame", () => {
  it("shows the line before, the line, and a caret under the span", () => {
    const source = "set x 1\nif x =\n";
    expect(new LineMap(source).frame(13, 14)).toBe(
      ["  1 | set x 1", "> 2 | if x =", "    |      ^"].join("\n"),
    );
  });

  it("has no line before the first", () => {
    expect(new LineMap("print nope\n").frame(6, 10)).toBe(
      ["> 1 | print nope", "    |       ^^^^"].join("\n"),
    );
  });

  it("leaves out the \\r of a \\r\\n line end, on the line and the line before", () => {
    const source = "a\r\nbb cc\r\n";
    expect(new LineMap(source).frame(6, 8)).toBe(["  1 | a", "> 2 | bb cc", "    |    ^^"].join("\n"));
  });

  it("shows a line ended by a lone \\r without it", () => {
    expect(new LineMap("one\rtwo").frame(4, 7)).toBe(["  1 | one", "> 2 | two", "    | ^^^"].join("\n"));
  });

  it("widens the gutter for the widest line number it shows", () => {
    const ten = Array.from({ length: 10 }, (_, i) => `l${i + 1}`).join("\n");
    const nine = new LineMap(ten).position(ten.indexOf("l9"));
    expect(nine).toEqual({ line: 9, column: 1 });
    // Line 9's frame shows lines 8 and 9, but 10 exists: the width is the one line 10 needs.
    expect(new LineMap(ten).frame(ten.indexOf("l9"), ten.indexOf("l9") + 2)).toBe(
      ["   8 | l8", ">  9 | l9", "     | ^^"].join("\n"),
    );
    expect(new LineMap(ten).frame(ten.indexOf("l10"), ten.length)).toBe(
      ["   9 | l9", "> 10 | l10", "     | ^^^"].join("\n"),
    );
    const nineLines = ten.slice(0, ten.indexOf("\nl10"));
    expect(new LineMap(nineLines).frame(nineLines.indexOf("l9"), nineLines.length)).toBe(
      ["  8 | l8", "> 9 | l9", "    | ^^"].join("\n"),
    );
  });

  it("gives an empty span one caret, and stops a span at its line's end", () => {
    expect(new LineMap("ab\ncd").frame(1, 1)).toBe(["> 1 | ab", "    |  ^"].join("\n"));
    expect(new LineMap("ab\ncd").frame(0, 5)).toBe(["> 1 | ab", "    | ^^"].join("\n"));
    // At the line's end (on its line break): one caret just after the text.
    expect(new LineMap("ab\ncd").frame(2, 3)).toBe(["> 1 | ab", "    |   ^"].join("\n"));
  });

  it("keeps the line's tabs in the caret's indent, so the caret lines up", () => {
    expect(new LineMap("\tx = y\n").frame(5, 6)).toBe(["> 1 | \tx = y", "    | \t    ^"].join("\n"));
  });
});

describe("a code frame of a long line", () => {
  const a = (n: number) => "a".repeat(n);
  const b = (n: number) => "b".repeat(n);

  it("shows a line of FRAME_WIDTH characters whole", () => {
    const line = `${a(FRAME_WIDTH - 1)}X`;
    expect(new LineMap(line).frame(FRAME_WIDTH - 1, FRAME_WIDTH)).toBe(
      [`> 1 | ${line}`, `    | ${" ".repeat(FRAME_WIDTH - 1)}^`].join("\n"),
    );
  });

  it("shows a window around the column, with … where it was cut", () => {
    const line = `${a(200)}X${b(200)}`;
    // The window starts 40 characters before the column and is FRAME_WIDTH long.
    expect(new LineMap(line).frame(200, 201)).toBe(
      [`> 1 | …${a(40)}X${b(119)}…`, `    | ${" ".repeat(41)}^`].join("\n"),
    );
  });

  it("ends the window at the line's end, with no … there, still FRAME_WIDTH long", () => {
    const line = `${a(200)}X${b(99)}`;
    // 99 characters follow the column: the window starts 60 before it, not 40.
    expect(new LineMap(line).frame(200, 201)).toBe(
      [`> 1 | …${a(60)}X${b(99)}`, `    | ${" ".repeat(61)}^`].join("\n"),
    );
  });

  it("starts the window at the line's start when the column is near it", () => {
    const line = `${a(10)}X${b(300)}`;
    expect(new LineMap(line).frame(10, 11)).toBe(
      [`> 1 | ${a(10)}X${b(FRAME_WIDTH - 11)}…`, `    | ${" ".repeat(10)}^`].join("\n"),
    );
  });

  it("shows a long line before from its start", () => {
    const source = `${b(300)}\nX`;
    expect(new LineMap(source).frame(301, 302)).toBe(
      [`  1 | ${b(FRAME_WIDTH)}…`, "> 2 | X", "    | ^"].join("\n"),
    );
  });

  it("stops a span's carets at the window's end", () => {
    const line = `${a(200)}X${b(200)}`;
    const frame = new LineMap(line).frame(200, 400).split("\n");
    // From X (column 42 of the shown text) to the end of the text, the closing … included.
    expect(frame[1]).toBe(`    | ${" ".repeat(41)}${"^".repeat(FRAME_WIDTH + 2 - 41)}`);
  });
});
