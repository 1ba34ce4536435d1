export { type BuiltinDoc, type BuiltinKind, builtins, type MethodReceiver } from "./api/builtins.js";
export { XmdError, type XmdErrorCode, type XmdLocation } from "./api/error.js";
export { type FormatOptions, formatError } from "./api/format.js";
export type { ExecPolicy, Limits, MemoryMode, RenderOptions, RuntimeOptions } from "./api/options.js";
export { DEFAULT_LIMITS } from "./api/options.js";
export {
  type CodeRange,
  IMPORT_EXTENSIONS,
  type Outline,
  type OutlineOptions,
  outline,
  resolveImport,
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
export { type ShellScan, scanShellLine } from "./host/shell-line.js";
export { createRuntime, langOf } from "./runtime.js";
