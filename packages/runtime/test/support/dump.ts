/** Prints parsed trees as S-expressions, so parser tests read like the grammar. */
import { PlainNames } from "../../src/syntax/names.js";
import { HeapNodeStore, N, NONE, type NodeId, type NodeStore, Op } from "../../src/syntax/nodes.js";
import {
  giveTokenBuffer,
  lexInto,
  parseExpressionRange,
  parseStatements,
  prescanCallees,
} from "../../src/syntax/parser/index.js";
import { newParseUnit, type ParseUnit, type UnitOptions } from "../../src/syntax/unit.js";

/** A node kind's name in `N` (`Set`, `Call`, …). */
export const KIND_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(N).map(([k, v]) => [v, k]),
);
const OP_NAMES: Record<number, string> = {
  [Op.Add]: "+",
  [Op.Sub]: "-",
  [Op.Mul]: "*",
  [Op.Div]: "/",
  [Op.Mod]: "%",
  [Op.Eq]: "=",
  [Op.NotEq]: "!=",
  [Op.Lt]: "<",
  [Op.Le]: "<=",
  [Op.Gt]: ">",
  [Op.Ge]: ">=",
  [Op.Neg]: "neg",
  [Op.Not]: "not",
};

export function makeUnit(source: string, options: Partial<UnitOptions> = {}): ParseUnit {
  return newParseUnit(source, {
    file: "test.xmd",
    nodes: new HeapNodeStore(),
    names: new PlainNames(),
    ...options,
  });
}

export function parseCode(
  source: string,
  dialect: "native" | "classic" = "native",
  options: Partial<UnitOptions> = {},
): { unit: ParseUnit; root: NodeId } {
  const unit = makeUnit(source, options);
  const tokens = lexInto(unit, 0, source.length, true);
  prescanCallees(unit, tokens);
  const root = parseStatements(unit, tokens, dialect);
  giveTokenBuffer(tokens);
  return { unit, root };
}

/** The messages of a program's problems, in the order they were found. */
export function problemMessages(source: string, dialect: "native" | "classic" = "native"): string[] {
  return parseCode(source, dialect).unit.problems.map((p) => p.message);
}

/** Each problem of a program as [start, end, message], in the order they were found. */
export function problemSpans(
  source: string,
  dialect: "native" | "classic" = "native",
): [number, number, string][] {
  return parseCode(source, dialect).unit.problems.map((p) => [p.start, p.end, p.message]);
}

/**
 * The text of each import of `source` that runs whatever happens (the unit's `imports`:
 * those outside every block and every branch that may not run).
 */
export function topImports(source: string): string[] {
  const { unit } = parseCode(source);
  return unit.imports.map((n) => unit.source.slice(unit.nodes.start(n), unit.nodes.end(n)));
}

export function parseExpr(source: string): { unit: ParseUnit; root: NodeId } {
  const unit = makeUnit(source);
  return { unit, root: parseExpressionRange(unit, 0, source.length) };
}

