/**
 * The macro suite: every workload on every engine, each cell in a fresh child process
 * (see cell.ts), plus W6 (the large document, in a fresh process and as a whole CLI
 * process), W7 cold start and the leak check.
 * @module
 */
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchSection } from "../section.js";
import { type CellRequest, type CellResult, emptyResult, isXmd } from "./cell-result.js";
import { cliCells } from "./cli-cell.js";
import type { ColdStartReport } from "./cold-start.js";
import { ENGINES, type EngineId } from "./engines.js";
import { medianRun } from "./large-doc-cell.js";
import { spread } from "./sampling.js";
import { type RunMode, settingsFor } from "./settings.js";
import { type ColdTimes, macroTables } from "./tables.js";
import { w6LargeDocument } from "./workloads.js";

const CELL = fileURLToPath(new URL("./cell.js", import.meta.url));
const COLD = fileURLToPath(new URL("./cold-start.js", import.meta.url));

/** Runs `work` and logs `label` with the seconds it took (the full run must stay under 10 minutes). */
function timed<T>(log: (line: string) => void, label: string, work: () => T): T {
  const t = performance.now();
  const result = work();
  log(`  ${label} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  return result;
}

function runCellProcess(request: CellRequest): CellResult {
  const out = execFileSync(process.execPath, ["--expose-gc", CELL, JSON.stringify(request)], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop() as string) as CellResult;
}

/** Runs one cold-start child; returns its wall time and report. */
function coldProcess(args: string[]): { ms: number; report: ColdStartReport | null } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`cold start ${args.join(" ")} failed: ${r.stderr}`);
  const line = r.stdout.trim().split("\n").pop();
  return { ms, report: line ? (JSON.parse(line) as ColdStartReport) : null };
}

/** A W7 result from the timed processes' wall times and reports and the measuring process's report. */
export function coldStartResult(
  engine: EngineId,
  timed: readonly { ms: number; report: ColdStartReport | null }[],
  measured: ColdStartReport | null,
): CellResult {
  const s = spread(timed.map((t) => t.ms));
  const rss = timed.map((t) => t.report?.rss_peak_bytes).filter((v): v is number => typeof v === "number");
  return {
    ...emptyResult("W7", engine),
    samples: s.samples,
    ms_median: s.median,
    ms_min: s.min,
    ms_max: s.max,
    rss_peak_bytes: rss.length ? spread(rss).median : null,
    gc_count: measured?.gc_count ?? null,
    gc_pause_ms: measured?.gc_pause_ms ?? null,
    heap_retained_bytes: measured?.heap_retained_bytes ?? null,
    ...(isXmd(engine) ? { live_slots_after_dispose: measured?.live_slots_after_dispose ?? null } : {}),
  };
}

/** W7 for one engine: `runs` timed processes, then one untimed measuring process. */
function coldStartCell(engine: EngineId, runs: number): CellResult {
  const timed = Array.from({ length: runs }, () => coldProcess([COLD, engine]));
  const measured = coldProcess(["--expose-gc", COLD, engine, "measure"]).report;
  return coldStartResult(engine, timed, measured);
}

/** The macro cells one run measures: all of them, or only W5 (`--only w5`). */
export type MacroSelection = "all" | "w5";

/** The macro section, with its cells and cold-start times for the JSON and the seed targets. */
export async function macroSuite(
  mode: RunMode,
  log: (line: string) => void = () => {},
  selection: MacroSelection = "all",
): Promise<BenchSection & { cells: CellResult[]; cold: ColdTimes }> {
  const cells: CellResult[] = [];
  if (selection === "w5") {
    // W5 alone (pooled and heap, each in a fresh process): the retained-heap and
    // fragmentation figures, in seconds instead of minutes.
    for (const engine of ["xmd-pooled", "xmd-heap"] as EngineId[]) {
      cells.push(timed(log, `W5 ${engine}`, () => runCellProcess({ workload: "W5", engine, mode })));
    }
    return {
      id: "macro",
      title: "Macro: W5 only (--only w5)",
      // The W5 table and the pooled-vs-heap table (pool bytes, occupancy); the others would be empty.
      tables: macroTables(cells, {}, mode).filter(
        (t) => t.title.startsWith("W5") || t.title.startsWith("XMD"),
      ),
      data: { cells, coldStart: {} },
      cells,
      cold: {},
    };
  }
  const settings = settingsFor(mode);
  for (const workload of ["W1", "W2", "W3", "W4"] as const) {
    for (const engine of ENGINES) {
      cells.push(timed(log, `${workload} ${engine}`, () => runCellProcess({ workload, engine, mode })));
    }
  }
  // Further rounds of W1–W3's timed renders, every engine once per round (see timingRounds).
  const rounds = new Map<CellResult, CellResult[]>();
  for (let round = 2; round <= settings.timingRounds; round++) {
    for (const cell of cells) {
      const { workload, engine } = cell;
      if ((workload !== "W1" && workload !== "W2" && workload !== "W3") || cell.mismatch !== undefined)
        continue;
      const timing = timed(log, `${workload} ${engine} (timing round ${round})`, () =>
        runCellProcess({ workload, engine, mode, timingOnly: true }),
      );
      rounds.set(cell, [...(rounds.get(cell) ?? []), timing]);
    }
  }
  for (const [cell, more] of rounds) Object.assign(cell, mergeTimings([cell, ...more]));
  for (const engine of ["xmd-pooled", "xmd-heap"] as EngineId[]) {
    cells.push(timed(log, `W5 ${engine}`, () => runCellProcess({ workload: "W5", engine, mode })));
    cells.push(timed(log, `leak ${engine}`, () => runCellProcess({ workload: "leak", engine, mode })));
  }
  // W6 in a fresh process: `w6Runs` processes per mode and for the hand-written renderer,
  // interleaved, so that a burst of load elsewhere slows all three alike.
  const w6: Record<string, CellResult[]> = { "xmd-pooled": [], "xmd-heap": [], baseline: [] };
  for (let i = 0; i < settings.w6Runs; i++) {
    for (const engine of ["xmd-pooled", "xmd-heap", "baseline"] as EngineId[]) {
      w6[engine]?.push(
        timed(log, `W6 ${engine} (render once, process ${i + 1})`, () =>
          runCellProcess({ workload: "W6", engine, mode }),
        ),
      );
    }
  }
  cells.push(...Object.values(w6).map(medianRun));
  cells.push(
    ...timed(log, `W6 xmd big.md > out (pooled and heap, ${settings.w6CliRuns} each)`, () =>
      cliCells(w6LargeDocument(settings.w6Lines), settings.w6CliRuns),
    ),
  );
  const runs = settings.coldRuns;
  const nodeOnly = spread(Array.from({ length: runs }, () => coldProcess(["-e", ""]).ms));
  const cold: ColdTimes = { "node -e": nodeOnly };
  for (const engine of ENGINES) {
    const cell = timed(log, `W7 ${engine}`, () => coldStartCell(engine, runs));
    cells.push(cell);
    cold[engine] = { median: cell.ms_median ?? 0, min: cell.ms_min ?? 0, max: cell.ms_max ?? 0 };
  }
  return {
    id: "macro",
    title: "Macro: XMD pooled vs heap, and vs peers",
    tables: macroTables(cells, cold, mode),
    data: { cells, coldStart: cold },
    cells,
    cold,
  };
}

/**
 * The render times of a W1–W3 cell over its rounds: the median of the rounds' medians,
 * the lowest minimum and the highest maximum, and every round's samples.
 */
export function mergeTimings(rounds: readonly CellResult[]): Partial<CellResult> {
  const medians = rounds.map((r) => r.ms_median).filter((t): t is number => typeof t === "number");
  if (medians.length !== rounds.length) return {};
  const s = spread(medians);
  const mins = rounds.map((r) => r.ms_min ?? Number.POSITIVE_INFINITY);
  const maxes = rounds.map((r) => r.ms_max ?? 0);
  const first = rounds[0] as CellResult;
  const outputBytes = first.output_bytes ?? null;
  return {
    ms_median: s.median,
    ms_min: Math.min(...mins),
    ms_max: Math.max(...maxes),
    samples: rounds.reduce((n, r) => n + (r.samples ?? 0), 0),
    timing_rounds: medians,
    ...(outputBytes === null ? {} : { mb_per_s: outputBytes / 1e6 / (s.median / 1000) }),
  };
}
