/**
 * Text that a document builds a piece at a time — `set line line + " " + cell + " |"` in
 * a loop — kept as UTF-8 bytes in one growing buffer instead of a JavaScript string per
 * step. Joining strings makes a rope node per `+` and a flat copy when the text is first
 * read; appended here, a piece is copied once, a number is written as digits without a
 * string (`writeNumberFrom`), and `print line` copies the bytes into the output. A
 * variable holds a builder in place of its text (see `VariableStore.builderOf`); any other
 * read of the variable gets the text, decoded once and kept until the next change.
 *
 * A builder holds only what UTF-8 can hold: a string with a lone surrogate (which a
 * JavaScript string can hold, and UTF-8 not) is refused, and the variable keeps a string.
 * @module
 */
import { numberToText } from "../host/text.js";
import { NUMBER_BYTES, writeInt, writeNumberFrom } from "./number-bytes.js";

/** The first buffer of a builder, in bytes: a table row or a line of prose. */
const FIRST_BYTES = 128;

/** A builder whose buffer grew past this is dropped at the end of a render rather than kept for the next. */
export const KEPT_BUILDER_BYTES = 64 * 1024;

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * `String.prototype.isWellFormed` (Node 20+; not in the ES2023 library this package
 * compiles against): whether the text has no lone surrogate.
 */
function isWellFormed(text: string): boolean {
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** UTF-8 text built by appending (see the module note). */
export class TextBuilder {
  /** The bytes; the text is `bytes[0, length)`. */
  bytes = new Uint8Array(FIRST_BYTES);
  /** A view of {@link bytes}, for copying four bytes at a time. */
  view = new DataView(this.bytes.buffer);
  /** Bytes of the text. */
  length = 0;
  /** Length of the text in UTF-16 code units (what `limits.maxStringLength` counts). */
  units = 0;
  /** The text decoded, until the next change. */
  private decoded: string | null = "";
  /** The number being written (read by the writer from the list: see `writeNumberFrom`). */
  private readonly number = new Float64Array(1);

  /** Empties the builder (its buffer is kept). */
  clear(): void {
    this.length = 0;
    this.units = 0;
    this.decoded = "";
  }

  /** Goes back to an earlier length (both counts as they were then). */
  truncate(length: number, units: number): void {
    if (length === this.length) return;
    this.length = length;
    this.units = units;
    this.decoded = null;
  }

  /**
   * Appends `text`. Returns false, having appended nothing, when the text holds a lone
   * surrogate (see the module note).
   */
  appendText(text: string): boolean {
    const n = text.length;
    if (n === 0) return true;
    let at = this.length;
    if (at + n > this.bytes.length) this.grow(at + n);
    const bytes = this.bytes;
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) break;
      bytes[at++] = c;
    }
    if (i < n) {
      const rest = i === 0 ? text : text.slice(i);
      if (!isWellFormed(rest)) return false;
      // At most 3 bytes per UTF-16 code unit.
      if (at + rest.length * 3 > this.bytes.length) this.grow(at + rest.length * 3);
      at += encoder.encodeInto(rest, this.bytes.subarray(at)).written;
    }
    this.length = at;
    this.units += n;
    this.decoded = null;
    return true;
  }

  /** Appends the text of a number (`numberToText`'s: JavaScript's own, `-0` as `0`). */
  appendNumber(value: number): void {
    const at = this.length;
    if (at + NUMBER_BYTES > this.bytes.length) this.grow(at + NUMBER_BYTES);
    // Most numbers joined: small whole ones (a table cell, a count), written from here.
    let end: number;
    if ((value | 0) === value && value >= 0)
      end = writeInt(this.bytes, at, value | 0); // an int32: integer `%`
    else {
      this.number[0] = value;
      end = writeNumberFrom(this.bytes, at, this.number, 0);
    }
    if (end < 0) {
      this.appendText(numberToText(value)); // ASCII: always taken
      return;
    }
    // Digits, a sign and a point: one code unit per byte.
    this.units += end - at;
    this.length = end;
    this.decoded = null;
  }

  /** The text, as a string. */
  text(): string {
    this.decoded ??= decoder.decode(this.bytes.subarray(0, this.length));
    return this.decoded;
  }

  /** Makes room for `need` bytes, doubling. */
  private grow(need: number): void {
    let size = this.bytes.length * 2;
    while (size < need) size *= 2;
    const bytes = new Uint8Array(size);
    bytes.set(this.bytes.subarray(0, this.length));
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
  }
}
