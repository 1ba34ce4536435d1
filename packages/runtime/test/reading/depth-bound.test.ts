/**
 * Reading skips the walk over a finished tree (the depth check) when what the parser
 * counted proves the tree shallow enough: the deepest it went, plus every operator link,
 * plus the classic spans, plus a slack of 8 for fixed structure. That must bound the
 * tree's real depth for every input, or a tree deeper than the limit could slip through.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/document/build.js";
import { N, NONE, type NodeId } from "../../src/syntax/nodes.js";
import type { ParseUnit } from "../../src/syntax/unit.js";
import { makeUnit } from "../support/dump.js";
import { randomProgram } from "../support/programs.js";
import { HOSTILE } from "./hostile.js";

/** The tree's depth as the depth check counts it (blocks and object keys add no level). */
function treeDepth(unit: ParseUnit, root: NodeId): number {
  const nodes = unit.nodes;
  let deepest = 0;
  const stack: number[] = [root, 0];
  while (stack.length > 0) {
    const depth = stack.pop() as number;
    const n = stack.pop() as number;
    if (depth > deepest) deepest = depth;
    if (nodes.next(n) !== NONE) stack.push(nodes.next(n), depth);
    const kind = nodes.kind(n);
    if (kind === N.FunctionDecl || kind === N.Lambda) {
      const info = unit.functions[nodes.num(n)];
      if (info !== undefined) stack.push(info.body, depth + 1);
    }
    const below = kind === N.Block || kind === N.Pair ? depth : depth + 1;
    for (const child of [nodes.c(n), nodes.b(n), nodes.a(n)]) if (child !== NONE) stack.push(child, below);
  }
  return deepest;
}

function expectBounded(source: string, lang: "md" | "xmd"): void {
  const unit = makeUnit(source, { maxDepth: 1_000_000 });
  const { root } = buildProgram(unit, lang);
  expect(treeDepth(unit, root)).toBeLessThanOrEqual(unit.deepest + unit.links + 8);
}

const TOKENS = [
  "a",
  "b",
  "1",
  '"s"',
  "`t{{a + b}}`",
  "not",
  "!",
  "-",
  "+",
  "*",
  "=",
  "..",
  "and",
  "or",
  "?",
  ":",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ".",
  "x =>",
  "...",
  "print",
  "len",
  "exec",
  "cmd",
  "get",
  "put",
  "set",
  "if",
  "elif",
  "else",
  "then",
  "for",
  "in",
  "while",
  "function",
  "return",
  "try",
  "catch",
  "import",
  "export",
  "\n",
  "\n  ",
  "\n    ",
];

describe("the bound on a tree's depth from what the parser counted", () => {
  it("holds for token soups", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }), (parts) => {
        expectBounded(parts.join(" "), "xmd");
      }),
      { numRuns: 3000 },
    );
  });

  it("holds for generated programs", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => expectBounded(randomProgram(seed), "xmd")),
      { numRuns: 300 },
    );
  });

  it("holds for every hostile family (classic spans aside, which the builder counts)", () => {
    for (const h of HOSTILE) {
      if (h.name.includes("classic")) continue;
      for (const n of [1, 5, 40]) expectBounded(h.make(n), h.lang);
    }
  });

  it("holds for set targets, data access and exec, which nest without a level of the parser's own", () => {
    for (const source of [
      `set a${".b".repeat(50)} 1`,
      `set a${"[0]".repeat(50)} 1`,
      `put "d.json"${".k".repeat(50)} 1`,
      `print get "d.json"${".k".repeat(50)}`,
      "exec echo hi",
      'cmd "echo " + 1',
      "set x = exec echo",
    ]) {
      expectBounded(source, "xmd");
    }
  });
});
