/**
 * The shared conformance corpus (../shared/conformance beside the repository), run
 * through the runtime in both memory modes. Each case is copied to a fresh temporary
 * folder first, because cases may write files.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, formatError, type MemoryMode, type RuntimeOptions, XmdError } from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
export const CORPUS = resolve(here, "../../../../shared/conformance");
const FOLDERS = ["native", "markdown", "classic", "modules", "safety", "errors"];

/** Cases that wait for a later issue, by name. Empty: every case runs. */
const PENDING: Record<string, string> = {};

interface Case {
  folder: string;
  name: string;
  input: string;
  expected?: string;
  expect?: { exitNonzero: boolean; stderrContains: string[] };
  args: string[];
}

function loadCases(): Case[] {
  const cases: Case[] = [];
  for (const folder of FOLDERS) {
    const dir = join(CORPUS, folder);
    for (const file of readdirSync(dir).sort()) {
      const ext = extname(file);
      if (!(ext === ".md" || ext === ".xmd" || ext === ".xm") || file.endsWith(".out.md")) continue;
      const name = basename(file, ext);
      const base = join(dir, name);
      const c: Case = { folder, name, input: file, args: [] };
      if (existsSync(`${base}.out.md`)) c.expected = readFileSync(`${base}.out.md`, "utf8");
      if (existsSync(`${base}.expect`)) {
        const lines = readFileSync(`${base}.expect`, "utf8").split("\n");
        c.expect = {
          exitNonzero: lines.some((l) => l.trim() === "exit: nonzero"),
          stderrContains: lines
            .filter((l) => l.startsWith("stderr-contains:"))
            .map((l) => l.slice("stderr-contains:".length).trim()),
        };
      }
      if (existsSync(`${base}.args`))
        c.args = readFileSync(`${base}.args`, "utf8").trim().split(/\s+/).filter(Boolean);
      cases.push(c);
    }
  }
  return cases;
}

/** The few CLI flags the corpus uses, as runtime options. */
function optionsFromArgs(args: string[]): RuntimeOptions {
  const options: RuntimeOptions = {};
  for (const arg of args) {
    if (arg === "--allow-exec") options.exec = { allow: true };
    else if (arg.startsWith("--allow-exec="))
      options.exec = { allow: arg.slice("--allow-exec=".length).split(",") };
    else throw new Error(`conformance runner: unsupported argument ${arg}`);
  }
  return options;
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

const cases = loadCases();

describe.each(["pooled", "heap"] as MemoryMode[])("conformance (%s)", (memory) => {
  it("finds the corpus", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  for (const c of cases) {
    const pending = PENDING[`${c.folder}/${c.name}`];
    if (pending) continue;
    it(`${c.folder}/${c.input}`, () => {
      const work = mkdtempSync(join(tmpdir(), "xmd-conf-"));
      temps.push(work);
      cpSync(join(CORPUS, c.folder), work, { recursive: true });
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
      for (const renderIt of [() => runtime.renderFile(path), compileAndRender]) {
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
