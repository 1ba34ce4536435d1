/**
 * The macro suite's tables, built from cell results (a pure function, tested on synthetic
 * results): one per workload, pooled vs heap, W5, W6 (in a process and as the CLI), W7
 * and the leak check.
 * @module
 */
import { fixed, growth, kib, mb, mib, msText, pct } from "../report/format.js";
import type { BenchTable } from "../section.js";
import type { CellResult } from "./cell-result.js";
import { ENGINES, type EngineId } from "./engines.js";
import type { RunMode } from "./settings.js";

const TITLES: Record<string, string> = {
  W1: "interpolate (2,000 lines, 1,000 {{var}})",
  W2: "loop (10,000 records, condition + computed value)",
  W3: "nested (50 sections × 20 rows × 5 cells)",
  W4: "many-docs (1,000 small never-seen documents per pass, each parsed and rendered once)",
};

/** Wall time of cold-start processes, per engine and for `node -e ""`. */
export type ColdTimes = Record<string, { median: number; min: number; max: number }>;

function find(cells: readonly CellResult[], w: string, e: EngineId): CellResult | undefined {
  return cells.find((c) => c.workload === w && c.engine === e);
}

/** A difference with its sign, "+3.10" or "−2.25". */
function signed(n: number): string {
  return n < 0 ? `−${fixed(-n)}` : `+${fixed(n)}`;
}

function gcKinds(c: CellResult): string {
  const k = c.gc_by_kind;
  if (!k) return "–";
  const major = (k.major?.count ?? 0) + (k.incremental?.count ?? 0);
  return `${k.minor?.count ?? 0} / ${major}`;
}

function workloadTable(cells: readonly CellResult[], w: string, mode: RunMode): BenchTable {
  const base = find(cells, w, "baseline");
  const baseMs = base && !base.mismatch ? base.ms_median : null;
  const columns = [
    "engine",
    "render ms (median)",
    "min",
    "max",
    "samples",
    w === "W4" ? "first pass ms (JIT cold)" : "compile+render ms",
    "MB/s",
    "× baseline",
    "GC minor / major",
    "GC pause ms per render",
    "JS heap per render",
    "heap retained",
    "peak RSS",
  ];
  return {
    title: `${w} — ${TITLES[w] ?? w}${mode === "full" ? "" : ` (${mode}: smaller)`}`,
    columns,
    rows: ENGINES.map((e) => {
      const c = find(cells, w, e);
      if (!c) return [e, "not run", ...columns.slice(2).map(() => "")];
      if (c.mismatch)
        return [e, `output mismatch, not timed: ${c.mismatch}`, ...columns.slice(2).map(() => "")];
      return [
        e,
        msText(c.ms_median),
        msText(c.ms_min),
        msText(c.ms_max),
        c.samples,
        msText(w === "W4" ? c.ms_first_pass : c.ms_compile_render_median),
        fixed(c.mb_per_s, 1),
        baseMs && c.ms_median !== null ? fixed(c.ms_median / baseMs, 1) : "–",
        gcKinds(c),
        msText(c.gc_pause_ms_per_render),
        kib(c.js_heap_bytes_per_render),
        mib(c.heap_retained_bytes),
        mib(c.rss_peak_bytes),
      ];
    }),
    notes:
      w === "W4"
        ? [
            "Every engine compiles and renders each document once; every pass (first, warm-up, timed, profiled) gets documents no engine has seen, so no template or code cache can hit. A sample is one pass; GC pause per render is per document.",
            "First pass: the engine's very first pass, before any warm-up — what a batch that renders one pass and exits pays (V8 has optimised nothing yet). The timed passes follow a warm-up of several thousand documents.",
            "Heap retained: heap after the passes minus heap right after the engine was created (pools grown, caches, JIT code): there is no template to hold.",
          ]
        : [
            "render: a template compiled once, rendered for a fixed time (XMD: `runtime.compile`, then `render(vars)`); each sample is one render. In a full run the timed renders run in three rounds, a fresh process per engine and round, every engine once per round: the median shown is the median of the rounds' medians (a burst of load elsewhere on the machine slows one round, not the figure); the other columns come from the first round. compile+render: from a source no cache has seen (a unique comment appended per iteration, mustache's cache cleared; XMD: `runtime.render`).",
            "Outputs are flattened inside the timing: an engine that returns a `+=` rope has not yet paid for its copy.",
            "GC: collections that started during the timed renders; JS heap per render: bytes allocated, garbage included (V8 sampling heap profiler). Heap retained: heap with the compiled template held minus heap after dropping it (not clamped: a negative figure is noise). Peak RSS: the cell process up to the end of the timed renders (the output check's compiles included).",
          ],
  };
}

