/**
 * What the remark plugin and the Docusaurus preprocessor share: their options, one
 * runtime per root, and turning a file into a render call.
 * @module
 */
import { isAbsolute, resolve } from "node:path";
import { createRuntime, type RenderResult, type Runtime, type RuntimeOptions } from "@xmd/runtime";

/**
 * Variables for every document, or a function that gives them for one: it gets the file's
 * absolute path and, in the remark plugin, the vfile's `data` (Astro leaves the page's
 * front matter on `data.astro.frontmatter`).
 */
export type VarsOption =
  | Readonly<Record<string, unknown>>
  | ((
      path: string | undefined,
      data: Readonly<Record<string, unknown>>,
    ) => Readonly<Record<string, unknown>> | undefined);

/**
 * Options of {@link remarkXmd} and {@link xmdPreprocessor}: the runtime's own options
 * (`exec`, `limits`, `now`, `strict`, `frontMatter`, `memory`, `dryRun`, `checked`) and:
 */
export interface XmdOptions extends RuntimeOptions {
  /**
   * The folder that confines every file a document reads (`import`, `File.*`, `get`,
   * `put`). Default: the process's working folder (for the remark plugin, the file's
   * `cwd`), so that a page may import a part or a data file from anywhere in the project,
   * as a site expects. The runtime's own default, the document's folder, is stricter.
   */
  root?: string;
  /**
   * Variables every document sees, as if set before its first line. A variable passed
   * here wins over a front matter key of the same name.
   */
  vars?: VarsOption;
  /**
   * Which files to render, by absolute path: a RegExp tested on the path, or a function.
   * Files left out pass through as they are. Default: every file. Use it to leave out
   * pages whose `{{ }}` belongs to another template language (Vue in VitePress, JSX's
   * `style={{…}}` in MDX), or write `\{{` there for a literal `{{`.
   */
  include?: RegExp | ((path: string | undefined) => boolean);
}

/** Creates runtimes on demand, one per root, and renders with them. */
export class Renderer {
  readonly #options: XmdOptions;
  readonly #runtimes = new Map<string, Runtime>();

  constructor(options: XmdOptions = {}) {
    this.#options = options;
  }

  /** The root files are confined to, for a file whose `cwd` is this. */
  root(cwd: string = process.cwd()): string {
    return resolve(cwd, this.#options.root ?? cwd);
  }

  /**
   * Renders `source` as the document at `path` (absolute, or relative to `cwd`); returns
   * `undefined` for a file that `include` leaves out. Throws the runtime's `XmdError` on a
   * bad document.
   */
  render(
    source: string,
    path: string | undefined,
    cwd: string = process.cwd(),
    data: Readonly<Record<string, unknown>> = {},
  ): RenderResult | undefined {
    const absolute = path === undefined ? undefined : isAbsolute(path) ? path : resolve(cwd, path);
    const include = this.#options.include;
    if (include !== undefined) {
      const included =
        typeof include === "function" ? include(absolute) : absolute !== undefined && include.test(absolute);
      if (!included) return undefined;
    }
    const root = this.root(cwd);
    let runtime = this.#runtimes.get(root);
    if (runtime === undefined) {
      const { vars: _vars, include: _include, ...runtimeOptions } = this.#options;
      runtime = createRuntime({ ...runtimeOptions, root });
      this.#runtimes.set(root, runtime);
    }
    const vars =
      typeof this.#options.vars === "function" ? this.#options.vars(absolute, data) : this.#options.vars;
    return runtime.render(source, { path: absolute, vars });
  }
}
