/**
 * The side table must not keep dropped objects alive. Runs a child node with
 * --expose-gc so a real collection decides, through WeakRefs.
 */
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../dist/index.js");

const SCRIPT = `
const { ValueStack } = await import(${JSON.stringify(dist)});
const s = new ValueStack({ initialCapacity: 4 });
const refs = [];
function fill() {
  const mark = s.mark();
  for (let i = 0; i < 50; i++) { const o = { big: new Array(1000).fill(i) }; refs.push(new WeakRef(o)); s.pushRef(o); }
  s.release(mark);
  const f = s.pushFrame(10);
  for (let i = 0; i < 10; i++) { const o = { i }; refs.push(new WeakRef(o)); s.set(s.frameBase(f) + i, o); }
  s.popFrame(f);
  for (let i = 0; i < 20; i++) { const o = [i]; refs.push(new WeakRef(o)); s.pushRef(o); }
  s.drop(10);
  for (let i = 0; i < 10; i++) s.pop();
  const kept = { kept: true };
  s.pushRef(kept);
  return new WeakRef(kept);
}
const keptRef = fill();
await new Promise((r) => setTimeout(r, 0));
globalThis.gc(); globalThis.gc();
await new Promise((r) => setTimeout(r, 0));
globalThis.gc();
const alive = refs.filter((r) => r.deref() !== undefined).length;
console.log(JSON.stringify({ alive, total: refs.length, keptAlive: keptRef.deref() !== undefined, refsLive: s.stats().refsLive }));
`;

describe("side table leaks", () => {
  it("lets the GC collect everything popped, released or dropped, and keeps what is live", () => {
    const out = execFileSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", SCRIPT], {
      encoding: "utf8",
    });
    const result = JSON.parse(out.trim()) as {
      alive: number;
      total: number;
      keptAlive: boolean;
      refsLive: number;
    };
    expect(result.total).toBe(80);
    expect(result.alive).toBe(0);
    expect(result.keptAlive).toBe(true);
    expect(result.refsLive).toBe(1);
  });
});
