/**
 * The parser's expressions are parsed by precedence climbing, to spend less JavaScript
 * stack per bracket; the parser from before (kept in test/support/reference as the oracle)
 * must build the same trees, node for node (kinds, flags, spans, payloads), and report the
 * same problems, on every input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { N, NONE, type NodeId } from "../../src/syntax/nodes.js";
import * as current from "../../src/syntax/parser/index.js";
import type { ParseUnit } from "../../src/syntax/unit.js";
import { makeUnit } from "../support/dump.js";
import { randomProgram } from "../support/programs.js";
import * as reference from "../support/reference/parser.js";

type ParserModule = Pick<
  typeof current,
  "lexInto" | "prescanCallees" | "parseStatements" | "giveTokenBuffer"
>;

/** Everything parsing produced, as text: the tree, the functions, the imports, the problems. */
function parseWith(parser: ParserModule, source: string, dialect: "native" | "classic"): string {
  const unit = makeUnit(source);
  const tokens = parser.lexInto(unit, 0, source.length, true);
  parser.prescanCallees(unit, tokens);
  const root = parser.parseStatements(unit, tokens, dialect);
  parser.giveTokenBuffer(tokens);
  return JSON.stringify({
    tree: serialize(unit, root),
    imports: unit.imports.map((n) => serialize(unit, n)),
    problems: unit.problems,
    more: unit.moreProblems,
    depth: unit.depth,
  });
}

function serialize(unit: ParseUnit, first: NodeId): unknown[] {
  const nodes = unit.nodes;
  const out: unknown[] = [];
  for (let n = first; n !== NONE; n = nodes.next(n)) {
    const kind = nodes.kind(n);
    const fn = kind === N.Lambda || kind === N.FunctionDecl ? unit.functions[nodes.num(n)] : undefined;
    out.push({
      kind,
      flags: nodes.flags(n),
      span: [nodes.start(n), nodes.end(n)],
      num: kind === N.Num ? nodes.num(n) : undefined,
      str: nodes.str(n),
      name: kind === N.Name ? nodes.name(n) : undefined,
      fn: fn && {
        name: fn.name,
        params: fn.params.map((p) => serialize(unit, p)),
        body: serialize(unit, fn.body),
        exprBody: fn.exprBody,
        decls: fn.decls.length,
      },
      a: nodes.a(n) === NONE ? null : serialize(unit, nodes.a(n)),
      b: nodes.b(n) === NONE ? null : serialize(unit, nodes.b(n)),
      c: nodes.c(n) === NONE ? null : serialize(unit, nodes.c(n)),
    });
  }
  return out;
}

const EXPRESSION_TOKENS = [
  "a",
  "b",
  "f",
  "1",
  "2",
  '"s"',
  "`t{{a}}`",
  "true",
  "null",
  "not",
  "!",
  "-",
  "+",
  "*",
  "/",
  "%",
  "=",
  "==",
  "!=",
  "<",
  ">=",
  "..",
  "and",
  "or",
  "&&",
  "||",
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
  "import",
  "exec",
  "print",
  "len",
  "@",
];
const STATEMENT_TOKENS = [
  ...EXPRESSION_TOKENS,
  "set",
  "if",
  "elif",
  "else",
  "then",
  "for",
  "in",
  "while",
  "loop",
  "times",
  "break",
  "return",
  "function",
  "try",
  "catch",
  "export",
  "end",
  "\n",
  "\n  ",
  "\n    ",
];

describe("the precedence-climbing parser", () => {
  it("builds the trees and reports the problems the parser before it did, for expressions", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EXPRESSION_TOKENS), { maxLength: 25 }), (parts) => {
        const source = `print ${parts.join(" ")}\n`;
        expect(parseWith(current, source, "native")).toBe(parseWith(reference, source, "native"));
      }),
      { numRuns: 3000 },
    );
  });

  it("and for statements, in both dialects", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...STATEMENT_TOKENS), { maxLength: 40 }),
        fc.constantFrom("native", "classic" as const),
        (parts, dialect) => {
          const source = parts.join(" ");
          expect(parseWith(current, source, dialect)).toBe(parseWith(reference, source, dialect));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("and for generated programs", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const source = randomProgram(seed);
        expect(parseWith(current, source, "native")).toBe(parseWith(reference, source, "native"));
      }),
      { numRuns: 500 },
    );
  });
});
