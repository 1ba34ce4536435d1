/** Renders snippets in both memory modes and checks they agree. */
import { vi } from "vitest";
import { createRuntime, type MemoryMode, type RuntimeOptions, XmdError } from "../../src/index.js";

export const MODES: MemoryMode[] = ["pooled", "heap"];

/**
 * Snippets test what a document computes, not how fast: the default 10 s time limit must
 * never strike on a loaded machine (a list nested 120,000 deep took 5.5 s alone and more
 * than 10 s at a load of 27). Tests of the time limit set their own.
 */
const UNHURRIED = { timeoutMs: 600_000 };

/** Renders in one mode. `lang` defaults to native code. */
export function renderIn(
  memory: MemoryMode,
  source: string,
  lang: "md" | "xmd" = "xmd",
  options: RuntimeOptions = {},
  vars?: Record<string, unknown>,
): string {
  const runtime = createRuntime({
    memory,
    checked: true,
    ...options,
    limits: { ...UNHURRIED, ...options.limits },
  });
  try {
    return runtime.render(source, vars ? { lang, vars } : { lang }).output;
  } finally {
    runtime.dispose();
  }
}

/** Renders in both modes; throws if they disagree. */
export function render(
  source: string,
  lang: "md" | "xmd" = "xmd",
  options: RuntimeOptions = {},
  vars?: Record<string, unknown>,
): string {
  const pooled = renderIn("pooled", source, lang, options, vars);
  const heap = renderIn("heap", source, lang, options, vars);
  if (pooled !== heap)
    throw new Error(`modes disagree:\npooled: ${JSON.stringify(pooled)}\nheap:   ${JSON.stringify(heap)}`);
  return pooled;
}

/**
 * The XmdError a source raises (in both modes, which must agree on its code, message, line
 * and hint).
 */
export function failure(
  source: string,
  lang: "md" | "xmd" = "xmd",
  options: RuntimeOptions = {},
  vars?: Record<string, unknown>,
): XmdError {
  const errors = MODES.map((memory) => {
    try {
      renderIn(memory, source, lang, options, vars);
    } catch (e) {
      if (e instanceof XmdError) return e;
      throw e;
    }
    throw new Error(`expected an error in ${memory} mode: ${source}`);
  });
  const [a, b] = errors as [XmdError, XmdError];
  if (a.code !== b.code || a.message !== b.message || a.line !== b.line || a.hint !== b.hint) {
    throw new Error(
      `modes disagree: ${a.code} ${a.message} @${a.line} (${a.hint}) vs ${b.code} ${b.message} @${b.line} (${b.hint})`,
    );
  }
  return a;
}

/**
 * Runs `work` with a virtual clock: `Date.now` starts at a fixed time and advances 1 ms
 * each time it is read, so that a time limit strikes at the same read — the same line —
 * on any machine, however loaded. Returns what `work` returned and how often the clock
 * was read (a measure of the work done: the runtime reads it every 1 024 loop steps or
 * calls, after every builtin call, and every 4 096 steps inside a long builtin).
 */
export function withVirtualClock<T>(work: () => T): { result: T; reads: number } {
  let now = Date.UTC(2030, 0, 1);
  let reads = 0;
  const clock = vi.spyOn(Date, "now").mockImplementation(() => {
    reads++;
    return ++now;
  });
  try {
    return { result: work(), reads };
  } finally {
    clock.mockRestore();
  }
}

/** The error `work` throws, or null when it throws none. */
export function thrownBy(work: () => unknown): unknown {
  try {
    work();
  } catch (e) {
    return e;
  }
  return null;
}
