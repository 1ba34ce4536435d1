/**
 * `xmd build SRC OUT`: render a whole tree on several render threads, keeping its
 * structure. One bad document (or one output that cannot be written) is reported and the
 * rest still render; the exit code says whether any failed. With `--check`, nothing is
 * written: outputs on disk are compared with what would be written.
 * @module
 */
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { loadConfig } from "../config.js";
import { EXIT, UsageError, useColor } from "../errors.js";
import { requireCheckFor } from "../freshness/check-flags.js";
import { compareCopy, compareWithDisk } from "../freshness/compare.js";
import { nondeterminismReason } from "../freshness/nondeterminism.js";
import {
  checkModeOptions,
  collectVars,
  maxReadBytes,
  positiveInt,
  type RenderFlags,
  renderThreadLimits,
  runtimeOptions,
} from "../options.js";
import { InputFiles } from "../output/input-files.js";
import { inspectOutput, outputFolder } from "../output/output-folder.js";
import { listInWords, outputCollisions, outputName } from "../output/output-names.js";
import { isWithin, realPath } from "../output/real-path.js";
import { WriteError } from "../output/write-error.js";
import { writeIntoFolder } from "../output/write-output.js";
import { renderOnThreads } from "../render/pool.js";
import type { RenderTask } from "../render/task.js";
import { assignShards, parseShard, type ShardSpec } from "../shard.js";
import { writeStderr } from "../stdio.js";
import { fileFilter, relativeTo, type TreeFiles, walkTree } from "../walk.js";

/** Flags of `xmd build`. */
export interface BuildFlags extends RenderFlags {
  include?: string[];
  exclude?: string[];
  copy?: boolean;
  check?: boolean;
  diff?: boolean;
  checkOrphans?: boolean;
  trustExec?: boolean;
  jobs?: string;
  shard?: string;
}

/** SRC and OUT as real paths, after refusing every arrangement where an output could land on an input. */
function buildFolders(srcArg: string, outArg: string, cwd: string): { src: string; out: string } {
  const given = resolve(cwd, srcArg);
  if (!existsSync(given)) throw new UsageError(`source folder not found: ${srcArg}`);
  if (!statSync(given).isDirectory())
    throw new UsageError(
      `build renders a folder, and ${srcArg} is a file (to render one file: xmd ${srcArg} -o OUT)`,
    );
  const src = realPath(given);
  // Compared where OUT leads, links and all; then OUT itself may not be a link.
  const followed = realPath(resolve(cwd, outArg));
  if (followed === src)
    throw new UsageError("the output folder is the source folder: outputs would overwrite their inputs");
  if (isWithin(src, followed))
    throw new UsageError("the source folder is inside the output folder: outputs could overwrite inputs");
  return { src, out: outputFolder(outArg, cwd) };
}

/** A progress bar on a TTY; nothing otherwise. */
async function progress(total: number): Promise<{ tick(): void; stop(): void }> {
  if (!process.stderr.isTTY || total < 2) return { tick() {}, stop() {} };
  const { default: ProgressBar } = await import("progress");
  const bar = new ProgressBar("rendering [:bar] :current/:total documents", {
    total,
    width: 40,
    stream: process.stderr,
    clear: true,
  });
  return { tick: () => bar.tick(), stop: () => bar.terminate() };
}

/** Every file under OUT, relative, with / (links are not followed). */
function listFiles(dir: string): string[] {
  const found: string[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) visit(full);
      else if (e.isFile()) found.push(relativeTo(dir, full));
    }
  };
  if (existsSync(dir)) visit(dir);
  return found.sort();
}

/**
 * The part of the tree this shard renders. The units placed are outputs: the documents
 * that would write one output (a collision) stay together, so the shard that has them
 * reports the collision, and only that one.
 */
