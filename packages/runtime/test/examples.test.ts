/** The realistic documents in examples/, rendered in both memory modes against their .out.md. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createRuntime } from "../src/index.js";

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), "../examples");

function documents(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...documents(path));
    else if (/\.(md|xmd)$/.test(name) && !name.endsWith(".out.md") && existsOut(path)) out.push(path);
  }
  return out;
}
function existsOut(path: string): boolean {
  try {
    return statSync(path.replace(/\.(md|xmd)$/, ".out.md")).isFile();
  } catch {
    return false;
  }
}

const docs = documents(EXAMPLES);

describe.each(["pooled", "heap"] as const)("examples (%s)", (memory) => {
  it("has examples", () => expect(docs.length).toBeGreaterThanOrEqual(4));
  for (const path of docs) {
    it(path.slice(EXAMPLES.length + 1), () => {
      // NAME.options.json beside a document holds runtime options it needs (e.g. an exec allow-list).
      const optionsFile = path.replace(/\.(md|xmd)$/, ".options.json");
      const extra = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, "utf8")) : {};
      const runtime = createRuntime({ memory, checked: true, ...extra });
      const { output } = runtime.renderFile(path);
      expect(output).toBe(readFileSync(path.replace(/\.(md|xmd)$/, ".out.md"), "utf8"));
      // Rendering twice gives the same bytes.
      expect(runtime.renderFile(path).output).toBe(output);
    });
  }
});
