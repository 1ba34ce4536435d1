/**
 * How a document error is shown: file names relative to the working folder (so a
 * terminal can open them), the document being rendered named even when the error is in
 * a file it imported, and the files involved recorded for watch mode.
 * @module
 */
import { realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { formatError, type XmdError } from "@xmd/runtime";
import { escapeControls, escapeFrame } from "../terminal-text.js";

/** Which document was being rendered, and how paths in its errors are to be read. */
export interface ErrorContext {
  /** The document's path as given to the runtime (absolute), or null for stdin. */
  documentPath: string | null;
  /** How the document is named to the user. */
  label: string;
  /** The run's root, symlinks resolved: the runtime names files inside it relative to it. */
  root: string;
  cwd: string;
}

/** The absolute path of a file named in an error, or null for stdin. */
function absoluteOf(file: string, context: ErrorContext): string | null {
  if (file === "<stdin>") return null;
  return isAbsolute(file) ? file : resolve(context.root, file);
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A path as the user should see it: relative to the cwd, through symlinks or not, whichever is shorter. */
function shown(abs: string, context: ErrorContext): string {
  const document = context.documentPath;
  if (document !== null && (abs === document || abs === realOrSelf(document))) return context.label;
  const plain = relative(context.cwd, abs);
  const real = relative(realOrSelf(context.cwd), abs);
  const best = real.split("..").length < plain.split("..").length ? real : plain;
  return best === "" ? "." : best;
}

function displayFile(file: string, context: ErrorContext): string {
  const abs = absoluteOf(file, context);
  return abs === null ? context.label : shown(abs, context);
}

/**
 * The error formatted for the terminal. When the error lies in an imported file, the
 * import chain is shown (the runtime's `importedFrom`); a runtime without it still gets
 * a line naming the document that was being rendered. Control characters in what comes
 * from the document (its text in the frame, names and values quoted in the message, file
 * names) are shown as escapes, so a document cannot send the terminal escape sequences;
 * the colours are added after.
 */
export function presentError(error: XmdError, context: ErrorContext, color: boolean): string {
  const sites = error.importedFrom;
  const copy = Object.create(Object.getPrototypeOf(error) as object) as XmdError;
  Object.defineProperties(copy, Object.getOwnPropertyDescriptors(error));
  const { message, hint } = error;
  Object.assign(copy, {
    file: escapeControls(displayFile(error.file, context)),
    message: escapeControls(message),
    frame: escapeFrame(error.frame),
    hint: hint === undefined ? undefined : escapeControls(hint),
    ...(sites.length > 0
      ? { importedFrom: sites.map((s) => ({ ...s, file: escapeControls(displayFile(s.file, context)) })) }
      : {}),
  });
  const text = formatError(copy, { color });
  const label = escapeControls(context.label);
  if (sites.length > 0 || copy.file === label) return text;
  return `${text}\n  = note: while rendering ${label}, which imports ${copy.file}`;
}

/** `cannot read "PATH": no such file` and its kin: PATH is relative to the root. */
const UNREADABLE = /^cannot read "([^"]+)": (no such file|a part of the path is not a folder)/;
/** `cannot import "NAME": there is no NAME.xmd, …`: NAME is relative to the importing file's folder. */
const NOT_FOUND_IMPORT = /^cannot import "([^"]+)": there is no /;

/**
 * Files a failed render depends on, as far as the error tells: the file it failed in,
 * the files that imported it, and a file it could not find (so that watch mode renders
 * again when that file appears). The runtime reports dependencies only for renders that
 * succeed; this reads what it can from the error.
 */
export function failedDependencies(error: XmdError, context: ErrorContext): string[] {
  const found = new Set<string>();
  const add = (file: string) => {
    const abs = absoluteOf(file, context);
    if (abs !== null) found.add(abs);
  };
  add(error.file);
  for (const site of error.importedFrom) add(site.file);
  const unreadable = UNREADABLE.exec(error.message)?.[1];
  if (unreadable !== undefined) add(unreadable);
  const missing = NOT_FOUND_IMPORT.exec(error.message)?.[1];
  const importer = absoluteOf(error.file, context);
  if (missing !== undefined) found.add(resolve(importer === null ? context.cwd : dirname(importer), missing));
  return [...found];
}
