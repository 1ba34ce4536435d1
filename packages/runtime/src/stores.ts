/**
 * The stores of a memory mode — names, syntax nodes, the value stack, module variables —
 * pooled or heap, chosen in one place, and the counters of the pools behind them.
 * @module
 */
import type { Limits } from "./api/options.js";
import type { PoolSummary } from "./api/stats.js";
import { createPooledTemps, HeapTemps, type TempStack, valueStackSlots } from "./eval/temps.js";
import { HeapVariables, PooledVariables, type VariableStore } from "./eval/variables.js";
import type { ChunkSource } from "./output/chunk-pool.js";
import { InternedNames } from "./syntax/interned-names.js";
import { type NameTable, PlainNames } from "./syntax/names.js";
import { HeapNodeStore, type NodeStore, PooledNodeStore } from "./syntax/nodes.js";

/** The stores a tree is kept in: its names and its nodes. */
export interface TreeStores {
  names: NameTable;
  nodes: NodeStore;
}

/** The runtime's shared stores: a tree's, and the value stack and module variables that runs use. */
export interface RuntimeStores extends TreeStores {
  stack: TempStack;
  vars: VariableStore;
}

/**
 * The stores of a memory mode: the one place that picks the pooled or the heap kind of
 * each. Without `pageSize`, the runtime's shared stores; with it, a kept tree's own name
 * table and node store (a compiled or parsed document), with node pages of that size.
 */
export function createStores(memory: "pooled" | "heap", limits: Limits, checked: boolean): RuntimeStores;
export function createStores(
  memory: "pooled" | "heap",
  limits: Limits,
  checked: boolean,
  pageSize: number,
): TreeStores;
export function createStores(
  memory: "pooled" | "heap",
  limits: Limits,
  checked: boolean,
  pageSize?: number,
): TreeStores | RuntimeStores {
  const kept = pageSize !== undefined;
  const stackSlots = valueStackSlots(limits.maxCallDepth);
  if (memory === "pooled") {
    const names = new InternedNames();
    // A kept tree's store grows a page at a time (see PooledNodeStore.reserve).
    const nodes = new PooledNodeStore(names, limits.maxPoolSlots, checked, pageSize, !kept);
    if (kept) return { names, nodes };
    const stack = createPooledTemps(stackSlots, checked);
    return { names, nodes, stack, vars: new PooledVariables(limits.maxPoolSlots, checked) };
  }
  const names = new PlainNames();
  const nodes = new HeapNodeStore(limits.maxPoolSlots);
  if (kept) return { names, nodes };
  return { names, nodes, stack: new HeapTemps(stackSlots), vars: new HeapVariables(limits.maxPoolSlots) };
}

/**
 * Gives back what a kept tree's stores reserved for growth, once the tree is built (a
 * parsed or compiled document): the node pool's room beyond the nodes made, and the
 * name table's hash-table room (growth doubles it at half load, so up to three quarters
 * of it is empty; trimmed, at most a quarter is). Both grow again if a render adds to them.
 */
export function trimTree({ names, nodes }: TreeStores): void {
  nodes.trim();
  if (names instanceof InternedNames) names.interner.trim();
}

/** The counters of the pools behind these stores and output chunks (none in heap mode). */
export function poolSummaries(nodes: NodeStore, vars?: VariableStore, chunks?: ChunkSource): PoolSummary[] {
  const pools: PoolSummary[] = [];
  if (nodes instanceof PooledNodeStore) pools.push(nodes.pool.stats());
  if (vars instanceof PooledVariables) pools.push(vars.pool.stats());
  const output = chunks?.stats();
  if (output) pools.push(output);
  return pools;
}
