/**
 * A build worker (piscina): renders one document per task with a runtime kept for the
 * life of the thread. Errors come back formatted, because an XmdError instance does not
 * survive the trip between threads.
 * @module
 */
import { createRuntime, formatError, type Runtime, type RuntimeOptions, XmdError } from "@xmd/runtime";
import { formatStats } from "./stats.js";

export interface RenderTask {
  /** Absolute path of the document. */
  path: string;
  /** Path shown in messages. */
  label: string;
  options: RuntimeOptions;
  vars: Record<string, unknown>;
  color: boolean;
  stats: boolean;
}

export type RenderOutcome =
  | {
      ok: true;
      output: string;
      dependencies: string[];
      nondeterminism: { exec: string[]; clock: boolean };
      stats: string | null;
    }
  | { ok: false; error: string };

let runtime: Runtime | null = null;
let runtimeKey = "";

/** Renders one document. Never throws for a bad document. */
export default function render(task: RenderTask): RenderOutcome {
  const key = JSON.stringify(task.options);
  if (runtime === null || key !== runtimeKey) {
    runtime = createRuntime(task.options);
    runtimeKey = key;
  }
  try {
    const result = runtime.renderFile(task.path, { vars: task.vars });
    return {
      ok: true,
      output: result.output,
      dependencies: result.dependencies,
      nondeterminism: result.nondeterminism,
      stats: task.stats ? formatStats(task.label, result.stats) : null,
    };
  } catch (e) {
    if (e instanceof XmdError) {
      // Show the path as the user named it, not the absolute one.
      const shown =
        e.file === task.path
          ? new XmdError(e.code, e.message, task.label, e.line, e.column, e.frame, e.hint)
          : e;
      return { ok: false, error: formatError(shown, { color: task.color }) };
    }
    return {
      ok: false,
      error: `${task.label}: internal error: ${e instanceof Error ? e.message : String(e)} (this is a bug in xmd)`,
    };
  }
}
