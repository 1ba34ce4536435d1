/**
 * The work a render thread does: render or check one document with a runtime kept for
 * the life of the thread (made again when the options change). Runs inside the thread;
 * the main thread never loads the runtime.
 * @module
 */
import { realpathSync } from "node:fs";
import { dirname } from "node:path";
import { createRuntime, type Runtime, XmdError } from "@xmd/runtime";
import { formatStats } from "../stats.js";
import { type ErrorContext, failedDependencies, presentError } from "./present-error.js";
import type { CheckOutcome, CheckTask, RenderOutcome, RenderTask, Task } from "./task.js";

let runtime: Runtime | null = null;
let runtimeKey = "";

function runtimeFor(task: Task): Runtime {
  const key = JSON.stringify(task.options);
  if (runtime === null || key !== runtimeKey) {
    runtime?.dispose();
    runtime = createRuntime(task.options);
    runtimeKey = key;
  }
  return runtime;
}

function errorContext(task: Task): ErrorContext {
  const documentPath = "path" in task.document ? task.document.path : null;
  const root = task.options.root ?? (documentPath !== null ? dirname(documentPath) : task.cwd);
  let realRoot = root;
  try {
    realRoot = realpathSync(root);
  } catch {
    // a missing root: the runtime reports it
  }
  return { documentPath, label: task.label, root: realRoot, cwd: task.cwd };
}

/**
 * Under `--check` without `--trust-exec` the runtime runs no command: it stops at the
 * first one the allow-list lets through. That document is reported as not deterministic,
 * as it would have been had the command run; its output is incomplete.
 */
function execStop(error: XmdError): RenderOutcome | XmdError {
  if (error.code !== "exec-stopped") return error;
  return {
    ok: true,
    output: "",
    dependencies: [],
    nondeterminism: { exec: [error.command ?? "a program"], clock: false },
    stoppedAtExec: true,
    stats: null,
  };
}

function internalError(task: Task, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const stack = task.debug && error instanceof Error && error.stack ? `\n${error.stack}` : "";
  return `${task.label}: internal error: ${message}\nThis is a bug in xmd; please report it with the document that caused it.${stack}`;
}

/** Renders one document. Never throws for a bad document. */
export function renderTask(task: RenderTask): RenderOutcome {
  const rt = runtimeFor(task);
  const lang = task.lang !== undefined ? { lang: task.lang } : {};
  try {
    const result =
      "path" in task.document
        ? rt.renderFile(task.document.path, { vars: task.vars, ...lang })
        : rt.render(task.document.text, { vars: task.vars, ...lang });
    return {
      ok: true,
      output: result.output,
      dependencies: result.dependencies,
      nondeterminism: result.nondeterminism,
      stoppedAtExec: false,
      stats: task.stats ? formatStats(task.label, result.stats) : null,
    };
  } catch (e) {
    if (!(e instanceof XmdError))
      return { ok: false, error: internalError(task, e), dependencies: [], internal: true };
    const stopped = execStop(e);
    if (!(stopped instanceof XmdError)) return stopped;
    const context = errorContext(task);
    const stack = task.debug && stopped.stack ? `\n${stopped.stack}` : "";
    return {
      ok: false,
      error: presentError(stopped, context, task.color) + stack,
      dependencies: failedDependencies(stopped, context),
      internal: false,
    };
  }
}

/** Parses and resolves one document; every error it finds, formatted. */
export function checkTask(task: CheckTask): CheckOutcome {
  const rt = runtimeFor(task);
  const context = errorContext(task);
  const lang = task.lang !== undefined ? { lang: task.lang } : {};
  try {
    const errors =
      "path" in task.document ? rt.checkFile(task.document.path, lang) : rt.check(task.document.text, lang);
    return { errors: errors.map((e) => presentError(e, context, task.color)) };
  } catch (e) {
    if (e instanceof XmdError) return { errors: [presentError(e, context, task.color)] };
    return { errors: [internalError(task, e)] };
  }
}
