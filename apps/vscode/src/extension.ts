/**
 * The XMD extension: starts the bundled language server for XMD and markdown documents,
 * and adds the "XMD: Render to Side Preview" command. Highlighting comes from the
 * grammars the manifest contributes. Bundled into `dist/extension.cjs`.
 * @module
 */
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";
import { RenderedDocuments, SCHEME } from "./preview.js";

let client: LanguageClient | undefined;

/** Called by VS Code when an XMD or markdown document opens. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const rendered = new RenderedDocuments();
  context.subscriptions.push(
    rendered,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, rendered),
    vscode.workspace.onDidChangeTextDocument((e) => rendered.sourceChanged(e.document)),
    vscode.commands.registerCommand("xmd.renderToSide", async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor === undefined) {
        await vscode.window.showInformationMessage("XMD: open an .xmd or markdown document to render it.");
        return;
      }
      await rendered.show(editor.document);
    }),
  );

  const module = context.asAbsolutePath("dist/server.cjs");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "xmd" },
      { scheme: "untitled", language: "xmd" },
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
    ],
  };
  client = new LanguageClient("xmd", "XMD Language Server", serverOptions, clientOptions);
  await client.start();
}

/** Called by VS Code when the extension stops. */
export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
