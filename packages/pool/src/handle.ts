/**
 * Handles: the branded numbers pools hand out, and their bit layout.
 *
 * A handle packs a slot index and that slot's generation into one small
 * non-negative integer, `generation << SLOT_BITS | slot`, so that it stays a
 * V8 Smi (no heap number, no boxing) and fits typed-array columns (`u32`,
 * `i32`) in other pools. 22 + 8 = 30 bits keeps every handle below 2^30, the
 * Smi limit on 64-bit V8 with pointer compression.
 * @module
 */

/**
 * A branded number naming one live slot of one pool. The brand `B` keeps the
 * handles of different pools apart at compile time (`Handle<"Node">` is not a
 * `Handle<"Frame">`); at run time a handle is a plain integer.
 */
export type Handle<B extends string = string> = number & { readonly __brand: B };

/** Bits of a handle that hold the slot index (22: up to 4,194,304 slots per pool). */
export const SLOT_BITS = 22;

/** Bits of a handle that hold the slot's generation (8: generations 1..255, then wrap to 1). */
export const GENERATION_BITS = 8;

/** Most slots one pool can hold: 2^22 = 4,194,304. */
export const MAX_SLOTS: number = 1 << SLOT_BITS;

/** Mask selecting the slot index of a handle. */
export const SLOT_MASK: number = MAX_SLOTS - 1;

/** Largest generation; the one after it is 1 again (generation 0 is never used). */
export const MAX_GENERATION: number = (1 << GENERATION_BITS) - 1;

/**
 * A number that is never a valid handle of any pool (generations start at 1, so
 * every real handle is at least 2^22). Use it as "no node" in handle-typed
 * columns, e.g. an absent child link.
 */
export const NO_HANDLE = 0;

/** First generation a slot gets, already shifted into place. */
export const FIRST_GENERATION_BITS: number = 1 << SLOT_BITS;

/** The slot index a handle names. No check: garbage in, garbage out. */
export function handleSlot(handle: number): number {
  return handle & SLOT_MASK;
}

/** The generation a handle carries (1..255 for handles a pool made). No check. */
export function handleGeneration(handle: number): number {
  return handle >>> SLOT_BITS;
}

/**
 * The handle the same slot gets the next time it is acquired: generation + 1,
 * wrapping from 255 back to 1.
 */
export function nextHandle(handle: number): number {
  return handle >>> SLOT_BITS === MAX_GENERATION
    ? FIRST_GENERATION_BITS | (handle & SLOT_MASK)
    : handle + MAX_SLOTS;
}