function pooledVsHeapTable(cells: readonly CellResult[]): BenchTable {
  const rows: (string | number)[][] = [];
  for (const w of ["W1", "W2", "W3", "W4", "W5", "W6"]) {
    for (const e of ["xmd-pooled", "xmd-heap"] as EngineId[]) {
      const c = find(cells, w, e);
      if (!c || c.mismatch) continue;
      rows.push([
        w,
        e,
        msText(c.ms_median),
        kib(c.byte_path_js_heap_bytes_per_render),
        kib(c.byte_path_pool_bytes_per_render),
        pct(c.byte_path_pool_byte_share),
        kib(c.js_heap_bytes_per_render),
        kib(c.pool_bytes_per_render),
        pct(c.pool_byte_share),
        pct(c.pool_share),
        msText(c.gc_pause_ms_per_render),
        mib(c.heap_retained_bytes),
        pct(c.fragmentation),
        pct(c.fragmentation_combined),
        pct(c.pool_occupancy),
        mib(c.pool_bytes),
        c.live_slots_after_dispose ?? "–",
      ]);
    }
  }
  return {
    title:
      "XMD pooled vs heap (heap mode: one object per node, variable and frame slot, fresh output chunks, no interning — a deliberately naive baseline)",
    columns: [
      "workload",
      "mode",
      "ms (median)",
      "byte path: JS heap per render",
      "byte path: pool bytes per render",
      "byte path: pool byte share",
      "string path: JS heap per render",
      "string path: pool bytes per render",
      "string path: pool byte share",
      "counted-request share",
      "GC pause ms per render",
      "heap retained",
      "old-space fragmentation",
      "old space + pools fragmentation",
      "pool occupancy",
      "pool bytes",
      "live slots after release",
    ],
    rows,
    notes: [
      "Per render on the timed path (W1–W3 compiled render, W4 one-shot render of a never-seen document, W5 one parse, W6 the one render of a fresh process). JS heap: bytes allocated on V8's heap, garbage included (sampling heap profiler). Pool byte share = pool bytes ÷ (pool bytes + JS heap).",
      "Byte path (W1–W4; the pool-share target): the same render with its output handed to a writer a 64 KiB UTF-8 chunk at a time (`renderTo`), each chunk counted and dropped, no string made. Pool bytes: slots × slot size + UTF-8 output bytes written into pooled chunks (heap mode: 0, its chunks are fresh allocations). Backing stores of typed arrays are not on the JS heap, so heap mode's fresh 64 KiB chunks are in neither figure.",
      "String path (`render()`, every workload; the share before the byte path, for reference): pool bytes are slots × slot size only (AST nodes, variables, value-stack slots, at the sizes the runtime reports); the chunks are decoded into a JS string, which the JS heap figure counts.",
      "Counted-request share: the runtime's own `stats.allocations.poolShare`, which leaves out most JS-heap allocations (strings, arrays, maps, the compiled closures; an expression's intermediate values are locals of the closures in both modes, not requests); shown for reference, not used for the target.",
      "Fragmentation is read after a full GC with the template (W5: the tree) held. Old space alone: 1 − used ÷ size. Old space + pools: (old-space free + pool free) ÷ (old-space size + pool bytes), where pool bytes are the ArrayBuffer bytes freed by dropping the runtime and its documents (pool pages, value stack, interner tables) and pool free = pool bytes − live slots × slot size.",
      "Pool occupancy: live ÷ capacity slots at that reading, over the runtime's shared pools and the document's own store (a compiled document's, or W5's parsed tree).",
      "Live slots after release: nodes, variables and temporaries alive once every render returned and every compiled or parsed tree was released, read before runtime.dispose() (which would make it 0 by construction).",
    ],
  };
}

