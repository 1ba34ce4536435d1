/**
 * The code editor: one CodeMirror view, one editor state per file tab (each keeps its
 * own undo history and diagnostics), XMD highlighting for markdown files, and the
 * runtime's errors as lint diagnostics at their line and column.
 * @module
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/lang-yaml";
import { defaultHighlightStyle, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic as CmDiagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState, type Extension, type Text } from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import type { Diagnostic } from "./engine.js";
import { xmdCodeLanguage, xmdHighlightStyle, xmdMarkdown } from "./xmd-language.js";

/** The language a file's tab is highlighted as, by its extension. */
function languageFor(name: string): Extension {
  if (/\.(md|markdown)$/i.test(name)) return xmdMarkdown();
  if (/\.(xmd|xm)$/i.test(name)) return xmdCodeLanguage;
  if (/\.(yaml|yml)$/i.test(name)) return yaml();
  if (/\.json$/i.test(name)) return json();
  return [];
}

/**
 * Where a diagnostic goes in a text: from its column to the end of the word there (at
 * least one character when the line has any), clamped to the text.
 */
export function diagnosticRange(doc: Text, line: number, column: number): { from: number; to: number } {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  let from = Math.min(l.from + Math.max(column, 1) - 1, l.to);
  const rest = doc.sliceString(from, l.to);
  const word = /^[\w$]+/.exec(rest);
  let to = from + (word ? word[0].length : Math.min(1, rest.length));
  if (to === from && from > l.from) from -= 1;
  to = Math.max(to, from);
  return { from, to };
}

function toCm(doc: Text, d: Diagnostic): CmDiagnostic {
  const { from, to } = diagnosticRange(doc, d.line, d.column);
  const lines = [`error[${d.code}]: ${d.message}`];
  if (d.help) lines.push(`help: ${d.help}`);
  for (const site of d.importedFrom) lines.push(`note: imported from ${site}`);
  return { from, to, severity: "error", source: "xmd", message: lines.join("\n") };
}

/** The editor of the document and its files. */
export class FileEditor {
  readonly view: EditorView;
  private readonly states = new Map<string, EditorState>();
  private active = "";

  constructor(
    parent: HTMLElement,
    /** Called on every change of a file's text, with the file's name and text. */
    private readonly onChange: (name: string, text: string) => void,
  ) {
    this.view = new EditorView({ parent });
  }

  private extensions(name: string): Extension[] {
    return [
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      drawSelection(),
      history(),
      indentUnit.of("    "),
      keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
      languageFor(name),
      syntaxHighlighting(xmdHighlightStyle),
      syntaxHighlighting(defaultHighlightStyle),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": `${name} source` }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) this.onChange(name, update.state.doc.toString());
      }),
    ];
  }

  /** Replaces every file: a new state for each (undo history starts afresh); shows `show`. */
  load(files: readonly { name: string; content: string }[], show: string): void {
    this.states.clear();
    for (const f of files)
      this.states.set(f.name, EditorState.create({ doc: f.content, extensions: this.extensions(f.name) }));
    this.active = "";
    this.show(show);
  }

  /** Adds a file (its tab is not shown). */
  add(name: string, content: string): void {
    this.states.set(name, EditorState.create({ doc: content, extensions: this.extensions(name) }));
  }

  /** Forgets a file; shows `fallback` when it was shown. */
  remove(name: string, fallback: string): void {
    if (this.active === name) this.show(fallback);
    this.states.delete(name);
  }

  /** The file shown now. */
  get shown(): string {
    return this.active;
  }

  /** Shows a file's tab (keeping the one shown until now, with its selection and history). */
  show(name: string): void {
    const next = this.states.get(name);
    if (!next || name === this.active) return;
    if (this.active && this.states.has(this.active)) this.states.set(this.active, this.view.state);
    this.active = name;
    this.view.setState(next);
  }

  /** Puts each file's diagnostics on it (the others' are cleared). */
  setDiagnostics(diagnostics: readonly Diagnostic[]): void {
    for (const [name, state] of this.states) {
      const current = name === this.active ? this.view.state : state;
      const mine = diagnostics.filter((d) => d.file === name).map((d) => toCm(current.doc, d));
      const spec = setDiagnostics(current, mine);
      if (name === this.active) this.view.dispatch(spec);
      else this.states.set(name, current.update(spec).state);
    }
  }

  /** Moves the cursor to a place in a file (showing its tab) and focuses the editor. */
  reveal(name: string, line: number, column: number): void {
    this.show(name);
    const { from } = diagnosticRange(this.view.state.doc, line, column);
    this.view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
    this.view.focus();
  }
}
