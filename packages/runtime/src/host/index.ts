/**
 * The host library: builtins, methods, text conversion, files, data files and exec.
 * The evaluator imports from here.
 * @module
 */

export { splitCommandLine } from "./command-line.js";
export type { HostContext } from "./context.js";
export { dataGet, dataPut, parseLink } from "./data.js";
export { dateDiff, formatDate, parseDate } from "./dates.js";
export { runCommand } from "./exec.js";
export {
  deleteFile,
  fileExists,
  listFolder,
  loadDataFile,
  readText,
  writeTextAtomic,
} from "./files.js";
export { parseJsonText, parseYamlText, stringifyJson, stringifyYaml } from "./formats.js";
export { GLOBAL_NAMES, GLOBALS, range } from "./globals.js";
export type { HostFunction, HostNamespace } from "./host-function.js";
export { isRegularFile, locateImport } from "./imports.js";
export { callMethod, getMember, hasMethod, methodNames } from "./methods.js";
export { currentDate, NAMESPACE_NAMES, NAMESPACES, namespaceMember } from "./namespaces.js";
export { isInside, resolveInRoot } from "./paths.js";
export { closestName, didYouMean } from "./suggest.js";
export {
  isPlainObject,
  isTruthy,
  looseEquals,
  numberToText,
  type TypeName,
  toJsonText,
  toText,
  typeName,
} from "./text.js";
