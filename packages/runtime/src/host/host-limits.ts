/**
 * Host work bounded by the run's limits: how large a file a read may take in
 * (`maxReadBytes`), how many bytes a run may write (`maxWriteBytes`), how much data text a
 * parse may take in (derived from `maxMemoryMb`), and the clock checks that long host work
 * (parsing, stringifying, measuring) makes so that it stops at the document's time limit.
 * Every refusal is a `limit` fault whose message names the limit and whose hint says how to
 * raise it.
 * @module
 */
import type { Limits } from "../api/options.js";
import { raiseHint } from "../values/budget.js";
import { RuntimeFault } from "../values/fault.js";
import type { HostContext } from "./context.js";

/** The limits host work reads, and the deadline it must not run past. */
export interface HostBudget {
  readonly limits: Readonly<Limits>;
  /** When the document's time runs out (`Date.now()` ms). */
  readonly deadline: number;
}

/** A limit fault: `message` should end with `(limit NAME)`. */
export function limitFault(message: string, limit: keyof Limits, extraHint = ""): RuntimeFault {
  return new RuntimeFault("limit", message, `${raiseHint(limit)}${extraHint}`);
}

/** `67108864 bytes (64 MiB)`; plain bytes below 1 KiB. */
export function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [unit, size] = bytes < 1024 * 1024 ? ["KiB", 1024] : ["MiB", 1024 * 1024];
  const n = bytes / size;
  return `${bytes} bytes (${Number.isInteger(n) ? n : n.toFixed(1)} ${unit})`;
}

/** The time limit reached during host work; `doing` says what (`while reading YAML`). */
export function timeUp(budget: HostBudget, doing: string): RuntimeFault {
  return new RuntimeFault(
    "limit",
    `time limit reached: the document ran longer than ${budget.limits.timeoutMs} ms, ${doing} (limit timeoutMs)`,
    raiseHint("timeoutMs"),
  );
}

/** Throws the time limit when the document's time is up. */
export function checkClock(budget: HostBudget, doing: string): void {
  if (Date.now() > budget.deadline) throw timeUp(budget, doing);
}

/** How many steps of host work between two looks at the clock. */
const STEPS_PER_CLOCK_CHECK = 1024;

/**
 * A step counter for long host work: call the function it returns once per step (token,
 * node, value); every {@link STEPS_PER_CLOCK_CHECK} steps it looks at the clock and throws
 * the time limit when the document's time is up.
 */
export function clockTicker(budget: HostBudget, doing: string): () => void {
  let steps = 0;
  return () => {
    if (++steps % STEPS_PER_CLOCK_CHECK === 0) checkClock(budget, doing);
  };
}

/** How large something may be, in bytes, and the limit that says so. */
export interface SizeCap {
  readonly bytes: number;
  readonly limit: "maxReadBytes" | "maxMemoryMb";
  /** Why the cap is what it is, for a cap derived from another limit. */
  readonly why: string;
  /** Added to the hint. */
  readonly hint: string;
}

/** The cap on one file read: `maxReadBytes`. */
export function readCap(limits: Readonly<Limits>): SizeCap {
  return { bytes: limits.maxReadBytes, limit: "maxReadBytes", why: "", hint: "" };
}

/**
 * Bytes of JavaScript memory that JSON.parse may take per byte of text, rounded up: about 22
 * measured on the worst input found (`[{},{},…]`; 2 for a list of records).
 */
export const JSON_MEMORY_PER_BYTE = 32;

/**
 * The cap on data text of a format: `maxReadBytes`, and for JSON less when parsing that much
 * could take more than the memory limit (`maxMemoryMb` ÷ {@link JSON_MEMORY_PER_BYTE}): 64 MiB
 * with the default limits. YAML is held to {@link yamlTokenCap} as it is read instead: its
 * memory goes by tokens, not bytes (a long string is one token).
 */
export function dataTextCap(limits: Readonly<Limits>, format: "json" | "yaml"): SizeCap {
  if (format === "yaml") return readCap(limits);
  const byMemory = Math.floor((limits.maxMemoryMb * 1024 * 1024) / JSON_MEMORY_PER_BYTE);
  if (limits.maxReadBytes <= byMemory) return readCap(limits);
  return {
    bytes: byMemory,
    limit: "maxMemoryMb",
    why: `: reading JSON takes up to ${JSON_MEMORY_PER_BYTE} bytes of memory per byte, and the memory limit is ${limits.maxMemoryMb} MB`,
    hint: "",
  };
}

/**
 * Bytes of JavaScript memory the YAML library may take per token it reads (a word, a mark
 * such as `:` or `,`, a line break), rounded up: its lexer, parser and document together
 * needed less than 400 per token in a 400 MB heap on every shape tried (records, `[a,a,…]`,
 * `[[],[],…]`, `- a` lines, nested maps).
 */
export const YAML_MEMORY_PER_TOKEN = 1024;

/** The most tokens one YAML text may have: `maxMemoryMb` ÷ 1 KiB (2 Mi tokens, about 3.5 MB of records, by default). */
export function yamlTokenCap(limits: Readonly<Limits>): number {
  return Math.floor((limits.maxMemoryMb * 1024 * 1024) / YAML_MEMORY_PER_TOKEN);
}

/** The fault for YAML text with more tokens than {@link yamlTokenCap}. */
export function tooManyTokensFault(limits: Readonly<Limits>, source: string): RuntimeFault {
  const cap = yamlTokenCap(limits);
  return limitFault(
    `${source} is too large: it has more than ${cap} YAML tokens (words, marks such as : and -, line breaks), and YAML may have at most ${cap}: reading YAML takes up to ${YAML_MEMORY_PER_TOKEN} bytes of memory per token, and the memory limit is ${limits.maxMemoryMb} MB (limit maxMemoryMb)`,
    "maxMemoryMb",
    ", or convert the data to JSON, which takes far less memory to read",
  );
}

/**
 * The fault for something larger than its cap. `what` names it (`"big.bin"`,
 * `data file "d.yaml"`, `yaml.parse text`); `bytes` is its size, or null when it is only
 * known to be larger (a file that grew while it was read).
 */
export function tooLargeFault(what: string, bytes: number | null, cap: SizeCap, kind: string): RuntimeFault {
  const size = bytes === null ? `more than ${cap.bytes} bytes` : `${bytes} bytes`;
  return limitFault(
    `${what} is too large: ${size}, and ${kind} may be at most ${bytesText(cap.bytes)}${cap.why} (limit ${cap.limit})`,
    cap.limit,
    cap.hint,
  );
}

/**
 * Counts `bytes` about to be written against the run's `maxWriteBytes`; throws before
 * anything is written when the run would pass it. `shown` names the file.
 */
export function chargeWrite(ctx: HostContext, shown: string, bytes: number): void {
  const max = ctx.limits.maxWriteBytes;
  const total = ctx.written.bytes + bytes;
  if (total > max) {
    throw limitFault(
      `write limit reached: writing ${bytes} bytes to ${shown} would bring what this run wrote to ${total} bytes, and a run may write at most ${bytesText(max)} (limit maxWriteBytes)`,
      "maxWriteBytes",
    );
  }
}

/** Records `bytes` written (after {@link chargeWrite} allowed them and the write succeeded). */
export function recordWrite(ctx: HostContext, bytes: number): void {
  ctx.written.bytes += bytes;
}
