/**
 * W6 as a whole process: `xmd big.md > out` with the built CLI (`apps/cli/bin/xmd.js`),
 * its standard output a file, as a shell redirect makes it. Wall time is measured around
 * the child process by this one; peak RSS comes from `/usr/bin/time -f %M` when that is
 * GNU time, and otherwise from the CLI process itself: it is started with an `--import`
 * of a small module ({@link RSS_REPORT}) that writes `process.resourceUsage().maxRSS` to a
 * file when the process exits (the render thread is a thread of the same process, so it is
 * counted either way). Every run's exit status and output are checked, outside the timing.
 * @module
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type CellResult, emptyResult } from "./cell-result.js";
import type { EngineId } from "./engines.js";
import { difference } from "./output-check.js";
import { spread } from "./sampling.js";
import type { LargeDocument } from "./workloads.js";

/** How peak RSS is read. */
export type RssSource = NonNullable<CellResult["rss_source"]>;

/** The CLI's entry point, `apps/cli/bin/xmd.js`, found through the `xmd` package (a dev dependency). */
export function cliBin(): string {
  const manifest = createRequire(import.meta.url).resolve("xmd/package.json");
  return join(dirname(manifest), "bin", "xmd.js");
}

const TIME = "/usr/bin/time";

/**
 * Preloaded into the CLI process when `/usr/bin/time` cannot report: on exit, writes the
 * process's peak RSS in bytes to the file `XMD_BENCH_RSS_FILE` names. A data: URL, so the
 * same text serves the built bench and its tests (which run the TypeScript sources).
 */
export const RSS_REPORT = `data:text/javascript,${encodeURIComponent(
  'import { writeFileSync } from "node:fs"; const f = process.env.XMD_BENCH_RSS_FILE; if (f) process.on("exit", () => writeFileSync(f, String(process.resourceUsage().maxRSS * 1024)));',
)}`;

/** `/usr/bin/time` when it is there and understands GNU's `-f %M`; otherwise the CLI reports its own. */
export function rssSource(): RssSource {
  if (!existsSync(TIME)) return "resourceUsage";
  const r = spawnSync(TIME, ["-f", "%M", process.execPath, "-e", ""], { encoding: "utf8" });
  return r.status === 0 && /^\d+$/.test(r.stderr.trim().split("\n").pop() ?? "")
    ? "/usr/bin/time"
    : "resourceUsage";
}

/** One `xmd big.md > out` process. */
export interface CliRun {
  ms: number;
  /** Peak RSS in bytes; null when it could not be read. */
  rssBytes: number | null;
  outputBytes: number;
  /** Why the run does not count (exit status, stderr, or an output difference); null when it does. */
  problem: string | null;
}

/** Runs `xmd [--memory heap] doc > out` once. */
export function runCli(
  bin: string,
  docPath: string,
  outPath: string,
  memory: "pooled" | "heap",
  source: RssSource,
  expected: string,
): CliRun {
  const xmd = [bin, ...(memory === "heap" ? ["--memory", "heap"] : []), docPath];
  const rssFile = `${outPath}.rss`;
  rmSync(rssFile, { force: true });
  const [command, args, env] =
    source === "/usr/bin/time"
      ? [TIME, ["-f", "%M", process.execPath, ...xmd], process.env]
      : [process.execPath, ["--import", RSS_REPORT, ...xmd], { ...process.env, XMD_BENCH_RSS_FILE: rssFile }];
  const out = openSync(outPath, "w");
  let r: ReturnType<typeof spawnSync>;
  const t = performance.now();
  try {
    r = spawnSync(command, args, { stdio: ["ignore", out, "pipe"], env, encoding: "utf8" });
  } finally {
    closeSync(out);
  }
  const ms = performance.now() - t;
  const stderr = String(r.stderr ?? "");
  let rssBytes: number | null = null;
  if (source === "/usr/bin/time") {
    const last = stderr.trim().split("\n").pop() ?? "";
    rssBytes = /^\d+$/.test(last) ? Number(last) * 1024 : null;
  } else if (existsSync(rssFile)) {
    rssBytes = Number(readFileSync(rssFile, "utf8"));
  }
  const output = readFileSync(outPath, "utf8");
  const differs = r.status === 0 ? difference(output, expected) : null;
  const problem =
    r.status !== 0
      ? `exit status ${r.status}${r.signal ? ` (${r.signal})` : ""}: ${stderr.trim().slice(0, 300)}`
      : differs
        ? `output ${differs}`
        : null;
  return { ms, rssBytes, outputBytes: Buffer.byteLength(output), problem };
}

/**
 * The W6-cli result of one memory mode from its runs; `small`: its runs on a one-line
 * document, whose median is the result's `fixed_ms_median`.
 */
export function cliResult(
  engine: EngineId,
  docBytes: number,
  runs: readonly CliRun[],
  source: RssSource,
  small: readonly CliRun[] = [],
): CellResult {
  const result: CellResult = { ...emptyResult("W6-cli", engine), rss_source: source };
  const bad = [...runs, ...small].find((r) => r.problem !== null);
  if (bad) return { ...result, mismatch: bad.problem as string };
  if (runs.length === 0) return result;
  if (small.length > 0) result.fixed_ms_median = spread(small.map((r) => r.ms)).median;
  const s = spread(runs.map((r) => r.ms));
  const rss = runs.map((r) => r.rssBytes).filter((v): v is number => v !== null);
  return {
    ...result,
    samples: s.samples,
    ms_median: s.median,
    ms_min: s.min,
    ms_max: s.max,
    mb_per_s: docBytes / 1e6 / (s.median / 1000),
    output_bytes: runs[0]?.outputBytes ?? null,
    rss_peak_bytes: rss.length ? spread(rss).median : null,
  };
}

/** The one-line document of the fixed-cost runs, and what it renders to. */
export const ONE_LINE = { source: "# A one-line document\n", expected: "# A one-line document\n" };

/**
 * W6 through the CLI, pooled (the default) and `--memory heap`, `runs` processes each,
 * and as many pooled runs on a one-line document (the fixed cost), all interleaved. The
 * documents are written to a temporary directory, removed afterwards.
 */
export function cliCells(
  doc: LargeDocument,
  runs: number,
  options: { bin?: string; source?: RssSource } = {},
): CellResult[] {
  const bin = options.bin ?? cliBin();
  const source = options.source ?? rssSource();
  const dir = mkdtempSync(join(tmpdir(), "xmd-bench-w6-"));
  try {
    const docPath = join(dir, "big.md");
    writeFileSync(docPath, doc.source);
    const expected = doc.expected();
    const modes = ["pooled", "heap"] as const;
    const smallPath = join(dir, "one-line.md");
    writeFileSync(smallPath, ONE_LINE.source);
    const byMode: Record<(typeof modes)[number], CliRun[]> = { pooled: [], heap: [] };
    const small: CliRun[] = [];
    for (let i = 0; i < runs; i++) {
      for (const m of modes) byMode[m].push(runCli(bin, docPath, join(dir, `out.${m}`), m, source, expected));
      small.push(runCli(bin, smallPath, join(dir, "out.small"), "pooled", source, ONE_LINE.expected));
    }
    const docBytes = Buffer.byteLength(doc.source);
    return [
      cliResult("xmd-pooled", docBytes, byMode.pooled, source, small),
      cliResult("xmd-heap", docBytes, byMode.heap, source),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
