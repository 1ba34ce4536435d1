/**
 * What every part of the compiler shares: the tree it reads, and variables — a name read
 * or written becomes a closure specialized for where the resolver put it (a frame slot on
 * the value stack, a cell, a module global in the variable pool), so no closure looks a
 * name up or switches on its binding at run time.
 *
 * The compiler is a chain of classes, one part per file, as the parser and its
 * evaluator-predecessor were: {@link CompilerBase} → `ExpressionCompiler` →
 * `CallCompiler` → `StatementCompiler`.
 * @module
 */
import type { Cell } from "../eval/cell.js";
import type { HostFunction } from "../eval/functions.js";
import { Binding } from "../resolve/bindings.js";
import type { NameKey, NameTable } from "../syntax/names.js";
import { N, type NodeId, type NodeStore } from "../syntax/nodes.js";
import type { ParseUnit } from "../syntax/unit.js";
import type { Expr, Store } from "./code.js";

/** The tree being compiled, and variables. */
export class CompilerBase {
  protected readonly nodes: NodeStore;
  protected readonly names: NameTable;
  /** Keys of the two builtins compiled inline (ids when interned, strings in heap mode). */
  protected readonly printKey: NameKey;
  protected readonly existsKey: NameKey;

  constructor(
    protected readonly unit: ParseUnit,
    /** The builtin functions, bound into the calls that name them when they are compiled. */
    protected readonly globals: ReadonlyMap<string, HostFunction>,
  ) {
    this.nodes = unit.nodes;
    this.names = unit.names;
    this.printKey = this.names.keyOfText("print");
    this.existsKey = this.names.keyOfText("exists");
  }

  /** The text of a Name node. */
  protected nameText(n: NodeId): string {
    return this.names.textOf(this.nodes.name(n));
  }

  /** Reads the variable a Name node is bound to. */
  protected load(n: NodeId): Expr {
    const slot = this.nodes.slot(n);
    switch (this.nodes.binding(n)) {
      case Binding.Local:
        return (m) => m.stack.get(m.base + slot);
      case Binding.Global:
        // A classic directive's name never set reads as null, as in the C tool.
        if (this.unit.lenientNames?.has(n)) return (m) => m.peekGlobal(slot) ?? null;
        return (m) => m.readGlobal(slot, n);
      case Binding.LocalCell:
        return (m) => (m.stack.refAt(m.base + slot) as Cell).value;
      case Binding.Capture:
        return (m) => (m.cells[slot] as Cell).value;
      default: {
        const name = this.nameText(n);
        return (m) => m.builtin(name, n);
      }
    }
  }

  /** Whether `n` is a Name of a module global whose read fails when unset (not a classic directive's, see `ParseUnit.lenientNames`). */
  protected isStrictGlobal(n: NodeId): boolean {
    return (
      this.nodes.kind(n) === N.Name &&
      this.nodes.binding(n) === Binding.Global &&
      this.unit.lenientNames?.has(n) !== true
    );
  }

  /** Reads the variable a Name node is bound to, or `undefined` when it holds nothing yet. */
  protected loadIfDefined(n: NodeId): Expr {
    if (this.nodes.binding(n) !== Binding.Global) return this.load(n);
    const slot = this.nodes.slot(n);
    return (m) => m.peekGlobal(slot);
  }

  /** Writes the variable a Name node is bound to. */
  protected store(n: NodeId): Store {
    const slot = this.nodes.slot(n);
    switch (this.nodes.binding(n)) {
      case Binding.Local:
        return (m, value) => m.stack.set(m.base + slot, value);
      case Binding.Global:
        return (m, value) => m.vars.write(m.globalVar(slot), value);
      case Binding.LocalCell:
        return (m, value) => {
          (m.stack.refAt(m.base + slot) as Cell).value = value;
        };
      case Binding.Capture:
        return (m, value) => {
          (m.cells[slot] as Cell).value = value;
        };
      default: {
        const message = `cannot assign to the builtin '${this.nameText(n)}'`;
        return (m) => {
          throw m.error("runtime", message, n);
        };
      }
    }
  }
}
