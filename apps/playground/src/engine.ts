/**
 * The one module that talks to `@xmd/runtime`: renders a playground state in memory
 * (the document as `/index.md`, each extra file beside it) and turns what the runtime
 * says into what the page shows: output, diagnostics and statistics, for the chosen
 * memory mode and for the other one, so the page can put their statistics side by side.
 *
 * Nothing here touches the DOM: the unit tests run it in Node.
 * @module
 */
import { createMemoryHost, createRuntime, type RunStats, XmdError } from "@xmd/runtime";
import { DOCUMENT_NAME, type MemoryMode, type PlaygroundState } from "./state.js";

export type { RunStats } from "@xmd/runtime";

/** An error to show in the editor and in the errors panel. */
export interface Diagnostic {
  /** The file it is in, as the tabs name it (`index.md`, `parts/service.md`, …). */
  file: string;
  /** 1-based line and column. */
  line: number;
  column: number;
  /** The runtime's error code (`syntax`, `undefined-name`, …), or `internal` for a runtime bug. */
  code: string;
  message: string;
  /** The runtime's help line, when it has one. */
  help?: string;
  /** The runtime's code frame (a few lines with a caret). */
  frame?: string;
  /** The imports the error came through, innermost first (`part.md:3:1`). */
  importedFrom: string[];
}

/** One render in one memory mode. */
export interface RunOutcome {
  memory: MemoryMode;
  /** The rendered markdown; `null` when the render failed. */
  output: string | null;
  /** Empty when the render succeeded. */
  diagnostics: Diagnostic[];
  /** The run's statistics (what `xmd --stats` prints); `null` when the render failed. */
  stats: RunStats | null;
}

/** What the page shows after one edit: the chosen mode's run, and the other mode's for comparison. */
export interface RenderOutcome {
  primary: RunOutcome;
  other: RunOutcome;
}

/**
 * Limits tighter than the runtime's defaults: a render runs on the page's main thread at
 * every pause in typing, so a runaway document must stop before the page feels stuck.
 */
export const PLAYGROUND_LIMITS = Object.freeze({
  timeoutMs: 2_000,
  maxIterations: 200_000,
  maxOutputBytes: 4 * 1024 * 1024,
  maxStringLength: 4 * 1024 * 1024,
  maxListItems: 1_000_000,
});

/** A path as the runtime reports it, as the tabs name it. */
function tabName(path: string): string {
  return path.replace(/^\.?\/+/, "");
}

function fromXmdError(error: XmdError): Diagnostic {
  return {
    file: tabName(error.file),
    line: error.line,
    column: error.column,
    code: error.code,
    message: error.message,
    help: error.hint,
    frame: error.frame || undefined,
    importedFrom: error.importedFrom.map((at) => `${tabName(at.file)}:${at.line}:${at.column}`),
  };
}

/** Renders a state in one memory mode. Never throws: a failure is in `diagnostics`. */
export function renderIn(state: PlaygroundState, memory: MemoryMode): RunOutcome {
  const files: Record<string, string> = { [`/${DOCUMENT_NAME}`]: state.document };
  for (const file of state.files) files[`/${file.name}`] = file.content;
  const host = createMemoryHost(files, { cwd: "/" });
  const runtime = createRuntime({
    host,
    memory,
    limits: PLAYGROUND_LIMITS,
    strict: state.options.strict,
    frontMatter: state.options.frontMatter,
  });
  try {
    const result = runtime.render(state.document, { path: `/${DOCUMENT_NAME}` });
    return { memory, output: result.output, diagnostics: [], stats: result.stats };
  } catch (error) {
    if (!(error instanceof XmdError)) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        memory,
        output: null,
        stats: null,
        diagnostics: [
          { file: DOCUMENT_NAME, line: 1, column: 1, code: "internal", message, importedFrom: [] },
        ],
      };
    }
    // A syntax error stops reading at the first one; `check` finds every error in the document.
    const all = error.code === "syntax" ? runtime.check(state.document, { path: `/${DOCUMENT_NAME}` }) : [];
    const diagnostics = (all.length > 0 ? all : [error]).map(fromXmdError);
    return { memory, output: null, diagnostics, stats: null };
  } finally {
    runtime.dispose();
  }
}

/** Renders a state in its chosen memory mode, and in the other mode for the statistics beside it. */
export function renderState(state: PlaygroundState): RenderOutcome {
  const other: MemoryMode = state.options.memory === "pooled" ? "heap" : "pooled";
  return { primary: renderIn(state, state.options.memory), other: renderIn(state, other) };
}
