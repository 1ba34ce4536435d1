#!/usr/bin/env node
// Measures start-up in one run: `node -e ""`, `xmd --version`, and `xmd` rendering a
// one-line document, each spawned N times (default 20); prints medians.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/xmd.js", import.meta.url));
const runs = Number(process.argv[2] ?? 20);
const dir = mkdtempSync(join(tmpdir(), "xmd-startup-"));
writeFileSync(join(dir, "one.md"), "Hello {{ 6 * 7 }}\n");

function time(args) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const node = time(["-e", ""]);
const version = time([bin, "--version"]);
const render = time([bin, "one.md"]);
console.log(`| command | median of ${runs} | over node -e "" |`);
console.log("| --- | ---: | ---: |");
console.log(`| node -e "" | ${node.toFixed(1)} ms | — |`);
console.log(`| xmd --version | ${version.toFixed(1)} ms | +${(version - node).toFixed(1)} ms |`);
console.log(
  `| xmd one.md (one-line document) | ${render.toFixed(1)} ms | +${(render - node).toFixed(1)} ms |`,
);
