/**
 * A document as the API takes it: text, or the UTF-8 bytes of a file. Bytes are decoded
 * once, here, and kept: static markdown is then copied from them to the output, so a
 * document read as bytes is never encoded again.
 * @module
 */
import type { DocumentText } from "../api/runtime.js";

/** Throws on bytes that are not UTF-8: only then must the bytes be set aside. */
const strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** What the document's text is when its bytes are not valid UTF-8: U+FFFD for each bad sequence. */
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The text of a document and, when they are exactly its UTF-8 encoding, its bytes. A
 * byte order mark stays in the text (the unit drops it, with its three bytes). Bytes that
 * are not valid UTF-8 are decoded with U+FFFD for each bad sequence, and not kept: the
 * output must be the encoding of the text, not a copy of the bad bytes.
 */
export function decodeDocument(source: DocumentText): { text: string; bytes: Uint8Array | null } {
  if (typeof source === "string") return { text: source, bytes: null };
  try {
    return { text: strict.decode(source), bytes: source };
  } catch {
    // A fatal decoder throws only for bytes that are not UTF-8.
    return { text: lenient.decode(source), bytes: null };
  }
}
