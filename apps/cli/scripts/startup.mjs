#!/usr/bin/env node
// Measures start-up in one run: `node -e ""`, `xmd --version`, and `xmd` rendering a
// one-line document. The three are interleaved (one of each, N rounds; default 25), so
// a change in machine load shifts all of them alike; prints medians and the load average.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/xmd.js", import.meta.url));
const runs = Number(process.argv[2] ?? 25);
const dir = mkdtempSync(join(tmpdir(), "xmd-startup-"));
writeFileSync(join(dir, "one.md"), "Hello {{ 6 * 7 }}\n");

const commands = [
  { label: 'node -e ""', args: ["-e", ""] },
  { label: "xmd --version", args: [bin, "--version"] },
  { label: "xmd one.md (one-line document)", args: [bin, "one.md"] },
];

function once(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const loadBefore = loadavg()[0];
const times = commands.map(() => []);
for (const c of commands) once(c.args); // warm the file cache; not counted
for (let i = 0; i < runs; i++) {
  commands.forEach((c, k) => {
    times[k].push(once(c.args));
  });
}
const loadAfter = loadavg()[0];
rmSync(dir, { recursive: true, force: true });

const node = median(times[0]);
console.log(`| command | median of ${runs} | over node -e "" |`);
console.log("| --- | ---: | ---: |");
commands.forEach((c, k) => {
  const m = median(times[k]);
  console.log(`| ${c.label} | ${m.toFixed(1)} ms | ${k === 0 ? "—" : `+${(m - node).toFixed(1)} ms`} |`);
});
console.log(
  `\nNode ${process.version}, ${cpus().length} CPUs, load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
);
