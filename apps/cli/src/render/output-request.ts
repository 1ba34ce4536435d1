/**
 * How a render thread asks the main thread for its output, in the middle of a render.
 *
 * A render runs from start to end in one synchronous call, and once its output outgrows
 * what the thread holds back (see `StreamedOutput`) it must be written somewhere: the
 * main thread checks and opens the output (it owns every rule about where xmd may write:
 * no symbolic links, never an input, a temporary file renamed at the end) and hands back a
 * descriptor. The thread cannot wait for a message while it renders, so it blocks on a
 * shared flag instead: it posts the request, the main thread (idle while the thread
 * renders) answers on a port of its own and raises the flag, and the thread reads the
 * answer from that port synchronously (`receiveMessageOnPort`).
 * @module
 */
import type { MessagePort } from "node:worker_threads";

/** The main thread's answer: a descriptor to write to, or that the output cannot be written. */
export type OpenReply = { fd: number } | { failed: true };

/** What a thread gets to ask with: a port the answers arrive on, and the flag raised with each. */
export interface OutputChannelEnds {
  port: MessagePort;
  /** One Int32: 0 while the thread waits, 1 once the answer is on the port. */
  signal: SharedArrayBuffer;
}

/** The thread waits at most this long for an answer (the main thread answers at once). */
const ANSWER_TIMEOUT_MS = 120_000;

/** The main thread's end: sends an answer and wakes the thread. */
export class OutputAnswerer {
  private readonly flag: Int32Array;

  constructor(
    private readonly port: MessagePort,
    signal: SharedArrayBuffer,
  ) {
    this.flag = new Int32Array(signal);
  }

  answer(reply: OpenReply): void {
    this.port.postMessage(reply);
    Atomics.store(this.flag, 0, 1);
    Atomics.notify(this.flag, 0);
  }
}

/**
 * The thread's end: posts `request` (through `post`, the thread's own channel to the main
 * thread) and blocks until the answer comes.
 */
export function awaitAnswer(
  ends: OutputChannelEnds,
  post: () => void,
  receive: (port: MessagePort) => { message: unknown } | undefined,
): OpenReply {
  const flag = new Int32Array(ends.signal);
  Atomics.store(flag, 0, 0);
  post();
  const waited = Atomics.wait(flag, 0, 0, ANSWER_TIMEOUT_MS);
  Atomics.store(flag, 0, 0);
  if (waited === "timed-out") return { failed: true };
  const reply = receive(ends.port);
  return (reply?.message as OpenReply | undefined) ?? { failed: true };
}
