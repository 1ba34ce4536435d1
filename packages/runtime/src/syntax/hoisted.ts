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
 */
export function hoistedFunctions(nodes: NodeStore, first: NodeId, out: NodeId[] = []): NodeId[] {
  const within = (block: NodeId) => hoistedFunctions(nodes, ListNode.first(nodes, block), out);
  for (let s = first; s !== NONE; s = nodes.next(s)) {
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
        within(PieceNode.block(nodes, s));
        break;
      case N.If: {
        // An elif chain is followed in a loop: it can be longer than the stack is deep.
        let branch = s;
        for (;;) {
          within(IfNode.thenBlock(nodes, branch));
          const otherwise = IfNode.otherwise(nodes, branch);
          if (otherwise === NONE) break;
          if (nodes.kind(otherwise) !== N.If) {
            within(otherwise);
            break;
          }
          branch = otherwise;
        }
        break;
      }
      case N.For:
        within(ForNode.body(nodes, s));
        break;
      case N.While:
        within(WhileNode.body(nodes, s));
        break;
      case N.Loop:
        within(LoopNode.body(nodes, s));
        break;
      case N.Try:
        within(TryNode.body(nodes, s));
        within(TryNode.handler(nodes, s));
        break;
    }
  }
  return out;
}
