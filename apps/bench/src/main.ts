/**
 * `pnpm bench [--quick] [--publish] [--only micro|macro|pool|intern|stack|w5]`
 *
 * Runs the micro suites (pool, intern, stack) and the macro suite (XMD pooled vs heap,
 * and vs liquidjs, nunjucks, handlebars, eta, mustache and a hand-written baseline),
 * prints markdown tables, and writes results/bench-results.json, results/bench-report.html
 * and results/latest.md. `--publish` also copies them to docs/bench/ at the repo root.
 * @module
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CellResult } from "./macro/cell-result.js";
import { macroSuite } from "./macro/suite.js";
import { internSuite } from "./micro/intern.js";
import { poolSuite } from "./micro/pool.js";
import { stackSuite } from "./micro/stack.js";
import { charts } from "./report/charts.js";
import { buildHtml } from "./report/html.js";
import { sectionToMarkdown } from "./report/markdown.js";
import { resultsByWorkload } from "./report/results-json.js";
import type { BenchOptions, BenchSection } from "./section.js";
import { allocationSpeedFrom, seedTargets, type Target } from "./seed-targets.js";

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

/** The seed-targets section: first in the report, built once every suite has run. */
function targetsSection(targets: Target[]): BenchSection {
  return {
    id: "targets",
    title: "Seed targets",
    tables: [
      {
        title: "Each promised figure, measured",
        columns: ["target", "promise", "measured", "result"],
        rows: targets.map((t) => [
          t.name,
          t.promise,
          t.measured,
          t.met === null ? "n/a" : t.met ? "met" : "missed",
        ]),
        notes: [
          "pooled vs heap: heap mode is a deliberately naive baseline (one object per node, variable and frame slot, fresh output chunks, no interning), so pooled ÷ heap ratios flatter pooling compared with a tuned heap design.",
        ],
      },
    ],
    data: targets,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const options: BenchOptions = { quick: args.quick };
  const started = performance.now();
  // The machine is shared: the load average says how much others ran during the bench.
  const loadAtStart = loadavg()[0] ?? 0;
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
  let cells: CellResult[] = [];
  const w5Only = args.only === "w5";
  if (want("macro", "macro") || w5Only) {
    log(w5Only ? "macro: W5 only, one fresh process per cell…" : "macro: one fresh process per cell…");
    const macro = await macroSuite(args.quick ? "quick" : "full", log, w5Only ? "w5" : "all");
    sections.push(macro);
    cells = macro.cells;
  }
  const poolData = sections.find((s) => s.id === "pool")?.data ?? null;
  const targets: Target[] = cells.length ? seedTargets(cells, allocationSpeedFrom(poolData)) : [];
  if (targets.length) sections.unshift(targetsSection(targets));
  const seconds = (performance.now() - started) / 1000;
  const loadAtEnd = loadavg()[0] ?? 0;
  const meta = `Node ${process.version}, ${availableParallelism()} CPU (${cpus()[0]?.model ?? "unknown"}), ${args.quick ? "quick" : "full"} run of ${seconds.toFixed(0)} s (1-minute load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end), ${new Date().toISOString().slice(0, 10)}. A shared, noisy machine: compare ratios within this run, not absolute times across runs.`;
  const markdown = `# XMD benchmark report\n\n${meta}\n\n${sections.map(sectionToMarkdown).join("\n")}`;
  process.stdout.write(`${markdown}\n`);

  const results = {
    meta: {
      node: process.version,
      cpus: availableParallelism(),
      quick: args.quick,
      seconds,
      load_average: { start: loadAtStart, end: loadAtEnd },
      date: new Date().toISOString(),
    },
    seed_targets: targets,
    workloads: resultsByWorkload(cells),
    sections: Object.fromEntries(sections.map((s) => [s.id, s.data])),
  };
  const html = await buildHtml("XMD benchmark report", meta, sections, cells.length ? charts(cells) : []);
  // Every table, as printed: readable where markdown renders, next to the HTML report.
  const latest = `${markdown}\nCharts: [bench-report.html](bench-report.html) · data: [bench-results.json](bench-results.json)\n`;
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

await main();
