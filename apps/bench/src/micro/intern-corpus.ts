/**
 * Deterministic inputs for the intern micro benchmark: a vocabulary of realistic
 * identifier names, a Zipf sampler, and a generated markdown + XMD document.
 *
 * Everything is derived from a seeded PRNG (mulberry32), so every run, on every
 * machine, measures the same text.
 * @module
 */

/** A small, fast, seeded PRNG (mulberry32); returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks index k of `n` with probability proportional to 1 / (k + 1)^s (Zipf). */
export function zipfSampler(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / (k + 1) ** s;
    cumulative[k] = total;
  }
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const NAME_PARTS = [
  "user",
  "name",
  "count",
  "total",
  "item",
  "items",
  "index",
  "value",
  "key",
  "list",
  "map",
  "row",
  "col",
  "page",
  "size",
  "max",
  "min",
  "sum",
  "avg",
  "id",
  "url",
  "path",
  "file",
  "dir",
  "text",
  "title",
  "date",
  "time",
  "start",
  "end",
  "first",
  "last",
  "next",
  "prev",
  "parent",
  "child",
  "node",
  "tree",
  "data",
  "config",
  "option",
  "result",
  "error",
  "status",
  "score",
  "price",
  "order",
  "customer",
  "account",
  "invoice",
  "report",
  "section",
  "chapter",
  "author",
  "tag",
  "label",
  "color",
  "width",
  "height",
  "offset",
  "limit",
  "retry",
  "timeout",
  "cache",
  "token",
  "query",
  "filter",
  "sort",
  "group",
  "format",
  "template",
  "render",
  "output",
  "input",
  "buffer",
] as const;

const VERBS = ["get", "set", "is", "has", "make", "build", "load", "save", "find", "parse", "format", "to"];

/**
 * `n` distinct identifier names as a program would have them: short locals (`i`, `row`),
 * camelCase (`userName`, `getTotalPrice`), snake_case (`max_retry`), some with digits.
 * Ordered roughly from most to least common (short first) so a Zipf draw is realistic.
 */
export function identifierVocabulary(n: number, seed = 7): string[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const cap = (w: string): string => w[0]!.toUpperCase() + w.slice(1);
  const names = new Set<string>(["i", "j", "k", "n", "x", "y", ...NAME_PARTS]);
  while (names.size < n) {
    const r = random();
    let name: string;
    if (r < 0.35) name = pick(NAME_PARTS) + cap(pick(NAME_PARTS));
    else if (r < 0.55) name = pick(VERBS) + cap(pick(NAME_PARTS)) + cap(pick(NAME_PARTS));
    else if (r < 0.75) name = `${pick(NAME_PARTS)}_${pick(NAME_PARTS)}`;
    else if (r < 0.9) name = `${pick(NAME_PARTS)}${Math.floor(random() * 10)}`;
    else name = pick(VERBS) + cap(pick(NAME_PARTS)) + cap(pick(NAME_PARTS)) + cap(pick(NAME_PARTS));
    names.add(name);
  }
  return [...names].slice(0, n).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
}

const PROSE = (
  "the a of to and in is that it for on with as are this be by from at or an not can each " +
  "when which will document markdown value page number text list table output runtime memory " +
  "string slot pool name variable function block line file code time first then only every one " +
  "more than also into its their these other some same after before while because report data " +
  "section example result between without through under over where here there shows renders " +
  "prints writes reads keeps makes takes runs uses sets gives café naïve Việt über déjà"
).split(" ");

/** XMD keywords (the interner's seed in the runtime), reused for the generated code. */
export const XMD_KEYWORDS = [
  "set",
  "if",
  "elif",
  "else",
  "then",
  "for",
  "in",
  "loop",
  "while",
  "break",
  "continue",
  "function",
  "return",
  "try",
  "catch",
  "throw",
  "and",
  "or",
  "not",
  "true",
  "false",
  "null",
  "end",
  "import",
  "export",
  "print",
];

