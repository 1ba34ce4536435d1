/**
 * `pnpm bench [--quick] [--publish] [--only micro|macro|pool|intern|stack]`
 *
 * Runs the micro suites (pool, intern, stack) and the macro suite (XMD pooled vs heap,
 * and vs liquidjs, nunjucks, handlebars, eta, mustache and a hand-written baseline),
 * prints markdown tables, and writes results/bench-results.json, results/bench-report.html
 * and results/latest.md. `--publish` also copies them to docs/bench/ at the repo root.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CellRequest, CellResult } from "./macro/cell.js";
import { macroSuite, type Target } from "./macro/suite.js";
import { internSuite } from "./micro/intern.js";
import { poolSuite } from "./micro/pool.js";
import { stackSuite } from "./micro/stack.js";
import { buildHtml, type ChartSpec } from "./report/html.js";
import { sectionToMarkdown } from "./report/markdown.js";
import type { BenchOptions, BenchSection } from "./section.js";

const here = dirname(fileURLToPath(import.meta.url));
const appRoot = resolve(here, "..");
const repoRoot = resolve(appRoot, "../..");

function parseArgs(argv: string[]): { quick: boolean; publish: boolean; only: string | null } {
  let quick = false;
  let publish = false;
  let only: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--quick") quick = true;
    else if (a === "--publish") publish = true;
    else if (a === "--only") only = argv[++i] ?? null;
    else if (a.startsWith("--only=")) only = a.slice(7);
    else if (a === "--") continue;
    else throw new Error(`unknown argument ${a} (use --quick, --publish, --only NAME)`);
  }
  return { quick, publish, only };
}

function perCellJson(cells: CellResult[]): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const c of cells) {
    const w = out[c.workload] ?? {};
    out[c.workload] = w;
    const row: Record<string, unknown> = {
      ms_median: c.ms_median,
      ms_min: c.ms_min,
      ms_max: c.ms_max,
      ms_compile_render_median: c.ms_compile_render_median,
      mb_per_s: c.mb_per_s,
      heap_retained_bytes: c.heap_retained_bytes,
      rss_peak_bytes: c.rss_peak_bytes,
      gc_count: c.gc_count,
      gc_pause_ms: c.gc_pause_ms,
    };
    if (c.engine.startsWith("xmd")) {
      row.pool_share = c.pool_share ?? null;
      row.fragmentation = c.fragmentation;
      row.pool_occupancy = c.pool_occupancy ?? null;
      row.live_slots_after_dispose = c.live_slots_after_dispose ?? null;
    }
    if (c.mismatch) row.mismatch = c.mismatch;
    if (c.leak) row.leak = c.leak;
    w[c.engine] = row;
  }
  return out;
}

function charts(cells: CellResult[]): ChartSpec[] {
  const get = (w: string, e: string) => cells.find((c) => c.workload === w && c.engine === e);
  const vsBaseline: ChartSpec = {
    title: "Render time ÷ hand-written baseline (lower is better)",
    unit: "× baseline",
    values: [],
  };
  const pooledVsHeap: ChartSpec = {
    title: "XMD pooled ÷ heap (below 1: pooled better)",
    unit: "ratio",
    values: [],
  };
  for (const w of ["W1", "W2", "W3", "W4"]) {
    const base = get(w, "baseline");
    for (const e of ["xmd-pooled", "xmd-heap", "liquidjs", "nunjucks", "handlebars", "eta", "mustache"]) {
      const c = get(w, e);
      if (base && c && !c.mismatch && base.ms_median > 0)
        vsBaseline.values.push({ group: w, engine: e, value: c.ms_median / base.ms_median });
    }
  }
  for (const w of ["W1", "W2", "W3", "W4", "W5"]) {
    const p = get(w, "xmd-pooled");
    const h = get(w, "xmd-heap");
    if (!p || !h) continue;
    if (h.ms_median > 0)
      pooledVsHeap.values.push({ group: w, engine: "time", value: p.ms_median / h.ms_median });
    if (h.gc_pause_ms > 0)
      pooledVsHeap.values.push({ group: w, engine: "GC pause", value: p.gc_pause_ms / h.gc_pause_ms });
    if (h.heap_retained_bytes > 0)
      pooledVsHeap.values.push({
        group: w,
        engine: "heap retained",
        value: p.heap_retained_bytes / h.heap_retained_bytes,
      });
  }
  return [vsBaseline, pooledVsHeap];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const options: BenchOptions = { quick: args.quick };
  const started = performance.now();
  const want = (name: string, group: string) =>
    args.only === null || args.only === name || args.only === group;
  const sections: BenchSection[] = [];
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (typeof (globalThis as { gc?: unknown }).gc !== "function")
    log("note: run with node --expose-gc for GC-controlled heap figures");
  for (const [name, suite] of [
    ["pool", poolSuite],
    ["intern", internSuite],
    ["stack", stackSuite],
  ] as const) {
    if (!want(name, "micro")) continue;
    log(`micro: ${name}…`);
    sections.push(await suite(options));
  }
  let targets: Target[] = [];
  let cells: CellResult[] = [];
  if (want("macro", "macro")) {
    log("macro: one fresh process per cell…");
    const macro = await macroSuite(options, log);
    sections.push(macro);
    targets = macro.targets;
    cells = macro.cells;
  }
  const seconds = (performance.now() - started) / 1000;
  const meta = `Node ${process.version}, ${availableParallelism()} CPU (${cpus()[0]?.model ?? "unknown"}), ${args.quick ? "quick" : "full"} run of ${seconds.toFixed(0)} s, ${new Date().toISOString().slice(0, 10)}. A shared, noisy machine: compare ratios within this run, not absolute times across runs.`;
  const markdown = `# XMD benchmark report\n\n${meta}\n\n${sections.map(sectionToMarkdown).join("\n")}`;
  process.stdout.write(`${markdown}\n`);

  const results = {
    meta: {
      node: process.version,
      cpus: availableParallelism(),
      quick: args.quick,
      seconds,
      date: new Date().toISOString(),
    },
    seed_targets: targets,
    workloads: perCellJson(cells),
    sections: Object.fromEntries(sections.map((s) => [s.id, s.data])),
  };
  const html = await buildHtml("XMD benchmark report", meta, sections, cells.length ? charts(cells) : []);
  const latest = `# Latest benchmark\n\n${meta}\n\n${sections
    .filter((s) => s.id === "macro")
    .map((s) => sectionToMarkdown({ ...s, tables: s.tables.slice(0, 1) }))
    .join(
      "\n",
    )}\nFull tables: [bench-report.html](bench-report.html) · data: [bench-results.json](bench-results.json)\n`;
  const outDirs = [join(appRoot, "results")];
  if (args.publish) outDirs.push(join(repoRoot, "docs/bench"));
  for (const dir of outDirs) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "bench-results.json"), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(dir, "bench-report.html"), html);
    writeFileSync(join(dir, "latest.md"), latest);
    log(`wrote ${dir}/bench-results.json, bench-report.html, latest.md`);
  }
}

export type { CellRequest };

await main();
