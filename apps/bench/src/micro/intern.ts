/**
 * Micro benchmark of `@xmd/intern`: when does interning pay?
 *
 * Three comparisons, each interned side against a plain-string side in one run:
 *  (a) Lexing a generated ~1 MB markdown + XMD document into identifier ids:
 *      `Interner.internSlice` (no substring on a hit) vs `text.slice` + `Map<string, number>`
 *      (and `slice` + `Interner.intern`, and a scan-only floor). Time per identifier, GC,
 *      and heap retained by the finished name table, with the source kept and dropped.
 *  (b) Equality: comparing two ids vs two same-length strings that are separate objects
 *      (so V8 cannot answer by pointer), at 8 and 24 code units.
 *  (c) Memory of 100,000 identifiers drawn from a 2,000-name vocabulary: an Int32Array of
 *      ids + the interner vs an array of substrings sliced from the source.
 * Every loop folds its results into a checksum or keeps them reachable, so V8 cannot
 * remove the work.
 * @module
 */
import { Interner } from "@xmd/intern";
import { collectGarbage, type GcActivity, withGcObserved } from "../gc.js";
import type { BenchSection, BenchSuite, BenchTable } from "../section.js";
import {
  generateXmdDocument,
  identifierStream,
  identifierVocabulary,
  seededRandom,
  separateCopy,
  XMD_KEYWORDS,
} from "./intern-corpus.js";

/** One timed side of a comparison. */
interface Timing {
  name: string;
  /** Operations per round. */
  ops: number;
  /** Median ns per operation over the timed rounds. */
  nsPerOp: number;
  /** Mean ns per operation (includes the rounds a major GC landed in). */
  meanNsPerOp: number;
  gc: GcActivity;
  checksum: number;
}

/** Runs `round` `warmup` times untimed, then `rounds` times timed inside a GC observer. */
async function measure(
  name: string,
  opsPerRound: number,
  warmup: number,
  rounds: number,
  round: () => number,
): Promise<Timing> {
  let checksum = 0;
  for (let i = 0; i < warmup; i++) checksum += round();
  collectGarbage();
  const times: number[] = [];
  const { gc } = await withGcObserved(() => {
    for (let i = 0; i < rounds; i++) {
      const t0 = process.hrtime.bigint();
      checksum += round();
      times.push(Number(process.hrtime.bigint() - t0));
    }
  });
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  times.sort((x, y) => x - y);
  return {
    name,
    ops: opsPerRound,
    nsPerOp: times[times.length >> 1]! / opsPerRound,
    meanNsPerOp: mean / opsPerRound,
    gc,
    checksum,
  };
}

/** JS heap plus ArrayBuffer backing stores (typed arrays larger than a few bytes live off-heap). */
function memoryNow(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Results kept reachable between measurements so nothing is collected too early. */
const sink: unknown[] = [];

/**
 * Bytes still reachable after `build()` returns and a full GC, relative to just before
 * it ran (median of `repeats`). Its result is kept alive during the measurement.
 */
function retainedBytes(build: () => unknown, repeats: number): number {
  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    sink.length = 0;
    collectGarbage();
    const before = memoryNow();
    sink.push(build());
    collectGarbage();
    samples.push(memoryNow() - before);
  }
  sink.length = 0;
  samples.sort((x, y) => x - y);
  return samples[samples.length >> 1]!;
}

/** A copy of `text` in a fresh buffer (dropping it frees that buffer unless something pins it). */
function freshCopy(text: string): string {
  return ` ${text}`.slice(1);
}

// ---------------------------------------------------------------- (a) lexing

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

/** The name table a lexer builds with plain strings: slice, then a Map, plus id -> text. */
class MapNames {
  readonly map = new Map<string, number>();
  readonly texts: string[] = [];
  constructor(seed: readonly string[]) {
    for (const s of seed) this.id(s);
  }
  id(s: string): number {
    let id = this.map.get(s);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(s);
      this.map.set(s, id);
    }
    return id;
  }
}

type LexMode = "scan" | "slice" | "map" | "intern" | "internSlice";

