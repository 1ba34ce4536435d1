/**
 * The playground's whole state, and its form in the URL fragment, so that a link
 * reproduces what its author saw.
 *
 * The fragment is `application/x-www-form-urlencoded` text (read with `URLSearchParams`):
 * ```
 * #src=<base64url of the document>
 *  &f:data.yaml=<base64url of the file>   one per extra file, in tab order
 *  &memory=heap                            options, only when not the default
 *  &strict=1
 *  &frontmatter=strip
 * ```
 * `#src=…` alone is a complete link. Contents are UTF-8, base64url-encoded (RFC 4648 §5,
 * padding optional; `+` and `/` are accepted too).
 * @module
 */
import { fromBase64, isValid, toBase64 } from "js-base64";

/** How the runtime allocates: the two modes whose statistics the page compares. */
export type MemoryMode = "pooled" | "heap";

/** Options of a render that the page lets a user change. */
export interface PlaygroundOptions {
  /** The memory mode of the render whose output is shown. */
  memory: MemoryMode;
  /** Undefined names are errors in classic directives too (the CLI's `--strict`). */
  strict: boolean;
  /** Keep the front matter in the output, or strip it (the CLI's `--front-matter`). */
  frontMatter: "keep" | "strip";
}

/** A file beside the document, that it may import (`data.yaml`, `part.md`, …). */
export interface ExtraFile {
  /** Path relative to the document's folder, e.g. `data/sprint.yaml`. */
  name: string;
  content: string;
}

/** Everything a link carries. */
export interface PlaygroundState {
  /** The document (`/index.md`). */
  document: string;
  /** The files it may import, in tab order. */
  files: ExtraFile[];
  options: PlaygroundOptions;
}

/** What the page starts with when a link says nothing about an option. */
export const DEFAULT_OPTIONS: Readonly<PlaygroundOptions> = Object.freeze({
  memory: "pooled",
  strict: false,
  frontMatter: "keep",
});

/** The document's own name; an extra file may not take it. */
export const DOCUMENT_NAME = "index.md";

/**
 * Whether a name can be an extra file: a relative path of letters, digits, `.`, `_`, `-`
 * and `/`, with no empty, `.` or `..` segment, and not the document's own name.
 * Returns the reason when it cannot, `null` when it can.
 */
export function checkFileName(name: string): string | null {
  if (name.length === 0) return "a file needs a name";
  if (name.length > 200) return "a file name has at most 200 characters";
  if (!/^[A-Za-z0-9._/-]+$/.test(name)) return "a file name may hold letters, digits, '.', '_', '-' and '/'";
  if (name.split("/").some((part) => part === "" || part === "." || part === ".."))
    return "a file name is a relative path inside the document's folder (no '', '.' or '..' parts)";
  if (name === DOCUMENT_NAME) return `'${DOCUMENT_NAME}' is the document itself`;
  return null;
}

/** The base64url (unpadded) form of a text's UTF-8 bytes. */
export function encodeText(text: string): string {
  return toBase64(text, true);
}

/** A base64url (or base64) text back to its string; `null` when it is not base64. */
export function decodeText(encoded: string): string | null {
  // URLSearchParams reads '+' as a space: a link made with plain base64 keeps working.
  const b64 = encoded.replace(/ /g, "+");
  if (!isValid(b64)) return null;
  return fromBase64(b64);
}

/** The fragment (without `#`) that carries a state; options at their default are left out. */
export function encodeState(state: PlaygroundState): string {
  const params = new URLSearchParams();
  params.set("src", encodeText(state.document));
  for (const file of state.files) params.append(`f:${file.name}`, encodeText(file.content));
  if (state.options.memory !== DEFAULT_OPTIONS.memory) params.set("memory", state.options.memory);
  if (state.options.strict !== DEFAULT_OPTIONS.strict) params.set("strict", state.options.strict ? "1" : "0");
  if (state.options.frontMatter !== DEFAULT_OPTIONS.frontMatter)
    params.set("frontmatter", state.options.frontMatter);
  return params.toString();
}

/** What a fragment decodes to: the state (when it holds a document) and what was wrong with it. */
export interface DecodedState {
  /** `null` when the fragment has no readable `src`. */
  state: PlaygroundState | null;
  /** One sentence per part of the fragment that was ignored, for the page to show. */
  problems: string[];
}

/**
 * Reads a fragment (with or without its `#`). Never throws: a part that cannot be read
 * is left out and named in `problems`; an empty fragment is `{ state: null, problems: [] }`.
 */
export function decodeState(fragment: string): DecodedState {
  const text = fragment.startsWith("#") ? fragment.slice(1) : fragment;
  const problems: string[] = [];
  if (text.trim() === "") return { state: null, problems };
  const params = new URLSearchParams(text);
  const src = params.get("src");
  if (src === null) return { state: null, problems: ["the link has no 'src=' (the document)"] };
  const document = decodeText(src);
  if (document === null) return { state: null, problems: ["the link's 'src=' is not base64url text"] };

  const options: PlaygroundOptions = { ...DEFAULT_OPTIONS };
  const files: ExtraFile[] = [];
  for (const [key, value] of params) {
    if (key === "src") continue;
    if (key.startsWith("f:")) {
      const name = key.slice(2);
      const nameProblem = checkFileName(name);
      const content = decodeText(value);
      if (nameProblem) problems.push(`file '${name}' left out: ${nameProblem}`);
      else if (content === null) problems.push(`file '${name}' left out: its content is not base64url text`);
      else if (files.some((f) => f.name === name)) problems.push(`file '${name}' is in the link twice`);
      else files.push({ name, content });
    } else if (key === "memory") {
      if (value === "pooled" || value === "heap") options.memory = value;
      else problems.push(`memory=${value} is not 'pooled' or 'heap'`);
    } else if (key === "strict") {
      if (value === "1" || value === "0") options.strict = value === "1";
      else problems.push(`strict=${value} is not 1 or 0`);
    } else if (key === "frontmatter") {
      if (value === "keep" || value === "strip") options.frontMatter = value;
      else problems.push(`frontmatter=${value} is not 'keep' or 'strip'`);
    } else problems.push(`'${key}' is not part of a playground link`);
  }
  return { state: { document, files, options }, problems };
}
