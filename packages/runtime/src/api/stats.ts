/** Statistics a run exposes: allocation accounting and the state of every pool. @module */
import type { PoolStats } from "@xmd/pool";

/**
 * Allocation requests by kind, and how many of them a pool (or the value stack, or the
 * interner) served. `other` counts what evaluation allocates on the JS heap in either
 * mode — lists, objects, function values, argument lists and strings built by `+` or
 * templates — so the share is of everything the runtime asks for, not only of what it
 * pools.
 *
 * Two things are not counted: `temporary` is 0 since documents are compiled to closures
 * (an expression's intermediate values are JavaScript locals of the closures, not
 * allocations), and the compiled code itself (closures made once per `compile()`, or
 * once per `render()`) is not a request of the run. The bench's pool share by bytes
 * measures both with the JS heap, and is the figure to compare.
 */
export interface AllocationCounts {
  /** Requests, per kind. */
  requested: { node: number; variable: number; temporary: number; string: number; other: number };
  /** Of those, served by pools / the value stack / the interner (`other` is never pooled). */
  pooled: { node: number; variable: number; temporary: number; string: number; other: number };
  /** pooled / requested over all kinds, 0..1. */
  poolShare: number;
}

/** One pool's counters, as `@xmd/pool` reports them. */
export type PoolSummary = PoolStats;

/** What one render reports. */
export interface RunStats {
  memory: "pooled" | "heap";
  allocations: AllocationCounts;
  pools: PoolSummary[];
  intern: { distinct: number; lookups: number; hits: number; bytesSaved: number } | null;
  /** The value stack (pooled mode): most slots used, frames pushed, growths, and bytes of its typed columns. */
  stack: { highWater: number; frames: number; growths: number; bytesPerSlot: number; bytes: number } | null;
  /** Milliseconds spent parsing and running. */
  parseMs: number;
  runMs: number;
  /** UTF-8 bytes of the rendered output. */
  outputBytes: number;
}
