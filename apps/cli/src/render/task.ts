/**
 * What the main thread asks a render thread to do, and what comes back. Everything here
 * crosses a thread boundary (structured clone), so it is plain data: errors come back
 * already formatted, because an `XmdError` instance does not survive the trip.
 * @module
 */
import type { RuntimeOptions } from "@xmd/runtime";

/** Where a document comes from: a file, or text read from stdin. */
export type DocumentSource =
  | { path: string }
  | {
      /** The document's text (stdin). */
      text: string;
    };

interface TaskBase {
  document: DocumentSource;
  /** How the document is named in messages (as the user wrote it, or relative to the cwd). */
  label: string;
  /** Dialect; default from the file extension, else md. */
  lang?: "md" | "xmd";
  options: RuntimeOptions;
  /** The working folder, so that file names in errors are relative to it (clickable). */
  cwd: string;
  /** ANSI colours in formatted errors. */
  color: boolean;
  /** Stack traces with errors (`--debug`). */
  debug: boolean;
}

/** Render one document. */
export interface RenderTask extends TaskBase {
  kind: "render";
  vars: Record<string, unknown>;
  /** Format `--stats` for this render. */
  stats: boolean;
  /**
   * Stream the output (see `StreamedOutput`): held back while small and then returned as
   * `bytes`, or, once larger, written by the thread to the output the main thread opens
   * when asked. Without it the output comes back whole, as `output`.
   */
  stream?: boolean;
}

/** Parse and resolve one document, collecting every error (`xmd check`). */
export interface CheckTask extends TaskBase {
  kind: "check";
  /** The variables a render would be given (config `vars`, `--vars`, `-v`): never warned about. */
  vars?: Record<string, unknown>;
  /** `--strict`: names never set are errors, not warnings. */
  strict?: boolean;
}

/** Any task a render thread takes. */
export type Task = RenderTask | CheckTask;

/** What made an output depend on more than its inputs. */
export interface Nondeterminism {
  exec: string[];
  clock: boolean;
}

/** The result of a {@link RenderTask}. A bad document is an outcome, never a thrown error. */
export type RenderOutcome =
  | {
      ok: true;
      /** The output (a task that does not stream; "" for one that does). */
      output: string;
      /** A streaming task: its whole output when it stayed small, null when it was streamed. */
      bytes?: Uint8Array | null;
      /** Absolute paths of the files the render read or imported. */
      dependencies: string[];
      nondeterminism: Nondeterminism;
      /**
       * Set when a check stopped the render at a command, running none (see
       * `exec.stop`): `output` is incomplete and must not be used.
       */
      stoppedAtExec: boolean;
      /** Formatted `--stats`, when asked for. */
      stats: string | null;
    }
  | {
      ok: false;
      /** The formatted error, ready to print. */
      error: string;
      /**
       * Files the failed render depends on as far as can be told (the file that failed,
       * a file it could not find), so that watch mode retries when one appears or changes.
       */
      dependencies: string[];
      /** True for a bug in xmd (not the document's fault). */
      internal: boolean;
      /**
       * Set when the render stopped because its streamed output could not be opened (the
       * main thread knows why) or written (`code`: `EPIPE`, `ENOSPC`, …; `reason` in words).
       */
      output?: { code: string | undefined; reason: string; opening: boolean };
    };

/** The result of a {@link CheckTask}: every error, and every warning, formatted. */
export interface CheckOutcome {
  errors: string[];
  /** What the check is not sure is a mistake (a name never set in the document). */
  warnings?: string[];
}

/** The outcome that answers a task of type `T`. */
export type Outcome<T extends Task> = T extends RenderTask ? RenderOutcome : CheckOutcome;
