/**
 * What both entries of the package export (`index.ts` for Node, `browser.ts` for browsers):
 * everything but `createRuntime`, whose default host and platform differ between them.
 * @module
 */
export { type BuiltinDoc, type BuiltinKind, builtins, type MethodReceiver } from "./api/builtins.js";
export { XmdError, type XmdErrorCode, type XmdLocation } from "./api/error.js";
export { type FormatOptions, formatError } from "./api/format.js";
export type { Host, HostCommand, HostExecContext, HostPath, HostStats } from "./api/host.js";
export type { ExecPolicy, Limits, MemoryMode, RenderOptions, RuntimeOptions } from "./api/options.js";
export { DEFAULT_LIMITS, MAX_POOL_SLOTS } from "./api/options.js";
export {
  type CodeRange,
  IMPORT_EXTENSIONS,
  type Outline,
  type OutlineOptions,
  type XmdImport,
  type XmdSymbol,
  type XmdSymbolKind,
} from "./api/outline.js";
export type {
  BytesRenderResult,
  CompiledDocument,
  CompileOptions,
  DocumentText,
  OutputWriter,
  ParsedDocument,
  RenderInfo,
  RenderResult,
  Runtime,
  RuntimeState,
} from "./api/runtime.js";
export type { AllocationCounts, PoolSummary, RunStats } from "./api/stats.js";
export {
  createMemoryHost,
  MemoryFiles,
  type MemoryHost,
  type MemoryHostOptions,
} from "./host/memory/memory-host.js";
export { type ShellScan, scanShellLine } from "./host/shell-line.js";
export { langOf } from "./runtime.js";
