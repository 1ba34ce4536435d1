/** Statistics a run exposes: allocation accounting and the state of every pool. @module */

/** Allocation requests by kind, and how many of them a pool (or the value stack) served. */
export interface AllocationCounts {
  /** Requests, per kind. */
  requested: { node: number; variable: number; temporary: number; string: number };
  /** Of those, served by pools / the value stack / the interner. */
  pooled: { node: number; variable: number; temporary: number; string: number };
  /** pooled / requested over all kinds, 0..1. */
  poolShare: number;
}

/** One pool's counters, as `@xmd/pool` reports them. */
export interface PoolSummary {
  name: string;
  acquires: number;
  releases: number;
  live: number;
  highWater: number;
  capacity: number;
  pages: number;
  reuseRatio: number;
  occupancy: number;
}

/** What one render reports. */
export interface RunStats {
  memory: "pooled" | "heap";
  allocations: AllocationCounts;
  pools: PoolSummary[];
  intern: { distinct: number; lookups: number; hits: number; bytesSaved: number } | null;
  stack: { highWater: number; frames: number; growths: number } | null;
  /** Milliseconds spent parsing and running. */
  parseMs: number;
  runMs: number;
  outputBytes: number;
}
