/**
 * Entry point of a render thread (a `worker_threads` Worker, see `RenderThread`). It
 * loads the runtime as soon as it starts, so that this overlaps whatever the main thread
 * does before it sends the first task; then answers tasks one at a time, in order.
 * @module
 */
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { awaitAnswer, type OutputChannelEnds } from "./output-request.js";
import { checkTask, renderTask } from "./perform.js";
import type { Task } from "./task.js";

/** A request from the main thread. */
export interface TaskMessage {
  id: number;
  task: Task;
}

/**
 * The answer: the outcome, or a description of an error that escaped (a bug); or, while
 * a task streams, its request for the output (answered on the channel's port).
 */
export type ReplyMessage =
  | { id: number; outcome: unknown }
  | { id: number; crash: string }
  | { id: number; open: true };

const port = parentPort;
if (port === null) throw new Error("render/thread.js runs as a worker thread, not as a script");
const ends = workerData as OutputChannelEnds;

port.on("message", ({ id, task }: TaskMessage) => {
  let reply: ReplyMessage;
  const openOutput = () =>
    awaitAnswer(
      ends,
      () => port.postMessage({ id, open: true } satisfies ReplyMessage),
      receiveMessageOnPort,
    );
  try {
    reply = { id, outcome: task.kind === "render" ? renderTask(task, openOutput) : checkTask(task) };
  } catch (e) {
    reply = { id, crash: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
