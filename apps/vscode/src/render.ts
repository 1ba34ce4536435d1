/**
 * What the side preview shows: a document rendered by the runtime, or its error. Kept
 * apart from the VS Code API so that it can be tested without VS Code.
 * @module
 */
import { createRuntime, formatError, XmdError } from "@xmd/runtime";

/**
 * The markdown a document renders to; when it cannot be rendered, the error as the
 * `xmd` command prints it, in a fenced block. Commands (`exec`) stay denied, as they are
 * by default: a preview runs no programs.
 *
 * @param path - The document's file, for relative imports and error locations (undefined: unsaved).
 * @param root - The folder the document may read from (its workspace folder).
 */
export function renderText(
  text: string,
  path: string | undefined,
  lang: "md" | "xmd",
  root: string | undefined,
): string {
  const runtime = createRuntime(root !== undefined ? { root } : {});
  try {
    return runtime.render(text, { lang, ...(path !== undefined ? { path } : {}) }).output;
  } catch (e) {
    if (e instanceof XmdError)
      return `**XMD could not render this document:**\n\n\`\`\`text\n${formatError(e)}\n\`\`\`\n`;
    throw e;
  } finally {
    runtime.dispose();
  }
}
