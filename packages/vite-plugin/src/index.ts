/**
 * `@xmd/vite-plugin`: renders XMD (markdown that computes) inside Vite, before the
 * plugins that turn markdown into pages (VitePress's, or any other) see it.
 *
 * ```js
 * // vite.config.js, or `vite.plugins` in .vitepress/config.js
 * import xmd from "@xmd/vite-plugin";
 * export default { plugins: [xmd()] };
 * ```
 * @module
 */
import { extname, isAbsolute, resolve } from "node:path";
import {
  createRuntime,
  type RenderResult,
  type Runtime,
  type RuntimeOptions,
  XmdError,
  type XmdLocation,
} from "@xmd/runtime";

/** Variables for one document, or a function that gives them for a file's absolute path. */
export type VarsOption =
  | Readonly<Record<string, unknown>>
  | ((path: string) => Readonly<Record<string, unknown>> | undefined);

/**
 * Options of {@link xmd}: the runtime's own options (`exec`, `limits`, `now`, `strict`,
 * `frontMatter`, `memory`, `dryRun`, `checked`) and:
 */
export interface XmdViteOptions extends RuntimeOptions {
  /**
   * The folder that confines every file a document reads (`import`, `File.*`, `get`,
   * `put`). Default: Vite's `root` (for VitePress, the source folder), so a page may
   * import parts and data from anywhere under it. Relative to Vite's root.
   */
  root?: string;
  /**
   * Which files to render, by absolute path: a RegExp tested on the path, or a function.
   * Default: `.md`, `.xmd` and `.xm` files. Use it to leave out pages whose `{{ }}` is
   * Vue's (VitePress pages may use Vue interpolation), or write `\{{` there for a literal
   * `{{`.
   */
  include?: RegExp | ((path: string) => boolean);
  /**
   * Variables every document sees, as if set before its first line. A variable passed
   * here wins over a front matter key of the same name.
   */
  vars?: VarsOption;
}

/** What the plugin calls on Vite's (Rollup's) transform context. */
export interface TransformContext {
  /** Fails the transform (Vite's error overlay shows `message`, `loc` and `frame`). */
  error(error: {
    message: string;
    id: string;
    loc: { file: string; line: number; column: number };
    frame: string;
  }): never;
  /** Rebuilds or re-renders when `id` changes. */
  addWatchFile(id: string): void;
}

/**
 * The plugin object, described by the hooks it has rather than by one Vite version's
 * `Plugin` type: it fits `plugins` of Vite 5 to 8 (and of VitePress, which bundles its
 * own Vite), whichever version the project's types come from.
 */
export interface XmdVitePlugin {
  name: "xmd";
  enforce: "pre";
  configResolved(config: { root: string }): void;
  buildEnd(): void;
  transform: {
    order: "pre";
    handler(this: TransformContext, code: string, id: string): { code: string; map: null } | null;
  };
}

/** Extensions of native XMD files: they become JavaScript modules exporting the rendered markdown. */
const NATIVE = new Set([".xmd", ".xm"]);
const DEFAULT_INCLUDE = /\.(md|xmd|xm)$/;

/**
 * The Vite plugin. Its `transform` runs first (`enforce: "pre"`, `order: "pre"`) on every
 * file `include` takes:
 *
 * - a `.md` file is rendered and handed on as markdown, so the plugin that makes pages of
 *   markdown (VitePress's, `vite-plugin-md`, …) gets the rendered document;
 * - a `.xmd` or `.xm` file is rendered and becomes a module whose default export is the
 *   rendered markdown (`import readme from "./readme.xmd"`).
 *
 * Every file a render read or imported is added with `this.addWatchFile`, so `vite build
 * --watch` rebuilds, and the dev server re-renders the page, when one of them changes.
 *
 * A bad document fails the transform with `this.error`: the message is the XMD error
 * (code, message, help, and the imports it came through), `loc` its file, line and
 * column (1-based), `frame` the code frame.
 *
 * Requests with a query (`page.md?raw`, VitePress's `page.md?vue&type=style…`) and
 * virtual modules are left alone.
 */
export default function xmd(options: XmdViteOptions = {}): XmdVitePlugin {
  const { include = DEFAULT_INCLUDE, vars, root: rootOption, ...runtimeOptions } = options;
  let viteRoot = process.cwd();
  let runtime: Runtime | undefined;
  let root = "";

  const included = (path: string) => (typeof include === "function" ? include(path) : include.test(path));

  return {
    name: "xmd",
    enforce: "pre",
    configResolved(config) {
      viteRoot = config.root;
    },
    buildEnd() {
      // A watch-mode rebuild or a dev server restart starts from a fresh runtime.
      runtime?.dispose();
      runtime = undefined;
    },
    transform: {
      order: "pre",
      handler(code, id) {
        if (id.startsWith("\0") || id.includes("?")) return null;
        if (!isAbsolute(id) || !included(id)) return null;
        if (runtime === undefined) {
          root = resolve(viteRoot, rootOption ?? ".");
          runtime = createRuntime({ ...runtimeOptions, root });
        }
        let result: RenderResult;
        try {
          result = runtime.render(code, { path: id, vars: typeof vars === "function" ? vars(id) : vars });
        } catch (error) {
          if (!(error instanceof XmdError)) throw error;
          return this.error({
            message: describe(error, root),
            id,
            loc: { file: absoluteIn(root, error.file), line: error.line, column: error.column },
            frame: error.frame,
          });
        }
        for (const dependency of result.dependencies) if (dependency !== id) this.addWatchFile(dependency);
        const output = NATIVE.has(extname(id).toLowerCase())
          ? `export default ${JSON.stringify(result.output)};\n`
          : result.output;
        return { code: output, map: null };
      },
    },
  };
}

/** An error's file as an absolute path: the runtime names imported files relative to the root. */
function absoluteIn(root: string, file: string): string {
  return isAbsolute(file) ? file : resolve(root, file);
}

/** The error's text for Vite: `error[code]: message`, then help and the imports it came through. */
function describe(error: XmdError, root: string): string {
  const lines = [`error[${error.code}]: ${error.message}`];
  if (error.hint) lines.push(`  = help: ${error.hint}`);
  for (const site of error.importedFrom as readonly XmdLocation[])
    lines.push(`  = note: imported from ${absoluteIn(root, site.file)}:${site.line}:${site.column}`);
  return lines.join("\n");
}
