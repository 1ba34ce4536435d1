/**
 * The language server as the extension starts it: `@xmd/language-server` on the
 * transport the client names on the command line (`--node-ipc` from VS Code, `--stdio`
 * for a test). Bundled into `dist/server.cjs`.
 * @module
 */
import { startServer } from "@xmd/language-server";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";

startServer(createConnection(ProposedFeatures.all));
