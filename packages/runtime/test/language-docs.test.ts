/**
 * Every example in docs/language.md and docs/migrating-from-c.md, run through the runtime
 * in both memory modes.
 *
 * The format (described at the top of the document itself):
 * - an example is a fenced block whose info string starts with `xmd` (run as
 *   `example.xmd`) or `markdown` (run as `example.md`);
 * - it is followed, after blank lines and at most one short prose line, by a block
 *   whose info string is `text output` (the exact output) or `text error` (text that must
 *   appear in the formatted error, with the example's folder left out of paths);
 * - blocks whose info string has `file=NAME` are files written beside the next example;
 * - words after `xmd`/`markdown` set options as the `xmd` command's flags do:
 *   `allow-exec`, `allow-exec=a,b`, `exec-shell`, `max-iterations=N`, `max-depth=N`, `max-output=N`,
 *   `timeout=MS`, `strict`.
 * Every example renders with the clock fixed at {@link NOW}.
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, formatError, type MemoryMode, type RuntimeOptions, XmdError } from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
/** The documents, and how many examples each holds at least (so that extraction cannot silently find none). */
const DOCS = [
  { name: "docs/language.md", minExamples: 87 },
  { name: "docs/migrating-from-c.md", minExamples: 12 },
] as const;

/** The fixed clock of every example: `Date.now` is 2026-01-02T03:04:05Z. */
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);

const MODES: MemoryMode[] = ["pooled", "heap"];

/** A fenced code block of the document. */
interface Block {
  /** The whole info string, trimmed. */
  info: string;
  /** The lines between the fences, each ending with a newline. */
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** 1-based line of the closing fence (or the last line when it never closes). */
  endLine: number;
  /** The nearest heading above the block. */
  heading: string;
}

interface DocFile {
  name: string;
  text: string;
}

interface Example {
  name: string;
  line: number;
  lang: "xmd" | "md";
  source: string;
  files: DocFile[];
  options: RuntimeOptions;
  usesExec: boolean;
  expect: { kind: "output" | "error"; text: string };
}

/** The fenced blocks of a markdown text (CommonMark fences: ≥3 backticks or tildes, indented ≤3 spaces). */
function fencedBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let heading = "(top)";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (open === null) {
      const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (h !== null) heading = h[1] as string;
      continue;
    }
    const fence = open[1] as string;
    const info = (open[2] as string).trim();
    if (fence[0] === "`" && info.includes("`")) continue; // not a fence: an inline code span
    const closer = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !closer.test(lines[j] as string)) j++;
    const body = lines.slice(i + 1, j).map((l) => `${l}\n`);
    blocks.push({ info, body: body.join(""), line: i + 1, endLine: Math.min(j, lines.length) + 1, heading });
    i = j;
  }
  return blocks;
}

/** Runtime options from the words after `xmd`/`markdown` in an example's info string. */
function exampleOptions(
  words: readonly string[],
  where: string,
): { options: RuntimeOptions; usesExec: boolean } {
  const options: RuntimeOptions = { now: NOW };
  const limits: NonNullable<RuntimeOptions["limits"]> = {};
  let usesExec = false;
  for (const word of words) {
    const eq = word.indexOf("=");
    const key = eq === -1 ? word : word.slice(0, eq);
    const value = eq === -1 ? undefined : word.slice(eq + 1);
    const count = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${where}: ${key} needs a positive whole number`);
      return n;
    };
    switch (key) {
      case "allow-exec":
        options.exec = { ...options.exec, allow: value === undefined ? true : value.split(",") };
        usesExec = true;
        break;
      case "exec-shell":
        options.exec = { allow: options.exec?.allow ?? false, shell: true };
        break;
      case "max-iterations":
        limits.maxIterations = count();
        break;
      case "max-depth":
        limits.maxCallDepth = count();
        break;
      case "max-output":
        limits.maxOutputBytes = count();
        break;
      case "timeout":
        limits.timeoutMs = count();
        break;
      case "strict":
        options.strict = true;
        break;
      default:
        throw new Error(`${where}: unknown example option '${word}'`);
    }
  }
  if (Object.keys(limits).length > 0) options.limits = limits;
  return { options, usesExec };
}

/** A file name given by `file=NAME`: relative, inside the example's folder. */
function checkedFileName(name: string, where: string): string {
  const normal = normalize(name);
  if (name === "" || isAbsolute(name) || normal.startsWith("..") || normal.split(sep).includes("..")) {
    throw new Error(`${where}: file=${name} must be a path inside the example's folder`);
  }
  return name;
}

