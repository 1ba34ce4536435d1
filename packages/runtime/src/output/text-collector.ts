/**
 * The string form of an output, made from its chunks as they fill (chunks end on
 * character boundaries, so any run of whole chunks is valid UTF-8 by itself), and each
 * chunk goes back to the pool at once: a render to a string does not hold its output
 * twice over, as bytes and as text.
 *
 * A large output is decoded a mebibyte at a time, not a chunk at a time: V8 puts a string
 * that large in its large-object space, where the young generation's collections never
 * copy it; 64 KiB pieces were copied by every scavenge of a long render (30 ms of an
 * 8 MB document's 250).
 * @module
 */
import type { OutputWriter } from "../api/runtime.js";
import { CHUNK_BYTES } from "./chunk-pool.js";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Bytes gathered before they are decoded, for an output of more than one chunk. */
const STAGE_BYTES = 16 * CHUNK_BYTES;
/** The stage the last large render gave back: allocating a mebibyte per render cost W1 (131 KB) twice its time. */
let spareStage: Uint8Array | null = null;

/** Collects decoded chunks; {@link text} joins them. */
export class TextCollector {
  private text_ = "";
  /** Where chunks of a large output gather before they are decoded (made for the second chunk). */
  private stage: Uint8Array | null = null;
  private staged = 0;

  /** The writer to pass to `OutputSink.stream`. */
  readonly write: OutputWriter = (bytes) => {
    if (this.stage === null) {
      // A whole chunk means more may follow: gather them; a short one is the end.
      if (bytes.length < CHUNK_BYTES) {
        this.text_ += decoder.decode(bytes);
        return;
      }
      this.stage = spareStage ?? new Uint8Array(STAGE_BYTES);
      spareStage = null;
    }
    if (this.staged + bytes.length > STAGE_BYTES) this.decodeStage();
    this.stage.set(bytes, this.staged);
    this.staged += bytes.length;
  };

  private decodeStage(): void {
    if (this.stage === null || this.staged === 0) return;
    this.text_ += decoder.decode(this.stage.subarray(0, this.staged));
    this.staged = 0;
  }

  /**
   * Everything written, as one string. Pieces are joined with `+`, which links them (V8
   * makes a rope, flattened if and when the string is read); `join` copied every byte
   * again at once, and took half the time of a render of 131 KB.
   */
  text(): string {
    this.decodeStage();
    if (this.stage !== null) {
      spareStage = this.stage;
      this.stage = null;
    }
    return this.text_;
  }
}
