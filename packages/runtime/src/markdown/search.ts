/**
 * Searches that scans repeat: "where is the next `-->`", "where does this line end".
 * Asked from every `<!--` or from every comment of a long line, a plain `indexOf` looks at
 * the same characters again and again (80,000 unclosed `<!--` took half a minute). A
 * {@link ForwardSearch} remembers its last answer, which stays the answer for every
 * later start up to it; a scan that moves forward therefore looks at each character once.
 * @module
 */
import type { ReadClock } from "../syntax/clock.js";

export class ForwardSearch {
  /** The last search: its start, and what it found (-1: nothing from there on). */
  private from = -1;
  private found = -1;

  constructor(
    private readonly source: string,
    private readonly needle: string,
    private readonly clock: ReadClock,
  ) {}

  /** The first offset ≥ `from` where the needle starts, or -1. */
  next(from: number): number {
    if (this.from !== -1 && from >= this.from && (this.found === -1 || from <= this.found)) return this.found;
    const found = this.source.indexOf(this.needle, from);
    this.clock.add((found === -1 ? this.source.length : found) - from + 1, from);
    this.from = from;
    this.found = found;
    return found;
  }
}
