/**
 * What the server answers, computed from a document's text: diagnostics from the runtime's
 * `check()`, and hover, completion, definition and symbols from its `outline()` and
 * `builtins()`. No LSP connection here: each function takes a document and returns LSP
 * types, so it can be used (and tested) on its own.
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve as resolvePath } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  type BuiltinDoc,
  builtins,
  IMPORT_EXTENSIONS,
  type Outline,
  outline,
  type Runtime,
  type XmdError,
  type XmdSymbol,
} from "@xmd/runtime";
import {
  type CompletionItem,
  CompletionItemKind,
  type Diagnostic,
  DiagnosticSeverity,
  type DocumentSymbol,
  type Hover,
  type Location,
  MarkupKind,
  type Position,
  type Range,
  SymbolKind,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";

/** The dialect of a document: `.xmd`/`.xm` (or the `xmd` language id) is native, anything else markdown. */
export function langOfDocument(doc: TextDocument): "md" | "xmd" {
  const ext = extname(doc.uri.split(/[?#]/, 1)[0] ?? "").toLowerCase();
  if (ext === ".xmd" || ext === ".xm") return "xmd";
  if (ext === ".md" || ext === ".markdown") return "md";
  return doc.languageId === "xmd" ? "xmd" : "md";
}

/** The file path of a `file:` document, or undefined (an unsaved buffer). */
export function pathOfDocument(doc: TextDocument): string | undefined {
  if (!doc.uri.startsWith("file:")) return undefined;
  try {
    return fileURLToPath(doc.uri);
  } catch {
    return undefined;
  }
}

/** The outline of a document, kept while its version stays the same. */
const outlines = new WeakMap<TextDocument, { version: number; outline: Outline }>();
export function outlineOf(doc: TextDocument): Outline {
  const kept = outlines.get(doc);
  if (kept !== undefined && kept.version === doc.version) return kept.outline;
  const path = pathOfDocument(doc);
  const o = outline(doc.getText(), { lang: langOfDocument(doc), ...(path !== undefined ? { path } : {}) });
  outlines.set(doc, { version: doc.version, outline: o });
  return o;
}

// ── diagnostics ────────────────────────────────────────────────────────────────

/** How many columns the carets of an error's code frame cover (at least 1). */
export function frameSpan(frame: string): number {
  const carets = /^\s*\|\s*(\^+)/m.exec(frame.split("\n").find((l) => /^\s*\|\s*\^/.test(l)) ?? "");
  return Math.max(1, carets?.[1]?.length ?? 1);
}

/** The LSP severity of an error: a `severity` of `warning` (undefined names, when `check()` reports them so) or an error. */
function severityOf(error: XmdError): DiagnosticSeverity {
  return error.severity === "warning" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
}

/**
 * Every problem `check()` finds in the document, at the range its code frame marks. An
 * error inside an imported file is shown on the import that leads to it.
 */
export function diagnose(runtime: Runtime, doc: TextDocument): Diagnostic[] {
  const path = pathOfDocument(doc);
  const errors = runtime.check(doc.getText(), {
    lang: langOfDocument(doc),
    ...(path !== undefined ? { path } : {}),
  });
  return errors.map((error) => {
    const outer = error.importedFrom.at(-1);
    const line = (outer?.line ?? error.line) - 1;
    const column = (outer?.column ?? error.column) - 1;
    const width = outer === undefined ? frameSpan(error.frame) : 1;
    const start = doc.positionAt(doc.offsetAt({ line: Math.max(0, line), character: Math.max(0, column) }));
    // The carets' width, not past the end of the line (where the frame's carets stop too).
    const lineStart = doc.offsetAt({ line: start.line, character: 0 });
    const lineText = doc
      .getText({ start: { line: start.line, character: 0 }, end: { line: start.line + 1, character: 0 } })
      .replace(/\r?\n$|\r$/, "");
    const from = doc.offsetAt(start);
    const end = doc.positionAt(Math.max(from, Math.min(from + width, lineStart + lineText.length)));
    const message =
      outer === undefined ? error.message : `${error.file}:${error.line}:${error.column}: ${error.message}`;
    const diagnostic: Diagnostic = {
      range: { start, end },
      severity: severityOf(error),
      code: error.code,
      source: "xmd",
      message: error.hint !== undefined ? `${message}\nhelp: ${error.hint}` : message,
    };
    return diagnostic;
  });
}

// ── words and places ───────────────────────────────────────────────────────────

const WORD = /[A-Za-z_$][\w$]*/y;
const isWordChar = (c: string | undefined) => c !== undefined && /[\w$]/.test(c);

/** The name at an offset (the cursor on it or just after it), with its range; null when there is none. */
export function wordAt(text: string, offset: number): { word: string; start: number; end: number } | null {
  let start = offset;
  while (start > 0 && isWordChar(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && isWordChar(text[end])) end++;
  if (start === end) return null;
  WORD.lastIndex = start;
  const m = WORD.exec(text);
  if (m === null || m.index !== start || start + m[0].length !== end) return null;
  return { word: m[0], start, end };
}

/**
 * What a `.` at `dot` is called on: the name before it (`File` in `File.read`), `""` for
 * another expression (`"abc".upper`, `list[0].x`, `f(x).y`), or null when there is no
 * member access there (no dot, a range's `..`, a number's decimal point).
 */
function receiverBefore(text: string, dot: number): string | null {
  if (text[dot] !== ".") return null;
  const before = text[dot - 1];
  if (before === undefined || before === "." || /\s/.test(before)) return null;
  let start = dot;
  while (start > 0 && isWordChar(text[start - 1])) start--;
  if (start === dot) return /["'`)\]}]/.test(before) ? "" : null;
  const name = text.slice(start, dot);
  return /^\d/.test(name) ? (/^\d+$/.test(name) && text[start - 1] !== "." ? "" : null) : name;
}

/** Whether an offset is in XMD code: everywhere in a native file, in a code piece or `{{ }}` in markdown. */
export function inCode(o: Outline, offset: number): boolean {
  return o.code.some((c) => c.start <= offset && offset <= c.end);
}

/** Every declaration of the outline, nested ones included. */
export function allSymbols(o: Outline): XmdSymbol[] {
  const out: XmdSymbol[] = [];
  const add = (list: readonly XmdSymbol[]) => {
    for (const s of list) {
      out.push(s);
      add(s.children);
    }
  };
  add(o.symbols);
  out.push(...o.locals);
  return out;
}

/** The declaration a name at `offset` means: the one in the innermost scope around it (methods are reached through `self`, not by name). */
export function declarationOf(o: Outline, name: string, offset: number): XmdSymbol | null {
  let best: XmdSymbol | null = null;
  for (const s of allSymbols(o)) {
    if (s.name !== name || s.kind === "method" || offset < s.scopeStart || offset > s.scopeEnd) continue;
    const width = s.scopeEnd - s.scopeStart;
    const bestWidth = best === null ? Number.POSITIVE_INFINITY : best.scopeEnd - best.scopeStart;
    if (width < bestWidth || (width === bestWidth && best !== null && s.nameStart < best.nameStart)) best = s;
  }
  return best;
}

/** Declarations visible at `offset`, one per name (the innermost, as {@link declarationOf} picks). */
function visibleAt(o: Outline, offset: number): XmdSymbol[] {
  const best = new Map<string, XmdSymbol>();
  for (const s of allSymbols(o)) {
    if (s.kind === "method" || offset < s.scopeStart || offset > s.scopeEnd) continue;
    const found = best.get(s.name);
    const width = s.scopeEnd - s.scopeStart;
    const foundWidth = found === undefined ? Number.POSITIVE_INFINITY : found.scopeEnd - found.scopeStart;
    if (width < foundWidth || (width === foundWidth && found !== undefined && s.nameStart < found.nameStart))
      best.set(s.name, s);
  }
  return [...best.values()];
}

/** The class whose member span holds `offset` (for `self.NAME`). */
function enclosingClass(o: Outline, offset: number): XmdSymbol | null {
  return allSymbols(o).find((s) => s.kind === "class" && s.start <= offset && offset <= s.end) ?? null;
}

const range = (doc: TextDocument, start: number, end: number): Range => ({
  start: doc.positionAt(start),
  end: doc.positionAt(end),
});

// ── hover ──────────────────────────────────────────────────────────────────────

const DOCS = builtins();
const fence = (code: string) => `\`\`\`xmd\n${code}\n\`\`\``;
const docMarkdown = (d: BuiltinDoc, note = "") => `${fence(d.signature)}\n\n${d.doc}${note}`;

function symbolMarkdown(s: XmdSymbol): string {
  const what: Record<XmdSymbol["kind"], string> = {
    function: "function",
    class: "class",
    method: "method",
    variable: "variable",
    parameter: "parameter",
    import: "imported name",
  };
  return `${fence(s.detail)}\n\n(${what[s.kind]}${s.exported ? ", exported" : ""})`;
}

/** What the name under the cursor is: a declaration of the document, or a builtin with its doc. */
export function hover(doc: TextDocument, position: Position): Hover | null {
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const o = outlineOf(doc);
  if (!inCode(o, offset)) return null;
  const w = wordAt(text, offset);
  if (w === null) return null;
  const at = range(doc, w.start, w.end);
  const receiver = receiverBefore(text, w.start - 1);
  if (receiver !== null) {
    const member = DOCS.find((d) => d.kind === "member" && d.namespace === receiver && d.name === w.word);
    if (member !== undefined)
      return { contents: { kind: MarkupKind.Markdown, value: docMarkdown(member) }, range: at };
    if (receiver === "self") {
      const method = enclosingClass(o, offset)?.children.find((m) => m.name === w.word);
      if (method !== undefined)
        return { contents: { kind: MarkupKind.Markdown, value: symbolMarkdown(method) }, range: at };
    }
    const methods = DOCS.filter((d) => d.kind === "method" && d.name === w.word);
    if (methods.length === 0) return null;
    const value = methods.map((d) => docMarkdown(d, ` (method of ${d.receiver} values)`)).join("\n\n---\n\n");
    return { contents: { kind: MarkupKind.Markdown, value }, range: at };
  }
  const declared = declarationOf(o, w.word, offset);
  if (declared !== null)
    return { contents: { kind: MarkupKind.Markdown, value: symbolMarkdown(declared) }, range: at };
  const builtin = DOCS.find(
    (d) => (d.kind === "function" || d.kind === "namespace" || d.kind === "keyword") && d.name === w.word,
  );
  if (builtin === undefined) return null;
  return { contents: { kind: MarkupKind.Markdown, value: docMarkdown(builtin) }, range: at };
}

// ── completion ─────────────────────────────────────────────────────────────────

const KIND_OF: Record<XmdSymbol["kind"], CompletionItemKind> = {
  function: CompletionItemKind.Function,
  class: CompletionItemKind.Class,
  method: CompletionItemKind.Method,
  variable: CompletionItemKind.Variable,
  parameter: CompletionItemKind.Variable,
  import: CompletionItemKind.Module,
};

const builtinItem = (d: BuiltinDoc, detail = d.signature): CompletionItem => ({
  label: d.name,
  kind:
    d.kind === "keyword"
      ? CompletionItemKind.Keyword
      : d.kind === "namespace"
        ? CompletionItemKind.Module
        : d.kind === "method"
          ? CompletionItemKind.Method
          : CompletionItemKind.Function,
  detail,
  documentation: { kind: MarkupKind.Markdown, value: d.doc },
});

/** An import path being typed before the cursor: `import "par`, `import a from "lib/`, `import Tas`. */
const IMPORT_PATH = /\bimport\s+(?:[\w$,\s]+\s+from\s+)?(["'`]?)([^"'`\s]*)$/;

/** Files and folders an import path being typed can go on with, from the document's folder. */
function importCompletions(docPath: string, typed: string, quoted: boolean): CompletionItem[] {
  const slash = typed.lastIndexOf("/");
  const folder = resolvePath(dirname(docPath), slash === -1 ? "." : typed.slice(0, slash + 1));
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  const items: CompletionItem[] = [];
  for (const entry of entries.sort()) {
    if (entry.startsWith(".")) continue;
    const full = join(folder, entry);
    if (full === resolvePath(docPath)) continue;
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      continue;
    }
    const ext = extname(entry).toLowerCase();
    if (isDir) {
      items.push({ label: `${entry}/`, kind: CompletionItemKind.Folder, insertText: `${entry}/` });
    } else if (IMPORT_EXTENSIONS.includes(ext)) {
      // Unquoted, a bare name (`import Tasks`) finds the file without its extension.
      const label = quoted ? entry : basename(entry, ext);
      items.push({ label, kind: CompletionItemKind.File, detail: entry });
    }
  }
  return items;
}

/**
 * Completion at the cursor: import paths inside an import, namespace members and methods
 * after a `.`, and otherwise the names visible there, the builtins and the reserved words.
 */
export function complete(doc: TextDocument, position: Position): CompletionItem[] {
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const o = outlineOf(doc);
  if (!inCode(o, offset)) return [];
  const lineStart = doc.offsetAt({ line: position.line, character: 0 });
  const before = text.slice(lineStart, offset);
  const importing = IMPORT_PATH.exec(before);
  const docPath = pathOfDocument(doc);
  if (importing !== null && docPath !== undefined)
    return importCompletions(docPath, importing[2] ?? "", importing[1] !== "");
  let wordStart = offset;
  while (wordStart > 0 && isWordChar(text[wordStart - 1])) wordStart--;
  const receiver = receiverBefore(text, wordStart - 1);
  if (receiver !== null) {
    const members = DOCS.filter((d) => d.kind === "member" && d.namespace === receiver);
    if (members.length > 0) return members.map((d) => builtinItem(d));
    const items: CompletionItem[] = [];
    if (receiver === "self")
      for (const m of enclosingClass(o, offset)?.children ?? [])
        items.push({ label: m.name, kind: CompletionItemKind.Method, detail: m.detail });
    const byName = new Map<string, BuiltinDoc[]>();
    for (const d of DOCS) if (d.kind === "method") byName.set(d.name, [...(byName.get(d.name) ?? []), d]);
    for (const [name, docs] of byName) {
      const first = docs[0] as BuiltinDoc;
      items.push({
        ...builtinItem(first, `${first.signature} (${docs.map((d) => d.receiver).join(", ")})`),
        label: name,
      });
    }
    return items;
  }
  const items: CompletionItem[] = visibleAt(o, offset).map((s) => ({
    label: s.name,
    kind: KIND_OF[s.kind],
    detail: s.detail,
  }));
  const taken = new Set(items.map((i) => i.label));
  for (const d of DOCS)
    if ((d.kind === "function" || d.kind === "namespace" || d.kind === "keyword") && !taken.has(d.name)) {
      taken.add(d.name);
      items.push(builtinItem(d));
    }
  return items;
}

// ── definition ─────────────────────────────────────────────────────────────────

/** The declaration of `name` exported by (or at the top of) another file, or the file's start. */
function inFile(file: string, name: string | null): Location {
  const uri = pathToFileURL(file).href;
  const start = { line: 0, character: 0 };
  const fileStart: Location = { uri, range: { start, end: start } };
  if (name === null) return fileStart;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return fileStart;
  }
  const found = outline(text, { path: file }).symbols.find((s) => s.name === name);
  if (found === undefined) return fileStart;
  const lines = text.slice(0, found.nameStart).split(/\r\n|\r|\n/);
  const line = lines.length - 1;
  const character = (lines.at(-1) ?? "").length;
  return { uri, range: { start: { line, character }, end: { line, character: character + name.length } } };
}

/**
 * Where the thing under the cursor is declared: a function, variable, class or parameter
 * of the document; an imported name's declaration in its file; the file an import path
 * (or a module bound by `import`) leads to.
 */
export function definition(doc: TextDocument, position: Position): Location | null {
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const o = outlineOf(doc);
  const onPath = o.imports.find((i) => i.pathStart <= offset && offset <= i.pathEnd);
  if (onPath !== undefined) return onPath.resolved === null ? null : inFile(onPath.resolved, null);
  if (!inCode(o, offset)) return null;
  const w = wordAt(text, offset);
  if (w === null) return null;
  const receiver = receiverBefore(text, w.start - 1);
  if (receiver !== null) {
    if (receiver === "self") {
      const method = enclosingClass(o, offset)?.children.find((m) => m.name === w.word);
      return method === undefined
        ? null
        : { uri: doc.uri, range: range(doc, method.nameStart, method.nameEnd) };
    }
    // `lib.helper` where `import lib` bound the module: the declaration in its file.
    const module = declarationOf(o, receiver, offset);
    const from = module?.kind === "import" ? o.imports.find((i) => i.start === module.start) : undefined;
    return from?.resolved ? inFile(from.resolved, w.word) : null;
  }
  const declared = declarationOf(o, w.word, offset);
  if (declared === null) return null;
  if (declared.kind === "import") {
    const from = o.imports.find((i) => i.start === declared.start);
    if (from?.resolved) return inFile(from.resolved, from.form === "names" ? declared.name : null);
  }
  return { uri: doc.uri, range: range(doc, declared.nameStart, declared.nameEnd) };
}

// ── document symbols ───────────────────────────────────────────────────────────

const SYMBOL_KIND: Record<XmdSymbol["kind"], SymbolKind> = {
  function: SymbolKind.Function,
  class: SymbolKind.Class,
  method: SymbolKind.Method,
  variable: SymbolKind.Variable,
  parameter: SymbolKind.Variable,
  import: SymbolKind.Module,
};

/** The document's declarations as a tree: functions with their locals, classes with their methods. */
export function documentSymbols(doc: TextDocument): DocumentSymbol[] {
  const convert = (s: XmdSymbol): DocumentSymbol => ({
    name: s.name,
    detail: s.detail,
    kind: s.kind === "method" && s.name === "constructor" ? SymbolKind.Constructor : SYMBOL_KIND[s.kind],
    range: range(doc, Math.min(s.start, s.nameStart), Math.max(s.end, s.nameEnd)),
    selectionRange: range(doc, s.nameStart, s.nameEnd),
    children: s.children.filter((c) => c.kind !== "parameter").map(convert),
  });
  return outlineOf(doc).symbols.map(convert);
}