/** Reads the examples out of the document; mistakes in its format go to `problems`. */
function extractExamples(docName: string, text: string, problems: string[]): Example[] {
  const lines = text.split(/\r?\n/);
  const blocks = fencedBlocks(lines);
  const examples: Example[] = [];
  let files: DocFile[] = [];
  let filesLine = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as Block;
    const where = `${docName}:${block.line}`;
    const words = block.info.split(/\s+/).filter((w) => w !== "");
    const fileWord = words.find((w) => w.startsWith("file="));
    if (fileWord !== undefined) {
      try {
        files.push({ name: checkedFileName(fileWord.slice("file=".length), where), text: block.body });
      } catch (e) {
        problems.push((e as Error).message);
      }
      if (filesLine === 0) filesLine = block.line;
      continue;
    }
    const first = words[0];
    if (first !== "xmd" && first !== "markdown") {
      if (block.info === "text output" || block.info === "text error")
        problems.push(`${where}: a '${block.info}' block with no example before it`);
      continue;
    }
    const next = blocks[b + 1];
    const between = next === undefined ? [] : lines.slice(block.endLine, next.line - 1);
    const prose = between.filter((l) => l.trim() !== "");
    if (
      next === undefined ||
      (next.info !== "text output" && next.info !== "text error") ||
      prose.length > 1 ||
      prose.some((l) => l.length > 100)
    ) {
      problems.push(
        `${where}: an example must be followed by a 'text output' or 'text error' block (with at most one short line between)`,
      );
      continue;
    }
    let parsed: { options: RuntimeOptions; usesExec: boolean };
    try {
      parsed = exampleOptions(words.slice(1), where);
    } catch (e) {
      problems.push((e as Error).message);
      continue;
    }
    examples.push({
      name: `${block.heading} (line ${block.line})`,
      line: block.line,
      lang: first === "xmd" ? "xmd" : "md",
      source: block.body,
      files,
      options: parsed.options,
      usesExec: parsed.usesExec,
      expect: { kind: next.info === "text output" ? "output" : "error", text: next.body },
    });
    files = [];
    filesLine = 0;
    b++; // the expectation block is this example's
  }
  if (files.length > 0) problems.push(`${docName}:${filesLine}: files with no example after them`);
  return examples;
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** Writes an example and its files into a fresh folder; returns the folder and the document's path. */
function writeExample(example: Example): { folder: string; path: string } {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), "xmd-doc-")));
  temps.push(folder);
  for (const file of example.files) {
    const path = join(folder, file.name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.text);
  }
  const path = join(folder, example.lang === "xmd" ? "example.xmd" : "example.md");
  writeFileSync(path, example.source);
  return { folder, path };
}

for (const doc of DOCS) {
  const problems: string[] = [];
  const examples = extractExamples(
    doc.name,
    readFileSync(resolve(here, "../../..", doc.name), "utf8"),
    problems,
  );

  describe(doc.name, () => {
    it("follows the example format", () => {
      expect(problems).toEqual([]);
    });

    it(`has at least ${doc.minExamples} examples`, () => {
      expect(examples.length).toBeGreaterThanOrEqual(doc.minExamples);
    });

    for (const example of examples) {
      // Commands need a POSIX system (`echo`, and /bin/sh to start them).
      it.skipIf(example.usesExec && process.platform === "win32")(example.name, () => {
        for (const memory of MODES) {
          const { folder, path } = writeExample(example);
          const runtime = createRuntime({ ...example.options, memory, checked: true });
          try {
            let output: string | undefined;
            let error: unknown;
            try {
              output = runtime.renderFile(path).output;
            } catch (e) {
              error = e;
            }
            if (error !== undefined && !(error instanceof XmdError)) throw error;
            const shown =
              error instanceof XmdError ? formatError(error).replaceAll(`${folder}${sep}`, "") : undefined;
            if (example.expect.kind === "output") {
              expect(shown, `${memory}: the example failed`).toBeUndefined();
              expect(output, `${memory} output`).toBe(example.expect.text);
            } else {
              expect(shown, `${memory}: the example rendered without an error`).toBeDefined();
              expect(shown, `${memory} error`).toContain(example.expect.text.replace(/\n$/, ""));
            }
          } finally {
            runtime.dispose();
          }
        }
      });
    }
  });
}
