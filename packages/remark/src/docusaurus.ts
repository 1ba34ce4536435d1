/**
 * `@xmd/remark/docusaurus`: XMD for Docusaurus through its `markdown.preprocessor` hook.
 *
 * ```js
 * // docusaurus.config.js
 * import { xmdPreprocessor } from "@xmd/remark/docusaurus";
 * export default { markdown: { preprocessor: xmdPreprocessor() } };
 * ```
 * @module
 */
import { formatError, XmdError } from "@xmd/runtime";
import { Renderer, type XmdOptions } from "./render.js";

export type { VarsOption, XmdOptions } from "./render.js";

/** What Docusaurus passes to `markdown.preprocessor` (see `MarkdownPreprocessor` in `@docusaurus/types`). */
export interface PreprocessorArgs {
  /** Absolute path of the `.md`/`.mdx` file. */
  filePath: string;
  /** The file's whole text, front matter included. */
  fileContent: string;
}

/**
 * A `markdown.preprocessor` for Docusaurus: renders each markdown file's XMD before MDX
 * compiles it. Docusaurus calls it synchronously with the file's path and its whole text
 * (front matter included) and compiles what it returns; the runtime's `render()` is
 * synchronous, so it fits.
 *
 * A bad document throws an `Error` whose message is the full XMD report (`file:line:column`,
 * code frame, help), with the `XmdError` as its `cause`: Docusaurus shows it as the page's
 * build error.
 *
 * Docusaurus reads front matter from the file as written, before this runs, so `{{ }}` in
 * front matter is rendered in the page body's copy only (the sidebar and `<title>` see the
 * text as written).
 */
export function xmdPreprocessor(options: XmdOptions = {}): (args: PreprocessorArgs) => string {
  const renderer = new Renderer(options);
  return ({ filePath, fileContent }) => {
    try {
      return renderer.render(fileContent, filePath)?.output ?? fileContent;
    } catch (error) {
      if (!(error instanceof XmdError)) throw error;
      const wrapped = new Error(formatError(error), { cause: error });
      wrapped.name = "XmdError";
      throw wrapped;
    }
  };
}
