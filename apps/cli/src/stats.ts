/**
 * `--stats`: what a render allocated and where it came from, printed to stderr.
 * @module
 */
import type { RunStats } from "@xmd/runtime";

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** A readable summary of one render's statistics. */
export function formatStats(file: string, stats: RunStats): string {
  const a = stats.allocations;
  const lines = [
    `stats for ${file} (memory: ${stats.memory})`,
    `  time: parse ${stats.parseMs.toFixed(2)} ms, run ${stats.runMs.toFixed(2)} ms; output ${stats.outputBytes} bytes`,
    "  allocation requests      requested     pooled",
  ];
  for (const kind of ["node", "variable", "temporary", "string", "other"] as const) {
    lines.push(
      `    ${kind.padEnd(22)}${String(a.requested[kind]).padStart(9)}${String(a.pooled[kind]).padStart(11)}`,
    );
  }
  lines.push(`  served by pools: ${pct(a.poolShare)}`);
  for (const p of stats.pools) {
    lines.push(
      `  pool ${p.name}: acquires ${p.acquires}, releases ${p.releases}, live ${p.live}, high-water ${p.highWater}, capacity ${p.capacity}, pages ${p.pages}, reuse ${pct(p.reuseRatio)}, occupancy ${pct(p.occupancy)}`,
    );
  }
  if (stats.intern) {
    lines.push(
      `  intern: ${stats.intern.distinct} distinct, ${stats.intern.lookups} lookups, ${stats.intern.hits} hits, ~${stats.intern.bytesSaved} bytes saved`,
    );
  }
  if (stats.stack)
    lines.push(
      `  value stack: high-water ${stats.stack.highWater} slots, ${stats.stack.frames} frames, ${stats.stack.growths} growths`,
    );
  return `${lines.join("\n")}\n`;
}
