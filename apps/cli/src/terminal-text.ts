/**
 * Text from documents and trees on the terminal. A document, a file name or a file's
 * content may hold control characters: ESC starts sequences that recolour, move the
 * cursor, set the window title or (on some terminals) write files and answer back. What
 * xmd prints of such text — error messages and frames, `--check` diffs, file names —
 * shows every control character as an escape (`\x1b`), except tab and newline. xmd's
 * own colours are added after this, so they still work.
 * @module
 */

/** C0 controls except tab and newline, DEL, and C1 controls. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Whether `text` holds a character {@link escapeControls} would change. */
export function hasControls(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/** `text` with each control character but tab and newline shown as `\xHH`. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** A source line of a code frame: `> 12 | text` or `  11 | text`. */
const SOURCE_LINE = /^([> ] +\d+ \| )(.*)$/;
/** The caret line under it: `     | ` then spaces (and tabs) up to the column, then `^^^`. */
const CARET_LINE = /^( +\| )([ \t]*)(\^+)(.*)$/;

/**
 * A code frame (see the runtime's `formatError`) with control characters escaped, the
 * carets moved so that they still stand under the same characters.
 */
export function escapeFrame(frame: string): string {
  if (!hasControls(frame)) return frame;
  const lines = frame.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const source = SOURCE_LINE.exec(line);
    if (source === null) {
      lines[i] = escapeControls(line);
      continue;
    }
    const [, gutter, text] = source as unknown as [string, string, string];
    lines[i] = gutter + escapeControls(text);
    const caret = CARET_LINE.exec(lines[i + 1] ?? "");
    if (caret === null) continue;
    const [, bar, pad, carets, rest] = caret as unknown as [string, string, string, string, string];
    const before = text.slice(0, pad.length);
    const under = text.slice(pad.length, pad.length + carets.length);
    const width = escapeControls(under).length + Math.max(0, carets.length - under.length);
    lines[i + 1] =
      bar +
      escapeControls(before).replace(/[^\t]/g, " ") +
      "^".repeat(Math.max(1, width)) +
      escapeControls(rest);
    i++;
  }
  return lines.join("\n");
}
