/**
 * Rendering many documents on several render threads (`xmd build`): each thread takes
 * the next task when it is done with one, so a slow document does not hold up the rest.
 * @module
 */
import { RenderThread } from "./render-thread.js";
import type { ThreadLimits } from "./stack-size.js";
import type { RenderOutcome, RenderTask } from "./task.js";
import { threadFailure } from "./thread-failure.js";

/**
 * Renders every task on up to `jobs` threads; outcomes in the order of the tasks.
 * A thread that dies (out of memory, say) fails the task it had, and a new thread takes
 * its place for the tasks left.
 */
export async function renderOnThreads(
  tasks: readonly RenderTask[],
  jobs: number,
  limits: ThreadLimits,
  onDone: () => void,
): Promise<RenderOutcome[]> {
  const outcomes: RenderOutcome[] = new Array(tasks.length);
  let next = 0;
  const threads: RenderThread[] = [];
  const drain = async (): Promise<void> => {
    let thread = new RenderThread(limits);
    threads.push(thread);
    while (next < tasks.length) {
      const i = next++;
      const task = tasks[i] as RenderTask;
      try {
        outcomes[i] = await thread.run(task);
      } catch (e) {
        const failure = threadFailure(task.label, e, limits.maxMemoryMb, task.color);
        outcomes[i] = { ok: false, dependencies: [], ...failure };
        if (thread.broken) {
          thread = new RenderThread(limits);
          threads.push(thread);
        }
      }
      onDone();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tasks.length)) }, drain));
  } finally {
    await Promise.all(threads.map((t) => t.close()));
  }
  return outcomes;
}
