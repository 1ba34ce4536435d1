/**
 * Whose a name is when the top level cannot see it: a function declared inside another
 * function, a parameter, or a variable set in a function's body. An error about such a
 * name ("'y' is not defined here") says so instead of "set it first", which would be
 * wrong advice: it is set, but only the function sees it. A search over the functions,
 * on an error's cold path; the locals are the resolver's (see `FunctionInfo.locals`).
 * @module
 */

import type { NameKey } from "./names.js";
import { FunctionNode } from "./node-fields.js";
import { N } from "./nodes.js";
import type { FunctionInfo, ParseUnit } from "./unit.js";

/** A function a name belongs to, and what the name is there. */
export interface LocalName {
  readonly owner: FunctionInfo;
  readonly what: "function" | "parameter" | "variable";
}

/**
 * The function a name named `key` is local to, or null: first a function declared in a
 * function's body (bound when that function is called, even in a classic span), then a
 * parameter or variable of a declared function (not a lambda's or a method's, whose
 * owner has no name to point to).
 */
export function localName(unit: ParseUnit, key: NameKey): LocalName | null {
  const nodes = unit.nodes;
  for (const f of unit.functions) {
    for (const decl of f.decls)
      if (nodes.name(FunctionNode.name(nodes, decl)) === key) return { owner: f, what: "function" };
  }
  for (const f of unit.functions) {
    if (nodes.kind(f.node) !== N.FunctionDecl) continue;
    const slot = f.locals.get(key);
    if (slot !== undefined) return { owner: f, what: slot < f.params.length ? "parameter" : "variable" };
  }
  return null;
}

/** The hint for a use of `name`, local to a function, outside it. */
export function localNameHint(name: string, { owner, what }: LocalName): string {
  const f = owner.name;
  switch (what) {
    case "function":
      return `${name} is a function declared inside ${f}, so only ${f}'s body can call it: declare ${name} at the top level to call it here`;
    case "parameter":
      return `${name} is a parameter of ${f}, so only ${f}'s body can read it: set ${name} at the top level to read it here`;
    case "variable":
      return `${name} is set inside ${f}, so it is ${f}'s own and gone when ${f} returns: return it from ${f}, or set ${name} at the top level before ${f} runs to share it`;
  }
}
