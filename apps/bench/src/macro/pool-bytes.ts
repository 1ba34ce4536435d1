/**
 * Bytes of pool storage XMD hands out: slot counts from the runtime's stats times the
 * bytes per slot each pool and the value stack report (`bytesPerSlot`), so that no
 * layout is copied here.
 * @module
 */
import type { RunStats, RuntimeState } from "@xmd/runtime";

/** Bytes of one slot of each pooled store. */
export interface SlotSizes {
  node: number;
  variable: number;
  stack: number;
}

/** The slot sizes a pooled runtime reports; null in heap mode (nothing is pooled). */
export function slotSizes(state: RuntimeState): SlotSizes | null {
  if (state.memory !== "pooled") return null;
  const size = (name: string) => {
    const pool = state.pools.find((p) => p.name === name);
    if (pool === undefined) throw new Error(`pooled runtime without a "${name}" pool`);
    return pool.bytesPerSlot;
  };
  if (state.stack === null) throw new Error("pooled runtime without a value stack");
  return { node: size("ast-nodes"), variable: size("variables"), stack: state.stack.bytesPerSlot };
}

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
export function slotBytes(slots: RenderSlots, sizes: SlotSizes): number {
  return slots.node * sizes.node + slots.variable * sizes.variable + slots.stack * sizes.stack;
}

/** Bytes of pool storage in use by live nodes, variables and temporaries. */
export function liveSlotBytes(
  live: { nodes: number; variables: number; temporaries: number },
  sizes: SlotSizes,
): number {
  return live.nodes * sizes.node + live.variables * sizes.variable + live.temporaries * sizes.stack;
}
