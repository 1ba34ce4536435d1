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

  it("skips checks in release mode but still refuses to overflow", () => {
    const s = new ValueStack({ checked: false, maxSize: 2 });
    s.pushRef("x");
    expect(() => s.popNumber()).not.toThrow();
    s.pushNumber(1);
    s.pushNumber(2);
    expect(errorCode(() => s.pushNumber(3))).toBe("overflow");
  });
});

type Op =
  | { op: "push"; value: number | boolean | null | string }
  | { op: "pop" }
  | { op: "frame"; slots: number }
  | { op: "popFrame" }
  | { op: "mark" }
  | { op: "release" }
  | { op: "set"; back: number; value: number | string };

describe("ValueStack against a model", () => {
  it("agrees with a plain array of values and frames", () => {
    const value = fc.oneof(
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 3 }),
    );
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 4, arbitrary: value.map((v) => ({ op: "push" as const, value: v })) },
      { weight: 3, arbitrary: fc.constant({ op: "pop" as const }) },
      {
        weight: 1,
        arbitrary: fc.integer({ min: 0, max: 4 }).map((slots) => ({ op: "frame" as const, slots })),
      },
      { weight: 1, arbitrary: fc.constant({ op: "popFrame" as const }) },
      { weight: 1, arbitrary: fc.constant({ op: "mark" as const }) },
      { weight: 1, arbitrary: fc.constant({ op: "release" as const }) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.nat(5), fc.oneof(fc.double({ noNaN: true }), fc.string({ maxLength: 3 })))
          .map(([back, v]) => ({ op: "set" as const, back, value: v })),
      },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), (ops) => {
        const s = new ValueStack({ initialCapacity: 2 });
        const model: unknown[] = [];
        const frames: { handle: number; base: number }[] = [];
        const marks: number[] = [];
        const floor = () => (frames.length ? (frames[frames.length - 1] as { base: number }).base : 0);
        for (const o of ops) {
          switch (o.op) {
            case "push":
              s.push(o.value);
              model.push(o.value);
              break;
            case "pop":
              if (model.length > floor() + (frames.length ? 0 : 0) && model.length > 0)
                expect(s.pop()).toEqual(model.pop());
              break;
            case "frame": {
              const handle = s.pushFrame(o.slots);
              frames.push({ handle, base: model.length });
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
              if (m !== undefined && m >= floor() && m <= model.length) {
                s.release(m as never);
                model.length = m;
              }
              break;
            }
            case "set":
              if (model.length > o.back) {
                const i = model.length - 1 - o.back;
                s.set(i, o.value);
                model[i] = o.value;
              }
              break;
          }
          expect(s.size).toBe(model.length);
          expect(s.frameDepth).toBe(frames.length);
        }
        for (let i = 0; i < model.length; i++) expect(s.get(i)).toEqual(model[i]);
        let refs = 0;
        for (const v of model) if (typeof v === "string") refs++;
        expect(s.stats().refsLive).toBe(refs);
      }),
      { numRuns: 300 },
    );
  });
});
