/**
 * How a resolved Name node is reached at run time: `nodes.binding(n)`, stored in the
 * node's flags; the slot or index that goes with it is `nodes.slot(n)`, in its `a` field.
 * @module
 */
export const Binding = {
  /** Not yet resolved (a bug if seen at run time). */
  None: 0,
  /** slot = index in the module's globals. */
  Global: 1,
  /** slot = slot in the current frame. */
  Local: 2,
  /** slot = slot in the current frame that holds a cell (the variable is captured by a closure). */
  LocalCell: 3,
  /** slot = index in the running closure's captured cells. */
  Capture: 4,
} as const;
