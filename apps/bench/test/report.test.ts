import { describe, expect, it } from "vitest";
import { buildHtml } from "../src/report/html.js";
import { tableToMarkdown } from "../src/report/markdown.js";

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
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org|vega\.github\.io)/);
  });
});
