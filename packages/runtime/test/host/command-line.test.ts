/**
 * `splitCommandLine` splits words and removes quotes as `sh` does, checked against a real
 * `sh` on lines made only of what both read alike (no `$`, globs or operators, which the
 * splitter leaves alone by design, and no bare line breaks, which end a command in `sh`).
 */
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitCommandLine } from "../../src/host/command-line.js";
import { RuntimeFault } from "../../src/values/fault.js";

/** The words `sh` makes of `line`, or null when `sh` will not read it. */
function shWords(line: string): string[] | null {
  const run = spawnSync("sh", ["-c", `printf '%s\\0' x ${line}`], { encoding: "utf8" });
  if (run.status !== 0) return null;
  return run.stdout.split("\0").slice(1, -1);
}

function ours(line: string): string[] | null {
  try {
    return splitCommandLine(line);
  } catch (err) {
    if (err instanceof RuntimeFault) return null;
    throw err;
  }
}

describe("splitCommandLine", () => {
  it("makes the words sh makes, quotes and backslashes included", () => {
    const piece = fc.constantFrom(
      "a",
      "b c",
      " ",
      "\t",
      "'",
      '"',
      "\\",
      "\\\n",
      '\\"',
      "\\\\",
      "'x y'",
      '"x y"',
      "é",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const line = pieces.join("");
        // A line break after an escaped backslash is a bare one, which ends the command in sh.
        fc.pre(!/(^|[^\\])(\\\\)*\n/.test(line));
        expect(ours(line), JSON.stringify(line)).toEqual(shWords(line));
      }),
      { numRuns: 150 },
    );
  });

  it("keeps what sh would interpret as text, and ends words at carriage returns and line breaks", () => {
    expect(splitCommandLine("a\r\nb\nc")).toEqual(["a", "b", "c"]);
    expect(splitCommandLine('"$HOME" `x` $(y)')).toEqual(["$HOME", "`x`", "$(y)"]);
    expect(splitCommandLine('"a\\$b\\`c"')).toEqual(["a$b`c"]);
    expect(splitCommandLine('"a\\\nb"')).toEqual(["ab"]);
    expect(splitCommandLine('"a\\xb"')).toEqual(["a\\xb"]);
    // A backslash at the very end stays.
    expect(splitCommandLine("a\\")).toEqual(["a\\"]);
    expect(splitCommandLine("a\\\nb")).toEqual(["ab"]);
  });

  it("says which quote is left open, with the line", () => {
    expect(() => splitCommandLine("echo 'a")).toThrow("unterminated ' quote in command: echo 'a");
    expect(() => splitCommandLine('echo "a')).toThrow('unterminated " quote in command: echo "a');
    expect(() => splitCommandLine('echo "a\\"')).toThrow('unterminated " quote in command: echo "a\\"');
    expect(() => splitCommandLine("'")).toThrow("unterminated ' quote");
    expect(splitCommandLine("''")).toEqual([""]);
  });
});
