/**
 * A fragmentation probe with churn, which W5 does not have: keep many parsed trees,
 * release every other one, parse a new generation into the gaps, release a quarter, then
 * read fragmentation as the W5 cell does — (old-space free + pool free) ÷ (old-space
 * size + pool bytes), pool bytes being the ArrayBuffer bytes freed by dropping everything.
 * Not part of `pnpm bench` (no target uses it); run it by hand, one mode per process:
 *
 * ```sh
 * node --expose-gc apps/bench/dist/probes/churn.js xmd-pooled 1000 2   # 1,000 trees of 2 KB
 * node --expose-gc apps/bench/dist/probes/churn.js xmd-heap 1000 2
 * ```
 * @module
 */
import type { ParsedDocument } from "@xmd/runtime";
import { makeEngine } from "../macro/engines.js";
import { settledHeap } from "../macro/heap.js";
import { w5LargeProgram } from "../macro/workloads.js";

const [engineArg = "xmd-pooled", docsArg = "1000", kbArg = "2"] = process.argv.slice(2);
if (engineArg !== "xmd-pooled" && engineArg !== "xmd-heap") throw new Error("engine: xmd-pooled or xmd-heap");
const docs = Number(docsArg);
const base = w5LargeProgram(Number(kbArg) * 1024);
const engine = await makeEngine(engineArg);
const runtime = engine.xmd?.runtime;
if (runtime === undefined) throw new Error("not an XMD engine");
const parse = (tag: string) => runtime.parse(`// doc ${tag}\n${base}`, { lang: "xmd" });

const kept: (ParsedDocument | null)[] = [];
for (let i = 0; i < docs; i++) kept.push(parse(`a${i}`));
for (let i = 0; i < docs; i += 2) {
  kept[i]?.release();
  kept[i] = parse(`b${i}`); // the new generation lands between the survivors
}
for (let i = 1; i < docs; i += 4) {
  kept[i]?.release();
  kept[i] = null;
}
const held = await settledHeap();
const live = kept.filter((d): d is ParsedDocument => d !== null);
const liveBytes = live.reduce((sum, d) => sum + d.nodeCount * (d.pools()[0]?.bytesPerSlot ?? 0), 0);
for (const d of live) d.release();
kept.length = 0;
live.length = 0;
engine.dispose();
const gone = await settledHeap();

const poolBytes = held.arrayBuffers - gone.arrayBuffers;
const oldFree = held.oldSpace.size - held.oldSpace.used;
const mib = (n: number) => `${(n / 1048576).toFixed(2)} MiB`;
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
process.stdout.write(
  `${engineArg}: ${docs - Math.ceil(docs / 4)} trees kept; old space ${mib(held.oldSpace.size)}, free ${mib(oldFree)} (${pct(oldFree / held.oldSpace.size)}); pools ${mib(poolBytes)}, live ${mib(liveBytes)}; free in all ${mib(oldFree + poolBytes - liveBytes)}, old space + pools fragmentation ${pct((oldFree + poolBytes - liveBytes) / (held.oldSpace.size + poolBytes))}\n`,
);
