/**
 * A unit's syntax problems as the errors users see: located, in the order of the text,
 * at most a hundred and then one that counts the rest.
 * @module
 */
import { XmdError } from "../api/error.js";
import type { ParseUnit, SyntaxProblem } from "../syntax/unit.js";

/** One problem as an XmdError, located in its unit. */
export function problemError(unit: ParseUnit, p: SyntaxProblem): XmdError {
  const { line, column } = unit.lines.position(p.start);
  const frame = unit.lines.frame(p.start, p.end);
  return new XmdError(p.code ?? "syntax", p.message, unit.file, line, column, frame, p.hint);
}

/** Problems in the order of the text (those at one place in the order they were found). */
export function inOrder(problems: readonly SyntaxProblem[]): SyntaxProblem[] {
  return [...problems].sort((x, y) => x.start - y.start);
}

/**
 * Every problem of a unit as an error, in the order of the text, and one more that
 * counts those found beyond the first hundred and points at the first of them, if any.
 */
export function problemErrors(unit: ParseUnit): XmdError[] {
  const errors = inOrder(unit.problems).map((p) => problemError(unit, p));
  const more = unit.moreProblems;
  if (more > 0) {
    const at = unit.moreAt;
    const { line, column } = unit.lines.position(at);
    errors.push(
      new XmdError(
        "syntax",
        `and ${more} more problem${more === 1 ? "" : "s"}, the first of them here: only the first ${unit.problems.length} found are reported`,
        unit.file,
        line,
        column,
        unit.lines.frame(at, at + 1),
        "fix these and check again: later problems are often echoes of an earlier one",
      ),
    );
  }
  return errors;
}
