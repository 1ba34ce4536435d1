/**
 * Denial of service: a document that needs too much of anything stops with a located
 * `XmdError` (code `limit`) that names the limit — never a crash, a hang, a V8 abort or
 * an error of another kind. One row per limit, and one per reported way around them.
 *
 * Every row runs in both memory modes, through `render` and through `compile(…).render`,
 * with small limits so that it stays light on a shared 2-core machine. The clock is
 * virtual: `Date.now` advances 1 ms each time it is read, so a time limit strikes at
 * the same read, the same line, on any machine, and the number of reads bounds the work
 * a row did before it stopped (the runtime reads the clock every 1 024 loop steps or
 * calls, after every builtin call, and every 4 096 steps inside a long builtin).
 *
 * To add a row: give the document, the limits (and any runtime options or files) it runs
 * with, the limit its error must name and the line it must point at.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, type Limits, type MemoryMode, type RuntimeOptions, XmdError } from "../src/index.js";
import { thrownBy, withVirtualClock } from "./support/render.js";

interface Row {
  /** What the row shows. */
  name: string;
  /** The document (native XMD unless `lang` says otherwise). */
  source: string;
  lang?: "md" | "xmd";
  /** The limits it runs with, over the defaults. */
  limits?: Partial<Limits>;
  /** Other runtime options (exec policy, root …). */
  options?: RuntimeOptions;
  /** Variables passed to the render. */
  vars?: () => Record<string, unknown>;
  /** Files written beside the document (which is then rendered from that folder as `doc.xmd`/`doc.md`). */
  files?: Record<string, string>;
  /** The limit the error must name (`(limit NAME)` in its message). */
  limit: keyof Limits;
  /** The line the error must point at. */
  line: number;
  /** The file the error must point at, when not the document itself. */
  file?: string;
  /** The most clock reads the run may take before it stops (the work it may do); default 100. */
  maxClockReads?: number;
  /**
   * Why the error has no code frame, for a limit reached before any statement runs (a
   * full pool while parsing is reported at the document's start).
   */
  noFrame?: string;
}

const lines = (...l: string[]) => `${l.join("\n")}\n`;

/** `depth` lists, each holding the next: [[[…]]]. */
function nested(depth: number): unknown[] {
  let list: unknown[] = [];
  for (let i = 0; i < depth; i++) list = [list];
  return list;
}

