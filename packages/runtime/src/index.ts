export type { Runtime, RenderResult, ParsedDocument, RuntimeState } from "./api/runtime.js";
export type { MemoryMode, Limits, ExecPolicy, RuntimeOptions, RenderOptions } from "./api/options.js";
export { DEFAULT_LIMITS } from "./api/options.js";
export type { RunStats, AllocationCounts, PoolSummary } from "./api/stats.js";
export { XmdError, type XmdErrorCode } from "./api/error.js";
export { createRuntime, langOf } from "./runtime.js";
export { formatError, type FormatOptions } from "./api/format.js";
