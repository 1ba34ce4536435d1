/** One of the XMD TextMate grammars. */
export interface XmdGrammar {
  /** `xmd` (the language of .xmd/.xm files) or `xmd-markdown` (XMD inside markdown). */
  readonly name: "xmd" | "xmd-markdown";
  /** The grammar's root scope: `source.xmd`, or `markdown.xmd.injection`. */
  readonly scopeName: string;
  /** Absolute path of the grammar's JSON file. */
  readonly path: string;
  /** Files the grammar is for (the language grammar only). */
  readonly fileExtensions?: readonly string[];
  /** Scopes the grammar is injected into (the markdown injection only): `text.html.markdown`. */
  readonly injectTo?: readonly string[];
}

/** Both grammars: `source.xmd`, and the injection into `text.html.markdown`, which includes it. */
export declare const grammars: readonly XmdGrammar[];

/** Path of the VS Code language configuration for .xmd files (comments, brackets, indentation). */
export declare const languageConfigurationPath: string;

/**
 * A grammar's JSON, parsed, by its name.
 * @throws Error when there is no grammar of that name.
 */
export declare function readGrammar(name: XmdGrammar["name"]): Record<string, unknown>;
