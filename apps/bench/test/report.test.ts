import { describe, expect, it } from "vitest";
import { charts } from "../src/report/charts.js";
import { buildHtml, ratioChartSpec } from "../src/report/html.js";
import { tableToMarkdown } from "../src/report/markdown.js";
import { cell, passingRun } from "./synthetic.js";

const section = {
  id: "t",
  title: "Test <section>",
  tables: [
    {
      title: "Seed targets",
      columns: ["target", "result"],
      rows: [
        ["a|b", "met"],
        ["c", "missed"],
      ],
      notes: ["a note"],
    },
  ],
  data: {},
};

describe("report", () => {
  it("writes markdown tables with escaped pipes", () => {
    expect(tableToMarkdown(section.tables[0] as never)).toBe(
      "#### Seed targets\n\n| target | result |\n| --- | --- |\n| a\\|b | met |\n| c | missed |\n\n_a note_\n",
    );
  });

  it("builds a self-contained HTML page with charts as inline SVG", async () => {
    const html = await buildHtml(
      "Report",
      "meta",
      [section],
      [
        {
          title: "Ratio",
          unit: "×",
          values: [
            { group: "W1", engine: "xmd", value: 2 },
            { group: "W1", engine: "eta", value: 1 },
          ],
        },
      ],
    );
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<svg");
    expect(html).toContain("Test &lt;section&gt;");
    expect(html).toContain('<td class="met">met</td>');
    expect(html).not.toMatch(/<script/);
    // No URL at all, except the SVG namespaces (which are names, never fetched).
    const urls = html.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
    expect(urls.filter((u) => !/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/.test(u))).toEqual([]);
  });

  it("charts ratios to the baseline, XMD to each peer, and pooled to heap", () => {
    const run = passingRun().map((c) =>
      c.workload === "W2" && c.engine === "liquidjs" ? cell("W2", "liquidjs", { ms_median: 478 }) : c,
    );
    const [vsBaseline, vsPeers, pooledVsHeap] = charts(run);
    expect(vsBaseline?.values.find((v) => v.group === "W2" && v.engine === "liquidjs")?.value).toBe(478);
    expect(vsPeers?.title).toMatch(/XMD pooled .* ÷ peer/);
    expect(vsPeers?.values.filter((v) => v.group === "W1").map((v) => v.engine)).toEqual([
      "liquidjs",
      "nunjucks",
      "handlebars",
      "eta",
      "mustache",
    ]);
    expect(vsPeers?.values.find((v) => v.group === "W2" && v.engine === "liquidjs")?.value).toBeCloseTo(
      2 / 478,
    );
    expect(pooledVsHeap?.values.some((v) => v.group === "W5" && v.engine === "heap retained")).toBe(true);
  });

  it("draws ratio charts on a log scale, bars from 1", async () => {
    const spec = JSON.stringify(
      ratioChartSpec({ title: "t", unit: "u", values: [{ group: "W1", engine: "a", value: 0 }] }),
    );
    expect(spec).toContain('"scale":{"type":"log"}');
    expect(spec).toContain('"x2":{"datum":1}');
    expect(spec).not.toContain('"value":0'); // a 0 cannot sit on a log axis
    const html = await buildHtml("R", "m", [], charts(passingRun()));
    expect(html.match(/<svg/g)).toHaveLength(3);
    expect(html).toContain("XMD pooled render time ÷ peer");
  });
});
