/**
 * How a resolved Name node is reached at run time (stored in the node's flags; the
 * slot or index in its `a` field).
 * @module
 */
export const Binding = {
  /** Not yet resolved (a bug if seen at run time). */
  None: 0,
  /** a = index in the module's globals. */
  Global: 1,
  /** a = slot in the current frame. */
  Local: 2,
  /** a = slot in the current frame that holds a cell (the variable is captured by a closure). */
  LocalCell: 3,
  /** a = index in the running closure's captured cells. */
  Capture: 4,
} as const;
