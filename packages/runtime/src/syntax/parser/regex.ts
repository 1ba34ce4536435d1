/**
 * Regex literals in the parser: the pattern is compiled when the code is read, so a
 * pattern RE2 cannot match (a backreference, a lookahead, an unclosed `(`) is a syntax
 * error at its place in the source, before anything runs.
 * @module
 */
import { Regex, RegexProblem } from "../../values/regex.js";
import { N, type NodeId } from "../nodes.js";
import { addProblem, type ParseUnit } from "../unit.js";

/** The help line for a `/` where an expression was expected: most likely a regex left open. */
export const REGEX_SLASH_HINT =
  "a regex is written /pattern/ on one line: close it with / (a / inside [...] does not close it; write \\/ in the pattern for a plain /)";

/**
 * A Regex node for the literal token `source[start, end)`, its text kept as the node's
 * string; null, with the problem recorded at the part of the pattern it concerns, when the
 * pattern cannot be used.
 */
export function regexNode(unit: ParseUnit, start: number, end: number): NodeId | null {
  const text = unit.source.slice(start, end);
  try {
    Regex.fromLiteral(text);
  } catch (e) {
    if (!(e instanceof RegexProblem)) throw e;
    // Offsets in the problem are the pattern's; the pattern starts after the opening slash.
    const from = Math.min(start + 1 + e.start, end - 1);
    const to = Math.max(from + 1, Math.min(start + 1 + e.end, end));
    const message = e.message;
    addProblem(
      unit,
      e.hint === undefined
        ? { start: from, end: to, message }
        : { start: from, end: to, message, hint: e.hint },
    );
    return null;
  }
  const n = unit.nodes.create(N.Regex, start, end);
  unit.nodes.setStr(n, text);
  return n;
}
