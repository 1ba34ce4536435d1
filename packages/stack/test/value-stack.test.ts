import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StackError, Tag, ValueStack } from "../src/index.js";

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof StackError) return e.code;
    throw e;
  }
  return "none";
}

describe("ValueStack", () => {
  it("keeps numbers, booleans and null unboxed and objects in the side table", () => {
    const s = new ValueStack({ initialCapacity: 2 });
    const list = [1, 2];
    s.pushNumber(3.5);
    s.pushBool(true);
    s.pushNull();
    s.pushRef(list);
    s.push("text");
    expect([s.tagAt(0), s.tagAt(1), s.tagAt(2), s.tagAt(3), s.tagAt(4)]).toEqual([
      Tag.Number,
      Tag.Bool,
      Tag.Null,
      Tag.Ref,
      Tag.Ref,
    ]);
    expect(s.numberAt(0)).toBe(3.5);
    expect(s.refAt(3)).toBe(list);
    expect(s.peek()).toBe("text");
    expect([s.pop(), s.pop(), s.pop(), s.pop(), s.popNumber()]).toEqual(["text", list, null, true, 3.5]);
    expect(s.size).toBe(0);
    expect(s.stats().growths).toBeGreaterThan(0);
    expect(s.stats()).toMatchObject({ capacity: 8, bytesPerSlot: 13, bytes: 8 * 13 });
  });

  it("addresses frame slots from the frame base and pops frames in order", () => {
    const s = new ValueStack();
    s.pushNumber(1);
    const f = s.pushFrame(3);
    const base = s.frameBase(f);
    expect(base).toBe(1);
    expect([s.get(base), s.get(base + 2)]).toEqual([null, null]);
    s.set(base + 1, "x");
    s.setNumber(base + 2, 7);
    const g = s.pushFrame(1);
    expect(errorCode(() => s.popFrame(f))).toBe("frame-order");
    s.popFrame(g);
    expect(s.get(base + 1)).toBe("x");
    s.popFrame(f);
    expect(s.size).toBe(1);
    expect(s.frameDepth).toBe(0);
  });

  it("releases a mark in one step", () => {
    const s = new ValueStack();
    s.pushNumber(1);
    const m = s.mark();
    for (let i = 0; i < 100; i++) s.push({ i });
    s.release(m);
    expect(s.size).toBe(1);
    expect(s.stats().refsLive).toBe(0);
  });

  it("reports overflow at its limit, underflow and wrong types", () => {
    const s = new ValueStack({ initialCapacity: 4, maxSize: 8 });
    for (let i = 0; i < 8; i++) s.pushNumber(i);
    expect(errorCode(() => s.pushNumber(9))).toBe("overflow");
    expect(errorCode(() => s.pushFrame(1))).toBe("overflow");
    s.reset();
    expect(errorCode(() => s.pop())).toBe("underflow");
    s.pushRef("x");
    expect(errorCode(() => s.popNumber())).toBe("type");
    expect(errorCode(() => s.get(5))).toBe("underflow");
  });

  it("keeps int32 handles unboxed and tells them from numbers in checked mode", () => {
    const s = new ValueStack();
    s.pushHandle(-7);
    s.pushNumber(-7);
    expect([s.tagAt(0), s.tagAt(1)]).toEqual([Tag.Handle, Tag.Number]);
    expect(s.handleAt(0)).toBe(-7);
    expect(errorCode(() => s.handleAt(1))).toBe("type");
    expect(errorCode(() => s.popHandle())).toBe("type");
    expect(s.popNumber()).toBe(-7);
    expect(errorCode(() => s.popNumber())).toBe("type");
    expect(s.popHandle()).toBe(-7);
    expect(errorCode(() => s.pushHandle(1.5))).toBe("type");
    expect(errorCode(() => s.pushHandle(2 ** 31))).toBe("type");
    const f = s.pushFrame(1);
    s.setHandle(s.frameBase(f), 12);
    expect(s.get(s.frameBase(f))).toBe(12);
    s.set(s.frameBase(f), 12);
    expect(s.tagAt(s.frameBase(f))).toBe(Tag.Number);
  });

  it("refuses pops, drops and releases that reach into the innermost frame", () => {
    const s = new ValueStack();
    s.pushRef({ below: true });
    const m = s.mark();
    const f = s.pushFrame(2);
    s.pushNumber(1);
    expect(s.popNumber()).toBe(1);
    expect(errorCode(() => s.pop())).toBe("frame-order");
    expect(errorCode(() => s.drop(1))).toBe("frame-order");
    expect(errorCode(() => s.release(m))).toBe("frame-order");
    expect(errorCode(() => s.release((s.frameBase(f) + 1) as never))).toBe("frame-order");
    expect([s.size, s.frameDepth]).toEqual([3, 1]);
    s.popFrame(f);
    expect([s.size, s.frameDepth]).toEqual([1, 0]);
    // With the frame gone, the slot below is the floor no more.
    expect(s.pop()).toEqual({ below: true });
  });

  it("rejects frame sizes, drops and marks that are not non-negative integers", () => {
    const s = new ValueStack();
    for (let i = 0; i < 4; i++) s.pushRef({ i });
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => s.pushFrame(bad)).toThrow(RangeError);
    expect(errorCode(() => s.drop(1.5))).toBe("underflow");
    expect(errorCode(() => s.release(2.5 as never))).toBe("underflow");
    expect([s.size, s.frameDepth, s.stats().refsLive]).toEqual([4, 0, 4]);
  });

  it("limits the number of frames, even of empty ones", () => {
    const s = new ValueStack({ maxSize: 16 });
    for (let i = 0; i < 16; i++) s.pushFrame(0);
    expect(errorCode(() => s.pushFrame(0))).toBe("overflow");
  });

  it("never leaks an object through a release-mode misuse", () => {
    const s = new ValueStack({ checked: false });
    const big = { big: true };
    s.pushRef(big);
    s.popNumber(); // misuse: the top is a reference
    s.pushNumber(2);
    s.drop();
    s.pushRef(big);
    s.popHandle();
    // Both slots are gone and no side-table entry may still hold the object.
    s.pushFrame(2);
    expect(s.refAt(0)).toBeUndefined();
    expect(s.refAt(1)).toBeUndefined();
  });

  it("skips checks in release mode but still refuses to overflow", () => {
    const s = new ValueStack({ checked: false, maxSize: 2 });
    s.pushRef("x");
    expect(() => s.popNumber()).not.toThrow();
    s.pushNumber(1);
    s.pushNumber(2);
    expect(errorCode(() => s.pushNumber(3))).toBe("overflow");
  });
});

