/**
 * XMD's byte path: a render whose output goes to a writer a UTF-8 chunk at a time
 * (`CompiledDocument.renderTo`, `Runtime.renderTo`), each chunk consumed and dropped, so
 * that no JS string is made of the output. The pool-share target is judged on this path
 * (the string path, `render()`, decodes the same chunks into a string and is shown beside
 * it for reference).
 *
 * Pool bytes per render on this path = slots × slot size (as on the string path) + the
 * UTF-8 output bytes written into pooled chunks (`stats.outputBytes` in pooled mode; 0 in
 * heap mode, whose chunks are fresh allocations). JS-heap bytes per render are profiled
 * exactly as on the string path ({@link jsHeapBytesPerCall}).
 * @module
 */
import type { OutputWriter, RunStats, Runtime } from "@xmd/runtime";
import { jsHeapBytesPerCall, type ProfilePlan } from "./alloc-profile.js";
import type { CellResult } from "./cell-result.js";
import { AllocationTally, byteShare } from "./xmd-figures.js";

/**
 * A writer that consumes each chunk without keeping it: it adds the chunk's length to
 * counters on this object. The object outlives the renders and the counters are read
 * afterwards ({@link tallyBytePath}, {@link profileBytePath} compare them with the
 * runtime's `outputBytes`), so V8 can neither drop the stores nor the render behind them.
 * `write` is made once, so the writer itself allocates nothing per render. The sums are
 * object fields rather than closure variables: past 2³⁰ (W2 profiled for long) a number
 * is no longer a small integer, and V8 boxes a closure variable anew on every store but
 * updates an object field's box in place, which would count as the render's allocation.
 */
export class ByteCounter {
  /** Bytes handed to {@link write}. */
  bytes = 0;
  /** Chunks handed to {@link write}. */
  chunks = 0;
  /** Output bytes the runtime reported for the same renders (added by the caller). */
  reported = 0;
  readonly write: OutputWriter = (chunk) => {
    this.bytes += chunk.length;
    this.chunks++;
  };

  /** Throws unless the writer was handed exactly the bytes the runtime reports writing. */
  check(what: string): void {
    if (this.bytes !== this.reported)
      throw new Error(
        `byte path: the writer was handed ${this.bytes} bytes ${what}, the runtime reports ${this.reported} output bytes`,
      );
  }
}

/** One byte-path render: the `i`-th (W4: of a pass of documents), its output to `write`. */
export type BytePathRender = (i: number, write: OutputWriter) => RunStats;

/**
 * The output of one byte-path render as text, for the output check: every chunk copied
 * (it is reused once `write` returns), then decoded once. Not for measuring.
 */
export function bytePathText(render: (write: OutputWriter) => unknown): string {
  const chunks: Uint8Array[] = [];
  render((chunk) => chunks.push(chunk.slice()));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The runtime's counts over `renders` byte-path renders (for the slots and the output bytes
 * written into pooled chunks). Throws when the writer was not handed exactly the bytes the
 * runtime says it wrote: the path would not be measuring what it claims.
 */
export function tallyBytePath(runtime: Runtime, renders: number, render: BytePathRender): AllocationTally {
  const tally = new AllocationTally();
  for (let i = 0; i < renders; i++) {
    const counter = new ByteCounter();
    tally.add(runtime, () => {
      const stats = render(i, counter.write);
      counter.reported = stats.outputBytes;
      return stats;
    });
    counter.check(`in render ${i}`);
  }
  return tally;
}

/**
 * JS-heap bytes per byte-path render, profiled as the string path is (sampling heap
 * profiler, the loop's own allocation subtracted). The runtime's `outputBytes` of each
 * profiled render is summed (a number added, nothing allocated) and compared with what the
 * writer was handed.
 */
export async function profileBytePath(
  render: BytePathRender,
  plan: ProfilePlan,
): Promise<{ bytesPerCall: number; calls: number }> {
  const counter = new ByteCounter();
  let i = 0;
  const profile = await jsHeapBytesPerCall(() => {
    counter.reported += render(i++, counter.write).outputBytes;
  }, plan);
  counter.check(`over ${i} profiled renders`);
  return profile;
}

/** The byte-path result fields, from the tally and the profile of the same path. */
export function bytePathFigures(
  tally: AllocationTally,
  jsHeapBytesPerRender: number | null,
): Pick<
  CellResult,
  | "byte_path_js_heap_bytes_per_render"
  | "byte_path_output_pool_bytes_per_render"
  | "byte_path_pool_bytes_per_render"
  | "byte_path_pool_byte_share"
> {
  const poolBytes = tally.bytePathPoolBytesPerRender;
  return {
    byte_path_js_heap_bytes_per_render: jsHeapBytesPerRender,
    byte_path_output_pool_bytes_per_render: tally.pooledOutputBytesPerRender,
    byte_path_pool_bytes_per_render: poolBytes,
    byte_path_pool_byte_share: byteShare(poolBytes, jsHeapBytesPerRender),
  };
}
