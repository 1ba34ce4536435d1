/**
 * Which names are callees. Calls need no parentheses (`greet "Ann"`), so before a
 * statement is parsed the parser must know whether a name is a function: declared,
 * imported, set to a lambda (found by {@link prescanCallees}), or a builtin.
 * @module
 */
import { GLOBAL_NAMES, NAMESPACE_NAMES, NAMESPACES } from "../../host/globals.js";
import { C, K } from "../keywords.js";
import type { NameKey } from "../names.js";
import { T, type TokenBuffer } from "../tokens.js";
import type { ParseUnit } from "../unit.js";

/**
 * Finds names that are callees anywhere in a module: `function NAME`, names imported
 * with `import a, b from`, and `set NAME` to a lambda. Functions are hoisted, so this
 * runs over every code piece before any is parsed.
 */
export function prescanCallees(unit: ParseUnit, t: TokenBuffer): void {
  const { kind, id } = t;
  const clock = unit.clock;
  // For `import`: where the search for `from` on its line stopped last, so that several
  // imports on one line (inside brackets a line can be the whole piece) search it once.
  let searchedTo = -1;
  for (let i = 0; i < t.length; i++) {
    clock.tick(t.start[i] as number);
    if (kind[i] !== T.Ident) continue;
    const word = id[i];
    if (
      word === K.function &&
      (kind[i + 1] === T.Ident || (kind[i + 1] === T.Star && kind[i + 2] === T.Ident))
    ) {
      // `function NAME`, `function* NAME` (a generator).
      unit.callees.add(keyAt(unit, t, kind[i + 1] === T.Star ? i + 2 : i + 1));
    } else if (kind[i + 1] === T.Ident && isClassHeader(unit, t, i)) {
      // `class Dog`: constructed by calling it, `set d Dog "Rex"`.
      unit.callees.add(keyAt(unit, t, i + 1));
    } else if (word === K.set && kind[i + 1] === T.Ident) {
      if (startsLambda(t, i + 2)) unit.callees.add(keyAt(unit, t, i + 1));
    } else if (word === K.import && i >= searchedTo) {
      // import a, b as c from "file": every name before `from` is a binding. An import
      // before this one on the same line already added these names (and searched the line).
      let j = i + 1;
      while (j < t.length && kind[j] !== T.Newline && kind[j] !== T.EOF) {
        clock.tick(t.start[j] as number);
        if (kind[j] === T.Ident && id[j] === C.from) {
          for (let f = i + 1; f < j; f++) if (kind[f] === T.Ident) unit.callees.add(keyAt(unit, t, f));
          break;
        }
        j++;
      }
      searchedTo = j;
    }
  }
}

/**
 * Whether token `i` is `class` starting a line (or after `export`): `class` is no reserved
 * word, so elsewhere it is a name like any other.
 */
function isClassHeader(unit: ParseUnit, t: TokenBuffer, i: number): boolean {
  const start = t.start[i] as number;
  if ((t.end[i] as number) - start !== 5 || !unit.source.startsWith("class", start)) return false;
  if (i === 0) return true;
  const before = t.kind[i - 1];
  return (
    before === T.Newline ||
    before === T.Indent ||
    before === T.Dedent ||
    before === T.EOF ||
    (before === T.Ident && t.id[i - 1] === K.export)
  );
}

/** Whether a lambda starts at token `j`: `x =>`, `(a, b) =>`, or one of them in parentheses. */
function startsLambda(t: TokenBuffer, j: number): boolean {
  while (t.kind[j] === T.LParen) {
    if (t.arrowAfterParen(j)) return true;
    j++;
  }
  return t.kind[j] === T.Ident && t.kind[j + 1] === T.Arrow;
}

/** The key of the name token at `i`. */
export function keyAt(unit: ParseUnit, t: TokenBuffer, i: number): NameKey {
  return unit.names.keyOf(unit.source, t.start[i] as number, t.end[i] as number, t.id[i] as number);
}

/**
 * Builtins that take arguments without parentheses: every global function, and the
 * namespaces that can be called (`Date "1990-01-01"`). Taken from the host library so
 * that the two can never disagree.
 */
export const BUILTIN_CALLEES: ReadonlySet<string> = new Set([
  ...GLOBAL_NAMES,
  ...NAMESPACE_NAMES.filter((name) => NAMESPACES.get(name)?.call !== undefined),
]);