/**
 * A markdown document with embedded XMD (headings, prose paragraphs with `{{expr}}`
 * interpolations and code spans, lists, ```xmd fences with set / if / for / function /
 * print lines) of at least `targetChars` UTF-16 code units. Identifiers in code come from
 * `vocabulary` with a Zipf(1.0) distribution; prose words from a fixed English list.
 */
export function generateXmdDocument(targetChars: number, vocabulary: readonly string[], seed = 42): string {
  const random = seededRandom(seed);
  const ident = zipfSampler(vocabulary.length, 1.0, random);
  const word = zipfSampler(PROSE.length, 0.8, random);
  const name = (): string => vocabulary[ident()]!;
  const int = (n: number): number => Math.floor(random() * n);
  const parts: string[] = [];
  let length = 0;
  const emit = (s: string): void => {
    parts.push(s);
    length += s.length;
  };
  const sentence = (): string => {
    const words: string[] = [];
    const count = 8 + int(9);
    for (let w = 0; w < count; w++) {
      const r = random();
      if (r < 0.05) words.push(`{{ ${name()} }}`);
      else if (r < 0.09) words.push(`\`${name()}\``);
      else words.push(PROSE[word()]!);
    }
    const s = words.join(" ");
    return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
  };
  const expr = (): string => {
    const r = random();
    if (r < 0.3) return `${name()} + ${int(100)}`;
    if (r < 0.5) return `"${PROSE[word()]} ${PROSE[word()]}"`;
    if (r < 0.7) return `${name()}.${name()}`;
    if (r < 0.85) return `${name()} ${name()}, ${int(10)}`;
    return `[${name()}, ${name()}, ${int(1000)}]`;
  };
  while (length < targetChars) {
    emit(`## ${PROSE[word()]} ${name()} ${PROSE[word()]}\n\n`);
    for (let p = 1 + int(3); p > 0; p--) {
      const sentences: string[] = [];
      for (let s = 2 + int(4); s > 0; s--) sentences.push(sentence());
      emit(`${sentences.join(" ")}\n\n`);
    }
    if (random() < 0.5) {
      for (let li = 2 + int(4); li > 0; li--) emit(`- **${name()}**: ${sentence()}\n`);
      emit("\n");
    }
    emit("```xmd\n");
    for (let line = 4 + int(12); line > 0; line--) {
      const r = random();
      if (r < 0.35) emit(`set ${name()} ${expr()}\n`);
      else if (r < 0.5) emit(`if ${name()} > ${int(10)} and not ${name()}\n    print ${expr()}\n`);
      else if (r < 0.62) emit(`for ${name()} in ${name()}\n    set ${name()} ${expr()}\n`);
      else if (r < 0.72) emit(`function ${name()} ${name()}, ${name()}\n    return ${expr()}\n`);
      else if (r < 0.82)
        emit(`print "${PROSE[word()]}: {{${name()}}}"  // ${PROSE[word()]} ${PROSE[word()]}\n`);
      else emit(`set ${name()} ${name()} ${expr()}, ${name()} ${expr()}\n`);
    }
    emit("```\n\n");
  }
  return parts.join("");
}

/**
 * A text of `count` identifiers drawn (Zipf 1.0) from `vocabulary`, separated by a space,
 * a comma or a newline, like a long argument list. Returns the text and each identifier's span.
 */
export function identifierStream(
  count: number,
  vocabulary: readonly string[],
  seed = 99,
): { text: string; starts: Int32Array; ends: Int32Array } {
  const random = seededRandom(seed);
  const ident = zipfSampler(vocabulary.length, 1.0, random);
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  const parts: string[] = [];
  let pos = 0;
  for (let i = 0; i < count; i++) {
    const name = vocabulary[ident()]!;
    const sep = i % 16 === 15 ? "\n" : i % 3 === 2 ? ", " : " ";
    starts[i] = pos;
    ends[i] = pos + name.length;
    parts.push(name, sep);
    pos += name.length + sep.length;
  }
  return { text: parts.join(""), starts, ends };
}

/** A copy of `s` that is a separate, flat, non-internalized string object. */
export function separateCopy(s: string): string {
  const codes: number[] = [];
  for (let i = 0; i < s.length; i++) codes.push(s.charCodeAt(i));
  return String.fromCharCode(...codes);
}
