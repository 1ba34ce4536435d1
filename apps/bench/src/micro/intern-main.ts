/**
 * Runs only the intern micro suite and prints its tables:
 * `node --expose-gc apps/bench/dist/micro/intern-main.js [--quick]`.
 * @module
 */
import type { BenchTable } from "../section.js";
import { internSuite } from "./intern.js";

function printTable(t: BenchTable): void {
  const lines = [
    `### ${t.title}`,
    "",
    `| ${t.columns.join(" | ")} |`,
    `|${t.columns.map(() => " --- ").join("|")}|`,
  ];
  for (const r of t.rows) lines.push(`| ${r.join(" | ")} |`);
  if (t.notes !== undefined && t.notes.length > 0) lines.push("", ...t.notes.map((n) => `- ${n}`));
  console.log(`${lines.join("\n")}\n`);
}

const quick = process.argv.includes("--quick");
const started = performance.now();
const section = await internSuite({ quick });
console.log(`## ${section.title}\n`);
for (const t of section.tables) printTable(t);
console.log(
  `(${quick ? "quick" : "full"} run, ${process.version}, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
);
if (process.argv.includes("--json")) console.log(JSON.stringify(section.data, null, 2));
