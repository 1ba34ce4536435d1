/**
 * The self-contained HTML report: tables plus charts rendered to static SVG at build time
 * with vega-lite + vega (no script and no network needed to view it).
 * @module
 */
import type { BenchSection } from "../section.js";

/** A ratio chart: one bar per (group, engine), drawn from 1 on a log scale. */
export interface ChartSpec {
  title: string;
  values: { group: string; engine: string; value: number }[];
  unit: string;
}

/**
 * The vega-lite spec of a ratio chart: log scale, each bar starting at 1 (the reference),
 * so a 0.5 and a 2 are the same length on either side and one 400× outlier does not
 * squash every other bar. Ratios that are 0 or not finite cannot be drawn on a log scale
 * and are left out (the tables show them).
 */
export function ratioChartSpec(chart: ChartSpec): Record<string, unknown> {
  const values = chart.values.filter((v) => Number.isFinite(v.value) && v.value > 0);
  return {
    title: chart.title,
    data: { values },
    facet: { row: { field: "group", type: "nominal", title: null } },
    spec: {
      width: 420,
      height: { step: 14 },
      layer: [
        {
          mark: { type: "bar", tooltip: false },
          encoding: {
            y: { field: "engine", type: "nominal", sort: null, title: null },
            x: { field: "value", type: "quantitative", title: chart.unit, scale: { type: "log" } },
            x2: { datum: 1 },
            color: { field: "engine", type: "nominal", legend: null },
          },
        },
        {
          mark: { type: "rule", color: "#333" },
          encoding: { x: { datum: 1 } },
        },
        {
          mark: { type: "text", align: "left", dx: 3, fontSize: 9 },
          encoding: {
            y: { field: "engine", type: "nominal", sort: null },
            x: { field: "value", type: "quantitative" },
            text: { field: "value", type: "quantitative", format: ".2~f" },
          },
        },
      ],
    },
    config: { font: "sans-serif" },
  };
}

async function chartSvg(chart: ChartSpec): Promise<string> {
  const vega = await import("vega");
  const { compile } = await import("vega-lite");
  const spec = compile(ratioChartSpec(chart) as never).spec;
  const view = new vega.View(vega.parse(spec), { renderer: "none" });
  return await view.toSVG();
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Builds the report; `charts` are ratio charts computed by the caller. */
export async function buildHtml(
  title: string,
  meta: string,
  sections: BenchSection[],
  charts: ChartSpec[],
): Promise<string> {
  const svgs: string[] = [];
  for (const c of charts) svgs.push(await chartSvg(c));
  const tables = sections
    .map(
      (s) =>
        `<h2>${escapeHtml(s.title)}</h2>\n${s.tables
          .map(
            (t) =>
              `<h3>${escapeHtml(t.title)}</h3>\n<table>\n<thead><tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>\n<tbody>\n${t.rows
                .map(
                  (r) =>
                    `<tr>${r.map((v) => `<td class="${String(v) === "met" ? "met" : String(v) === "missed" ? "missed" : ""}">${escapeHtml(String(v))}</td>`).join("")}</tr>`,
                )
                .join(
                  "\n",
                )}\n</tbody></table>\n${(t.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("\n")}`,
          )
          .join("\n")}`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:3px 7px;text-align:right}
th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.met{background:#dfd}.missed{background:#fdd}
.note{color:#555;font-size:12px}.charts{display:flex;flex-wrap:wrap;gap:1rem}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(meta)}</p>
<div class="charts">${svgs.join("\n")}</div>
${tables}
</body></html>
`;
}
