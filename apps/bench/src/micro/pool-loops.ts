/**
 * The pooled side of the pool micro suite: the loops that acquire, write, read and free
 * `StructPool` records. `pool.ts` loads this module once per pooled variant, each time as
 * a module instance of its own, so that every variant runs its own function literals —
 * as every plain-object variant does (each is a function of its own in `pool.ts`).
 *
 * Why it matters: V8 keeps type feedback per function literal, shared by every closure
 * made from it, and optimises a literal with one closure better than one with several.
 * When the release-mode and checked variants shared one loop, each `kind.set(h, …)`
 * call site saw two accessor classes and turned polymorphic; when the release-each and
 * `reset()` variants shared one, the loop had two closures. Either way the pooled rows
 * measured that sharing rather than the pool (long-lived records, `reset()`: 20.5 ns
 * with all three variants on one loop, 10.8 with two closures of one, 6.8–7.0 with a
 * loop of its own; Node 20, pool of the engine issue), while the object side never
 * shared. A program has its own call sites for its own pool, in one mode.
 * @module
 */
import { type Handle, StructPool } from "@xmd/pool";

/** The record both sides build: a token/AST-node-like shape. */
export const NODE_FIELDS = { kind: "u8", start: "u32", end: "u32", a: "i32", b: "i32" } as const;

/** The pool the suite measures. */
export type NodePool = StructPool<typeof NODE_FIELDS, "BenchNode">;

type NodeHandle = Handle<"BenchNode">;

/** A pool of bench records in this module's mode. */
export function makePool(checked: boolean, name: string): NodePool {
  return new StructPool<typeof NODE_FIELDS, "BenchNode">({ name, fields: NODE_FIELDS, checked });
}

/**
 * Long-lived: acquire `n` records and write their 5 fields, keep their handles, read each
 * once, then free them all (`release` each, or one `reset()`). Returns the round's checksum.
 */
export function longLivedPool(
  pool: NodePool,
  handles: Int32Array,
  n: number,
  freeEach: boolean,
): () => number {
  const kind = pool.field("kind");
  const start = pool.field("start");
  const end = pool.field("end");
  const a = pool.field("a");
  const b = pool.field("b");
  return () => {
    for (let i = 0; i < n; i++) {
      const h = pool.acquire();
      kind.set(h, i & 7);
      start.set(h, i);
      end.set(h, i + 5);
      a.set(h, i ^ 3);
      b.set(h, -i);
      handles[i] = h;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const h = handles[i]! as NodeHandle;
      sum += end.get(h) - start.get(h) + kind.get(h) + (a.get(h) & 1) + (b.get(h) & 1);
    }
    if (freeEach) {
      for (let i = 0; i < n; i++) pool.release(handles[i]! as NodeHandle);
    } else {
      pool.reset();
    }
    return sum;
  };
}

/** Short-lived: acquire, fill, read and release each record at once, `n` times. */
export function shortLivedPool(pool: NodePool, n: number): () => number {
  const kind = pool.field("kind");
  const start = pool.field("start");
  const end = pool.field("end");
  const a = pool.field("a");
  const b = pool.field("b");
  return () => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const h = pool.acquire();
      kind.set(h, i & 7);
      start.set(h, i);
      end.set(h, i + 5);
      a.set(h, i ^ 3);
      b.set(h, -i);
      sum += end.get(h) - start.get(h) + kind.get(h) + (a.get(h) & 1);
      pool.release(h);
    }
    return sum;
  };
}

/** Fills a pool with `n` live records (start, end set) for the field-access loop; returns their handles. */
export function fillForAccess(pool: NodePool, n: number): Int32Array {
  const handles = new Int32Array(n);
  const start = pool.field("start");
  const end = pool.field("end");
  for (let i = 0; i < n; i++) {
    const h = pool.acquire();
    start.set(h, i);
    end.set(h, i + 5);
    handles[i] = h;
  }
  return handles;
}

/** Field access: 2 reads and 1 write per record over `n` live records, `passes` times. */
export function fieldAccessPool(
  pool: NodePool,
  handles: Int32Array,
  n: number,
  passes: number,
): () => number {
  const start = pool.field("start");
  const end = pool.field("end");
  const a = pool.field("a");
  return () => {
    let sum = 0;
    for (let p = 0; p < passes; p++) {
      for (let i = 0; i < n; i++) {
        const h = handles[i]! as NodeHandle;
        const s = start.get(h);
        const e = end.get(h);
        a.set(h, e - s + p);
        sum += s;
      }
    }
    return sum;
  };
}
