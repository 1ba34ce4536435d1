/**
 * `@xmd/remark`: a unified plugin that renders XMD (markdown that computes) before the
 * markdown is parsed, so every other plugin sees the rendered document.
 *
 * ```js
 * import { unified } from "unified";
 * import remarkParse from "remark-parse";
 * import remarkXmd from "@xmd/remark";
 * import remarkRehype from "remark-rehype";
 * import rehypeStringify from "rehype-stringify";
 *
 * const file = await unified().use(remarkParse).use(remarkXmd).use(remarkRehype).use(rehypeStringify)
 *   .process(await read("docs/page.md"));
 * ```
 * @module
 */
import { relative, resolve } from "node:path";
import { formatError, type RenderResult, XmdError } from "@xmd/runtime";
import type { Root } from "mdast";
import type { Parser, Plugin, Processor } from "unified";
import type { VFile } from "vfile";
import { Renderer, type XmdOptions } from "./render.js";

export type { VarsOption, XmdOptions } from "./render.js";

/** What the plugin leaves on `file.data.xmd` for the file it rendered. */
export interface XmdFileData {
  /** The file's text before rendering (`file.value` holds the rendered markdown). */
  source: string;
  /** Absolute paths of every file the render read or imported: watch them to re-render. */
  dependencies: string[];
  /** Whether the output depends on more than the files: a command ran, or the clock was read. */
  nondeterminism: { exec: string[]; clock: boolean };
}

declare module "vfile" {
  interface DataMap {
    /** Set by `@xmd/remark` on each file it rendered. */
    xmd: XmdFileData;
  }
}

/**
 * Renders a file's XMD and returns the markdown (`undefined` for a file the `include`
 * option leaves out), or throws a fatal vfile message (with the error's line and column
 * in this file) for a bad document. Sets `file.value` to the rendered text and
 * `file.data.xmd`.
 */
function renderFile(renderer: Renderer, file: VFile, source: string): string | undefined {
  let result: RenderResult | undefined;
  try {
    result = renderer.render(source, file.path || undefined, file.cwd, file.data);
  } catch (error) {
    if (error instanceof XmdError) throw messageOf(renderer, file, error);
    throw error;
  }
  if (result === undefined) return undefined;
  file.value = result.output;
  file.data.xmd = {
    source,
    dependencies: result.dependencies,
    nondeterminism: result.nondeterminism,
  };
  return result.output;
}

/**
 * A fatal message on `file` for an XMD error. The place is in this file: where the error
 * is, or, for an error inside an imported file, the import that led to it (the reason
 * then names the imported file's own line and column). `note` holds the full report with
 * its code frame, as the `xmd` command prints it; the `XmdError` is the `cause`, its
 * `stack` replaced by that report.
 */
function messageOf(renderer: Renderer, file: VFile, error: XmdError) {
  const outermost = error.importedFrom.at(-1);
  const place = outermost ?? error;
  // An imported file's name is relative to the root.
  const imported = relative(file.cwd, resolve(renderer.root(file.cwd), error.file));
  const where = outermost ? ` (in ${imported}:${error.line}:${error.column})` : "";
  const message = file.message(`${error.message}${where}`, {
    place: { line: place.line, column: place.column },
    ruleId: error.code,
    source: "xmd",
    cause: error,
  });
  message.fatal = true;
  const report = formatError(error);
  message.note = report;
  // vfile-reporter prints a cause's stack under every message. The JavaScript stack of an
  // XmdError says nothing about the document; its report (place, code frame, help) does.
  error.stack = report;
  return message;
}

/**
 * The unified plugin. Use it after `remark-parse` (or any markdown parser plugin, such as
 * the one inside MDX, Astro or Docusaurus): it wraps the processor's parser, so the text
 * is rendered first and the tree every later plugin sees is the rendered document's.
 *
 * Used before the parser plugin, the parser replaces the wrapped one; the plugin then
 * renders in its transformer instead: it renders `file.value` and parses the result
 * again, so the output is the same, but transformers that ran before it saw the
 * unrendered tree.
 *
 * Errors are fatal vfile messages (`ruleId` is the XMD error code, `source` is `"xmd"`,
 * `place` the line and column, `note` the report with its code frame, `cause` the
 * `XmdError`, whose `stack` is that report): `process` rejects with one.
 */
const remarkXmd: Plugin<[XmdOptions?], Root> = function (this: Processor, options?: XmdOptions) {
  const renderer = new Renderer(options ?? {});
  // Files the wrapped parser saw (rendered or left out by `include`): the transformer
  // leaves them alone.
  const parsed = new WeakSet<VFile>();
  const parse = this.parser as Parser<Root> | undefined;
  if (parse) {
    const rendering: Parser<Root> = (document, file) => {
      parsed.add(file);
      return parse(renderFile(renderer, file, document) ?? document, file);
    };
    this.parser = rendering;
  }
  return (tree, file) => {
    if (parsed.has(file) || file.value === undefined) return tree;
    const parser = this.parser as Parser<Root> | undefined;
    if (!parser) return tree;
    const output = renderFile(renderer, file, String(file.value));
    return output === undefined ? tree : parser(output, file);
  };
};

export default remarkXmd;
