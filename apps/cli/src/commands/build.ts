/**
 * `xmd build SRC OUT`: render a whole tree in parallel (worker threads, one per CPU),
 * keeping its structure. One bad document reports its error and the rest still render;
 * the exit code says whether any failed. With `--check`, nothing is written: outputs on
 * disk are compared with what would be rendered.
 * @module
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import { compareWithDisk, nondeterminismReason } from "../check-diff.js";
import { loadConfig } from "../config.js";
import { EXIT, UsageError, useColor } from "../errors.js";
import { outputName, writeAtomic } from "../files.js";
import { collectVars, type RenderFlags, runtimeOptions } from "../options.js";
import { walkTree } from "../walk.js";
import type { RenderOutcome, RenderTask } from "../worker.js";

export interface BuildFlags extends RenderFlags {
  include?: string[];
  exclude?: string[];
  copy?: boolean;
  check?: boolean;
  diff?: boolean;
  checkOrphans?: boolean;
  trustExec?: boolean;
  jobs?: string;
}

/** Renders tasks on a worker pool, or in this thread when there is little to do. */
async function renderAll(tasks: RenderTask[], jobs: number, onDone: () => void): Promise<RenderOutcome[]> {
  if (jobs <= 1 || tasks.length <= 1) {
    const { default: render } = await import("../worker.js");
    return tasks.map((t) => {
      const r = render(t);
      onDone();
      return r;
    });
  }
  const { Piscina } = await import("piscina");
  const pool = new Piscina({
    filename: new URL("../worker.js", import.meta.url).href,
    maxThreads: Math.min(jobs, tasks.length),
    minThreads: 1,
  });
  try {
    return await Promise.all(
      tasks.map(async (t) => {
        const r = (await pool.run(t)) as RenderOutcome;
        onDone();
        return r;
      }),
    );
  } finally {
    await pool.destroy();
  }
}

/** A progress bar on a TTY; nothing otherwise. */
async function progress(total: number): Promise<{ tick(): void; stop(): void }> {
  if (!process.stderr.isTTY || total < 2) return { tick() {}, stop() {} };
  const { SingleBar, Presets } = await import("cli-progress");
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: "rendering [{bar}] {value}/{total} documents",
      clearOnComplete: true,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

function listOutputs(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.isFile() && /\.md$/i.test(e.name)) out.push(relative(dir, full).split(sep).join("/"));
    }
  };
  if (existsSync(dir)) visit(dir);
  return out;
}

export async function buildCommand(srcArg: string, outArg: string, flags: BuildFlags): Promise<number> {
  const started = performance.now();
  const cwd = process.cwd();
  const { config } = loadConfig(cwd, flags.config);
  const src = resolve(cwd, srcArg);
  const out = resolve(cwd, outArg);
  if (!existsSync(src) || !statSync(src).isDirectory())
    throw new UsageError(`source folder not found: ${srcArg}`);
  if (src === out)
    throw new UsageError("the output folder is the source folder: outputs would overwrite their inputs");
  if (src.startsWith(`${out}${sep}`))
    throw new UsageError("the source folder is inside the output folder: outputs could overwrite inputs");
  const jobs = flags.jobs !== undefined ? Number(flags.jobs) : availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs needs a positive whole number, got '${flags.jobs}'`);
  const options = runtimeOptions(flags, config, cwd);
  const vars = await collectVars(flags, config, cwd);
  const outInsideSrc = out.startsWith(`${src}${sep}`) ? out : null;
  const tree = await walkTree(
    src,
    outInsideSrc,
    flags.include ?? config.include ?? [],
    flags.exclude ?? config.exclude ?? [],
  );

  const color = useColor();
  const tasks: RenderTask[] = tree.documents.map((rel) => ({
    path: join(src, rel),
    label: join(srcArg, rel),
    // Each document's root defaults to its own folder, as for `xmd FILE`; --root widens it.
    options,
    vars,
    color,
    stats: flags.stats === true,
  }));
  const bar = await progress(tasks.length);
  const outcomes = await renderAll(tasks, jobs, () => bar.tick());
  bar.stop();

  let failed = 0;
  let stale = 0;
  let written = 0;
  for (let i = 0; i < tasks.length; i++) {
    const rel = tree.documents[i] as string;
    const outcome = outcomes[i] as RenderOutcome;
    if (!outcome.ok) {
      failed++;
      process.stderr.write(`${outcome.error}\n`);
      continue;
    }
    if (outcome.stats) process.stderr.write(outcome.stats);
    const target = join(out, outputName(rel));
    const shownTarget = join(outArg, outputName(rel));
    if (flags.check) {
      const why = nondeterminismReason(outcome.nondeterminism, flags.trustExec === true);
      if (why !== null) {
        stale++;
        process.stderr.write(`${join(srcArg, rel)}: cannot check: the output is not deterministic: ${why}\n`);
        continue;
      }
      const state = await compareWithDisk(target, outcome.output, shownTarget, flags.diff ? null : 20);
      if (state.state === "missing") {
        stale++;
        process.stderr.write(`missing: ${shownTarget} (rendered from ${join(srcArg, rel)})\n`);
      } else if (state.state === "stale") {
        stale++;
        process.stderr.write(`stale: ${shownTarget} (rendered from ${join(srcArg, rel)})\n${state.diff}`);
      }
      continue;
    }
    writeAtomic(target, outcome.output);
    written++;
  }
  let orphans = 0;
  if (flags.check && flags.checkOrphans) {
    const expected = new Set(tree.documents.map(outputName));
    for (const rel of listOutputs(out)) {
      if (!expected.has(rel) && !(flags.copy && tree.others.includes(rel))) {
        orphans++;
        process.stderr.write(`orphan: ${join(outArg, rel)} has no source in ${srcArg}\n`);
      }
    }
  }
  if (!flags.check && flags.copy) {
    for (const rel of tree.others) {
      const target = join(out, rel);
      mkdirSync(resolve(target, ".."), { recursive: true });
      copyFileSync(join(src, rel), target);
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const n = tasks.length;
  if (flags.check) {
    const problems = stale + failed + orphans;
    process.stderr.write(
      problems === 0
        ? `checked ${n} document${n === 1 ? "" : "s"}: all outputs are up to date (${seconds}s)\n`
        : `checked ${n} document${n === 1 ? "" : "s"}: ${stale} stale or missing, ${failed} failed${flags.checkOrphans ? `, ${orphans} orphaned` : ""} (${seconds}s)\n`,
    );
    return problems === 0 ? EXIT.ok : EXIT.failed;
  }
  process.stderr.write(
    `built ${written} of ${n} document${n === 1 ? "" : "s"} into ${outArg}${failed ? `, ${failed} failed` : ""} (${seconds}s)\n`,
  );
  return failed > 0 ? EXIT.failed : EXIT.ok;
}
