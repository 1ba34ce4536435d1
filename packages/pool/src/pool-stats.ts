/**
 * The statistics every pool reports.
 * @module
 */

/**
 * A snapshot of one pool's counters, as returned by `stats()`. Every field is a
 * plain number (or the name) so a snapshot can be printed or written to JSON.
 */
export interface PoolStats {
  /** The pool's name. */
  name: string;
  /** Handles handed out since the pool was made. */
  acquires: number;
  /** Slots given back since the pool was made, including slots freed in bulk by `reset()`. */
  releases: number;
  /** Slots in use now (`acquires - releases`). */
  live: number;
  /** Most slots ever in use at once. */
  highWater: number;
  /** Slots in the pool's pages (live or free), at most `maxCapacity`. */
  capacity: number;
  /**
   * Pages the pool has. `reset()` keeps them; `trim()` cuts the last one to the slots used,
   * so the last page may be partial (as it is at `maxCapacity`).
   */
  pages: number;
  /** Slots per page. */
  pageSize: number;
  /** Share of acquires served by a slot that had been released before (0 when nothing was acquired). */
  reuseRatio: number;
  /**
   * `live / capacity`: share of the slots in the pool's pages that are in use
   * (0 when the pool has no page). Internal fragmentation is `1 - occupancy`.
   */
  occupancy: number;
  /**
   * Bytes one slot takes in the pool's typed arrays: a struct pool's columns plus 8 bytes
   * of bookkeeping (owner stamp, free-stack entry). An object pool counts only the
   * bookkeeping: its objects live on the JS heap.
   */
  bytesPerSlot: number;
  /**
   * Bytes the pool's typed arrays hold now: every slot they have room for (growth
   * doubles them; `trim()` gives the slack back) times `bytesPerSlot`.
   */
  bytes: number;
}
