/**
 * The shape every benchmark suite returns, so `main.ts` can print tables and write one JSON.
 * @module
 */

/** Options every suite receives. */
export interface BenchOptions {
  /** Fewer iterations: the whole `pnpm bench --quick` stays under a minute. */
  quick: boolean;
}

/** A table printed as markdown. */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Sentences printed under the table (what was measured, caveats). */
  notes?: string[];
}

/** One suite's result. `data` is written to JSON as is. */
export interface BenchSection {
  id: string;
  title: string;
  tables: BenchTable[];
  data: unknown;
}

/** A suite: runs its measurements and reports. */
export type BenchSuite = (options: BenchOptions) => Promise<BenchSection>;
