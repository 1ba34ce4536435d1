/**
 * `xmd check --compat`: what in a document written for the C tool (akaoio/xmd) behaves
 * differently here, found by reading its text (nothing runs). The check itself reports
 * what does not parse and names never set; this adds what parses and runs, but not as the
 * C tool ran it: commands (off by default, and the C tool gave every command to `sh`),
 * imports from outside the document's folder (the root rule), `@import(` that does not
 * close on its line, and parts whose final line break the C tool doubled.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { scanShellLine } from "@xmd/runtime";

/** One construct that behaves differently, at a 1-based line and column. */
export interface CompatFinding {
  line: number;
  column: number;
  /** What happens here that did not happen with the C tool. */
  message: string;
  /** What to change (a flag, or the text). */
  help: string;
}

const EXEC_DIRECTIVE = /<!--\s*xmd:?\s*exec\s+([\s\S]*?)\s*-->/g;
const EXEC_CALL = /\b(exec|cmd)\(\s*(["'])((?:\\.|(?!\2).)*)\2\s*\)/g;
const IMPORT_DIRECTIVE = /<!--\s*xmd:?\s*import\s+["']?([^"'\s>]+)["']?\s*-->/g;
const AT_IMPORT = /(^|[ \t])@import\(([^)\n]*)(\)?)/g;
/** `<!-- xmd set x = import f -->`: native code (no colon) taking an import as a value. */
const NATIVE_IMPORT_VALUE = /<!--\s*xmd\s+set\s+[\p{L}_$][\p{L}\p{N}_$]*\s*=?\s*import\b/gu;
/** XMD in text: a directive comment, `{{ }}`, or `@import(`. */
const XMD_CONSTRUCT = /<!--\s*xmd|\{\{|(^|[ \t])@import\(/g;
const XMD_IN_TEXT = /<!--\s*xmd|\{\{|@import\(/;

/**
 * The findings in a document's text. `path` is its absolute path (parts are read beside
 * it); `root`, the root it renders under (by default its folder).
 */
export function compatFindings(text: string, path: string | null, root?: string): CompatFinding[] {
  const findings: CompatFinding[] = [];
  const lines = text.split("\n");
  let fence: string | null = null;
  const folder = path === null ? process.cwd() : dirname(path);
  const top = root ?? folder;
  // A code block (not an xmd fence) that holds XMD: where it opened, and how many it holds.
  let fenceLine = 0;
  let inFence = 0;
  const codeBlockHolds = () => {
    if (inFence === 0) return;
    findings.push({
      line: fenceLine + 1,
      column: 1,
      message: `this code block holds ${inFence === 1 ? "an XMD directive or {{ }}" : `${inFence} XMD directives or {{ }}`} that the C tool ran; XMD shows code as written`,
      help: "to run it, move it out of the code block (or into a ```xmd fence); as an example it is right as it is",
    });
  };
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    const open = /^ {0,3}(`{3,}|~{3,})\s*(\S*)/.exec(line);
    if (fence !== null) {
      if (open?.[1]?.startsWith(fence) && open[2] === "") {
        fence = null;
        codeBlockHolds();
      } else inFence += (line.match(XMD_CONSTRUCT) ?? []).length;
      continue;
    }
    if (open !== null && open[2] !== "xmd") {
      fence = open[1] as string;
      fenceLine = i;
      inFence = 0;
      continue;
    }
    const at = (index: number, message: string, help: string) =>
      findings.push({ line: i + 1, column: index + 1, message, help });
    // Inline code is shown as written here; the C tool ran what it held. Blanked out below,
    // so that a command shown in inline code is not also reported as one that runs.
    for (const [start, end] of codeSpans(line)) {
      if (!XMD_IN_TEXT.test(line.slice(start, end))) continue;
      at(
        start,
        "this inline code holds XMD that the C tool ran; XMD shows code as written",
        "to run it, take it out of the backquotes; as an example it is right as it is",
      );
      line = line.slice(0, start) + " ".repeat(end - start) + line.slice(end);
    }
    const command = (index: number, cmd: string) => {
      // Read as the runtime reads it in shell mode: the same scan decides what runs.
      const scan = scanShellLine(cmd);
      const programs = [...new Set(scan.commands.map((words) => words[0] as string))];
      if (scan.syntax === null) {
        const program = programs[0] ?? cmd.trim();
        at(
          index,
          `'${program}' runs only when allowed: commands are off by default`,
          `run with --allow-exec=${program} (or set "allowExec" in xmd.config.json)`,
        );
      } else if (scan.unsafe !== null) {
        at(
          index,
          `the C tool gave '${cmd.trim()}' to sh; XMD refuses it even with --exec-shell: ${scan.unsafe}`,
          "run it from a script the allow-list names, or compute the value in XMD",
        );
      } else {
        at(
          index,
          `the C tool gave '${cmd.trim()}' to sh; XMD runs a program without a shell unless told (here '${scan.syntax}' would be refused)`,
          `run with --exec-shell --allow-exec=${programs.join(",")}`,
        );
      }
    };
    for (const m of line.matchAll(EXEC_DIRECTIVE)) command(m.index as number, m[1] as string);
    for (const m of line.matchAll(EXEC_CALL)) command(m.index as number, m[3] as string);
    const aloneOnLine = /^\s*(<!--[^>]*-->|@import\([^)]*\))\s*$/.test(line);
    const part = (index: number, target: string, atImport: boolean) => {
      const p = target.trim();
      if (p === "") return;
      const file = resolve(folder, p);
      // `@import(path)` is also looked for from the root; other imports only beside the document.
      const fromRoot = resolve(top, p);
      const fromHere = resolve(process.cwd(), p);
      if (
        !existsSync(file) &&
        !(atImport && existsSync(fromRoot)) &&
        fromHere !== file &&
        existsSync(fromHere)
      ) {
        at(
          index,
          `'${p}' is no file beside this document${atImport ? " or under the root" : ""}: the C tool read the path from the folder it ran in`,
          `write it relative to this document (${relative(folder, fromHere)})${atImport ? ", or render with --root naming the folder the C tool ran in" : ""}`,
        );
        return;
      }
      const within = relative(top, file);
      if (within.startsWith("..") || isAbsolute(within)) {
        at(
          index,
          `'${p}' is outside the root (${root === undefined ? "the document's folder, by default" : root}): the C tool imported it, XMD refuses it`,
          "run with --root naming a folder that holds both the document and the part",
        );
      }
      if (existsSync(file) && /\.(md|xmd|xm)$/i.test(p)) {
        let body = "";
        try {
          body = readFileSync(file, "utf8");
        } catch {
          return;
        }
        if (body.endsWith("\n") && aloneOnLine) {
          at(
            index,
            `'${p}' ends with a line break: the C tool wrote one more blank line after it; XMD does not`,
            "nothing to change unless the extra blank line mattered (add it after the directive)",
          );
        }
      }
    };
    for (const m of line.matchAll(IMPORT_DIRECTIVE)) part(m.index as number, m[1] as string, false);
    for (const m of line.matchAll(NATIVE_IMPORT_VALUE)) {
      at(
        m.index as number,
        "without the colon this comment is native code, where `import` as a value gives a module's exports (`{}` for a markdown part), not the part's text as the C tool's did",
        "write it with the colon, as a classic directive: <!-- xmd:set NAME = import FILE -->",
      );
    }
    for (const m of line.matchAll(AT_IMPORT)) {
      const index = (m.index as number) + (m[1] as string).length;
      if (m[3] !== ")") {
        at(
          index,
          "this @import( does not close on its line: the C tool read up to the next ')', XMD leaves it as text",
          "write @import(path) on one line",
        );
        continue;
      }
      part(index, (m[2] as string).replace(/^["']|["']$/g, ""), true);
    }
  }
  if (fence !== null) codeBlockHolds();
  return findings.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * The inline code spans of a line, as [start, end) pairs: a run of backquotes opens one,
 * the next run of the same length closes it, and a run that no later run matches is text
 * (CommonMark's rule). One pass over the line and one over its runs, so that a line of
 * many unmatched backquotes costs time linear in its length (a pattern that looked for the
 * closing run from every opening one took time quadratic in it).
 */
export function codeSpans(line: string): [number, number][] {
  const starts: number[] = [];
  const lengths: number[] = [];
  for (let i = 0; i < line.length; ) {
    if (line.charCodeAt(i) !== 96) {
      i++;
      continue;
    }
    const start = i;
    while (i < line.length && line.charCodeAt(i) === 96) i++;
    starts.push(start);
    lengths.push(i - start);
  }
  // The runs of each length, in order, and how far each list has been passed.
  const byLength = new Map<number, { runs: number[]; next: number }>();
  for (let r = 0; r < starts.length; r++) {
    const length = lengths[r] as number;
    const list = byLength.get(length);
    if (list === undefined) byLength.set(length, { runs: [r], next: 0 });
    else list.runs.push(r);
  }
  const spans: [number, number][] = [];
  for (let r = 0; r < starts.length; ) {
    const length = lengths[r] as number;
    const list = byLength.get(length) as { runs: number[]; next: number };
    while (list.next < list.runs.length && (list.runs[list.next] as number) <= r) list.next++;
    if (list.next === list.runs.length) {
      r++;
      continue;
    }
    const close = list.runs[list.next] as number;
    spans.push([starts[r] as number, (starts[close] as number) + length]);
    r = close + 1;
  }
  return spans;
}
