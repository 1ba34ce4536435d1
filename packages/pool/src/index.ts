/**
 * `@xmd/pool`: fixed-size slot pools with O(1) acquire/release, page growth,
 * generation-checked handles and allocation statistics.
 * @module
 */
export type { FieldAccessor } from "./field-accessor.js";
export type { FieldType } from "./field-type.js";
export {
  GENERATION_BITS,
  type Handle,
  handleGeneration,
  handleSlot,
  MAX_GENERATION,
  MAX_SLOTS,
  NO_HANDLE,
  SLOT_BITS,
} from "./handle.js";
export { ObjectPool, type ObjectPoolOptions } from "./object-pool.js";
export { PoolError, type PoolErrorKind } from "./pool-error.js";
export type { PoolStats } from "./pool-stats.js";
export { DEFAULT_PAGE_SIZE } from "./slot-table.js";
export { StructPool, type StructPoolOptions } from "./struct-pool.js";