/** A model value: a handle is kept apart from a number, as the stack's tags keep it. */
type Value = number | boolean | null | string | { handle: number };

type Op =
  | { op: "push"; value: Value }
  | { op: "pop" }
  | { op: "drop"; count: number }
  | { op: "frame"; slots: number }
  | { op: "popFrame" }
  | { op: "mark" }
  | { op: "release" }
  | { op: "set"; back: number; value: Value };

function pushValue(s: ValueStack, v: Value): void {
  if (v !== null && typeof v === "object") s.pushHandle(v.handle);
  else s.push(v);
}

function setValue(s: ValueStack, i: number, v: Value): void {
  if (v !== null && typeof v === "object") s.setHandle(i, v.handle);
  else s.set(i, v);
}

/** What the stack gives back for a model value: a handle comes out as its number. */
function plain(v: Value | undefined): unknown {
  return v !== null && typeof v === "object" ? v.handle : v;
}

describe("ValueStack against a model", () => {
  it("agrees with a plain array of values and frames, and refuses every reach into a frame", () => {
    const value: fc.Arbitrary<Value> = fc.oneof(
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 3 }),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((handle) => ({ handle })),
    );
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 4, arbitrary: value.map((v) => ({ op: "push" as const, value: v })) },
      { weight: 3, arbitrary: fc.constant({ op: "pop" as const }) },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 0, max: 4 }).map((count) => ({ op: "drop" as const, count })),
      },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 0, max: 4 }).map((slots) => ({ op: "frame" as const, slots })),
      },
      { weight: 1, arbitrary: fc.constant({ op: "popFrame" as const }) },
      { weight: 1, arbitrary: fc.constant({ op: "mark" as const }) },
      { weight: 1, arbitrary: fc.constant({ op: "release" as const }) },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.nat(5), value).map(([back, v]) => ({ op: "set" as const, back, value: v })),
      },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), (ops) => {
        const s = new ValueStack({ initialCapacity: 2 });
        const model: Value[] = [];
        const frames: { handle: number; base: number; end: number }[] = [];
        const marks: number[] = [];
        // Pops, drops and releases may not go below the innermost frame's last local.
        const floor = () => frames[frames.length - 1]?.end ?? 0;
        for (const o of ops) {
          switch (o.op) {
            case "push":
              pushValue(s, o.value);
              model.push(o.value);
              break;
            case "pop":
              if (model.length === 0) expect(errorCode(() => s.pop())).toBe("underflow");
              else if (model.length - 1 < floor()) expect(errorCode(() => s.pop())).toBe("frame-order");
              else expect(s.pop()).toEqual(plain(model.pop()));
              break;
            case "drop":
              if (model.length - o.count < 0) expect(errorCode(() => s.drop(o.count))).toBe("underflow");
              else if (model.length - o.count < floor())
                expect(errorCode(() => s.drop(o.count))).toBe("frame-order");
              else {
                s.drop(o.count);
                model.length -= o.count;
              }
              break;
            case "frame": {
              const handle = s.pushFrame(o.slots);
              frames.push({ handle, base: model.length, end: model.length + o.slots });
              for (let i = 0; i < o.slots; i++) model.push(null);
              break;
            }
            case "popFrame": {
              const f = frames.pop();
              if (f) {
                s.popFrame(f.handle as never);
                model.length = f.base;
                while (marks.length && (marks[marks.length - 1] as number) > model.length) marks.pop();
              }
              break;
            }
            case "mark":
              marks.push(s.mark());
              break;
            case "release": {
              const m = marks.pop();
              if (m === undefined) break;
              if (m > model.length) expect(errorCode(() => s.release(m as never))).toBe("underflow");
              else if (m < floor()) expect(errorCode(() => s.release(m as never))).toBe("frame-order");
              else {
                s.release(m as never);
                model.length = m;
              }
              break;
            }
            case "set":
              if (model.length > o.back) {
                const i = model.length - 1 - o.back;
                setValue(s, i, o.value);
                model[i] = o.value;
              }
              break;
          }
          expect(s.size).toBe(model.length);
          expect(s.frameDepth).toBe(frames.length);
        }
        for (let i = 0; i < model.length; i++) {
          const v = model[i] as Value;
          expect(s.get(i)).toEqual(plain(v));
          const isHandle = v !== null && typeof v === "object";
          expect(s.tagAt(i) === Tag.Handle).toBe(isHandle);
          if (isHandle) expect(s.handleAt(i)).toBe(v.handle);
        }
        let refs = 0;
        for (const v of model) if (typeof v === "string") refs++;
        expect(s.stats().refsLive).toBe(refs);
      }),
      { numRuns: 300 },
    );
  });
});
