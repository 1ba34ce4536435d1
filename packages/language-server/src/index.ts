/**
 * The XMD language server, as a library: start it on a connection of your own
 * (`startServer`), or use the analysis it is built on. The `xmd-language-server` command
 * starts it on stdio.
 * @module
 */
export {
  allSymbols,
  complete,
  declarationOf,
  definition,
  diagnose,
  documentSymbols,
  frameSpan,
  hover,
  inCode,
  langOfDocument,
  outlineOf,
  pathOfDocument,
  wordAt,
} from "./analysis.js";
export { SERVER_INFO, startServer } from "./server.js";
