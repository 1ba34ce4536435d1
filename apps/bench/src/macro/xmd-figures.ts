/**
 * XMD-only figures: the runtime's own allocation counts, pool bytes per render, live
 * slots, pool occupancy and the fragmentation of old space and pools together.
 * @module
 */
import type { PoolSummary, RunStats, Runtime } from "@xmd/runtime";
import type { HeapReading } from "./heap.js";
import {
  liveSlotBytes,
  type RenderSlots,
  renderSlots,
  type SlotSizes,
  slotBytes,
  slotSizes,
} from "./pool-bytes.js";

/** Counted allocation requests and pool-served requests, summed over renders. */
export class AllocationTally {
  requested = 0;
  served = 0;
  slots: RenderSlots = { node: 0, variable: 0, stack: 0 };
  /** Bytes per slot, as the runtime reports them (pooled mode). */
  sizes: SlotSizes | null = null;
  /**
   * UTF-8 output bytes the renders wrote into pooled chunks (`stats.outputBytes` in pooled
   * mode; 0 in heap mode, whose chunks are fresh allocations). Counted whatever the path;
   * only the byte path counts them as pool bytes (see {@link bytePathPoolBytesPerRender}).
   */
  pooledOutputBytes = 0;
  renders = 0;

  /** Runs one render through `render` and adds what it reports. */
  add(runtime: Runtime, render: () => RunStats | null): void {
    const before = runtime.inspect();
    const stats = render();
    if (stats === null) return;
    const { requested, pooled } = stats.allocations;
    this.requested +=
      requested.node + requested.variable + requested.temporary + requested.string + requested.other;
    this.served += pooled.node + pooled.variable + pooled.temporary + pooled.string + pooled.other;
    if (stats.memory === "pooled") {
      this.sizes ??= slotSizes(before);
      const s = renderSlots(before, stats);
      this.slots = {
        node: this.slots.node + s.node,
        variable: this.slots.variable + s.variable,
        stack: this.slots.stack + s.stack,
      };
      this.pooledOutputBytes += stats.outputBytes;
    }
    this.renders++;
  }

  /** The runtime's share: served / requested over its counted requests (null without renders). */
  get requestShare(): number | null {
    return this.requested === 0 ? null : this.served / this.requested;
  }

  /** Pool bytes handed out per render as slots × slot size (0 in heap mode): the string path's pool bytes. */
  get poolBytesPerRender(): number | null {
    if (this.renders === 0) return null;
    return this.sizes === null ? 0 : slotBytes(this.slots, this.sizes) / this.renders;
  }

  /** Output bytes written into pooled chunks per render (0 in heap mode). */
  get pooledOutputBytesPerRender(): number | null {
    return this.renders === 0 ? null : this.pooledOutputBytes / this.renders;
  }

  /**
   * The byte path's pool bytes per render: slots × slot size, plus the output bytes
   * written into pooled chunks. On the string path those chunks are decoded into a JS
   * string of the same text, which the profiler counts as JS heap, so crediting the chunks
   * there too would count the output on both sides; on the byte path the chunks are the
   * output, handed to the writer and reused, and no string is made.
   */
  get bytePathPoolBytesPerRender(): number | null {
    const slots = this.poolBytesPerRender;
    const output = this.pooledOutputBytesPerRender;
    return slots === null || output === null ? null : slots + output;
  }
}

/** pool bytes / (pool bytes + JS-heap bytes), per render. */
export function byteShare(poolBytes: number | null, jsHeapBytes: number | null): number | null {
  if (poolBytes === null || jsHeapBytes === null || poolBytes + jsHeapBytes <= 0) return null;
  return poolBytes / (poolBytes + jsHeapBytes);
}

/** Nodes, variables and temporaries alive in the runtime's shared stores now. */
export function runtimeLive(runtime: Runtime): { nodes: number; variables: number; temporaries: number } {
  const { live } = runtime.inspect();
  return { nodes: live.nodes, variables: live.variables, temporaries: live.temporaries };
}

/** Sum of a live count. */
export function liveTotal(live: { nodes: number; variables: number; temporaries: number }): number {
  return live.nodes + live.variables + live.temporaries;
}

/** Σ live / Σ capacity over pools (null when none has capacity). */
export function occupancy(pools: readonly Pick<PoolSummary, "live" | "capacity">[]): number | null {
  const capacity = pools.reduce((a, p) => a + p.capacity, 0);
  return capacity === 0 ? null : pools.reduce((a, p) => a + p.live, 0) / capacity;
}

/** The memory plan's off-heap figures at one reading. */
export interface PoolMemory {
  pool_bytes: number;
  pool_live_bytes: number;
  fragmentation_combined: number | null;
}

/**
 * Off-heap bytes of the memory plan — pool pages, the value stack, interner tables —
 * measured as the ArrayBuffer bytes freed by dropping the runtime and its documents
 * (`held` minus `gone`), and the fragmentation of old space and those bytes together:
 * (old-space free + pool free) / (old-space size + pool bytes). Interner tables and
 * reserved-but-unused pool room count as free: the figure errs against pooling. In heap
 * mode (`sizes` null) nothing is pooled: live nodes are JS objects (in old space), not pool bytes.
 */
export function poolMemory(
  sizes: SlotSizes | null,
  held: HeapReading,
  gone: HeapReading,
  live: { nodes: number; variables: number; temporaries: number },
): PoolMemory {
  const poolBytes = held.arrayBuffers - gone.arrayBuffers;
  const liveBytes = sizes === null ? 0 : liveSlotBytes(live, sizes);
  const size = held.oldSpace.size + poolBytes;
  const free = held.oldSpace.size - held.oldSpace.used + (poolBytes - liveBytes);
  return {
    pool_bytes: poolBytes,
    pool_live_bytes: liveBytes,
    fragmentation_combined: size <= 0 ? null : free / size,
  };
}