function parseTable(cells: readonly CellResult[], mode: RunMode): BenchTable {
  const rows = (["xmd-pooled", "xmd-heap"] as EngineId[])
    .map((e) => find(cells, "W5", e))
    .filter((c): c is CellResult => c !== undefined && !c.mismatch)
    .map((c) => [
      c.engine,
      msText(c.ms_median),
      msText(c.ms_min),
      msText(c.ms_max),
      c.samples,
      fixed(c.mb_per_s, 1),
      c.ast_nodes ?? "–",
      mib(c.heap_retained_bytes),
      kib(c.js_heap_bytes_per_render),
      c.gc_count ?? "–",
      msText(c.gc_pause_ms),
      pct(c.fragmentation),
      pct(c.fragmentation_combined),
    ]);
  return {
    title: `W5 — large parse (${mode === "full" ? "1 MiB" : "smaller"} XMD program, parsed and kept)`,
    columns: [
      "mode",
      "parse ms (median)",
      "min",
      "max",
      "samples",
      "MB/s",
      "AST nodes",
      "heap retained by the tree",
      "JS heap per parse",
      "GC count",
      "GC pause ms (all parses)",
      "old-space fragmentation",
      "old space + pools fragmentation",
    ],
    rows,
    notes: ["Heap retained: heap with one parsed tree held minus heap after releasing and dropping it."],
  };
}

function coldTable(cells: readonly CellResult[], cold: ColdTimes): BenchTable {
  const node = cold["node -e"];
  return {
    title: "W7 — cold start (a new process imports the engine, renders one small document and exits)",
    columns: [
      "engine",
      "ms (median)",
      "min",
      "max",
      'over `node -e ""`',
      "peak RSS",
      "GC count",
      "GC pause ms",
      "heap after load + render",
    ],
    rows: [
      ['node -e ""', msText(node?.median), msText(node?.min), msText(node?.max), "—", "", "", "", ""],
      ...ENGINES.map((e) => {
        const c = find(cells, "W7", e);
        return [
          e,
          msText(c?.ms_median),
          msText(c?.ms_min),
          msText(c?.ms_max),
          c?.ms_median != null && node ? signed(c.ms_median - node.median) : "–",
          mib(c?.rss_peak_bytes),
          c?.gc_count ?? "–",
          msText(c?.gc_pause_ms),
          mib(c?.heap_retained_bytes),
        ];
      }),
    ],
    notes: [
      "Peak RSS: median over the timed processes. GC and heap come from one extra, untimed process per engine (under --expose-gc): collections from before the import to after the render, and heap after full GCs after the render minus before the import.",
    ],
  };
}

/** The row of a cell that was not run or whose output differed. */
function unavailable(c: CellResult | undefined, label: string, width: number): (string | number)[] {
  const why = c?.mismatch ? `output mismatch, not timed: ${c.mismatch}` : "not run";
  return [label, why, ...Array.from({ length: width - 2 }, () => "")];
}

