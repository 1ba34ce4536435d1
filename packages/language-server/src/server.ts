/**
 * The language server: a connection's handlers, over the analysis in `analysis.ts`.
 * @module
 */
import { readFileSync } from "node:fs";
import { sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createRuntime, type Runtime } from "@xmd/runtime";
import {
  type Connection,
  type InitializeParams,
  type InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { complete, definition, diagnose, documentSymbols, hover, pathOfDocument } from "./analysis.js";

/** The package's version, from its package.json (beside `dist/`); `unknown` where it is not there (a bundle). */
function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    return manifest.name === "@xmd/language-server" ? String(manifest.version) : "unknown";
  } catch {
    return "unknown";
  }
}

/** The server's name and version, as it tells clients. */
export const SERVER_INFO: { readonly name: string; readonly version: string } = {
  name: "xmd-language-server",
  version: packageVersion(),
};

/**
 * Wires the XMD language features to a connection and starts listening on it. Documents
 * are checked when they are opened and on every change, their diagnostics pushed with
 * `textDocument/publishDiagnostics`, and cleared when they are closed.
 *
 * @param connection - A connection from `vscode-languageserver` (`createConnection`), on
 *   stdio, node IPC or a socket: the features do not depend on the transport.
 * @param runtime - The runtime whose `check()` finds the problems. By default the server
 *   makes one per workspace folder, with the folder as its root (the folder that imports
 *   may reach, as `xmd --root` sets it); a document outside every folder has its own
 *   folder as its root, as the runtime's default is.
 */
export function startServer(connection: Connection, runtime?: Runtime): void {
  const documents = new TextDocuments(TextDocument);
  /** The workspace's folders, deepest first: a document's root is the folder it is in. */
  let folders: string[] = [];
  /** A runtime per root (the root confines what imports may reach); `""` for documents outside every folder. */
  const runtimes = new Map<string, Runtime>();
  const runtimeFor = (doc: TextDocument): Runtime => {
    if (runtime !== undefined) return runtime;
    const path = pathOfDocument(doc);
    const root = path === undefined ? "" : (folders.find((f) => path.startsWith(f + sep)) ?? "");
    let found = runtimes.get(root);
    if (found === undefined) {
      found = createRuntime(root === "" ? {} : { root });
      runtimes.set(root, found);
    }
    return found;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris
      .filter((u) => u.startsWith("file:"))
      .map((u) => fileURLToPath(u))
      .sort((a, b) => b.length - a.length);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { triggerCharacters: [".", '"', "'", "/"] },
        definitionProvider: true,
        documentSymbolProvider: true,
      },
      serverInfo: SERVER_INFO,
    };
  });

  const publish = (doc: TextDocument) => {
    let diagnostics: ReturnType<typeof diagnose>;
    try {
      diagnostics = diagnose(runtimeFor(doc), doc);
    } catch (e) {
      // A failure of the checker itself is a bug to report, not a reason to stop serving.
      connection.console.error(
        `xmd: checking ${doc.uri} failed: ${e instanceof Error ? e.stack : String(e)}`,
      );
      return;
    }
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };
  documents.onDidChangeContent((e) => publish(e.document));
  documents.onDidClose((e) => void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));

  const withDoc =
    <P extends { textDocument: { uri: string } }, R>(handler: (doc: TextDocument, params: P) => R, none: R) =>
    (params: P): R => {
      const doc = documents.get(params.textDocument.uri);
      return doc === undefined ? none : handler(doc, params);
    };
  connection.onHover(withDoc((doc, p) => hover(doc, p.position), null));
  connection.onCompletion(withDoc((doc, p) => complete(doc, p.position), []));
  connection.onDefinition(withDoc((doc, p) => definition(doc, p.position), null));
  connection.onDocumentSymbol(withDoc((doc) => documentSymbols(doc), []));

  documents.listen(connection);
  connection.listen();
}
