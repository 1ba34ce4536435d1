/**
 * What `check()` warns about without running a document: names read but never set. The
 * resolver notes the first use of each global name nothing declares (see `Resolver`);
 * each becomes a warning, located at that use. A warning, not an error: a part imported
 * in place shares the document's variables and may set the name, and a classic
 * directive reads an unset name as null on purpose. A name that is a function's own (a
 * function declared in it, a parameter, a variable it sets) is told apart: it is set, but
 * only that function can see it.
 * @module
 */
import { XmdError } from "../api/error.js";
import { localName, localNameHint } from "../syntax/local-names.js";
import type { NodeId } from "../syntax/nodes.js";
import type { ParseUnit } from "../syntax/unit.js";

/** One warning per name in `firstUses` (the resolver's undeclared uses, in order). */
export function undefinedNameWarnings(unit: ParseUnit, firstUses: readonly NodeId[]): XmdError[] {
  const nodes = unit.nodes;
  const importsInPlace = unit.imports.length > 0;
  return firstUses.map((n) => {
    const start = nodes.start(n);
    const end = nodes.end(n);
    const name = unit.source.slice(start, end);
    const { line, column } = unit.lines.position(start);
    const lenient = unit.lenientNames?.has(n) === true;
    const reads = lenient
      ? "a classic directive reads it as null"
      : "rendering stops with an undefined-name error here";
    const local = localName(unit, nodes.name(n));
    const hint =
      local !== null
        ? localNameHint(name, local)
        : importsInPlace
          ? `set it first (set ${name} …) or pass it (-v ${name}=…), unless an imported part sets it; ${reads}`
          : `set it first (set ${name} …) or pass it (-v ${name}=…); ${reads}`;
    const warning = new XmdError(
      "undefined-name",
      local !== null ? `'${name}' is not defined here` : `'${name}' is never set in this document`,
      unit.file,
      line,
      column,
      unit.lines.frame(start, end),
      hint,
    );
    warning.severity = "warning";
    return warning;
  });
}
