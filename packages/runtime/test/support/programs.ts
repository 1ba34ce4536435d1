/**
 * Random valid-looking XMD programs, for fuzzing the evaluator rather than the parser:
 * expressions of every operator, calls, methods, lambdas, indexing, and statements of
 * every kind, over a few variables set up front. Deterministic for a seed, so a failing
 * case can be rebuilt from the seed fast-check reports.
 */

/** A small, fast PRNG (mulberry32). */
function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VARIABLES = ["a", "b", "c", "xs", "o", "s"];
const LEAVES = [
  ...VARIABLES,
  "1",
  "2",
  "0",
  "-1",
  "3.5",
  '"str"',
  "true",
  "null",
  "[1, 2, 3]",
  "{k: 1}",
  "`t{{a}}`",
];
const OPERATORS = ["+", "-", "*", "/", "%", "=", "!=", "<", ">=", "and", "or", ".."];
const MEMBERS = ["length", "upper", "keys", "join", "sort", "reverse", "values"];

const HEADER = [
  "set a 1",
  "set b 2",
  'set c "c"',
  "set xs 1, 2, 3",
  "set o k 1, z 2",
  'set s "abc"',
  "function f p q",
  "    if p = null then return 0",
  "    return p",
  "function g p",
  "    set a a + 1",
  "    return [p, a]",
];

/** A program for `seed`: the header, then 1–4 random statements, nested up to four deep. */
export function randomProgram(seed: number): string {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const expr = (depth: number): string => {
    if (depth > 3 || random() < 0.3) return pick(LEAVES);
    const r = random();
    const e = () => expr(depth + 1);
    if (r < 0.35) return `(${e()} ${pick(OPERATORS)} ${e()})`;
    if (r < 0.45) return `(${e()} ? ${e()} : ${e()})`;
    if (r < 0.55) return `(f ${e()}, ${e()})`;
    if (r < 0.62) return `(g ${e()})`;
    if (r < 0.7) return `${e()}.${pick(MEMBERS)}`;
    if (r < 0.78) return `(${e()})[${e()}]`;
    if (r < 0.85) return `(map ${pick(["xs", "[1, 2]"])} (x => ${e()}))`;
    if (r < 0.9) return `(not ${e()})`;
    return `[${e()}, ${e()}]`;
  };
  const out = [...HEADER];
  const block = (indent: number, depth: number): void => {
    const pad = "    ".repeat(indent);
    const count = 1 + Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      const r = random();
      if (depth > 3 || r < 0.35) {
        // Half the sets join onto the variable, mostly one holding text, with small pieces
        // (text built in place on the byte path, see compile/text-append.ts).
        const append = random();
        const v = append < 0.5 && random() < 0.7 ? pick(["s", "c"]) : pick(VARIABLES);
        if (append < 0.35) out.push(`${pad}set ${v} ${v} + ${pick(LEAVES)} + ${expr(3)}`);
        else if (append < 0.5) out.push(`${pad}set ${v} += ${expr(2)}`);
        else out.push(`${pad}set ${v} ${expr(0)}`);
      } else if (r < 0.5) out.push(`${pad}print ${expr(0)}`);
      else if (r < 0.58) {
        out.push(`${pad}if ${expr(0)}`);
        block(indent + 1, depth + 1);
        if (random() < 0.5) {
          out.push(`${pad}else`);
          block(indent + 1, depth + 1);
        }
      } else if (r < 0.66) {
        out.push(`${pad}for ${pick(["i", "i, v"])} in ${pick(["xs", "1 .. 3", "o", "s", expr(0)])}`);
        block(indent + 1, depth + 1);
      } else if (r < 0.72) {
        out.push(`${pad}try`);
        block(indent + 1, depth + 1);
        out.push(`${pad}catch e`, `${pad}    print "E:" + e`);
      } else if (r < 0.78) {
        out.push(`${pad}loop 2 times`);
        block(indent + 1, depth + 1);
      } else if (r < 0.84 && indent > 0)
        out.push(`${pad}${pick(["break", "continue", `return ${expr(0)}`])}`);
      else if (r < 0.9) out.push(`${pad}set o.${pick(["k", "z"])} ${expr(0)}`);
      else out.push(`${pad}set xs[${pick(["0", "1", "5"])}] ${expr(0)}`);
    }
  };
  block(0, 0);
  // The text variables as they end (printed from a builder when the byte path built them).
  out.push("print s", "print c");
  return `${out.join("\n")}\n`;
}
