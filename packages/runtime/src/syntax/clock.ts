/**
 * The time limit while a document is read (split, lexed, parsed). Every loop of the
 * splitter, the scanners, the lexer and the parser ticks once per character or token it
 * visits; every {@link CHECK_EVERY} ticks the clock is read, so reading costs one
 * counter increment per step and stops within a few thousand steps of the deadline.
 *
 * The tick count doubles as the operation count tests use to show that reading is linear
 * in the input: it must grow in proportion to the text, whatever the text holds.
 * @module
 */

/** Steps between two reads of the clock. */
export const CHECK_EVERY = 4096;

export class ReadClock {
  /** Steps taken so far: characters and tokens visited. */
  steps = 0;
  private nextCheck = CHECK_EVERY;

  /**
   * @param deadline - `Date.now()` value after which reading stops (Infinity: never).
   * @param timedOut - Makes the error thrown when the deadline has passed, at a source offset.
   */
  constructor(
    private readonly deadline: number = Number.POSITIVE_INFINITY,
    private readonly timedOut: (at: number) => Error = defaultTimedOut,
  ) {}

  /** One step at source offset `at`. */
  tick(at: number): void {
    if (++this.steps >= this.nextCheck) this.check(at);
  }

  /** `n` steps at once (a native search that looked at `n` characters). */
  add(n: number, at: number): void {
    this.steps += n;
    if (this.steps >= this.nextCheck) this.check(at);
  }

  private check(at: number): void {
    this.nextCheck = this.steps + CHECK_EVERY;
    if (Date.now() > this.deadline) throw this.timedOut(at);
  }
}

function defaultTimedOut(at: number): Error {
  return new Error(`time limit reached while reading, at offset ${at}`);
}