const ROWS: Row[] = [
  // ── one row per limit ──────────────────────────────────────────────────────
  {
    name: "time: a loop that never ends",
    source: lines("set i 0", "while true", "    set i i + 1"),
    limits: { timeoutMs: 20, maxIterations: 1e12 },
    limit: "timeoutMs",
    line: 2,
  },
  {
    name: "time: builtin calls, checked after each",
    source: lines("set r range 10", "while true", "    set n len(r)"),
    limits: { timeoutMs: 20, maxIterations: 1e12 },
    limit: "timeoutMs",
    line: 3,
  },
  {
    name: "iterations",
    source: lines("set n 0", "while true", "    set n n + 1"),
    limits: { maxIterations: 1000 },
    limit: "maxIterations",
    line: 2,
  },
  {
    name: "call depth",
    source: lines("function f n", "    return f(n + 1)", "print f(0)"),
    limits: { maxCallDepth: 100 },
    limit: "maxCallDepth",
    line: 2,
  },
  {
    name: "output",
    source: lines("loop 1000 times", '    print "0123456789"'),
    limits: { maxOutputBytes: 100 },
    limit: "maxOutputBytes",
    line: 2,
  },
  {
    name: "output, from {{ }} below the code that set the variable",
    source: lines("```xmd", 'set s "0123456789"', "```", "{{s}}{{s}}", "{{s}}{{s}}"),
    lang: "md",
    limits: { maxOutputBytes: 25 },
    limit: "maxOutputBytes",
    line: 5,
  },
  {
    name: "memory: a loop that keeps what it makes",
    source: lines("set keep []", "loop 1000 times", "    keep.push(range(100000))"),
    limits: { maxMemoryMb: 8 },
    limit: "maxMemoryMb",
    line: 3,
  },
  {
    name: "pool slots",
    source: lines(...Array.from({ length: 300 }, (_, i) => `set v${i} ${i}`)),
    limits: { maxPoolSlots: 500 },
    limit: "maxPoolSlots",
    line: 1,
    noFrame: "the syntax-node pool runs out while parsing, before any statement runs",
  },
  {
    name: "list items: concat",
    source: lines("set a range(100)", "set b a.concat(a)"),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "string length: a string doubled in a loop",
    source: lines('set s "x"', "loop 100 times", "    set s s + s"),
    limits: { maxStringLength: 1000 },
    limit: "maxStringLength",
    line: 3,
  },

  // ── every way to build a big list ──────────────────────────────────────────
  {
    name: "list items: range",
    source: lines("set n 200", "set r range(n)"),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "list items: a .. b",
    source: lines("set n 200", "set r 1 .. n"),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "list items: + on lists",
    source: lines("set a range(100)", "set b a + a"),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "list items: spread into a list",
    source: lines("set a range(100)", "set b [...a, ...a]"),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "list items: spread in set",
    source: lines("set a range(100)", "set b ...a, ...a"),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "list items: spread into an object",
    source: lines("set o {}", "for i in range(100)", '    set o["k" + i] i', "set p {...o, ...{x: 1}, ...o}"),
    limits: { maxListItems: 100 },
    limit: "maxListItems",
    line: 4,
  },
  {
    name: "list items: spread into a builtin's arguments",
    source: lines("set a range(100)", "print max(...a, ...a)"),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "list items: a string spread into characters",
    source: lines('set s "abcdefghij".repeat(20)', "set cs [...s]"),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "list items: push",
    source: lines("set a range(100)", "set b range(100)", "b.push(...a)"),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 3,
  },
  {
    name: "list items: map of a list passed in",
    source: lines("set b a.map(x => x * 2)"),
    vars: () => ({ a: Array.from({ length: 200 }, (_, i) => i) }),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 1,
  },
  {
    name: "list items: split",
    source: lines('set s ",".repeat(300)', 'set parts s.split(",")'),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "list items: split on whitespace",
    source: lines('set s "a ".repeat(300)', "set parts s.split()"),
    limits: { maxListItems: 150 },
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "list items: set a[i] far past the end",
    source: lines("set a []", "set a[1000] 1"),
    limits: { maxListItems: 1000 },
    limit: "maxListItems",
    line: 2,
  },

  // ── every way to build a long string ───────────────────────────────────────
  {
    name: "string length: repeat",
    source: lines('set s "ab"', "set t s.repeat(600)"),
    limits: { maxStringLength: 1000 },
    limit: "maxStringLength",
    line: 2,
  },
  {
    name: "string length: a date's .format",
    source: lines('set p "YYYY".repeat(200)', "set t Date(0).format(p)"),
    limits: { maxStringLength: 1000 },
    limit: "maxStringLength",
    line: 2,
  },
  {
    name: "string length: padStart",
    source: lines('set s "ab"', "set t s.padStart(2000)"),
    limits: { maxStringLength: 1000 },
    limit: "maxStringLength",
    line: 2,
  },
  {
    name: "string length: join",
    source: lines("set a range(1000)", 'set t a.join(", ")'),
    limits: { maxStringLength: 1000 },
    limit: "maxStringLength",
    line: 2,
  },
  {
    name: "string length: replace",
    source: lines('set s "a".repeat(100)', 'set t s.replace("a", "aaaaaaaaaaaaaaaaaaaa")'),
    limits: { maxStringLength: 1000 },
    limit: "maxStringLength",
    line: 2,
  },
  {
    name: "string length: a list converted to text",
    source: lines("set a range(1000)", 'set t "" + a'),
    limits: { maxStringLength: 1000 },
    limit: "maxStringLength",
    line: 2,
  },
  {
    name: "string length: json.stringify",
    source: lines("set a range(1000)", "set t json.stringify(a)"),
    limits: { maxStringLength: 1000 },
    limit: "maxStringLength",
    line: 2,
  },
  {
    name: "string length: a template",
    source: lines('set s "x".repeat(600)', "set t `{{s}}{{s}}`"),
    limits: { maxStringLength: 1000 },
    limit: "maxStringLength",
    line: 2,
  },
  {
    name: "string length: print of many values",
    source: lines('set s "x".repeat(600)', "print s, s"),
    limits: { maxStringLength: 1000 },
    limit: "maxStringLength",
    line: 2,
  },

  // ── the reported documents, scaled down ────────────────────────────────────
  {
    name: "report: keep.push(a.concat(a, a, a, a)) in a loop (4.4 GB, V8 abort), by list items",
    source: lines(
      "set a range(1000)",
      "set keep []",
      "loop 100 times",
      "    keep.push(a.concat(a, a, a, a))",
    ),
    limits: { maxListItems: 4000 },
    limit: "maxListItems",
    line: 4,
  },
  {
    name: "report: keep.push(a.concat(a, a, a, a)) in a loop (4.4 GB, V8 abort), by memory",
    source: lines(
      "set a range(100000)",
      "set keep []",
      "loop 100 times",
      "    keep.push(a.concat(a, a, a, a))",
    ),
    limits: { maxMemoryMb: 16 },
    limit: "maxMemoryMb",
    line: 4,
  },
  {
    name: "report: set a[4294967294] (50 s, 4.3 GB, abort), with the default limits",
    source: lines("set a []", "set a[4294967294] 1", "print a"),
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "report: max(range(1e7)) ('the JavaScript stack ran out at 0 nested calls' at 1:1)",
    source: lines("set n 10000000", "print max(range(n))"),
    limits: { maxListItems: 1_000_000 },
    limit: "maxListItems",
    line: 2,
  },
  {
    name: "report: xs.sort of objects (18 s under a 10 s limit) checks the clock as it sorts",
    source: lines("print len(xs.sort)"),
    vars: () => ({ xs: Array.from({ length: 20_000 }, (_, i) => ({ k: 20_000 - i })) }),
    limits: { timeoutMs: 5 },
    limit: "timeoutMs",
    line: 1,
  },
  {
    name: "report: xs.sort with a function checks the clock as it sorts",
    source: lines("print len(xs.sort((a, b) => a.k - b.k))"),
    vars: () => ({ xs: Array.from({ length: 20_000 }, (_, i) => ({ k: 20_000 - i })) }),
    limits: { timeoutMs: 5 },
    limit: "timeoutMs",
    line: 1,
  },
  {
    name: "review: a list spread into an object ({...range(9e6)} ran 9 s under a 1 s limit) checks the clock",
    source: lines("set o {...xs}"),
    vars: () => ({ xs: Array.from({ length: 100_000 }, (_, i) => i) }),
    limits: { timeoutMs: 5 },
    limit: "timeoutMs",
    line: 1,
  },
  {
    name: "report: a = b on lists nested 120,000 deep (26 s under a 1 s limit) checks the clock",
    source: lines("set same a = b"),
    vars: () => ({ a: nested(120_000), b: nested(120_000) }),
    limits: { timeoutMs: 5 },
    limit: "timeoutMs",
    line: 1,
  },
  {
    name: "report: text of lists nested 120,000 deep checks the clock",
    source: lines("set t string(a)"),
    vars: () => ({ a: nested(120_000) }),
    limits: { timeoutMs: 5 },
    limit: "timeoutMs",
    line: 1,
  },
  {
    name: "report: json.stringify of lists nested 120,000 deep checks the clock",
    source: lines("set t json.stringify(a)"),
    vars: () => ({ a: nested(120_000) }),
    limits: { timeoutMs: 5 },
    limit: "timeoutMs",
    line: 1,
  },
  {
    name: "report: a list shared 2^40 times over (a few items, exponential text) stops by length",
    source: lines("set x [1]", "loop 40 times", "    set x [x, x]", "print x"),
    limits: { maxStringLength: 100_000 },
    limit: "maxStringLength",
    line: 4,
  },
];

