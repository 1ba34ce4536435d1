/**
 * `xmd build --shard i/n`: which share of a tree one CI job renders, so that n jobs,
 * each given the same tree and its own i, render every output exactly once.
 *
 * The assignment is rendezvous (highest-random-weight) hashing with bounded loads:
 *
 * - Every unit (an output and the sources that make it) ranks the n shards by a hash of
 *   its key (the output path) and the shard number. On its own, that puts each unit on
 *   its first choice, which depends on nothing but its own path: adding or removing a
 *   document moves no other one. But it balances counts only on average, and sizes not
 *   at all.
 * - So each shard also has a capacity, `max((1 + SLACK) · total / n, total / n + largest)`
 *   in cost units (bytes, plus a fixed cost per unit, see {@link unitCost}). Units are
 *   placed largest first (then by key); a unit whose first choice is full takes its next
 *   choice, and so on. The capacity is what the guarantee rests on: when a unit is placed,
 *   the others placed so far cost at most `total − its cost`, so the emptiest shard has room
 *   for it — and no shard ever ends above the capacity.
 *
 * The trade-off is SLACK. With none, shards are as even as greedy placement makes them,
 * but most units are placed by "which shard is emptiest", and one new document can
 * cascade through everything placed after it. With a lot, nearly every unit sits on its
 * first choice (stable), and shards may differ by the slack. At 10 %, on trees of a few
 * hundred documents or more, a new document moves a handful of others at most (the tests
 * measure it), and no job gets more than 10 % above an even share — unless one document
 * alone is larger than that, when the bound is an even share plus that document.
 *
 * Everything depends only on the paths and sizes of the units, never on the machine,
 * the order the file system lists them in, or the time: every job computes the same
 * assignment independently.
 * @module
 */
import { createHash } from "node:crypto";
import { UsageError } from "./errors.js";

/** One job's share: `index` of `count`, counted from 1 as the flag writes it. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** Something to place on a shard: an output path and what it costs to produce. */
export interface ShardUnit {
  key: string;
  /** Bytes of its sources. */
  size: number;
}

/** How far above an even share a shard may go before units spill to their next choice. */
export const SLACK = 0.1;

/**
 * A unit's cost: its bytes plus a fixed 1 KiB for starting and writing a document, so that a
 * tree of empty or tiny files is still balanced by count.
 */
export function unitCost(size: number): number {
  return size + 1024;
}

/** Parses `i/n`; every way it can be wrong is a usage error that says what is expected. */
export function parseShard(raw: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (!m)
    throw new UsageError(
      `--shard needs INDEX/COUNT, two whole numbers such as 2/4 (the second of four jobs), got '${raw}'`,
    );
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new UsageError(`--shard ${raw}: the count of shards must be at least 1`);
  if (index < 1 || index > count)
    throw new UsageError(
      `--shard ${raw}: the index counts from 1 to the count of shards, so it is 1 to ${count} here`,
    );
  return { index, count };
}

/** 32 bits of SHA-256 of a key: the same on every machine and Node version. */
function keyHash(key: string): number {
  return createHash("sha256").update(key).digest().readUInt32LE(0);
}

/** A 32-bit mixer (murmur3's finaliser): every input bit changes about half the output bits. */
function mix(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The shards (0-based) in the order this key prefers them: its rendezvous ranking. */
export function shardPreference(key: string, count: number): number[] {
  const h = keyHash(key);
  const weights = Array.from({ length: count }, (_, s) => mix(h ^ mix(Math.imul(s + 1, 0x9e3779b9))));
  return weights.map((_, s) => s).sort((a, b) => (weights[b] as number) - (weights[a] as number) || a - b);
}

/**
 * The shard (0-based) of every unit, by key. Keys must be distinct.
 * @param units what to place (order does not matter)
 * @param count how many shards
 */
export function assignShards(units: readonly ShardUnit[], count: number): Map<string, number> {
  const costs = units.map((u) => ({ key: u.key, cost: unitCost(u.size) }));
  const total = costs.reduce((sum, u) => sum + u.cost, 0);
  const largest = costs.reduce((max, u) => Math.max(max, u.cost), 0);
  const capacity = Math.max(((1 + SLACK) * total) / count, total / count + largest);
  // Largest first: big units take their first choice while there is room everywhere, and
  // small ones fill in. The key breaks ties, so the order is the same on every machine.
  costs.sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  const assigned = new Map<string, number>();
  for (const { key, cost } of costs) {
    const order = shardPreference(key, count);
    // The capacity leaves room for every unit (see the module comment); the emptiest shard
    // is only a guard against rounding.
    const shard =
      order.find((s) => (load[s] as number) + cost <= capacity) ?? load.indexOf(Math.min(...load));
    load[shard] = (load[shard] as number) + cost;
    assigned.set(key, shard);
  }
  return assigned;
}