/**
 * Scans `text` for ASCII identifiers and writes one id per identifier into `out`;
 * returns the count. One function per mode keeps each call site monomorphic.
 */
function lexScan(text: string, out: Int32Array): number {
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (!isIdentStart(c)) {
      i++;
      continue;
    }
    const start = i++;
    while (i < len && isIdentPart(text.charCodeAt(i))) i++;
    out[n++] = i - start;
  }
  return n;
}
function lexSlice(text: string, out: string[]): number {
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (!isIdentStart(c)) {
      i++;
      continue;
    }
    const start = i++;
    while (i < len && isIdentPart(text.charCodeAt(i))) i++;
    out[n++] = text.slice(start, i);
  }
  return n;
}
function lexMap(text: string, out: Int32Array, names: MapNames): number {
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (!isIdentStart(c)) {
      i++;
      continue;
    }
    const start = i++;
    while (i < len && isIdentPart(text.charCodeAt(i))) i++;
    out[n++] = names.id(text.slice(start, i));
  }
  return n;
}
function lexIntern(text: string, out: Int32Array, names: Interner): number {
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (!isIdentStart(c)) {
      i++;
      continue;
    }
    const start = i++;
    while (i < len && isIdentPart(text.charCodeAt(i))) i++;
    out[n++] = names.intern(text.slice(start, i));
  }
  return n;
}
function lexInternSlice(text: string, out: Int32Array, names: Interner): number {
  let n = 0;
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (!isIdentStart(c)) {
      i++;
      continue;
    }
    const start = i++;
    while (i < len && isIdentPart(text.charCodeAt(i))) i++;
    out[n++] = names.internSlice(text, start, i);
  }
  return n;
}

/** One lexing round as a document would do it: a fresh per-document name table. */
function lexRound(
  mode: LexMode,
  text: string,
  out: Int32Array,
  strings: string[],
  interner: Interner,
): () => number {
  const mark = interner.mark();
  const fold = (n: number): number => {
    let sum = n;
    for (let k = 0; k < n; k += 64) sum += out[k]!;
    return sum;
  };
  switch (mode) {
    case "scan":
      return () => fold(lexScan(text, out));
    case "slice":
      return () => {
        const n = lexSlice(text, strings);
        let sum = n;
        for (let k = 0; k < n; k += 64) sum += strings[k]!.length;
        return sum;
      };
    case "map":
      return () => {
        const names = new MapNames(XMD_KEYWORDS);
        const n = lexMap(text, out, names);
        sink[0] = names; // escapes
        return fold(n) + names.texts.length;
      };
    case "intern":
      return () => {
        interner.rollback(mark);
        const n = lexIntern(text, out, interner);
        return fold(n) + interner.size;
      };
    case "internSlice":
      return () => {
        interner.rollback(mark);
        const n = lexInternSlice(text, out, interner);
        return fold(n) + interner.size;
      };
  }
}

// ------------------------------------------------------------- (b) equality

interface EqualityCase {
  label: string;
  /** Pairs as strings: left[k] vs right[k], never the same object. */
  left: string[];
  right: string[];
  /** The same pairs as ids. */
  leftIds: Int32Array;
  rightIds: Int32Array;
}

/**
 * `pairs` comparisons over `vocab` (same length), half equal. Each side of a pair is its
 * own string object; unequal pairs share `prefix` and differ only in the last units.
 */
function equalityCase(label: string, vocab: string[], pairs: number, seed: number): EqualityCase {
  const random = seededRandom(seed);
  const copiesLeft = vocab.map(separateCopy);
  const copiesRight = vocab.map(separateCopy);
  const interner = new Interner();
  const ids = vocab.map((s) => interner.intern(s));
  const left: string[] = [];
  const right: string[] = [];
  const leftIds = new Int32Array(pairs);
  const rightIds = new Int32Array(pairs);
  for (let k = 0; k < pairs; k++) {
    const a = Math.floor(random() * vocab.length);
    const b = random() < 0.5 ? a : Math.floor(random() * vocab.length);
    left.push(copiesLeft[a]!);
    right.push(copiesRight[b]!);
    leftIds[k] = ids[a]!;
    rightIds[k] = ids[b]!;
  }
  return { label, left, right, leftIds, rightIds };
}