export function dump(unit: ParseUnit, n: NodeId): string {
  const nodes: NodeStore = unit.nodes;
  const list = (first: NodeId): string[] => {
    const out: string[] = [];
    for (let c = first; c !== NONE; c = nodes.next(c)) out.push(dump(unit, c));
    return out;
  };
  const kind = nodes.kind(n);
  const name = KIND_NAMES[kind] ?? String(kind);
  switch (kind) {
    case N.Num:
      return String(nodes.num(n));
    case N.Str:
      return JSON.stringify(nodes.str(n));
    case N.True:
      return "true";
    case N.False:
      return "false";
    case N.Null:
      return "null";
    case N.Name:
      return String(unit.names.textOf(nodes.name(n)));
    case N.Binary:
    case N.Unary:
      return `(${OP_NAMES[nodes.flags(n)]} ${[nodes.a(n), nodes.b(n)]
        .filter((x) => x !== NONE)
        .map((x) => dump(unit, x))
        .join(" ")})`;
    case N.And:
      return `(and ${dump(unit, nodes.a(n))} ${dump(unit, nodes.b(n))})`;
    case N.Or:
      return `(or ${dump(unit, nodes.a(n))} ${dump(unit, nodes.b(n))})`;
    // `self.name` in a class's members carries the hidden home class: shown as `@home`.
    case N.Member:
      return `(. ${dump(unit, nodes.a(n))} ${nodes.str(n)}${nodes.c(n) !== NONE ? " @home" : ""})`;
    case N.MethodCall:
      return `(.${nodes.str(n)} ${[dump(unit, nodes.a(n)), ...list(nodes.b(n))].join(" ")}${nodes.c(n) !== NONE ? " @home" : ""})`;
    case N.ClassDecl: {
      const parent = nodes.b(n) === NONE ? "" : ` extends ${dump(unit, nodes.b(n))}`;
      return `(class ${dump(unit, nodes.a(n))}${parent}${list(nodes.c(n))
        .map((m) => ` ${m}`)
        .join("")})`;
    }
    case N.Method: {
      // The hidden `self` and home class (the first two parameters) are left out.
      const info = unit.functions[nodes.num(n)];
      const head =
        nodes.flags(n) & 2 ? "constructor" : `${nodes.flags(n) & 1 ? "private " : ""}${info?.name}`;
      return `(${head} (${info?.params
        .slice(2)
        .map((p) => dump(unit, p))
        .join(" ")}) ${info ? dump(unit, info.body) : "?"})`;
    }
    case N.Super:
      return `(super${nodes.flags(n) === 1 ? `.${nodes.str(n)}` : ""}${list(nodes.a(n))
        .map((a) => ` ${a}`)
        .join("")})`;
    case N.Call: {
      // The forms decided at run time show as `call?` (call if a function, else values),
      // `value-or-call` (a function's name alone) and `object-or-call` (`set r f 1`).
      const head = ["call", "value-or-call", "call?", "object-or-call"][nodes.flags(n)];
      return `(${head} ${[dump(unit, nodes.a(n)), ...list(nodes.b(n))].join(" ")})`;
    }
    case N.Pair:
      return `${nodes.str(n)}: ${dump(unit, nodes.b(n))}`;
    case N.Array:
      return `[${list(nodes.a(n)).join(" ")}]`;
    case N.Object:
      return `{${list(nodes.a(n)).join(", ")}}`;
    case N.Block:
      return `(block ${list(nodes.a(n)).join(" ")})`;
    case N.Set:
      return `(set${["", "+=", "-="][nodes.flags(n)] ? ` ${["", "+=", "-="][nodes.flags(n)]}` : ""} ${dump(unit, nodes.a(n))} ${dump(unit, nodes.b(n))})`;
    case N.ExprStmt:
      return dump(unit, nodes.a(n));
    case N.Lambda: {
      const info = unit.functions[nodes.num(n)];
      return `(=> (${info?.params.map((p) => dump(unit, p)).join(" ")}) ${info ? dump(unit, info.body) : "?"})`;
    }
    case N.FunctionDecl: {
      const info = unit.functions[nodes.num(n)];
      return `(function ${dump(unit, nodes.a(n))} (${info?.params.map((p) => dump(unit, p)).join(" ")}) ${info ? dump(unit, info.body) : "?"})`;
    }
    default: {
      const parts = [nodes.a(n), nodes.b(n), nodes.c(n)]
        .filter((x) => x !== NONE)
        .map((x) => list(x).join(" "));
      return `(${name}${parts.length ? ` ${parts.join(" ")}` : ""})`;
    }
  }
}

/** Dumps the statements of a parsed program, one per line. */
export function dumpProgram(source: string, dialect: "native" | "classic" = "native"): string {
  const { unit, root } = parseCode(source, dialect);
  if (unit.problems.length) throw new Error(unit.problems.map((p) => p.message).join("; "));
  return dumpStatements(unit, root);
}

/** Dumps the statements a program kept, one per line, whatever problems it had. */
export function dumpStatements(unit: ParseUnit, root: NodeId): string {
  const out: string[] = [];
  for (let s = unit.nodes.a(root); s !== NONE; s = unit.nodes.next(s)) out.push(dump(unit, s));
  return out.join("\n");
}
