/**
 * `@xmd/stack`: stack allocation for temporaries — a typed value stack with frames, marks
 * and unboxed numbers and handles, a reference side table that never leaks, and a bump
 * arena for small arrays.
 * @module
 */

export { BumpArena, type BumpArenaOptions, type BumpArenaStats } from "./bump-arena.js";
export { StackError, type StackErrorCode } from "./stack-error.js";
export { Tag, type TagValue } from "./tag.js";
export {
  type FrameHandle,
  type StackMark,
  type StackStats,
  ValueStack,
  type ValueStackOptions,
} from "./value-stack.js";