function largeDocTables(cells: readonly CellResult[], mode: RunMode): BenchTable[] {
  const modes = ["xmd-pooled", "xmd-heap"] as EngineId[];
  const inProcessColumns = [
    "mode",
    "render once ms (median)",
    "min",
    "max",
    "processes",
    "MB/s",
    "JS heap used after",
    "heap retained after",
    "peak RSS",
    "GC minor / major",
    "GC pause ms",
    "JS heap per render",
    "pool bytes per render",
    "pool byte share (string path)",
    "live slots after",
  ];
  const cliColumns = [
    "mode",
    "wall ms (median)",
    "min",
    "max",
    "processes",
    "MB/s",
    "peak RSS",
    "output",
    "one-line document ms (median)",
  ];
  const cli = modes.map((e) => find(cells, "W6-cli", e));
  const rssSource = cli.find((c) => c?.rss_source)?.rss_source;
  return [
    {
      title: `W6 — large document, in a fresh process (${mode === "smoke" ? "smaller" : "8.09 MB: 100,000 lines of {{name}} and {{count}} under two classic set directives"}, rendered once)`,
      columns: inProcessColumns,
      // The hand-written renderer's row when it ran (results from before it joined have none).
      rows: [...modes, ...(find(cells, "W6", "baseline") ? (["baseline"] as EngineId[]) : [])].map((e) => {
        const c = find(cells, "W6", e);
        const label = e === "baseline" ? "hand-written" : e;
        if (!c || c.mismatch) return unavailable(c, label, inProcessColumns.length);
        return [
          label,
          msText(c.ms_median),
          msText(c.ms_min),
          msText(c.ms_max),
          c.samples,
          fixed(c.mb_per_s, 1),
          mb(c.heap_used_after_bytes),
          mb(c.heap_retained_bytes),
          mb(c.rss_peak_bytes),
          gcKinds(c),
          msText(c.gc_pause_ms),
          mb(c.js_heap_bytes_per_render),
          mb(c.pool_bytes_per_render),
          pct(c.pool_byte_share),
          c.live_slots_after_dispose ?? "–",
        ];
      }),
      notes: [
        "Each process generates the document, creates the runtime, settles the heap, and renders the document once with `runtime.render` (the one-shot path, JIT cold, as a CLI run does); the row is the process with the median render time, min and max over all processes. MB/s: document bytes ÷ render time. Sizes in MB of 10⁶ bytes, the unit of the W6 targets.",
        "JS heap used after: `heapUsed` right after the render returned, output held, no forced GC. Heap retained after: `heapUsed + arrayBuffers` after full GCs with the output dropped, minus the same before the render (what the runtime keeps: grown pools, interner tables). Peak RSS: the process up to the end of the render (the document's source string included; the expected output is built after this reading).",
        "GC: collections that started during the render. JS heap per render: bytes one more render allocates (sampling heap profiler, one sample per 16 KiB), not the timed render. Pool byte share = pool bytes (slots × slot size) ÷ (pool bytes + JS heap) per render, on the string path (`runtime.render`): the pool-share target's row judges W1–W4 on the byte path instead.",
        "hand-written: the fastest single-purpose renderer of this page we wrote in plain JavaScript (`src/macro/w6-by-hand.ts`: `indexOf` for `{{`, the page encoded 64 KiB at a time, text and values copied into a 1 MiB batch decoded as it fills), timed the same way in processes of its own, interleaved with XMD's: this machine's floor for rendering the page to a string. It keeps and pools nothing, so only its time, heap used after, peak RSS and GCs are shown.",
      ],
    },
    {
      title: "W6 — whole process: `xmd big.md > out` (the built CLI, output to a file)",
      columns: cliColumns,
      rows: modes.map((e, i) => {
        const c = cli[i];
        const label = e === "xmd-pooled" ? "pooled (default)" : "--memory heap";
        if (!c || c.mismatch) return unavailable(c, label, cliColumns.length);
        return [
          label,
          msText(c.ms_median),
          msText(c.ms_min),
          msText(c.ms_max),
          c.samples,
          fixed(c.mb_per_s, 1),
          mb(c.rss_peak_bytes),
          mb(c.output_bytes),
          msText(c.fixed_ms_median ?? null),
        ];
      }),
      notes: [
        `\`node apps/cli/bin/xmd.js [--memory heap] big.md\` with its standard output a file; wall time measured around the child process (node's start-up included), the two modes interleaved. Peak RSS: median over the processes, ${rssSource === "resourceUsage" ? "read by the CLI process itself (`process.resourceUsage().maxRSS` when it exits; /usr/bin/time is not GNU time here)" : "from GNU time's %M (`/usr/bin/time -f %M`)"}. Every run's exit status and output are checked.`,
        "One-line document: the same command (pooled) on a document of one line, run between the large document's runs: the fixed cost of a run here (Node's start, the render thread's start, loading the runtime), which the 0.25 s of the target includes.",
      ],
    },
  ];
}

function leakTable(cells: readonly CellResult[]): BenchTable {
  const rows = (["xmd-pooled", "xmd-heap"] as EngineId[])
    .map((e) => find(cells, "leak", e))
    .filter((c): c is CellResult => c?.leak !== undefined)
    .map((c) => {
      const l = c.leak as NonNullable<CellResult["leak"]>;
      return [
        c.engine,
        l.n,
        mib(l.after100),
        mib(l.afterN),
        growth(l.after100, l.afterN),
        mib(l.after2N),
        growth(l.afterN, l.after2N),
        `${kib(l.codeAfter100)} → ${kib(l.codeAfterN)} → ${kib(l.codeAfter2N)}`,
        c.live_slots_after_dispose ?? "–",
      ];
    });
  return {
    title: "Leak check (small documents rendered again and again)",
    columns: [
      "mode",
      "N",
      "heap after 100",
      "heap after N",
      "growth 100 → N",
      "heap after 2N",
      "growth N → 2N",
      "code space (100 → N → 2N)",
      "live slots after the renders",
    ],
    rows,
    notes: [
      "Heap: heapUsed + arrayBuffers after full GCs. Before the 100-render reading the engine renders N other documents of the same shape, so that JIT warm-up is over; N → 2N shows whether growth continues.",
    ],
  };
}

/** Every macro table, in report order. */
export function macroTables(cells: readonly CellResult[], cold: ColdTimes, mode: RunMode): BenchTable[] {
  return [
    ...["W1", "W2", "W3", "W4"].map((w) => workloadTable(cells, w, mode)),
    pooledVsHeapTable(cells),
    parseTable(cells, mode),
    ...largeDocTables(cells, mode),
    coldTable(cells, cold),
    leakTable(cells),
  ];
}