/** The error a run ends with (null if it ends without one) and how often it read the clock. */
function run(row: Row, memory: MemoryMode, path: "render" | "compile"): { result: unknown; reads: number } {
  // The memory limit counts what the heap grew by since the run began, garbage included
  // until a collection confirms it; garbage left by earlier tests would only make the
  // run go further before it stops, so collect it first.
  if (row.limit === "maxMemoryMb") collectGarbage();
  const runtime = createRuntime({ memory, checked: true, ...row.options, limits: row.limits });
  const where = documentPath(row);
  const vars = row.vars?.() ?? {};
  try {
    return withVirtualClock(() =>
      thrownBy(() => {
        if (path === "render") runtime.render(row.source, { ...where, vars });
        else runtime.compile(row.source, { ...where, vars: Object.keys(vars) }).render(vars);
      }),
    );
  } finally {
    runtime.dispose();
  }
}

/** A full collection, with the `gc` function a new context gets while `--expose-gc` is set. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  setFlagsFromString("--no-expose-gc");
  gc();
}

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** Where the row's document is: a path in a fresh folder holding its files, or none. */
function documentPath(row: Row): { path?: string; lang: "md" | "xmd" } {
  const lang = row.lang ?? "xmd";
  if (row.files === undefined) return { lang };
  const dir = mkdtempSync(join(tmpdir(), "xmd-dos-"));
  folders.push(dir);
  for (const [name, text] of Object.entries(row.files)) writeFileSync(join(dir, name), text);
  return { path: join(dir, `doc.${lang}`), lang };
}

describe.each(["pooled", "heap"] as MemoryMode[])("denial of service (%s)", (memory) => {
  describe.each(["render", "compile"] as const)("through %s", (path) => {
    it.each(ROWS)("$name", (row) => {
      const { result: error, reads } = run(row, memory, path);
      expect(error).toBeInstanceOf(XmdError);
      const e = error as XmdError;
      expect(e.code).toBe("limit");
      expect(e.message).toContain(`(limit ${row.limit}`);
      expect(e.hint).toContain(`limits.${row.limit}`);
      expect(e.line).toBe(row.line);
      if (row.file !== undefined) expect(e.file).toBe(row.file);
      if (row.noFrame === undefined) expect(e.frame).toContain(row.source.split("\n")[row.line - 1]);
      expect(reads).toBeLessThanOrEqual(row.maxClockReads ?? 100);
    });
  });
});
