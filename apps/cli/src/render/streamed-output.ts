/**
 * A render's output as the render thread writes it: held back while it is small, then
 * streamed to the output a chunk at a time, so that memory does not grow with the output.
 *
 * Held back first, so that a small output behaves as it always did: nothing is opened,
 * created or written unless the document renders, and it is written by the main thread as
 * a whole (atomically for a file). Past {@link STREAM_AFTER_BYTES} the thread asks the main
 * thread for the output (see `output-request.ts`) and writes to it from then on: a file
 * through a temporary file that is renamed over it only when the render succeeds, stdout
 * as it comes (a document that then fails leaves on stdout what was written before the
 * error, and exits 1).
 * @module
 */
import { writeSync } from "node:fs";
import { reasonOf } from "../output/write-error.js";
import type { OpenReply } from "./output-request.js";

/** Output held back before it is streamed. */
export const STREAM_AFTER_BYTES = 1024 * 1024;

/** The output could not be opened or written; the render stops. */
export class OutputFailed extends Error {
  constructor(
    /** The system's error code (`EPIPE`, `ENOSPC`), when a write failed. */
    readonly code: string | undefined,
    /** Why, in words (empty when opening failed: the main thread knows why). */
    readonly reason: string,
    /** True when the main thread could not open it. */
    readonly opening: boolean,
  ) {
    super(reason === "" ? "the output cannot be written" : reason);
  }
}

/** Lets a write wait a moment for a pipe that is full (a non-blocking stdout). */
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `bytes` to `fd`, waiting out a full pipe. @throws {OutputFailed} */
function writeAll(fd: number, bytes: Uint8Array): void {
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at, bytes.length - at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") {
        Atomics.wait(pause, 0, 0, 2);
        continue;
      }
      throw new OutputFailed((e as NodeJS.ErrnoException).code, reasonOf(e), false);
    }
  }
}

/** The writer a streaming render writes to (see the module note). */
export class StreamedOutput {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  private fd: number | null = null;

  /**
   * @param open - Asks the main thread for the output (called once, when the output
   *   outgrows what is held back).
   * @param holdBytes - Bytes held back before streaming.
   */
  constructor(
    private readonly open: () => OpenReply,
    private readonly holdBytes = STREAM_AFTER_BYTES,
  ) {}

  /** For `renderTo`: takes each chunk as it fills. */
  readonly write = (bytes: Uint8Array): void => {
    if (this.fd === null) {
      if (this.heldBytes + bytes.length <= this.holdBytes) {
        // A copy: the runtime reuses its chunk.
        this.held.push(bytes.slice());
        this.heldBytes += bytes.length;
        return;
      }
      const reply = this.open();
      if (!("fd" in reply)) throw new OutputFailed(undefined, "", true);
      this.fd = reply.fd;
      for (const chunk of this.held) writeAll(reply.fd, chunk);
      this.held = [];
    }
    writeAll(this.fd, bytes);
  };

  /** Whether the output went to the main thread's target (else it is all {@link heldOutput}). */
  get streamed(): boolean {
    return this.fd !== null;
  }

  /** The output held back, when it never outgrew the hold. */
  heldOutput(): Uint8Array {
    const out = new Uint8Array(this.heldBytes);
    let at = 0;
    for (const chunk of this.held) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}
