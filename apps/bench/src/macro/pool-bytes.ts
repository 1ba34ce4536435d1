/**
 * Bytes of pool storage XMD hands out, from the runtime's slot counts.
 *
 * The runtime reports slots (acquires, live, capacity) but not bytes per slot, so the
 * layouts are written down here, from the sources they mirror. If those layouts change,
 * these numbers must change with them (the runtime API could report `bytesPerSlot`; see
 * the README).
 * @module
 */
import type { RunStats, RuntimeState } from "@xmd/runtime";

/** Two Int32 columns per slot in every `@xmd/pool` table: `stamps` and the `free` stack. */
const SLOT_TABLE_BYTES = 4 + 4;

/**
 * Bytes per slot of each pooled store.
 * - node: `NODE_FIELDS` in packages/runtime/src/syntax/nodes.ts — kind u8, flags u16,
 *   start/end u32, a/b/c/next i32, num f64 = 35 bytes — plus the slot table.
 * - variable: `VARIABLE_FIELDS` in packages/runtime/src/eval/variables.ts — tag u8,
 *   num f64, ref i32 = 13 bytes — plus the slot table.
 * - stack: a `@xmd/stack` ValueStack slot — tags u8, nums f64, handles i32 = 13 bytes (its
 *   `objects` column is a JS array allocated once, not per render).
 */
export const SLOT_BYTES = {
  node: 35 + SLOT_TABLE_BYTES,
  variable: 13 + SLOT_TABLE_BYTES,
  stack: 13,
} as const;

/** Slots of each store one render took from pools. */
export interface RenderSlots {
  node: number;
  variable: number;
  stack: number;
}

function poolAcquires(pools: readonly { name: string; acquires: number }[], name: string): number {
  return pools.find((p) => p.name === name)?.acquires ?? 0;
}

/**
 * Slots one render took, from the runtime state just before it and the render's stats.
 * `allocations.pooled.variable` counts variable-pool slots *and* call-frame slots (which
 * live on the value stack); the variable pool's acquire counter tells them apart.
 */
export function renderSlots(before: RuntimeState, stats: RunStats): RenderSlots {
  const served = stats.allocations.pooled;
  const variableSlots = poolAcquires(stats.pools, "variables") - poolAcquires(before.pools, "variables");
  const frameSlots = Math.max(0, served.variable - variableSlots);
  return { node: served.node, variable: variableSlots, stack: served.temporary + frameSlots };
}

/** Bytes of pool storage for these slots. */
export function slotBytes(slots: RenderSlots): number {
  return slots.node * SLOT_BYTES.node + slots.variable * SLOT_BYTES.variable + slots.stack * SLOT_BYTES.stack;
}

/** Bytes of pool storage in use by live nodes, variables and temporaries. */
export function liveSlotBytes(live: { nodes: number; variables: number; temporaries: number }): number {
  return (
    live.nodes * SLOT_BYTES.node + live.variables * SLOT_BYTES.variable + live.temporaries * SLOT_BYTES.stack
  );
}
