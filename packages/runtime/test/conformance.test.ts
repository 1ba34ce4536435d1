/**
 * The conformance corpus (the repository's `conformance/`, plus whatever the shared
 * corpus beside the checkout adds) run through the runtime in both memory modes, by
 * `render` and by `compile`, and on the byte path (`renderBytes`, `renderTo`). Each case is copied to a fresh temporary folder first,
 * because cases may write files.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { conformanceCases, REPOSITORY_CASE_COUNT } from "../../../conformance/cases.js";
import { createRuntime, formatError, type MemoryMode, XmdError } from "../src/index.js";
import { optionsFromArgs } from "./support/conformance-options.js";

/** Cases that wait for a later issue, by name. Empty: every case runs. */
const PENDING: Record<string, string> = {};

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const cases = conformanceCases();

describe.each(["pooled", "heap"] as MemoryMode[])("conformance (%s)", (memory) => {
  it("finds the repository's corpus", () => {
    expect(cases.filter((c) => c.corpus === "repository").length).toBe(REPOSITORY_CASE_COUNT);
  });
  for (const c of cases) {
    const pending = PENDING[`${c.corpus}/${c.folder}/${c.name}`];
    if (pending) continue;
    it(`${c.corpus === "shared" ? "shared: " : ""}${c.folder}/${c.input}`, () => {
      const work = mkdtempSync(join(tmpdir(), "xmd-conf-"));
      temps.push(work);
      cpSync(c.dir, work, { recursive: true });
      const runtime = createRuntime({ ...optionsFromArgs(c.args), memory, checked: true });
      const path = join(work, c.input);
      // Compiled once and rendered twice, a document must give what render gives.
      const compileAndRender = () => {
        const doc = runtime.compile(readFileSync(path, "utf8"), { path });
        try {
          const first = doc.render().output;
          expect(doc.render().output).toBe(first);
          return { output: first };
        } finally {
          doc.release();
        }
      };
      // The byte path: the document's bytes in, UTF-8 out, whole or streamed.
      const bytesOut = () => ({
        output: new TextDecoder().decode(runtime.renderBytes(readFileSync(path), { path }).output),
      });
      const streamed = () => {
        const parts: string[] = [];
        const decoder = new TextDecoder("utf-8", { fatal: true });
        runtime.renderTo(readFileSync(path), (bytes) => parts.push(decoder.decode(bytes)), { path });
        return { output: parts.join("") };
      };
      for (const renderIt of [() => runtime.renderFile(path), compileAndRender, bytesOut, streamed]) {
        if (c.expected !== undefined) {
          expect(renderIt().output).toBe(c.expected);
        } else {
          expect(c.expect?.exitNonzero).toBe(true);
          let error: unknown;
          try {
            renderIt();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(XmdError);
          const text = formatError(error as XmdError);
          for (const needle of c.expect?.stderrContains ?? []) expect(text).toContain(needle);
        }
      }
      runtime.dispose();
    });
  }
});
