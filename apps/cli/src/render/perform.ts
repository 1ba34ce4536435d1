/**
 * The work a render thread does: render or check one document with a runtime kept for
 * the life of the thread (made again when the options change). Runs inside the thread;
 * the main thread never loads the runtime.
 * @module
 */
import { realpathSync } from "node:fs";
import { dirname } from "node:path";
import { createRuntime, DEFAULT_LIMITS, type RenderInfo, type Runtime, XmdError } from "@xmd/runtime";
import { readRegularBytes, UnreadableFile } from "../input/read-file.js";
import { formatStats } from "../stats.js";
import { escapeControls } from "../terminal-text.js";
import type { OpenReply } from "./output-request.js";
import { type ErrorContext, failedDependencies, presentError } from "./present-error.js";
import { OutputFailed, StreamedOutput } from "./streamed-output.js";
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
  return escapeControls(
    `${task.label}: internal error: ${message}\nThis is a bug in xmd; please report it with the document that caused it.${stack}`,
  );
}

/**
 * The document, read like any other read: a regular file (not a device, a named pipe, a
 * socket), of at most `maxReadBytes`, as its bytes (the runtime decodes them once). What
 * cannot be read is an error at the start of the file: `limit` for one that is too large
 * (with the flag that raises it), `file` for the rest.
 */
function documentText(task: Task): string | Uint8Array {
  if (!("path" in task.document)) return task.document.text;
  const { path } = task.document;
  const maxBytes = task.options.limits?.maxReadBytes ?? DEFAULT_LIMITS.maxReadBytes;
  try {
    return readRegularBytes(path, maxBytes);
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    if (e.kind === "too-large")
      throw new XmdError(
        "limit",
        `cannot read the document: ${e.reason}`,
        path,
        1,
        1,
        "",
        "raise it with --max-read",
      );
    throw new XmdError("file", `cannot read the document: ${e.reason}`, path, 1, 1, "");
  }
}

/**
 * Renders one document. Never throws for a bad document. A streaming task's output goes
 * through a {@link StreamedOutput}, which asks `openOutput` for the output when it is large.
 */
export function renderTask(
  task: RenderTask,
  openOutput: () => OpenReply = () => ({ failed: true }),
): RenderOutcome {
  const rt = runtimeFor(task);
  const lang = task.lang !== undefined ? { lang: task.lang } : {};
  try {
    const path = "path" in task.document ? { path: task.document.path } : {};
    const options = { vars: task.vars, ...lang, ...path };
    let output = "";
    let bytes: Uint8Array | null | undefined;
    let info: RenderInfo;
    if (task.stream) {
      const streamed = new StreamedOutput(openOutput);
      info = rt.renderTo(documentText(task), streamed.write, options);
      bytes = streamed.streamed ? null : streamed.heldOutput();
    } else {
      const result = rt.render(documentText(task), options);
      output = result.output;
      info = result;
    }
    return {
      ok: true,
      output,
      ...(bytes !== undefined ? { bytes } : {}),
      dependencies: info.dependencies,
      nondeterminism: info.nondeterminism,
      stoppedAtExec: false,
      stats: task.stats ? formatStats(task.label, info.stats) : null,
    };
  } catch (e) {
    if (e instanceof OutputFailed) {
      const output = { code: e.code, reason: e.reason, opening: e.opening };
      return { ok: false, error: "", dependencies: [], internal: false, output };
    }
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
    const path = "path" in task.document ? { path: task.document.path } : {};
    const vars = task.vars !== undefined ? { vars: task.vars } : {};
    const errors = rt.check(documentText(task), { ...lang, ...path, ...vars });
    // Under --strict a name never set fails the render, so it is an error here too.
    if (task.strict === true) for (const e of errors) e.severity = "error";
    const shown = (e: XmdError) => presentError(e, context, task.color);
    return {
      errors: errors.filter((e) => e.severity !== "warning").map(shown),
      warnings: errors.filter((e) => e.severity === "warning").map(shown),
    };
  } catch (e) {
    if (e instanceof XmdError) return { errors: [presentError(e, context, task.color)] };
    return { errors: [internalError(task, e)] };
  }
}