function fixedLengthVocab(n: number, length: number, sharedPrefix: string, seed: number): string[] {
  const random = seededRandom(seed);
  const out = new Set<string>();
  while (out.size < n) {
    let s = sharedPrefix;
    while (s.length < length) s += String.fromCharCode(97 + Math.floor(random() * 26));
    out.add(s);
  }
  return [...out];
}

function compareStrings(c: EqualityCase, passes: number): () => number {
  const { left, right } = c;
  return () => {
    let equal = 0;
    for (let p = 0; p < passes; p++) {
      for (let k = 0; k < left.length; k++) if (left[k] === right[k]) equal++;
    }
    return equal;
  };
}

function compareIds(c: EqualityCase, passes: number): () => number {
  const { leftIds, rightIds } = c;
  return () => {
    let equal = 0;
    for (let p = 0; p < passes; p++) {
      for (let k = 0; k < leftIds.length; k++) if (leftIds[k] === rightIds[k]) equal++;
    }
    return equal;
  };
}

// ------------------------------------------------------------------ report

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function kib(bytes: number): number {
  return round(bytes / 1024, 1);
}

function timingSummary(t: Timing) {
  return {
    name: t.name,
    ops: t.ops,
    nsPerOp: t.nsPerOp,
    meanNsPerOp: t.meanNsPerOp,
    gcCount: t.gc.count,
    gcPauseMs: t.gc.pauseMs,
  };
}

