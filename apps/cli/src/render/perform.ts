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

/** The program an exec-denied error names (the runtime says "…wants to run 'NAME'"). */
const DENIED_PROGRAM = /wants to run '([^']+)'/;

function allows(policy: RenderTask["execWanted"], program: string): boolean {
  if (policy === undefined) return false;
  return policy.allow === true || (Array.isArray(policy.allow) && policy.allow.includes(program));
}

/**
 * Under `--check` without `--trust-exec` every command is denied, so none runs. A command
 * the user's own policy allows is then reported as making the output not deterministic,
 * as it would have been had it run; one it does not allow is the error it always was.
 */
function execStop(task: RenderTask, error: XmdError): RenderOutcome | XmdError {
  if (task.execWanted === undefined || error.code !== "exec-denied") return error;
  const program = DENIED_PROGRAM.exec(error.message)?.[1];
  if (program === undefined) return error;
  if (allows(task.execWanted, program)) {
    return {
      ok: true,
      output: "",
      dependencies: [],
      nondeterminism: { exec: [program], clock: false },
      stoppedAtExec: true,
      stats: null,
    };
  }
  const allowed = task.execWanted.allow;
  if (!Array.isArray(allowed)) return error;
  return new XmdError(
    error.code,
    `exec of '${program}' is not allowed: the allow-list is ${allowed.join(", ")}`,
    error.file,
    error.line,
    error.column,
    error.frame,
    `run with --allow-exec=${[...allowed, program].join(",")} (or --allow-exec for every command)`,
  );
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
    const stopped = execStop(task, e);
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
