/** `formatError`: how an XmdError reads in a terminal, in plain text and in color. */
import { describe, expect, it } from "vitest";
import { formatError, XmdError } from "../src/index.js";

const FRAME = "   11 | set total 10\n>  12 | print totl + 1\n      |       ^^^^";

/** The error of the module's example, imported through two files. */
function example(): XmdError {
  const e = new XmdError(
    "undefined-name",
    "'totl' is not defined",
    "report.md",
    12,
    7,
    FRAME,
    'set it first (set totl …), or test for it with exists("totl")',
  );
  e.importedFrom.push({ file: "part.md", line: 3, column: 1 }, { file: "index.md", line: 8, column: 5 });
  return e;
}

describe("formatError", () => {
  it("gives the place, the code, the message, the frame, the help and the imports it came through", () => {
    expect(formatError(example())).toBe(
      [
        "report.md:12:7: error[undefined-name]: 'totl' is not defined",
        FRAME,
        '  = help: set it first (set totl …), or test for it with exists("totl")',
        "  = note: imported from part.md:3:1",
        "  = note: imported from index.md:8:5",
      ].join("\n"),
    );
  });

  it("leaves out the frame and the help when the error has none", () => {
    const e = new XmdError("limit", "output limit reached", "<stdin>", 1, 1, "");
    expect(formatError(e)).toBe("<stdin>:1:1: error[limit]: output limit reached");
  });

  it("colors the place and message bold, an error red, the frame dim and the help cyan", () => {
    expect(formatError(example(), { color: true })).toBe(
      [
        "\x1b[1mreport.md:12:7\x1b[22m: \x1b[31merror[undefined-name]\x1b[39m: \x1b[1m'totl' is not defined\x1b[22m",
        `\x1b[2m${FRAME}\x1b[22m`,
        '  = \x1b[36mhelp\x1b[39m: set it first (set totl …), or test for it with exists("totl")',
        "  = \x1b[36mnote\x1b[39m: imported from part.md:3:1",
        "  = \x1b[36mnote\x1b[39m: imported from index.md:8:5",
      ].join("\n"),
    );
  });

  it("names a warning as one, yellow in color", () => {
    const e = new XmdError("undefined-name", "'x' is never set here", "a.md", 2, 3, "");
    e.severity = "warning";
    expect(formatError(e)).toBe("a.md:2:3: warning[undefined-name]: 'x' is never set here");
    expect(formatError(e, { color: true })).toBe(
      "\x1b[1ma.md:2:3\x1b[22m: \x1b[33mwarning[undefined-name]\x1b[39m: \x1b[1m'x' is never set here\x1b[22m",
    );
  });

  it("is an Error named XmdError", () => {
    const e = example();
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("XmdError");
    expect(String(e)).toBe("XmdError: 'totl' is not defined");
  });
});
