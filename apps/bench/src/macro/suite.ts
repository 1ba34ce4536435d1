/**
 * The macro suite: every workload on every engine, each cell in a fresh child process
 * (see cell.ts), plus W6 cold start, the leak check and the seed targets.
 * @module
 */
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchOptions, BenchSection, BenchTable } from "../section.js";
import type { CellRequest, CellResult } from "./cell.js";
import { ENGINES, type EngineId, PEERS } from "./engines.js";

const CELL = fileURLToPath(new URL("./cell.js", import.meta.url));
const COLD = fileURLToPath(new URL("./cold-start.js", import.meta.url));

function runCellProcess(request: CellRequest): CellResult {
  const out = execFileSync(process.execPath, ["--expose-gc", CELL, JSON.stringify(request)], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop() as string) as CellResult;
}

/** Wall time of whole processes: median over `runs`. */
function coldStart(engine: EngineId | null, runs: number): { median: number; min: number; max: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r =
      engine === null ? spawnSync(process.execPath, ["-e", ""]) : spawnSync(process.execPath, [COLD, engine]);
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`cold start of ${engine} failed: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] as number,
    min: times[0] as number,
    max: times[times.length - 1] as number,
  };
}

export interface Target {
  name: string;
  promise: string;
  measured: string;
  met: boolean | null;
}

const TITLES: Record<string, string> = {
  W1: "interpolate (2,000 lines, 1,000 {{var}})",
  W2: "loop (10,000 records, condition + computed value)",
  W3: "nested (50 sections × 20 rows × 5 cells)",
  W4: "many-docs (1,000 small documents, each parsed and rendered once)",
};

const fmt = (n: number, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : "–");
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const mib = (n: number) => `${(n / 1048576).toFixed(2)} MiB`;

export async function macroSuite(
  options: BenchOptions,
  log: (line: string) => void = () => {},
): Promise<BenchSection & { targets: Target[]; cells: CellResult[] }> {
  const cells: CellResult[] = [];
  const workloads: CellRequest["workload"][] = ["W1", "W2", "W3", "W4"];
  for (const workload of workloads) {
    for (const engine of ENGINES) {
      log(`  ${workload} ${engine}`);
      cells.push(runCellProcess({ workload, engine, quick: options.quick }));
    }
  }
  for (const engine of ["xmd-pooled", "xmd-heap"] as EngineId[]) {
    log(`  W5 ${engine}`);
    cells.push(runCellProcess({ workload: "W5", engine, quick: options.quick }));
    log(`  leak ${engine}`);
    cells.push(runCellProcess({ workload: "leak", engine, quick: options.quick }));
  }
  const runs = options.quick ? 3 : 9;
  const cold: Record<string, { median: number; min: number; max: number }> = {
    "node -e": coldStart(null, runs),
  };
  for (const engine of ENGINES) {
    log(`  W6 ${engine}`);
    cold[engine] = coldStart(engine, runs);
    cells.push({
      workload: "W6",
      engine,
      ms_median: (cold[engine] as { median: number }).median,
      ms_min: (cold[engine] as { min: number }).min,
      ms_max: (cold[engine] as { max: number }).max,
      ms_compile_render_median: (cold[engine] as { median: number }).median,
      mb_per_s: 0,
      output_bytes: 0,
      heap_retained_bytes: 0,
      rss_peak_bytes: 0,
      gc_count: 0,
      gc_pause_ms: 0,
      fragmentation: 0,
      samples: runs,
    });
  }

  const cell = (w: string, e: EngineId) =>
    cells.find((c) => c.workload === w && c.engine === e) as CellResult;
  const tables: BenchTable[] = [];
  for (const w of workloads) {
    const base = cell(w, "baseline");
    tables.push({
      title: `${w} — ${TITLES[w] ?? w}`,
      columns: [
        "engine",
        "render ms (median)",
        "min",
        "max",
        "compile+render ms",
        "MB/s",
        "× baseline",
        "GC count",
        "GC pause ms",
        "heap retained",
        "peak RSS",
        "pool share",
      ],
      rows: ENGINES.map((e) => {
        const c = cell(w, e);
        if (c.mismatch) return [e, `output mismatch: ${c.mismatch}`, "", "", "", "", "", "", "", "", "", ""];
        return [
          e,
          fmt(c.ms_median),
          fmt(c.ms_min),
          fmt(c.ms_max),
          fmt(c.ms_compile_render_median),
          fmt(c.mb_per_s, 1),
          fmt(c.ms_median / base.ms_median, 1),
          c.gc_count,
          fmt(c.gc_pause_ms),
          mib(c.heap_retained_bytes),
          mib(c.rss_peak_bytes),
          c.pool_share === undefined ? "" : pct(c.pool_share),
        ];
      }),
      notes:
        w === "W4"
          ? ["Every engine compiles and renders each of the documents once: compile cost is the point."]
          : [
              "render: every engine renders a template compiled once (XMD: `runtime.compile` then `render(vars)`); compile+render: parse and render from source (XMD: `runtime.render`). Outputs are flattened inside the timing: an engine that returns a `+=` rope has not yet paid for its copy.",
            ],
    });
  }
  const w5p = cell("W5", "xmd-pooled");
  const w5h = cell("W5", "xmd-heap");
  tables.push({
    title: `W5 — large parse (${options.quick ? "256 KiB" : "1 MiB"} XMD program, parsed and kept)`,
    columns: [
      "mode",
      "parse ms (median)",
      "MB/s",
      "AST nodes",
      "heap retained",
      "GC count",
      "GC pause ms",
      "old-space fragmentation",
    ],
    rows: [w5p, w5h].map((c) => [
      c.engine,
      fmt(c.ms_median),
      fmt(c.mb_per_s, 1),
      c.output_bytes,
      mib(c.heap_retained_bytes),
      c.gc_count,
      fmt(c.gc_pause_ms),
      pct(c.fragmentation),
    ]),
  });
  tables.push({
    title: "W6 — cold start (a new process renders one small document and exits)",
    columns: ["engine", "ms (median)", "min", "max", 'over `node -e ""`'],
    rows: [
      [
        'node -e ""',
        fmt(cold["node -e"]?.median ?? 0),
        fmt(cold["node -e"]?.min ?? 0),
        fmt(cold["node -e"]?.max ?? 0),
        "—",
      ],
      ...ENGINES.map((e) => {
        const c = cold[e] as { median: number; min: number; max: number };
        return [
          e,
          fmt(c.median),
          fmt(c.min),
          fmt(c.max),
          `+${fmt(c.median - (cold["node -e"]?.median ?? 0))}`,
        ];
      }),
    ],
  });
  const leakP = cell("leak", "xmd-pooled");
  const leakH = cell("leak", "xmd-heap");
  tables.push({
    title: "Leak check (small documents rendered again and again)",
    columns: [
      "mode",
      "N",
      "heap after 100",
      "heap after N",
      "growth 100 → N",
      "heap after 2N",
      "growth N → 2N",
      "live slots after",
    ],
    rows: [leakP, leakH].map((c) => {
      const l = c.leak as { after100: number; afterN: number; after2N: number; n: number };
      return [
        c.engine,
        l.n,
        mib(l.after100),
        mib(l.afterN),
        pct(l.afterN / l.after100 - 1),
        mib(l.after2N),
        pct(l.after2N / l.afterN - 1),
        c.live_slots_after_dispose ?? 0,
      ];
    }),
  });

  // Seed targets.
  const targets: Target[] = [];
  const shareMin = Math.min(...["W1", "W2", "W3", "W4"].map((w) => cell(w, "xmd-pooled").pool_share ?? 0));
  targets.push({
    name: "pool share",
    promise: "≥ 90% of allocation requests served by pools (plan: 60–70%)",
    measured: `${pct(shareMin)} (lowest of W1–W4)`,
    met: shareMin >= 0.9,
  });
  targets.push({
    name: "W5 retained heap",
    promise: "pooled ≤ 40% of heap mode (plan: 20–30% less memory)",
    measured: `${mib(w5p.heap_retained_bytes)} vs ${mib(w5h.heap_retained_bytes)} = ${pct(w5p.heap_retained_bytes / w5h.heap_retained_bytes)}`,
    met: w5p.heap_retained_bytes <= 0.4 * w5h.heap_retained_bytes,
  });
  const w2p = cell("W2", "xmd-pooled");
  const w2h = cell("W2", "xmd-heap");
  targets.push({
    name: "W2 GC pause",
    promise: "pooled ≤ half of heap mode",
    measured: `${fmt(w2p.gc_pause_ms)} ms (${w2p.gc_count} GCs) vs ${fmt(w2h.gc_pause_ms)} ms (${w2h.gc_count} GCs)`,
    met: w2p.gc_pause_ms <= 0.5 * w2h.gc_pause_ms,
  });
  targets.push({
    name: "fragmentation",
    promise: "pooled ≤ half of heap mode (V8 old space, W5)",
    measured: `${pct(w5p.fragmentation)} vs ${pct(w5h.fragmentation)}`,
    met: w5p.fragmentation <= 0.5 * w5h.fragmentation,
  });
  const live = Math.max(
    ...cells
      .filter((c) => c.engine === "xmd-pooled" && c.live_slots_after_dispose !== undefined)
      .map((c) => c.live_slots_after_dispose ?? 0),
  );
  targets.push({
    name: "live slots after dispose",
    promise: "zero",
    measured: String(live),
    met: live === 0,
  });
  const lh = leakH.leak as { after100: number; afterN: number; after2N: number; n: number };
  const lp = leakP.leak as { after100: number; afterN: number; after2N: number; n: number };
  targets.push({
    name: "no heap growth",
    promise: `heap after ${lp.n} renders within 5% of heap after 100`,
    measured: `${pct(lp.afterN / lp.after100 - 1)} (heap mode ${pct(lh.afterN / lh.after100 - 1)}); from ${lp.n} to ${2 * lp.n} renders: ${pct(lp.after2N / lp.afterN - 1)}`,
    met: lp.afterN <= lp.after100 * 1.05,
  });
  const w4x = cell("W4", "xmd-pooled");
  const w4slowerThan = PEERS.filter((p) => cell("W4", p).ms_median < w4x.ms_median);
  targets.push({
    name: "W4 vs every peer",
    promise: "parse + render once faster than every peer",
    measured: `${fmt(w4x.ms_median)} ms; faster peers: ${w4slowerThan.length ? w4slowerThan.map((p) => `${p} ${fmt(cell("W4", p).ms_median)} ms`).join(", ") : "none"}`,
    met: w4slowerThan.length === 0,
  });
  for (const w of ["W1", "W2", "W3"]) {
    const x = cell(w, "xmd-pooled");
    const liq = cell(w, "liquidjs");
    const nj = cell(w, "nunjucks");
    const base = cell(w, "baseline");
    targets.push({
      name: `${w} vs liquidjs and nunjucks`,
      promise: "render faster than liquidjs and nunjucks",
      measured: `${fmt(x.ms_median)} ms vs liquidjs ${fmt(liq.ms_median)} / nunjucks ${fmt(nj.ms_median)} ms`,
      met: x.ms_median < liq.ms_median && x.ms_median < nj.ms_median,
    });
    targets.push({
      name: `${w} vs hand-written`,
      promise: "within 3× of the hand-written baseline",
      measured: `${fmt(x.ms_median / base.ms_median, 1)}×`,
      met: x.ms_median <= 3 * base.ms_median,
    });
  }
  tables.unshift({
    title: "Seed targets",
    columns: ["target", "promise", "measured", "result"],
    rows: targets.map((t) => [
      t.name,
      t.promise,
      t.measured,
      t.met === null ? "n/a" : t.met ? "met" : "missed",
    ]),
  });
  return {
    id: "macro",
    title: "Macro: XMD pooled vs heap, and vs peers",
    tables,
    data: { cells, targets, coldStart: cold },
    targets,
    cells,
  };
}
