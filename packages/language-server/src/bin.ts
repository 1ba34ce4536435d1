#!/usr/bin/env node
/**
 * `xmd-language-server`: the XMD language server on stdio (the default, or `--stdio`),
 * node IPC (`--node-ipc`) or a socket (`--socket=PORT`), as the client starts it.
 * @module
 */
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { SERVER_INFO, startServer } from "./server.js";

const args = process.argv.slice(2);
if (args.includes("--version")) {
  process.stdout.write(`${SERVER_INFO.version}\n`);
} else if (args.includes("--help") || args.includes("-h")) {
  process.stdout.write(
    "Usage: xmd-language-server [--stdio | --node-ipc | --socket=PORT]\n\n" +
      "The XMD language server (LSP): diagnostics, hover, completion, go to definition and\n" +
      "document symbols for .xmd/.xm files and XMD inside markdown. Editors start it;\n" +
      "it speaks LSP on stdio unless told otherwise.\n",
  );
} else {
  const transport = args.some(
    (a) => a === "--node-ipc" || a.startsWith("--socket") || a.startsWith("--pipe"),
  );
  const connection = transport
    ? createConnection(ProposedFeatures.all)
    : createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  startServer(connection);
}
