/**
 * Regex patterns as documents write them (JavaScript's syntax) turned into the syntax of
 * the RE2 engine that matches them (re2js), so that what a pattern means follows
 * JavaScript wherever the two agree on what can be matched in linear time: `\s` is
 * JavaScript's whitespace (RE2's is ASCII only), `.` stops at `\r`, `\u2028` and `\u2029`
 * as well as `\n`, `[]` matches nothing and `[^]` anything, `[` inside a class is a plain
 * character (RE2 would read `[[:alpha:]]` as a POSIX class), `\uXXXX` and `\cX` escapes
 * exist. What needs backtracking (backreferences, lookahead, lookbehind) is refused here,
 * with a message that says why, before RE2 would refuse it in its own words.
 * @module
 */

/** A pattern that cannot be used: what is wrong, where in the pattern (UTF-16 offsets), and help. */
export class RegexProblem extends Error {
  override readonly name = "RegexProblem";
  constructor(
    message: string,
    /** Offset of the problem in the pattern's source (between the slashes). */
    readonly start: number,
    /** Where the problem ends in the pattern's source. */
    readonly end: number,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The help line for what linear-time matching cannot do. */
export const LINEAR_HINT =
  "XMD matches regexes in linear time (RE2), which rules out backreferences and lookaround; see 'Regular expressions' in the language reference";

/** JavaScript's `\s`: the characters `/\s/` matches, as code point ranges. */
const SPACE_RANGES: readonly (readonly [number, number])[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];

const MAX_CODE_POINT = 0x10ffff;

function hex(n: number): string {
  return `\\x{${n.toString(16)}}`;
}

function rangesText(ranges: readonly (readonly [number, number])[]): string {
  let out = "";
  for (const [from, to] of ranges) out += from === to ? hex(from) : `${hex(from)}-${hex(to)}`;
  return out;
}

/** Every code point not in `ranges` (sorted, disjoint). */
function complement(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [from, to] of ranges) {
    if (from > next) out.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

/** `\s` inside a class, and `\S` (which a class cannot negate in place, so it lists the rest). */
const SPACE = rangesText(SPACE_RANGES);
const NOT_SPACE = rangesText(complement(SPACE_RANGES));
/** `.` without the `s` flag: anything but JavaScript's line terminators. */
const NOT_LINE_BREAK = "[^\\n\\r\\x{2028}\\x{2029}]";
/** `[^]`: any character; `[]`: none. */
const ANY_CHARACTER = `[\\x{0}-${hex(MAX_CODE_POINT)}]`;
const NO_CHARACTER = `[^\\x{0}-${hex(MAX_CODE_POINT)}]`;

/** Escapes that stand for a set of characters (after the backslash). */
const CLASS_ESCAPES = "sSdDwW";

function isHexDigit(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

/**
 * The RE2 form of a JavaScript pattern. `dotAll`: the `s` flag (then `.` is left to RE2's
 * own DOTALL flag). Throws a {@link RegexProblem} for what RE2 cannot do in linear time
 * and for JavaScript escapes RE2 has no form of; other mistakes are left to RE2 to find.
 */
export function toRe2Syntax(source: string, dotAll: boolean): string {
  let out = "";
  let inClass = false;
  let classStart = 0;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i] as string;
    if (c === "\\") {
      const [text, next] = escapeText(source, i, inClass);
      out += text;
      // JavaScript reads `[\s-x]` as \s, "-" and x; RE2 would read a range from \s's last character.
      const set = next === i + 2 && CLASS_ESCAPES.includes(source[i + 1] as string);
      i = next;
      if (inClass && set && source[i] === "-" && source[i + 1] !== "]") {
        out += "\\-";
        i++;
      }
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      // JavaScript reads `[` in a class as itself; RE2 would start a POSIX class `[:alpha:]`.
      out += c === "[" ? "\\[" : c;
      i++;
      continue;
    }
    switch (c) {
      case "[": {
        classStart = i;
        let j = i + 1;
        const negated = source[j] === "^";
        if (negated) j++;
        if (source[j] === "]") {
          out += negated ? ANY_CHARACTER : NO_CHARACTER;
          i = j + 1;
          continue;
        }
        out += negated ? "[^" : "[";
        inClass = true;
        i = j;
        continue;
      }
      case ".":
        out += dotAll ? "." : NOT_LINE_BREAK;
        i++;
        continue;
      case "(":
        lookaround(source, i);
        out += c;
        i++;
        continue;
      default:
        out += c;
        i++;
    }
  }
  if (inClass) {
    throw new RegexProblem(
      "this character class is never closed with ]",
      classStart,
      classStart + 1,
      "end the class with ], or write \\[ for a [ that is a plain character",
    );
  }
  return out;
}

/** Refuses `(?=`, `(?!`, `(?<=` and `(?<!` at `i`, in words that say why. */
function lookaround(source: string, i: number): void {
  if (source[i + 1] !== "?") return;
  const a = source[i + 2];
  const b = source[i + 3];
  let what: string | null = null;
  let length = 3;
  if (a === "=" || a === "!") what = "lookahead";
  else if (a === "<" && (b === "=" || b === "!")) {
    what = "lookbehind";
    length = 4;
  }
  if (what !== null) {
    throw new RegexProblem(
      `${what} '${source.slice(i, i + length)}…)' is not supported`,
      i,
      i + length,
      LINEAR_HINT,
    );
  }
}

/** The RE2 text of the escape at `i` (a backslash), and where the pattern goes on. */
function escapeText(source: string, i: number, inClass: boolean): [string, number] {
  const e = source[i + 1];
  if (e === undefined) {
    throw new RegexProblem(
      "the pattern ends with a lone backslash",
      i,
      i + 1,
      "write \\\\ for a backslash that is a plain character",
    );
  }
  switch (e) {
    case "s":
      return [inClass ? SPACE : `[${SPACE}]`, i + 2];
    case "S":
      return [inClass ? NOT_SPACE : `[${NOT_SPACE}]`, i + 2];
    case "b":
      // In a class, JavaScript's `\b` is a backspace.
      return [inClass ? hex(8) : "\\b", i + 2];
    case "/":
      return ["/", i + 2];
    case "u":
      return unicodeEscape(source, i);
    case "c": {
      const letter = source[i + 2];
      if (letter !== undefined && /^[A-Za-z]$/.test(letter)) return [hex(letter.charCodeAt(0) % 32), i + 3];
      throw new RegexProblem(
        "\\c must be followed by a letter (\\cJ is a line feed)",
        i,
        i + 2,
        "write \\\\c for a backslash followed by c",
      );
    }
    case "k":
      throw new RegexProblem("backreference '\\k<…>' is not supported", i, i + 2, LINEAR_HINT);
    default:
      if (e >= "1" && e <= "9") {
        let j = i + 2;
        while (j < source.length && (source[j] as string) >= "0" && (source[j] as string) <= "9") j++;
        throw new RegexProblem(`backreference '${source.slice(i, j)}' is not supported`, i, j, LINEAR_HINT);
      }
      if (e === "0" && !/^[0-9]$/.test(source[i + 2] ?? "")) return [hex(0), i + 2];
  }
  // A character outside the BMP after a backslash is one character, two code units.
  const code = source.codePointAt(i + 1) as number;
  const width = code > 0xffff ? 2 : 1;
  return [source.slice(i, i + 1 + width), i + 1 + width];
}

/** `\uXXXX` (a surrogate pair of them is one character) and `\u{X…}`. */
function unicodeEscape(source: string, i: number): [string, number] {
  if (source[i + 2] === "{") {
    const close = source.indexOf("}", i + 3);
    const digits = close === -1 ? "" : source.slice(i + 3, close);
    if (/^[0-9a-fA-F]{1,6}$/.test(digits) && Number.parseInt(digits, 16) <= MAX_CODE_POINT) {
      return [hex(Number.parseInt(digits, 16)), close + 1];
    }
  } else {
    const unit = fourHex(source, i + 2);
    if (unit !== -1) {
      // A high surrogate followed by an escaped low one is one character, as in JavaScript.
      if (unit >= 0xd800 && unit <= 0xdbff && source.startsWith("\\u", i + 6)) {
        const low = fourHex(source, i + 8);
        if (low >= 0xdc00 && low <= 0xdfff) {
          return [hex(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00)), i + 12];
        }
      }
      return [hex(unit), i + 6];
    }
  }
  throw new RegexProblem(
    "\\u must be followed by four hex digits (\\u00e9) or a code point in braces (\\u{1F600})",
    i,
    i + 2,
  );
}

function fourHex(source: string, at: number): number {
  for (let k = at; k < at + 4; k++) if (!isHexDigit(source[k])) return -1;
  return Number.parseInt(source.slice(at, at + 4), 16);
}
