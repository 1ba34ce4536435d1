/** Bench sections as markdown tables. @module */
import type { BenchSection, BenchTable } from "../section.js";

export function tableToMarkdown(t: BenchTable): string {
  const cell = (v: string | number) => String(v).replace(/\|/g, "\\|");
  const lines = [
    `#### ${t.title}`,
    "",
    `| ${t.columns.map(cell).join(" | ")} |`,
    `| ${t.columns.map(() => "---").join(" | ")} |`,
  ];
  for (const row of t.rows) lines.push(`| ${row.map(cell).join(" | ")} |`);
  for (const note of t.notes ?? []) lines.push("", `_${note}_`);
  return `${lines.join("\n")}\n`;
}

export function sectionToMarkdown(s: BenchSection): string {
  return `### ${s.title}\n\n${s.tables.map(tableToMarkdown).join("\n")}`;
}
