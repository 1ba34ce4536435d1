/**
 * Entry point of a render thread (a `worker_threads` Worker, see `RenderThread`). It
 * loads the runtime as soon as it starts, so that this overlaps whatever the main thread
 * does before it sends the first task; then answers tasks one at a time, in order.
 * @module
 */
import { parentPort } from "node:worker_threads";
import { checkTask, renderTask } from "./perform.js";
import type { Task } from "./task.js";

/** A request from the main thread. */
export interface TaskMessage {
  id: number;
  task: Task;
}

/** The answer: the outcome, or a description of an error that escaped (a bug). */
export type ReplyMessage = { id: number; outcome: unknown } | { id: number; crash: string };

const port = parentPort;
if (port === null) throw new Error("render/thread.js runs as a worker thread, not as a script");

port.on("message", ({ id, task }: TaskMessage) => {
  let reply: ReplyMessage;
  try {
    reply = { id, outcome: task.kind === "render" ? renderTask(task) : checkTask(task) };
  } catch (e) {
    reply = { id, crash: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