/** The intern micro suite. `quick` finishes in a few seconds. */
export const internSuite: BenchSuite = async ({ quick }): Promise<BenchSection> => {
  const started = performance.now();
  const gcForced = collectGarbage();
  const warmup = quick ? 3 : 8;
  const rounds = quick ? 7 : 40;
  const memRepeats = quick ? 3 : 9;

  // (a) lexing a ~1 MB document
  const vocabulary = identifierVocabulary(2000);
  const doc = generateXmdDocument(1_000_000, vocabulary);
  const tokenOut = new Int32Array(doc.length >> 1);
  const identifiers = lexScan(doc, tokenOut);
  const lexInterner = new Interner({ seed: XMD_KEYWORDS });
  const lexStrings: string[] = new Array(identifiers).fill("");
  const lex: Timing[] = [];
  const modes: [LexMode, string][] = [
    ["map", "slice + Map<string, number>"],
    ["intern", "slice + Interner.intern"],
    ["internSlice", "Interner.internSlice"],
    ["slice", "slice only, no dedupe (heap mode)"],
    ["scan", "scan only (no name lookup)"],
  ];
  for (const [mode, label] of modes) {
    lex.push(
      await measure(
        label,
        identifiers,
        warmup,
        rounds,
        lexRound(mode, doc, tokenOut, lexStrings, lexInterner),
      ),
    );
  }
  const lexStats = lexInterner.stats();
  const distinctInDoc = lexInterner.size;

  // (a') heap retained by the finished name table (+ the ids), source kept / source dropped
  // The ids go to the shared, preexisting `tokenOut`, so only the name table is measured.
  const lexBuildSlices = (text: string) => {
    const strings: string[] = new Array(identifiers).fill("");
    lexSlice(text, strings);
    return strings;
  };
  const lexBuildMap = (text: string) => {
    const names = new MapNames(XMD_KEYWORDS);
    lexMap(text, tokenOut, names);
    return names;
  };
  const lexBuildInterner = (text: string) => {
    const names = new Interner({ seed: XMD_KEYWORDS });
    lexInternSlice(text, tokenOut, names);
    return names;
  };
  const retainedLex = {
    slicesKept: retainedBytes(() => lexBuildSlices(doc), memRepeats),
    mapKept: retainedBytes(() => lexBuildMap(doc), memRepeats),
    internKept: retainedBytes(() => lexBuildInterner(doc), memRepeats),
    slicesDropped: retainedBytes(() => lexBuildSlices(freshCopy(doc)), memRepeats),
    mapDropped: retainedBytes(() => lexBuildMap(freshCopy(doc)), memRepeats),
    internDropped: retainedBytes(() => lexBuildInterner(freshCopy(doc)), memRepeats),
  };

  // (b) equality
  const pairs = 100_000;
  const passes = quick ? 3 : 20;
  const eqRounds = quick ? 5 : 30;
  const cases = [
    equalityCase("8 code units, random", fixedLengthVocab(2000, 8, "", 1), pairs, 11),
    equalityCase("24 code units, random", fixedLengthVocab(2000, 24, "", 2), pairs, 12),
    equalityCase(
      "24 code units, 20 shared",
      fixedLengthVocab(2000, 24, "customer_record_fiel", 3),
      pairs,
      13,
    ),
  ];
  const equality: { label: string; str: Timing; id: Timing }[] = [];
  for (const c of cases) {
    const str = await measure(
      `string === (${c.label})`,
      pairs * passes,
      warmup,
      eqRounds,
      compareStrings(c, passes),
    );
    const id = await measure(`id === (${c.label})`, pairs * passes, warmup, eqRounds, compareIds(c, passes));
    equality.push({ label: c.label, str, id });
  }

  // (c) memory of 1e5 identifiers from a 2,000-name vocabulary
  const count = 100_000;
  const stream = identifierStream(count, vocabulary);
  const keepSubstrings = (text: string) => {
    const out: string[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = text.slice(stream.starts[i]!, stream.ends[i]!);
    return out;
  };
  const keepInterned = (text: string) => {
    const names = new Interner();
    const ids = new Int32Array(count);
    for (let i = 0; i < count; i++) ids[i] = names.internSlice(text, stream.starts[i]!, stream.ends[i]!);
    return { names, ids };
  };
  const memC = {
    substringsKept: retainedBytes(() => keepSubstrings(stream.text), memRepeats),
    internedKept: retainedBytes(() => keepInterned(stream.text), memRepeats),
    substringsDropped: retainedBytes(() => keepSubstrings(freshCopy(stream.text)), memRepeats),
    internedDropped: retainedBytes(() => keepInterned(freshCopy(stream.text)), memRepeats),
  };
  const cInterner = keepInterned(stream.text).names;
  const cStats = cInterner.stats();
  let longInStream = 0;
  for (let i = 0; i < count; i++) if (stream.ends[i]! - stream.starts[i]! >= 13) longInStream++;

  // (d) all misses: every identifier is new (interning only costs here)
  const uniqueCount = 100_000;
  const uniqueNames: string[] = [];
  for (let i = 0; i < uniqueCount; i++) uniqueNames.push(`tmp${(i * 7919).toString(36)}`);
  const uniqueText = uniqueNames.join(" ");
  const uniqueOut = new Int32Array(uniqueCount);
  const uniqueStrings: string[] = new Array(uniqueCount).fill("");
  const missRounds = quick ? 5 : 30;
  const misses: Timing[] = [
    await measure("slice + Map<string, number>", uniqueCount, warmup, missRounds, () => {
      const names = new MapNames(XMD_KEYWORDS);
      sink[0] = names;
      return lexMap(uniqueText, uniqueOut, names) + names.texts.length;
    }),
    await measure("Interner.internSlice, fresh interner", uniqueCount, warmup, missRounds, () => {
      const names = new Interner({ seed: XMD_KEYWORDS });
      sink[0] = names;
      return lexInternSlice(uniqueText, uniqueOut, names) + names.size;
    }),
    await measure("Interner.internSlice, rolled back", uniqueCount, warmup, missRounds, () => {
      lexInterner.rollback(lexInterner.mark());
      const mark = lexInterner.mark();
      const n = lexInternSlice(uniqueText, uniqueOut, lexInterner) + lexInterner.size;
      lexInterner.rollback(mark);
      return n;
    }),
    await measure("slice only, no dedupe (heap mode)", uniqueCount, warmup, missRounds, () => {
      const n = lexSlice(uniqueText, uniqueStrings);
      return n + uniqueStrings[n >> 1]!.length;
    }),
  ];

  // ------------------------------------------------------------ tables
  const mapLex = lex[0]!;
  const scan = lex[4]!;
  const lexTable: BenchTable = {
    title: `(a) Lexing a ${(doc.length / 1e6).toFixed(2)} M-code-unit markdown + XMD document: ${identifiers.toLocaleString("en-US")} identifiers, ${distinctInDoc.toLocaleString("en-US")} distinct`,
    columns: [
      "variant",
      "ns/identifier (median)",
      "mean ns (incl. GC)",
      "time vs Map",
      "lookup ns (minus scan)",
      "lookup vs Map",
      "gc count",
      "gc pause ms",
    ],
    rows: lex.map((t) => [
      t.name,
      round(t.nsPerOp, 2),
      round(t.meanNsPerOp, 2),
      `${round(t.nsPerOp / mapLex.nsPerOp, 2)}x`,
      t === scan ? "-" : round(t.nsPerOp - scan.nsPerOp, 2),
      t === scan ? "-" : `${round((t.nsPerOp - scan.nsPerOp) / (mapLex.nsPerOp - scan.nsPerOp), 2)}x`,
      t.gc.count,
      round(t.gc.pauseMs, 2),
    ]),
    notes: [
      `Document: generated by a seeded PRNG (headings, prose with {{expr}} and code spans, lists, \`\`\`xmd fences); identifiers from a 2,000-name vocabulary, Zipf(1.0); ${doc.length.toLocaleString("en-US")} UTF-16 code units.`,
      `Each round is one document: a fresh Map (seeded with ${XMD_KEYWORDS.length} keywords) or the interner rolled back to its mark. Median of ${rounds} rounds after ${warmup} warm-up rounds.`,
      `Interner after a round: capacity ${lexStats.capacity}, load ${round(lexStats.loadFactor, 3)}, mean probe ${round(lexStats.probeMean, 3)}, max probe ${lexStats.probeMax}.`,
    ],
  };
  const retainedTable: BenchTable = {
    title:
      "(a) Heap retained by one document's names (after full GC; the ids array, same on both sides, excluded)",
    columns: [
      "variant",
      "source kept alive: KiB",
      "source dropped: KiB",
      "vs Map (kept)",
      "vs Map (dropped)",
    ],
    rows: [
      [
        "slice only: string[] per identifier",
        kib(retainedLex.slicesKept),
        kib(retainedLex.slicesDropped),
        `${round(retainedLex.slicesKept / retainedLex.mapKept, 2)}x`,
        `${round(retainedLex.slicesDropped / retainedLex.mapDropped, 2)}x`,
      ],
      [
        "slice + Map<string, number> + names[]",
        kib(retainedLex.mapKept),
        kib(retainedLex.mapDropped),
        "1x",
        "1x",
      ],
      [
        "Interner.internSlice",
        kib(retainedLex.internKept),
        kib(retainedLex.internDropped),
        `${round(retainedLex.internKept / retainedLex.mapKept, 2)}x`,
        `${round(retainedLex.internDropped / retainedLex.mapDropped, 2)}x`,
      ],
    ],
    notes: [
      "Retained = (heapUsed + arrayBuffers) after a forced full GC minus the same before building, median of repeats.",
      "'Source dropped': the document is a fresh copy that only the build saw. V8 slices of 13+ code units are views into their parent, so a kept slice pins the whole source; the interner copies such slices out on a miss.",
      gcForced
        ? "node --expose-gc: GCs were forced."
        : "WARNING: run with --expose-gc, otherwise memory figures are noise.",
    ],
  };
  const eqTable: BenchTable = {
    title: `(b) Equality: ${pairs.toLocaleString("en-US")} pairs x ${passes} passes, half equal, strings are separate objects`,
    columns: ["length", "string === ns", "id === ns", "string / id"],
    rows: equality.map((e) => [
      e.label,
      round(e.str.nsPerOp, 3),
      round(e.id.nsPerOp, 3),
      `${round(e.str.nsPerOp / e.id.nsPerOp, 2)}x`,
    ]),
    notes: [
      "Equal pairs are distinct, flat, non-internalized string objects with equal contents (built with String.fromCharCode), so === must compare characters; their hashes are not computed (never used as Map keys).",
      "'20 shared': unequal pairs differ only in the last 4 code units (worst case for a character compare).",
      "Equal/unequal is random per pair, so both loops pay the same ~50% unpredictable branch; the ratio understates the compare cost itself.",
    ],
  };
  const memTable: BenchTable = {
    title: `(c) Memory of ${count.toLocaleString("en-US")} identifiers from a ${vocabulary.length.toLocaleString("en-US")}-name vocabulary (${cStats.distinct} distinct used)`,
    columns: [
      "variant",
      "source kept alive: KiB",
      "bytes/identifier",
      "source dropped: KiB",
      "vs substrings (kept)",
      "vs substrings (dropped)",
    ],
    rows: [
      [
        "substrings in a string[]",
        kib(memC.substringsKept),
        round(memC.substringsKept / count, 1),
        kib(memC.substringsDropped),
        "1x",
        "1x",
      ],
      [
        "Int32Array of ids + Interner",
        kib(memC.internedKept),
        round(memC.internedKept / count, 1),
        kib(memC.internedDropped),
        `${round(memC.internedKept / memC.substringsKept, 3)}x`,
        `${round(memC.internedDropped / memC.substringsDropped, 3)}x`,
      ],
    ],
    notes: [
      `Source: ${stream.text.length.toLocaleString("en-US")} code units; ${longInStream.toLocaleString("en-US")} of the identifiers are 13+ code units (V8 sliced strings, pinning the source).`,
      `Interner: capacity ${cStats.capacity}, bytesHeld ${cStats.bytesHeld} (estimate), bytesSaved ${cStats.bytesSaved.toLocaleString("en-US")} (estimate).`,
    ],
  };

  const missTable: BenchTable = {
    title: `(d) All misses: ${uniqueCount.toLocaleString("en-US")} distinct identifiers, each seen once`,
    columns: [
      "variant",
      "ns/identifier (median)",
      "mean ns (incl. GC)",
      "time vs Map",
      "gc count",
      "gc pause ms",
    ],
    rows: misses.map((t) => [
      t.name,
      round(t.nsPerOp, 2),
      round(t.meanNsPerOp, 2),
      `${round(t.nsPerOp / misses[0]!.nsPerOp, 2)}x`,
      t.gc.count,
      round(t.gc.pauseMs, 2),
    ]),
    notes: [
      "Names like tmp1s7 (4-8 code units), separated by spaces. Interning only costs here: every lookup misses, creates the substring and inserts it; the fresh interner (default initialCapacity) also grows its table from 128 to 262,144 slots; the rolled-back one already has the room.",
    ],
  };
  const checksum = [...lex, ...misses, ...equality.flatMap((e) => [e.str, e.id])].reduce(
    (s, t) => s + (t.checksum % 1_000_003),
    0,
  );
  return {
    id: "intern",
    title: "Intern micro benchmarks (@xmd/intern)",
    tables: [lexTable, retainedTable, eqTable, memTable, missTable],
    data: {
      quick,
      node: process.version,
      gcForced,
      seconds: (performance.now() - started) / 1000,
      checksum,
      lexing: {
        documentCodeUnits: doc.length,
        identifiers,
        distinct: distinctInDoc,
        timings: lex.map(timingSummary),
        retainedBytes: retainedLex,
        internerStats: lexStats,
      },
      allMisses: misses.map(timingSummary),
      equality: equality.map((e) => ({
        length: e.label,
        stringNsPerCompare: e.str.nsPerOp,
        idNsPerCompare: e.id.nsPerOp,
        ratio: e.str.nsPerOp / e.id.nsPerOp,
      })),
      memory: {
        identifiers: count,
        vocabulary: vocabulary.length,
        longIdentifiers: longInStream,
        retainedBytes: memC,
        internerStats: cStats,
      },
    },
  };
};
