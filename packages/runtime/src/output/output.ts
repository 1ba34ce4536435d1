/**
 * What the evaluator writes a render's output to. Two kinds: an {@link OutputSink} of
 * pooled UTF-8 chunks (the byte forms, `renderBytes` and `renderTo`, and a compiled
 * document's `render()`, which decodes the chunks once at the end), and a `TextOutput` of
 * JS strings for a document rendered once to a string, whose text would otherwise be
 * encoded to UTF-8 for one use (see `render-forms.ts`).
 * @module
 */
import type { SourceBytes } from "../syntax/source-bytes.js";
import type { TextBuilder } from "./text-builder.js";

/** Where an output position is, to take the output back from there ({@link Output.takeSince}). */
export type OutputMark = number;

/** The output of a render, as the evaluator sees it. */
export interface Output {
  /** Bytes written so far (taken-back output not counted). */
  readonly byteLength: number;
  /**
   * Whether the output is UTF-8 bytes, where text built in a builder is copied as it is
   * (`text-builder.ts`); a string output would decode the builder's bytes at every write
   * (W3 26–35% slower than joining strings), so text is built as strings for it.
   */
  readonly utf8: boolean;
  /** Writes text (a value, printed). @throws RuntimeFault `limit` past `maxOutputBytes`, writing nothing of it. */
  text(text: string): void;
  /** Writes a number's text (`numberToText`). @throws RuntimeFault `limit` as {@link text} does. */
  number(value: number): void;
  /**
   * Writes the parts `[0, count)` — `texts[i]`, or where that is null the number
   * `numbers[i]` (as {@link text} and {@link number} do) — then `end` (a line's end, or
   * ""): a printed line in one call. @throws RuntimeFault `limit` as {@link text} does,
   * having written the parts before the one that passed it.
   */
  parts(texts: readonly (string | null)[], numbers: Float64Array, count: number, end: string): void;
  /**
   * Writes source[start, end) of a unit, static markdown (the ends on character
   * boundaries). @throws RuntimeFault `limit` past `maxOutputBytes`, writing nothing of it.
   */
  source(source: SourceBytes, start: number, end: number): void;
  /**
   * Writes the text a builder holds (a variable's, see `text-builder.ts`).
   * @throws RuntimeFault `limit` past `maxOutputBytes`, writing nothing of it.
   */
  builder(builder: TextBuilder): void;
  /**
   * The share of the output written by {@link source} (static markdown), from 0 to 1 (0
   * for an empty output): what decides how a compiled document's next `render()` builds
   * its string (see `render-forms.ts`).
   */
  staticShare(): number;
  /** Where the output is now; marks are closed innermost first, by {@link takeSince}. */
  mark(): OutputMark;
  /** Takes back everything written since `mark` and returns it as text; it no longer counts against the limit. */
  takeSince(mark: OutputMark): string;
  /** Gives back what the output holds (chunks to their pool). */
  release(): void;
}
