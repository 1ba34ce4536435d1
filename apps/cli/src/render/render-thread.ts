/**
 * A render thread seen from the main thread: send a task, get its outcome. Every command
 * renders through one of these (build through several), so that all of them run with a
 * stack sized for `--max-depth` and the main thread stays free to watch files and write.
 * @module
 */
import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import { type OpenReply, OutputAnswerer, type OutputChannelEnds } from "./output-request.js";
import type { ThreadLimits } from "./stack-size.js";
import type { Outcome, Task } from "./task.js";
import type { ReplyMessage, TaskMessage } from "./thread.js";

interface Waiting {
  resolve(outcome: unknown): void;
  reject(error: Error): void;
  /** Opens the output of a streaming task when the thread asks for it. */
  open: (() => OpenReply) | undefined;
}

/**
 * `node:worker_threads` is loaded when the first thread starts, not with this module:
 * `xmd --version` and `xmd --help` load this module but start no thread (3 ms).
 */
const load = createRequire(import.meta.url);

/** The thread stopped or failed (out of memory, say): the tasks it had are lost. */
export class RenderThreadError extends Error {
  constructor(
    message: string,
    /** The thread reached its heap cap (`--max-memory`): Node ended it with ERR_WORKER_OUT_OF_MEMORY. */
    readonly outOfMemory = false,
  ) {
    super(message);
  }
}

/** One worker thread running `thread.js`. */
export class RenderThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  /** Answers a streaming task's request for its output (see `output-request.ts`). */
  private readonly answerer: OutputAnswerer;
  private nextId = 0;
  private failure: RenderThreadError | null = null;

  /**
   * Starts the thread (it begins loading the runtime at once), with a stack that fits the
   * call depth and a heap capped at `--max-memory`: a render that outgrows the cap ends
   * this thread, not the process (see {@link RenderThreadError.outOfMemory}).
   */
  constructor(readonly limits: ThreadLimits) {
    const threads = load("node:worker_threads") as typeof import("node:worker_threads");
    const channel = new threads.MessageChannel();
    const ends: OutputChannelEnds = { port: channel.port2, signal: new SharedArrayBuffer(4) };
    this.answerer = new OutputAnswerer(channel.port1, ends.signal);
    channel.port1.unref();
    // thread.js bundled with the runtime (scripts/bundle-thread.mjs): one module to load.
    this.worker = new threads.Worker(new URL("./thread.bundle.js", import.meta.url), {
      resourceLimits: { stackSizeMb: limits.stackSizeMb, maxOldGenerationSizeMb: limits.maxMemoryMb },
      workerData: ends,
      transferList: [channel.port2],
    });
    this.worker.on("message", (reply: ReplyMessage) => this.answer(reply));
    this.worker.on("error", (e: NodeJS.ErrnoException) =>
      this.fail(
        e.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new RenderThreadError("the render thread ran out of memory", true)
          : new RenderThreadError(`the render thread failed: ${e.message}`),
      ),
    );
    this.worker.on("exit", (code) =>
      this.fail(new RenderThreadError(`the render thread stopped (exit code ${code})`)),
    );
    // An idle thread must not keep the process alive: `run` holds it while a task is out.
    // (After the listeners: adding a "message" listener refs the thread's port again.)
    this.worker.unref();
  }

  /** True once the thread has failed or stopped; it takes no more tasks. */
  get broken(): boolean {
    return this.failure !== null;
  }

  /**
   * Runs one task; tasks run in the order they were sent. `open` opens the output of a
   * streaming task, when the thread asks for it (its output outgrew what it holds back).
   */
  run<T extends Task>(task: T, open?: () => OpenReply): Promise<Outcome<T>> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const id = this.nextId++;
    const message: TaskMessage = { id, task };
    return new Promise<Outcome<T>>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (o: unknown) => void, reject, open });
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage(message);
    });
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    this.failure ??= new RenderThreadError("the render thread was closed");
    await this.worker.terminate();
  }

  private answer(reply: ReplyMessage): void {
    const waiting = this.waiting.get(reply.id);
    if ("open" in reply) {
      // The thread is blocked until this answer: always give one.
      this.answerer.answer(waiting?.open?.() ?? { failed: true });
      return;
    }
    if (waiting === undefined) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if ("crash" in reply) waiting.reject(new Error(reply.crash));
    else waiting.resolve(reply.outcome);
  }

  private fail(error: RenderThreadError): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
