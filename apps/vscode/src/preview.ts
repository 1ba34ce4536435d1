/**
 * "Render to side preview": a document rendered by the runtime, as a virtual markdown
 * document (`xmd-rendered:` URIs) that VS Code's markdown preview shows, rendered again
 * as its source changes.
 * @module
 */
import { dirname } from "node:path";
import * as vscode from "vscode";
import { renderText } from "./render.js";

/** The scheme of rendered documents. */
export const SCHEME = "xmd-rendered";

/** The URI of a source document's rendering: its path with `.rendered.md`, the source's URI in the query. */
export function renderedUri(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: `${source.path}.rendered.md`, query: source.toString() });
}

/** Serves rendered documents, and tells VS Code when one changes. */
export class RenderedDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Sources whose rendering is shown, by the source's URI. */
  private readonly shown = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    const source = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.query);
    if (source === undefined) return "*The source document is closed.*\n";
    const file = source.uri.scheme === "file" ? source.uri.fsPath : undefined;
    const folder = vscode.workspace.getWorkspaceFolder(source.uri)?.uri.fsPath;
    const lang = source.languageId === "xmd" || /\.xmd?$/i.test(source.uri.path) ? "xmd" : "md";
    return renderText(
      source.getText(),
      file,
      lang,
      folder ?? (file !== undefined ? dirname(file) : undefined),
    );
  }

  /** Shows `source` rendered, beside it. */
  async show(source: vscode.TextDocument): Promise<void> {
    this.shown.add(source.uri.toString());
    const uri = renderedUri(source.uri);
    this.changed.fire(uri);
    await vscode.commands.executeCommand("markdown.showPreviewToSide", uri);
  }

  /** A source changed: render it again after a pause in typing. */
  sourceChanged(source: vscode.TextDocument): void {
    const key = source.uri.toString();
    if (!this.shown.has(key)) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => this.changed.fire(renderedUri(source.uri)), 300),
    );
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.changed.dispose();
  }
}
