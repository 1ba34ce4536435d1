/**
 * Cells: the storage of captured local variables.
 * @module
 */

/**
 * A captured local variable: one box shared by the frame that declares the variable and
 * every closure that captures it, so that all of them see each other's writes.
 *
 * It is an ordinary GC'd object, not a pool slot, because its lifetime is the longest of
 * theirs and a closure can outlive the run of its function by any amount (returned,
 * stored in a list, passed to `map`). A pool could only free a cell with reference
 * counting on every closure; the GC already does that work. Plain locals stay unboxed on
 * the value stack and module globals stay in the variable pool, whose lifetime is the run.
 */
export class Cell {
  value: unknown;
  constructor(value: unknown) {
    this.value = value;
  }
}
