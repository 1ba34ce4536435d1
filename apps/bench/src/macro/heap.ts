/**
 * Heap readings after full collections: the live JS heap, ArrayBuffer memory (where
 * pools keep their columns) and V8's old and code spaces.
 * @module
 */
import { getHeapSpaceStatistics } from "node:v8";
import { collectGarbage } from "../gc.js";

/** One reading, in bytes. */
export interface HeapReading {
  /** `heapUsed + arrayBuffers`: what the process keeps alive, pools included. */
  total: number;
  heapUsed: number;
  /** Backing stores of ArrayBuffers (typed-array pool pages, the value stack, interner tables). */
  arrayBuffers: number;
  /** V8 old space: pages reserved (`size`) and bytes of live objects in them (`used`). */
  oldSpace: { size: number; used: number };
  /** Bytes of JIT code (grows with warm-up, not with leaks). */
  codeUsed: number;
}

/**
 * Collects garbage until dead ArrayBuffers are really freed, then reads the heap. V8
 * frees the backing stores of dead ArrayBuffers on a later task, not inside `gc()`, so
 * we yield between collections; without it a dropped pool would still count as live.
 */
export async function settledHeap(): Promise<HeapReading> {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  collectGarbage();
  const m = process.memoryUsage();
  const spaces = getHeapSpaceStatistics();
  const old = spaces.find((s) => s.space_name === "old_space");
  const code = spaces.find((s) => s.space_name === "code_space");
  return {
    total: m.heapUsed + m.arrayBuffers,
    heapUsed: m.heapUsed,
    arrayBuffers: m.arrayBuffers,
    oldSpace: { size: old?.space_size ?? 0, used: old?.space_used_size ?? 0 },
    codeUsed: code?.space_used_size ?? 0,
  };
}

/** 1 − used/size of V8's old space in a reading (null when old space is empty). */
export function oldSpaceFragmentation(h: HeapReading): number | null {
  return h.oldSpace.size === 0 ? null : 1 - h.oldSpace.used / h.oldSpace.size;
}

/** Peak resident set size of this process so far, in bytes. */
export function rssPeakBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
