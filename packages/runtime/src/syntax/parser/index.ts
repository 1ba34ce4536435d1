/**
 * The parser: recursive descent over the token buffer, building nodes in the store.
 * Calls need no parentheses, so the parser must know which names are callees before it
 * parses a statement (see {@link prescanCallees}); everything else follows the
 * precedence table of the language reference. On an error it records a problem, skips
 * to the next line and carries on, so `xmd check` can report several at once.
 *
 * One part per file, the parser itself a chain of classes (as Babel's is; a class per
 * part rather than prototype patches, which side-effect imports would have to apply):
 * - `buffers.ts`: token buffers, reused across pieces and documents, and lexing into them;
 * - `callees.ts`: which names are callees (the prescan, and the builtins);
 * - `base.ts`: `ParserBase`, what every part shares: tokens, problems, nesting, nodes;
 * - `precedence.ts`: the one table of binary operators;
 * - `expressions.ts`: `ExpressionParser`, operators and operands;
 * - `strings.ts`: string literals' escapes;
 * - `set.ts`: `SetParser`, `set` and what it may assign to;
 * - `statements.ts`: `StatementParser`, statements, blocks and the entry points.
 * @module
 */
import type { NodeId } from "../nodes.js";
import type { TokenBuffer } from "../tokens.js";
import type { ParseUnit } from "../unit.js";
import type { Dialect } from "./base.js";
import { parseExpressionWith } from "./expressions.js";
import { StatementParser } from "./statements.js";

export { type Dialect, NESTING_HINT, nestingMessage } from "./base.js";
export { giveTokenBuffer, lexAppendInto, lexInto, takeTokenBuffer } from "./buffers.js";
export { BUILTIN_CALLEES, prescanCallees } from "./callees.js";
export { ExpressionParser } from "./expressions.js";
export { SetParser } from "./set.js";
export { StatementParser } from "./statements.js";
export { unescapeString } from "./strings.js";

/** Parses already-lexed statements; returns a Block. */
export function parseStatements(unit: ParseUnit, tokens: TokenBuffer, dialect: Dialect): NodeId {
  return new StatementParser(unit, tokens, dialect).parseProgram();
}

/** Parses source[start, end) as one expression (for `{{ … }}`). */
export function parseExpressionRange(unit: ParseUnit, start: number, end: number): NodeId {
  return parseExpressionWith(StatementParser, unit, start, end);
}
