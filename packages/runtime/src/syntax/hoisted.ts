/**
 * The function declarations a module or a function binds when it starts (hoisting).
 *
 * A name set anywhere in a module or a function belongs to all of it, blocks included
 * (see the resolver), so a function declared inside an `if`, a loop, a `try` or a classic
 * span is hoisted with the others: it can be called before its line, and after its block,
 * wherever its name can be read. Functions declared inside a nested function are that
 * function's own.
 * @module
 */
import {
  ExportNode,
  ForNode,
  IfNode,
  ListNode,
  LoopNode,
  PieceNode,
  TryNode,
  WhileNode,
} from "./node-fields.js";
import { N, NONE, type NodeId, type NodeStore } from "./nodes.js";

/**
 * The FunctionDecl nodes among the statements from `first` on (a sibling list) and in the
 * blocks they hold, in source order, appended to `out`. Statements of a markdown document
 * (pieces, text runs, classic spans) are looked into the same way.
 *
 * The walk keeps its own stack of the lists still to read instead of recursing: a
 * document's classic spans can nest deeper than the JavaScript stack (the nesting limit
 * is reported after the walk, so the walk must not fail first).
 */
export function hoistedFunctions(nodes: NodeStore, first: NodeId, out: NodeId[] = []): NodeId[] {
  /** Sibling lists still to read, the next one last. */
  const lists: NodeId[] = [first];
  /** The blocks of the statement being read, in source order. */
  const blocks: NodeId[] = [];
  while (lists.length > 0) {
    for (let s = lists.pop() as NodeId; s !== NONE; s = nodes.next(s)) {
      switch (nodes.kind(s)) {
        case N.FunctionDecl:
          out.push(s);
          break;
        case N.Export: {
          const declaration = ExportNode.declaration(nodes, s);
          if (declaration !== NONE && nodes.kind(declaration) === N.FunctionDecl) out.push(declaration);
          break;
        }
        case N.Piece:
          blocks.push(PieceNode.block(nodes, s));
          break;
        case N.If: {
          // An elif chain is followed in a loop: it can be longer than the stack is deep.
          let branch = s;
          for (;;) {
            blocks.push(IfNode.thenBlock(nodes, branch));
            const otherwise = IfNode.otherwise(nodes, branch);
            if (otherwise === NONE) break;
            if (nodes.kind(otherwise) !== N.If) {
              blocks.push(otherwise);
              break;
            }
            branch = otherwise;
          }
          break;
        }
        case N.For:
          blocks.push(ForNode.body(nodes, s));
          break;
        case N.While:
          blocks.push(WhileNode.body(nodes, s));
          break;
        case N.Loop:
          blocks.push(LoopNode.body(nodes, s));
          break;
        case N.Try:
          blocks.push(TryNode.body(nodes, s), TryNode.handler(nodes, s));
          break;
      }
      if (blocks.length > 0) {
        // Read the blocks first, then the statements after this one.
        lists.push(nodes.next(s));
        while (blocks.length > 0) lists.push(ListNode.first(nodes, blocks.pop() as NodeId));
        break;
      }
    }
  }
  return out;
}
