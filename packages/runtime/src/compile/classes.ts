/**
 * Classes: the statement that makes a class value (its methods closures over the scope
 * the statement runs in, as a function declared there would be), and `super`.
 * @module
 */
import { XmdError } from "../api/error.js";
import { NORMAL, withArticle } from "../eval/eval-base.js";
import type { Machine } from "../eval/machine.js";
import { ClassNode, MethodFlags, MethodNode, SuperForm, SuperNode } from "../syntax/node-fields.js";
import { N, NONE, type NodeId, type NodeStore } from "../syntax/nodes.js";
import type { FunctionInfo, ParseUnit } from "../syntax/unit.js";
import { ClassValue } from "../values/classes.js";
import type { Expr, Stmt, Store } from "./code.js";

/** One member as the class statement defines it. */
interface MemberPlan {
  readonly info: FunctionInfo;
  readonly name: string;
  /** Declared parameters (the hidden `self` and home class not counted). */
  readonly params: number;
  readonly isPrivate: boolean;
  readonly isConstructor: boolean;
}

/**
 * `class NAME [extends PARENT]`: when it runs, checks that the parent is a class, makes
 * the class with its members, and stores it in the class's name. A class is defined when
 * its statement runs, not hoisted as a function is: its parent is a value that exists only
 * from then on.
 */
export function classStatement(
  unit: ParseUnit,
  n: NodeId,
  parent: Expr | null,
  store: Store,
  className: string,
): Stmt {
  const nodes = unit.nodes;
  const members: MemberPlan[] = [];
  for (let m = ClassNode.firstMember(nodes, n); m !== NONE; m = nodes.next(m)) {
    const info = unit.functions[MethodNode.info(nodes, m)] as FunctionInfo;
    const flags = MethodNode.flags(nodes, m);
    members.push({
      info,
      name: info.name,
      params: info.params.length - 2,
      isPrivate: (flags & MethodFlags.Private) !== 0,
      isConstructor: (flags & MethodFlags.Constructor) !== 0,
    });
  }
  const parentNode = ClassNode.parent(nodes, n);
  const parentText = parentNode === NONE ? "" : describeNode(unit, parentNode);
  const parentNodeIsName = parentNode !== NONE && nodes.kind(parentNode) === N.Name;
  return (m) => {
    let base: ClassValue | null = null;
    if (parent !== null) {
      const value = parentNodeIsName ? readParent(m, parent, parentNode, className) : parent(m);
      if (!(value instanceof ClassValue)) {
        throw m.error(
          "type",
          `class ${className} can only extend a class, but ${parentText} is ${withArticle(m.services.typeName(value))}`,
          parentNode,
          "name a class after `extends`, declared (or imported) before this class",
        );
      }
      base = value;
    }
    const cls = new ClassValue(className, base);
    for (const member of members) {
      cls.define(
        member.name,
        m.makeFunction(member.info),
        member.params,
        member.isPrivate,
        member.isConstructor,
      );
    }
    m.heapValues++;
    store(m, cls);
    return NORMAL;
  };
}

/**
 * The parent named after `extends`; a name not defined yet is most likely a class declared
 * below this one, which the error says (classes are not hoisted).
 */
function readParent(m: Machine, parent: Expr, parentNode: NodeId, className: string): unknown {
  try {
    return parent(m);
  } catch (e) {
    if (!(e instanceof XmdError) || e.code !== "undefined-name") throw e;
    const name = m.names.textOf(m.nodes.name(parentNode));
    throw m.error(
      "undefined-name",
      `'${name}' is not defined`,
      parentNode,
      `a class is defined when its \`class\` statement runs (classes are not hoisted): declare ${name} above ${className}`,
    );
  }
}

/** `super args` and `super.name args`: the parent's constructor or method, on `self`. */
export function superCall(nodes: NodeStore, n: NodeId, self: Expr, home: Expr, args: Expr): Expr {
  const name = SuperNode.form(nodes, n) === SuperForm.Method ? nodes.str(n) : null;
  return (m) => {
    const instance = self(m);
    const cls = home(m);
    const values = args(m) as unknown[];
    return m.superCall(instance as object, cls as ClassValue, name, values, n);
  };
}

/** How a message names the parent expression: as it is written (`'Animal'`, `'pets.Animal'`). */
function describeNode(unit: ParseUnit, n: NodeId): string {
  const text = unit.source.slice(unit.nodes.start(n), unit.nodes.end(n));
  return `'${text.length > 40 ? `${text.slice(0, 37)}…` : text}'`;
}