function shareOfTree(src: string, tree: TreeFiles, copy: boolean, spec: ShardSpec): TreeFiles {
  const units = new Map<string, number>();
  const add = (key: string, rel: string, special: boolean) => {
    // Devices and pipes are only reported, never read or sized.
    let size = 0;
    if (!special) {
      try {
        size = lstatSync(join(src, rel)).size;
      } catch {
        // Gone since the walk: it still has a shard, whose render reports it.
      }
    }
    units.set(key, (units.get(key) ?? 0) + size);
  };
  for (const rel of tree.documents) add(outputName(rel), rel, false);
  for (const f of tree.special)
    if (f.document || copy) add(f.document ? outputName(f.path) : f.path, f.path, true);
  if (copy) for (const rel of tree.others) add(rel, rel, false);
  const shards = assignShards(
    [...units].map(([key, size]) => ({ key, size })),
    spec.count,
  );
  const mine = (key: string) => shards.get(key) === spec.index - 1;
  return {
    documents: tree.documents.filter((rel) => mine(outputName(rel))),
    others: tree.others.filter((rel) => mine(rel)),
    special: tree.special.filter((f) => mine(f.document ? outputName(f.path) : f.path)),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Builds (or checks) the tree; resolves to the exit code. */
export async function buildCommand(srcArg: string, outArg: string, flags: BuildFlags): Promise<number> {
  const started = performance.now();
  const cwd = process.cwd();
  requireCheckFor(flags, "build");
  const shard = flags.shard === undefined ? null : parseShard(flags.shard);
  const { src, out } = buildFolders(srcArg, outArg, cwd);
  const jobs = positiveInt(flags.jobs, "--jobs") ?? availableParallelism();
  const loaded = loadConfig(cwd, flags.config);
  const base = runtimeOptions(flags, loaded, cwd);
  // Documents of a tree may import each other across its folders: the root is the tree.
  if (base.root === undefined) base.root = src;
  const options = flags.check ? checkModeOptions(base, flags.trustExec === true) : base;
  const vars = await collectVars(flags, loaded.config, cwd);
  const accepts = await fileFilter(
    flags.include ?? loaded.config.include ?? [],
    flags.exclude ?? loaded.config.exclude ?? [],
  );
  const whole = walkTree(src, isWithin(out, src) ? out : null, accepts);
  const tree = shard === null ? whole : shareOfTree(src, whole, flags.copy === true, shard);
  const copies = flags.copy ? tree.others : [];
  const special = tree.special.filter((f) => f.document || flags.copy);
  const inputs = new InputFiles();
  // Every input of the tree, not only this shard's: no output may land on any of them.
  for (const rel of [...whole.documents, ...(flags.copy ? whole.others : [])]) inputs.add(join(src, rel));
  const sourceLabel = (rel: string) => join(srcArg, rel);
  const outputLabel = (rel: string) => join(outArg, rel);

  let failed = 0;
  for (const file of special) {
    failed++;
    writeStderr(`xmd: cannot read ${sourceLabel(file.path)}: it is ${file.kind}, not a regular file\n`);
  }
  const colliding = new Set<string>();
  for (const [name, sources] of outputCollisions(tree.documents)) {
    failed += sources.length;
    for (const s of sources) colliding.add(s);
    writeStderr(
      `xmd: ${listInWords(sources.map(sourceLabel))} would all be written to ${outputLabel(name)}: none of them is (rename all but one, or --exclude them)\n`,
    );
  }
  const documents = tree.documents.filter((rel) => !colliding.has(rel));
  const color = useColor();
  const tasks: RenderTask[] = documents.map((rel) => ({
    kind: "render",
    document: { path: join(src, rel) },
    label: sourceLabel(rel),
    options,
    vars,
    cwd,
    color,
    debug: flags.debug === true,
    stats: flags.stats === true,
  }));
  const bar = await progress(tasks.length);
  const outcomes = await renderOnThreads(tasks, jobs, renderThreadLimits(options), () => bar.tick());
  bar.stop();
  const maxBytes = maxReadBytes(options);

  let stale = 0;
  let unchecked = 0;
  let written = 0;
  for (let i = 0; i < tasks.length; i++) {
    const rel = documents[i] as string;
    const outcome = outcomes[i]!;
    if (!outcome.ok) {
      failed++;
      // Formatted in the render thread, control characters already escaped (colours kept).
      process.stderr.write(`${outcome.error}\n`);
      continue;
    }
    if (outcome.stats) writeStderr(outcome.stats);
    const name = outputName(rel);
    if (flags.check) {
      const why = nondeterminismReason(outcome.nondeterminism, flags.trustExec === true);
      if (why !== null) {
        unchecked++;
        writeStderr(`${sourceLabel(rel)}: cannot check: the output is not deterministic: ${why}\n`);
        continue;
      }
      const state = await compareWithDisk(
        inspectOutput(out, name, outArg),
        outcome.output,
        outputLabel(name),
        flags.diff ? null : 20,
        maxBytes,
      );
      if (state.state === "refused") {
        failed++;
        writeStderr(`xmd: cannot check ${outputLabel(name)}: ${state.reason}\n`);
        continue;
      }
      if (state.state !== "fresh") stale++;
      if (state.state === "missing")
        writeStderr(`missing: ${outputLabel(name)} (rendered from ${sourceLabel(rel)})\n`);
      else if (state.state === "stale")
        writeStderr(`stale: ${outputLabel(name)} (rendered from ${sourceLabel(rel)})\n${state.diff}`);
      continue;
    }
    try {
      writeIntoFolder(out, name, outcome.output, outputLabel(name), outArg, inputs);
      written++;
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      failed++;
      writeStderr(`xmd: ${e.message}\n`);
    }
  }

  let copied = 0;
  for (const rel of copies) {
    if (flags.check) {
      const state = compareCopy(join(src, rel), inspectOutput(out, rel, outArg));
      if (state.state === "refused") {
        failed++;
        writeStderr(`xmd: cannot check ${outputLabel(rel)}: ${state.reason}\n`);
      } else if (state.state !== "fresh") {
        stale++;
        writeStderr(`${state.state}: ${outputLabel(rel)} (copied from ${sourceLabel(rel)})\n`);
      }
      continue;
    }
    try {
      writeIntoFolder(out, rel, { copyOf: join(src, rel) }, outputLabel(rel), outArg, inputs);
      copied++;
    } catch (e) {
      if (!(e instanceof WriteError)) throw e;
      failed++;
      writeStderr(`xmd: ${e.message}\n`);
    }
  }

  let orphans = 0;
  // With --shard, the first shard alone looks for orphans (against the whole tree), so
  // each is reported once.
  if (flags.check && flags.checkOrphans && (shard === null || shard.index === 1)) {
    const expected = new Set([...whole.documents.map(outputName), ...(flags.copy ? whole.others : [])]);
    for (const rel of listFiles(out)) {
      // Without --copy, only documents' outputs are expected: other files are not orphans.
      if (expected.has(rel) || (!flags.copy && !/\.md$/i.test(rel))) continue;
      orphans++;
      writeStderr(`orphan: ${outputLabel(rel)} has no source in ${srcArg}\n`);
    }
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const n = tree.documents.length + special.filter((f) => f.document).length;
  const ofAll = whole.documents.length + whole.special.filter((f) => f.document).length;
  const inShard =
    shard === null ? "" : ` (shard ${shard.index}/${shard.count} of ${plural(ofAll, "document")})`;
  if (flags.check) {
    const what = `${plural(n, "document")}${copies.length > 0 ? ` and ${plural(copies.length, "copied file")}` : ""}${inShard}`;
    const problems = stale + unchecked + failed + orphans;
    const details = [
      `${stale} stale or missing`,
      ...(unchecked > 0 ? [`${unchecked} not deterministic`] : []),
      `${failed} failed`,
      ...(flags.checkOrphans ? [`${orphans} orphaned`] : []),
    ];
    writeStderr(
      problems === 0
        ? `checked ${what}: all outputs are up to date (${seconds}s)\n`
        : `checked ${what}: ${details.join(", ")} (${seconds}s)\n`,
    );
    return problems === 0 ? EXIT.ok : EXIT.failed;
  }
  writeStderr(
    `built ${written} of ${plural(n, "document")} into ${outArg}${copies.length > 0 ? `, copied ${copied} of ${plural(copies.length, "file")}` : ""}${failed ? `, ${failed} failed` : ""}${inShard} (${seconds}s)\n`,
  );
  return failed > 0 ? EXIT.failed : EXIT.ok;
}
