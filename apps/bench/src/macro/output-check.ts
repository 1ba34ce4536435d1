/**
 * Output checks: an engine's output must equal the hand-written baseline's (after
 * trailing-whitespace normalisation) before any of its timings count.
 * @module
 */
import { bytePathText } from "./byte-path.js";
import type { Engine } from "./engines.js";
import { withUniqueComment } from "./variants.js";
import { normalize, type Workload } from "./workloads.js";

/** Where `got` first differs from `want`, with a little context; null when they are equal. */
export function difference(got: string, want: string): string | null {
  const a = normalize(got);
  const b = normalize(want);
  if (a === b) return null;
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  return `differs at offset ${at}: got ${JSON.stringify(a.slice(at, at + 60))}, want ${JSON.stringify(b.slice(at, at + 60))}`;
}

/**
 * Checks every way a cell renders `workloads`: compiled (the timed "render"), one-shot,
 * and one-shot from a source variant (the timed "compile+render"), and XMD's byte paths
 * of the first two (whose allocation the pool-share target is judged on). Returns the
 * first difference, labelled with the path that produced it, or null.
 */
export function checkEngine(engine: Engine, workloads: readonly Workload[]): string | null {
  try {
    for (const w of workloads) {
      const want = w.baseline(w.data);
      const compiled = engine.compile(w);
      const viaCompiled = difference(compiled.render(), want);
      const renderTo = compiled.renderTo;
      const viaCompiledBytes = renderTo ? difference(bytePathText(renderTo), want) : null;
      compiled.release();
      if (viaCompiled) return `compiled render ${viaCompiled}`;
      if (viaCompiledBytes) return `compiled render to bytes ${viaCompiledBytes}`;
      const viaOnce = difference(engine.once(w), want);
      if (viaOnce) return `one-shot render ${viaOnce}`;
      const onceTo = engine.onceTo;
      const viaOnceBytes = onceTo
        ? difference(
            bytePathText((write) => onceTo(w, write)),
            want,
          )
        : null;
      if (viaOnceBytes) return `one-shot render to bytes ${viaOnceBytes}`;
      const viaVariant = difference(engine.once(withUniqueComment(w, 0)), want);
      if (viaVariant) return `compile+render of a source variant ${viaVariant}`;
    }
    return null;
  } catch (e) {
    return `threw while rendering: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    engine.clearCaches();
  }
}

/** Checks outputs already rendered, one per workload, against the baseline. */
export function checkOutputs(outputs: readonly string[], workloads: readonly Workload[]): string | null {
  for (let i = 0; i < workloads.length; i++) {
    const w = workloads[i] as Workload;
    const d = difference(outputs[i] ?? "", w.baseline(w.data));
    if (d) return `document ${i} of a timed pass: ${d}`;
  }
  return null;
}
