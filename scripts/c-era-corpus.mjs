#!/usr/bin/env node
/**
 * Renders a corpus of documents written for the C XMD (akaoio/xmd) with this project's
 * `xmd`, and, when given the C tool's binary, with it too, and sorts each document by
 * what happened. For the before/after counts of issue 16; the corpus is not part of the
 * repository (check out akaoio/xmd's branches into a folder and point this at it).
 *
 *   node scripts/c-era-corpus.mjs --corpus DIR [--reference C_XMD] [--xmd "node apps/cli/bin/xmd.js"]
 *        [--shell] [--allow a,b,c] [--json out.json]
 *
 * Every document is rendered in its own folder with `--root DIR`, commands allowed only
 * from `--allow` (both tools run with PATH holding only those programs, so the C tool, which
 * ran every command through sh, cannot run others either), ten seconds at most each.
 * Outcomes:
 * - `same`: the output equals the C tool's (after masking clock readings);
 * - `same-but-blank-lines`: equal once runs of blank lines are made one;
 * - `differs`: both rendered, differently;
 * - `error:CODE`: this `xmd` stopped with an error of that code;
 * - `c-failed`: the C tool crashed, hung or exited non-zero (this `xmd`'s outcome is kept apart);
 * - without `--reference`, `rendered` or `error:CODE` only.
 * Documents holding no XMD at all (no `xmd` comment or fence, no `{{`, no `@import(`) are
 * counted apart, as `plain`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    corpus: { type: "string" },
    reference: { type: "string" },
    xmd: { type: "string", default: `node ${resolve(import.meta.dirname, "../apps/cli/bin/xmd.js")}` },
    shell: { type: "boolean", default: false },
    allow: {
      type: "string",
      default:
        "date,echo,ls,wc,tr,hostname,uname,which,grep,cut,sort,head,stat,find,awk,sed,free,df,ps,uptime,uuidgen,md5sum,bc,top,netstat,cat",
    },
    json: { type: "string" },
  },
});
if (values.corpus === undefined) {
  console.error(
    "usage: c-era-corpus.mjs --corpus DIR [--reference C_XMD] [--xmd CMD] [--shell] [--json FILE]",
  );
  process.exit(2);
}
const corpus = resolve(values.corpus);
const allow = values.allow.split(",");

// A PATH of the allowed programs only.
const bin = mkdtempSync(join(tmpdir(), "xmd-corpus-bin-"));
for (const program of allow) {
  try {
    symlinkSync(execFileSync("/usr/bin/which", [program], { encoding: "utf8" }).trim(), join(bin, program));
  } catch {
    // Not on this machine: documents that run it fail the same way with both tools.
  }
}
const env = { ...process.env, PATH: bin, HOME: tmpdir(), NO_COLOR: "1" };

/** Documents under the corpus folder, relative, sorted. */
function documents(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.name === "node_modules" || e.name === ".git") continue;
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && /\.(md|xmd|xm)$/.test(e.name)) out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out;
}

/** Clock readings (dates, times, `uptime`'s load) masked, so runs seconds apart compare equal. */
function masked(text) {
  return text
    .replace(/\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?/g, "<date>")
    .replace(/\b\d{2}:\d{2}:\d{2}\b/g, "<time>")
    .replace(
      /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d\b/g,
      "<day>",
    );
}

function run(command, args, cwd) {
  const [exe, ...pre] = command.split(" ");
  const r = spawnSync(exe, [...pre, ...args], {
    cwd,
    env:
      exe === "node" || exe.endsWith("/node") ? { ...env, PATH: `${bin}:${dirname(process.execPath)}` } : env,
    encoding: "utf8",
    timeout: 10_000,
    maxBuffer: 64 << 20,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

const hasXmd = (text) => /<!--\s*xmd|```xmd|\{\{|@import\(/.test(text);
const results = [];
for (const rel of documents(corpus)) {
  const path = join(corpus, rel);
  const text = readFileSync(path, "utf8");
  const lang = rel.endsWith(".md") ? "md" : "xmd";
  if (lang === "md" && !hasXmd(text)) {
    results.push({ path: rel, outcome: "plain" });
    continue;
  }
  const flags = ["process", path, "--root", corpus, `--allow-exec=${allow.join(",")}`];
  if (values.shell) flags.push("--exec-shell");
  const ours = run(values.xmd, flags, dirname(path));
  const error = /error\[([a-z-]+)\]/.exec(ours.stderr)?.[1] ?? (ours.code === 0 ? null : "crash");
  const mine = error === null ? null : `error:${error}`;
  if (values.reference === undefined) {
    results.push({ path: rel, outcome: mine ?? "rendered" });
    continue;
  }
  const c = run(values.reference, ["process", path], dirname(path));
  if (c.code !== 0 || c.signal !== null) {
    results.push({ path: rel, outcome: "c-failed", ours: mine ?? "rendered" });
    continue;
  }
  if (mine !== null) {
    results.push({ path: rel, outcome: mine, first: ours.stderr.split("\n")[0] });
    continue;
  }
  const a = masked(ours.stdout);
  const b = masked(c.stdout);
  const squeeze = (s) =>
    s
      .replace(/\n{3,}/g, "\n\n")
      .replace(/[ \t]+\n/g, "\n")
      .trimEnd();
  results.push({
    path: rel,
    outcome: a === b ? "same" : squeeze(a) === squeeze(b) ? "same-but-blank-lines" : "differs",
  });
}
rmSync(bin, { recursive: true, force: true });

const counts = {};
for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
const total = results.length;
console.log(`${total} documents under ${corpus}`);
for (const [outcome, n] of Object.entries(counts).sort((x, y) => y[1] - x[1]))
  console.log(`${String(n).padStart(5)}  ${outcome}`);
if (values.json !== undefined) {
  mkdirSync(dirname(resolve(values.json)), { recursive: true });
  writeFileSync(values.json, `${JSON.stringify({ counts, results }, null, 2)}\n`);
}
