/**
 * The side table must not keep dropped objects alive: a real collection (the workers run
 * with --expose-gc) decides, through WeakRefs.
 */
import { describe, expect, it } from "vitest";
import { ValueStack } from "../src/index.js";

const gc = (globalThis as { gc?: () => void }).gc;

/** Fills and empties the stack every way there is; returns the WeakRefs to watch. */
function churn(s: ValueStack): { dropped: WeakRef<object>[]; kept: WeakRef<object> } {
  const dropped: WeakRef<object>[] = [];
  const track = <T extends object>(o: T): T => {
    dropped.push(new WeakRef(o));
    return o;
  };
  const mark = s.mark();
  for (let i = 0; i < 50; i++) s.pushRef(track({ big: new Array(1000).fill(i) }));
  s.release(mark);
  const f = s.pushFrame(10);
  for (let i = 0; i < 10; i++) s.set(s.frameBase(f) + i, track({ i }));
  s.popFrame(f);
  for (let i = 0; i < 20; i++) s.pushRef(track([i]));
  s.drop(10);
  for (let i = 0; i < 10; i++) s.pop();
  s.pushRef(track({ reset: true }));
  s.reset();
  const kept = { kept: true };
  s.pushRef(kept);
  // Last, so that no later push lands on the same slot and hides a stale entry.
  const g = s.pushFrame(1);
  s.set(s.frameBase(g), track({ replaced: true }));
  s.setHandle(s.frameBase(g), 3); // overwriting a reference with a handle drops it too
  s.popFrame(g);
  return { dropped, kept: new WeakRef(kept) };
}

async function collect(): Promise<void> {
  // V8 clears WeakRefs only after the task that last dereferenced them ends.
  await new Promise((r) => setTimeout(r, 0));
  gc?.();
  gc?.();
  await new Promise((r) => setTimeout(r, 0));
  gc?.();
}

describe("side table leaks", () => {
  it("lets the GC collect everything popped, released, dropped, overwritten or reset, and keeps what is live", async () => {
    expect(gc, "vitest must run this package with --expose-gc").toBeTypeOf("function");
    const s = new ValueStack({ initialCapacity: 4 });
    const { dropped, kept } = churn(s);
    await collect();
    expect(dropped.length).toBe(82);
    expect(dropped.filter((r) => r.deref() !== undefined).length).toBe(0);
    expect(kept.deref()).toBeDefined();
    expect(s.stats().refsLive).toBe(1);
  });
});
