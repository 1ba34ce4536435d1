/** Renders snippets in both memory modes and checks they agree. */
import { createRuntime, type MemoryMode, type RuntimeOptions, XmdError } from "../../src/index.js";

export const MODES: MemoryMode[] = ["pooled", "heap"];

/** Renders in one mode. `lang` defaults to native code. */
export function renderIn(
  memory: MemoryMode,
  source: string,
  lang: "md" | "xmd" = "xmd",
  options: RuntimeOptions = {},
  vars?: Record<string, unknown>,
): string {
  const runtime = createRuntime({ memory, checked: true, ...options });
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

/** The XmdError a source raises (in both modes, which must agree on code and message). */
export function failure(source: string, lang: "md" | "xmd" = "xmd", options: RuntimeOptions = {}): XmdError {
  const errors = ["pooled", "heap"].map((memory) => {
    try {
      renderIn(memory as MemoryMode, source, lang, options);
    } catch (e) {
      if (e instanceof XmdError) return e;
      throw e;
    }
    throw new Error(`expected an error in ${memory} mode`);
  });
  const [a, b] = errors as [XmdError, XmdError];
  if (a.code !== b.code || a.message !== b.message || a.line !== b.line) {
    throw new Error(`modes disagree: ${a.code} ${a.message} @${a.line} vs ${b.code} ${b.message} @${b.line}`);
  }
  return a;
}
