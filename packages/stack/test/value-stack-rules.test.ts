/**
 * The value stack's rules one by one: option checks, growth, bounds checks of every
 * random-access method, frame rules, messages, and what release mode leaves unchecked.
 */
import { describe, expect, it } from "vitest";
import { type FrameHandle, StackError, type StackMark, Tag, ValueStack } from "../src/index.js";

function stackError(fn: () => unknown): StackError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StackError) return e;
    throw e;
  }
  throw new Error("expected a StackError, nothing was thrown");
}

describe("StackError", () => {
  it("is an Error named StackError with a code", () => {
    const e = new StackError("type", "bad");
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("StackError");
    expect(e.code).toBe("type");
    expect(String(e)).toBe("StackError: bad");
  });
});

describe("options", () => {
  it("accepts the smallest sizes", () => {
    const s = new ValueStack({ initialCapacity: 1, maxSize: 1 });
    s.pushNumber(1);
    expect(s.stats()).toMatchObject({ capacity: 1, maxSize: 1, depth: 1 });
    expect(stackError(() => s.pushNumber(2)).code).toBe("overflow");
  });

  it("refuses sizes that are not positive integers, naming the value", () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new ValueStack({ initialCapacity: bad })).toThrow(
        new RangeError(`initialCapacity must be a positive integer, got ${bad}`),
      );
      expect(() => new ValueStack({ maxSize: bad })).toThrow(
        new RangeError(`maxSize must be a positive integer, got ${bad}`),
      );
    }
  });

  it("starts at the smaller of initialCapacity and maxSize, with the defaults 1024 and 2^20", () => {
    expect(new ValueStack().stats()).toMatchObject({ capacity: 1024, maxSize: 2 ** 20 });
    expect(new ValueStack({ initialCapacity: 64, maxSize: 16 }).stats().capacity).toBe(16);
    expect(new ValueStack().checked).toBe(true);
    expect(new ValueStack({ checked: false }).checked).toBe(false);
  });
});

describe("growth", () => {
  it("doubles the capacity until the need fits, and never past maxSize", () => {
    const s = new ValueStack({ initialCapacity: 4, maxSize: 100 });
    for (let i = 0; i < 4; i++) s.pushNumber(i);
    expect(s.stats()).toMatchObject({ capacity: 4, growths: 0 });
    s.pushNumber(4);
    expect(s.stats()).toMatchObject({ capacity: 8, growths: 1 });
    s.pushFrame(8); // needs 13: 16
    expect(s.stats()).toMatchObject({ capacity: 16, growths: 2 });
    s.pushFrame(19); // needs exactly 32
    expect(s.stats()).toMatchObject({ capacity: 32, growths: 3 });
    s.pushFrame(60); // needs 92: 64, 128, cut to 100
    expect(s.stats()).toMatchObject({ capacity: 100, growths: 4 });
    for (let i = 0; i < 92; i++) expect(s.get(i)).toBe(i < 5 ? i : null);
  });

  it("a frame that exactly fills the room does not grow", () => {
    const s = new ValueStack({ initialCapacity: 8 });
    s.pushNumber(1);
    s.pushFrame(7);
    expect(s.stats()).toMatchObject({ capacity: 8, growths: 0, depth: 8 });
  });

  it("may grow to exactly maxSize, and no further", () => {
    const s = new ValueStack({ initialCapacity: 4, maxSize: 5 });
    for (let i = 0; i < 5; i++) s.pushNumber(i);
    expect(s.stats().capacity).toBe(5);
    const e = stackError(() => s.pushNumber(5));
    expect(e.code).toBe("overflow");
    expect(e.message).toBe("value stack overflow: more than 5 slots");
    expect(s.size).toBe(5);
    const f = new ValueStack({ initialCapacity: 2, maxSize: 6 });
    f.pushFrame(6);
    expect(stackError(() => f.pushFrame(1)).message).toBe("value stack overflow: more than 6 slots");
  });

  it("keeps every value across growth", () => {
    const s = new ValueStack({ initialCapacity: 1 });
    const obj = { o: 1 };
    s.pushNumber(1.5);
    s.pushBool(true);
    s.pushHandle(-3);
    s.pushRef(obj);
    s.pushNull();
    expect([s.get(0), s.get(1), s.get(2), s.get(3), s.get(4)]).toEqual([1.5, true, -3, obj, null]);
    expect(s.refAt(3)).toBe(obj);
  });
});

describe("counters", () => {
  it("highWater is the deepest the stack has been, by pushes and frames", () => {
    const s = new ValueStack();
    expect(s.stats().highWater).toBe(0);
    s.pushNumber(1);
    s.pushNumber(2);
    expect(s.stats().highWater).toBe(2);
    s.drop(2);
    s.pushNumber(3);
    expect(s.stats().highWater).toBe(2);
    s.pushNumber(4);
    s.pushNumber(5);
    expect(s.stats().highWater).toBe(3);
    const f = s.pushFrame(4);
    expect(s.stats().highWater).toBe(7);
    s.popFrame(f);
    s.pushFrame(2);
    expect(s.stats()).toMatchObject({ highWater: 7, depth: 5 });
  });

  it("framesPushed counts every frame pushed; refsLive counts slots holding an object", () => {
    const s = new ValueStack();
    for (let i = 0; i < 3; i++) s.popFrame(s.pushFrame(1));
    expect(s.stats().framesPushed).toBe(3);
    s.pushNumber(1);
    s.pushBool(false);
    s.pushHandle(2);
    s.pushNull();
    s.pushRef("a");
    s.pushRef(undefined); // a Ref slot holding nothing
    expect(s.stats().refsLive).toBe(1);
    expect(s.stats().depth).toBe(6);
  });
});

describe("push and set of JS values", () => {
  it("undefined and null become Null, by push and by set", () => {
    const s = new ValueStack();
    s.push(undefined);
    s.push(null);
    expect([s.tagAt(0), s.tagAt(1)]).toEqual([Tag.Null, Tag.Null]);
    s.set(0, { x: 1 });
    s.set(1, "y");
    s.set(0, null);
    s.set(1, undefined);
    expect([s.tagAt(0), s.tagAt(1)]).toEqual([Tag.Null, Tag.Null]);
    expect([s.get(0), s.get(1), s.refAt(0), s.refAt(1)]).toEqual([null, null, undefined, undefined]);
    expect(s.stats().refsLive).toBe(0);
    expect([s.pop(), s.pop()]).toEqual([null, null]);
  });

  it("set of a boolean or a number over a reference drops the reference", () => {
    const s = new ValueStack();
    s.pushRef({ a: 1 });
    s.pushRef({ b: 2 });
    s.pushRef({ c: 3 });
    s.set(0, false);
    s.setNumber(1, 4);
    s.setHandle(2, 9);
    expect([s.get(0), s.get(1), s.get(2)]).toEqual([false, 4, 9]);
    expect([s.tagAt(0), s.tagAt(1), s.tagAt(2)]).toEqual([Tag.Bool, Tag.Number, Tag.Handle]);
    expect([s.refAt(0), s.refAt(1), s.refAt(2)]).toEqual([undefined, undefined, undefined]);
    expect(s.numberAt(0)).toBe(0);
    s.set(0, true);
    expect(s.numberAt(0)).toBe(1);
  });
});

describe("bounds checks in checked mode", () => {
  const reads = {
    get: (s: ValueStack, i: number) => s.get(i),
    tagAt: (s: ValueStack, i: number) => s.tagAt(i),
    numberAt: (s: ValueStack, i: number) => s.numberAt(i),
    handleAt: (s: ValueStack, i: number) => s.handleAt(i),
    refAt: (s: ValueStack, i: number) => s.refAt(i),
    set: (s: ValueStack, i: number) => s.set(i, "x"),
    "set(number)": (s: ValueStack, i: number) => s.set(i, 1),
    setNumber: (s: ValueStack, i: number) => s.setNumber(i, 1),
    setHandle: (s: ValueStack, i: number) => s.setHandle(i, 1),
  };
  for (const [name, access] of Object.entries(reads)) {
    it(`${name} refuses a slot that is not in use`, () => {
      const s = new ValueStack({ initialCapacity: 8 });
      s.pushHandle(1);
      s.pushHandle(2);
      s.pushHandle(3);
      s.pop(); // slot 2 was in use and is not any more
      for (const bad of [2, 3, -1, 1.5, 100]) {
        const e = stackError(() => access(s, bad));
        expect(e.code).toBe("underflow");
        expect(e.message).toBe(`slot ${bad} is not in use (the stack holds 2)`);
      }
      expect(() => access(s, 1)).not.toThrow();
      expect(() => access(s, 0)).not.toThrow();
      expect(s.size).toBe(2);
    });
  }

  it("setHandle refuses a value that is not an int32, and leaves the slot as it was", () => {
    const s = new ValueStack();
    s.pushNumber(5);
    for (const bad of [1.5, 2 ** 31, -(2 ** 31) - 1, Number.NaN]) {
      const e = stackError(() => s.setHandle(0, bad));
      expect(e.code).toBe("type");
      expect(e.message).toBe(`setHandle: ${bad} is not an int32`);
    }
    expect(s.get(0)).toBe(5);
    s.setHandle(0, -(2 ** 31));
    expect(s.handleAt(0)).toBe(-(2 ** 31));
  });

  it("pushHandle names the value that is not an int32", () => {
    const s = new ValueStack();
    expect(stackError(() => s.pushHandle(0.5)).message).toBe("pushHandle: 0.5 is not an int32");
    expect(s.size).toBe(0);
  });
});

describe("release mode leaves misuse unchecked", () => {
  it("random access above the top reads and writes the columns without a check", () => {
    const s = new ValueStack({ checked: false, initialCapacity: 8 });
    s.pushNumber(7);
    s.pushHandle(3);
    s.drop(2);
    expect(s.tagAt(1)).toBe(Tag.Handle);
    expect(s.numberAt(0)).toBe(7);
    expect(s.handleAt(1)).toBe(3);
    expect(s.handleAt(0)).toBe(0); // a number slot: the handle column, unchecked
    expect(s.refAt(0)).toBeUndefined();
    expect(s.get(0)).toBe(7);
    s.set(5, "x");
    s.setNumber(6, 2);
    s.setHandle(7, 1.5);
    expect([s.tagAt(5), s.tagAt(6), s.tagAt(7)]).toEqual([Tag.Ref, Tag.Number, Tag.Handle]);
    expect(s.size).toBe(0);
  });

  it("pops a frame below the innermost one, dropping everything above it", () => {
    const s = new ValueStack({ checked: false });
    const outer = s.pushFrame(2);
    s.pushRef({ t: 1 });
    s.pushFrame(3);
    s.popFrame(outer);
    expect([s.size, s.frameDepth, s.stats().refsLive]).toEqual([0, 0, 0]);
  });

  it("still refuses to pop a frame that is not on the stack", () => {
    const s = new ValueStack({ checked: false });
    s.pushFrame(1);
    for (const bad of [1, 5, -1, 0.5]) {
      const e = stackError(() => s.popFrame(bad as FrameHandle));
      expect(e.code).toBe("frame-order");
      expect(e.message).toBe(`popFrame(${bad}) but the innermost frame is 0`);
    }
    expect([s.size, s.frameDepth]).toEqual([1, 1]);
  });
});

describe("pops, drops, peeks and releases", () => {
  it("name what they could not do", () => {
    const s = new ValueStack();
    expect(stackError(() => s.pop()).message).toBe("value stack underflow: pop from an empty stack");
    expect(stackError(() => s.popNumber()).code).toBe("underflow");
    s.pushNumber(1);
    s.pushNumber(2);
    expect(stackError(() => s.drop(3)).message).toBe("value stack underflow: cannot drop 3 of 2");
    expect(stackError(() => s.drop(-1)).message).toBe("value stack underflow: cannot drop -1 of 2");
    expect(stackError(() => s.peek(2)).message).toBe("value stack underflow: peek(2) on 2 slots");
    expect(stackError(() => s.peek(2)).code).toBe("underflow");
    expect(stackError(() => s.release(3 as StackMark)).message).toBe(
      "cannot release to 3: the stack holds 2",
    );
    expect(s.size).toBe(2);
  });

  it("drop and release refuse negative counts and marks in both modes", () => {
    for (const checked of [true, false]) {
      const s = new ValueStack({ checked });
      s.pushNumber(1);
      expect(stackError(() => s.drop(-1)).code).toBe("underflow");
      expect(stackError(() => s.release(-1 as StackMark)).code).toBe("underflow");
      expect(stackError(() => s.release(-1 as StackMark)).message).toBe(
        "cannot release to -1: the stack holds 1",
      );
      expect(s.size).toBe(1);
    }
  });

  it("drop() drops one; drop(0) drops nothing", () => {
    const s = new ValueStack();
    s.pushNumber(1);
    s.pushNumber(2);
    s.drop(0);
    expect(s.size).toBe(2);
    s.drop();
    expect(s.size).toBe(1);
    expect(s.peek()).toBe(1);
  });

  it("peek counts down from the top", () => {
    const s = new ValueStack();
    s.pushNumber(10);
    expect(s.peek(0)).toBe(10);
    s.pushNumber(20);
    s.pushNumber(30);
    expect([s.peek(), s.peek(1), s.peek(2)]).toEqual([30, 20, 10]);
    expect(s.size).toBe(3);
  });

  it("a typed pop of the wrong type names what the top holds", () => {
    const s = new ValueStack();
    const cases: [() => void, string][] = [
      [() => s.pushNumber(1), "number"],
      [() => s.pushBool(true), "boolean"],
      [() => s.pushRef("r"), "reference"],
      [() => s.pushNull(), "null"],
    ];
    for (const [push, name] of cases) {
      push();
      const e = stackError(() => s.popHandle());
      expect(e.code).toBe("type");
      expect(e.message).toBe(`popHandle: the top slot holds a ${name}`);
      expect(stackError(() => s.handleAt(s.size - 1)).message).toBe(
        `handleAt(${s.size - 1}): the slot holds a ${name}`,
      );
    }
    s.pushHandle(4);
    expect(stackError(() => s.popNumber()).message).toBe("popNumber: the top slot holds a handle");
    expect(s.size).toBe(5);
  });

  it("refusals to reach into the innermost frame say where its locals end", () => {
    const s = new ValueStack();
    s.pushNumber(1);
    s.pushNumber(2);
    const m = s.mark();
    s.pushFrame(2);
    expect(stackError(() => s.pop()).message).toBe(
      "pop would reach slot 3, inside the innermost frame (its locals end at 4); pop the frame first",
    );
    expect(stackError(() => s.drop(1)).message).toBe(
      "drop(1) would reach slot 3, inside the innermost frame (its locals end at 4); pop the frame first",
    );
    expect(stackError(() => s.release(m)).message).toBe(
      "release(2) would reach slot 2, inside the innermost frame (its locals end at 4); pop the frame first",
    );
  });
});

describe("frames", () => {
  it("after popping the inner frame, the outer frame is protected again", () => {
    const s = new ValueStack();
    const outer = s.pushFrame(2);
    s.pushNumber(1);
    const inner = s.pushFrame(1);
    s.popFrame(inner);
    expect(s.popNumber()).toBe(1);
    expect(stackError(() => s.pop()).code).toBe("frame-order");
    expect(stackError(() => s.drop(1)).code).toBe("frame-order");
    expect(stackError(() => s.release(0 as StackMark)).code).toBe("frame-order");
    s.popFrame(outer);
    expect(s.size).toBe(0);
  });

  it("nests far past 64 frames, each with its own base and protection", () => {
    const s = new ValueStack({ initialCapacity: 4 });
    const frames: FrameHandle[] = [];
    for (let i = 0; i < 200; i++) {
      s.pushNumber(i);
      const f = s.pushFrame(1);
      s.setNumber(s.frameBase(f), -i);
      frames.push(f);
    }
    expect(s.frameDepth).toBe(200);
    expect(s.stats().framesPushed).toBe(200);
    frames.forEach((f, i) => {
      expect(f).toBe(i);
      expect(s.frameBase(f)).toBe(2 * i + 1);
      expect(s.get(s.frameBase(f))).toBe(-i);
    });
    for (let i = 199; i >= 0; i--) {
      s.popFrame(frames[i]!);
      expect(s.popNumber()).toBe(i);
      // the frame below is protected again (frame 0 has none below it)
      if (i > 0) expect(stackError(() => s.pop()).code).toBe("frame-order");
    }
    expect([s.size, s.frameDepth]).toEqual([0, 0]);
  });

  it("frameBase refuses a frame that is not on the stack", () => {
    const s = new ValueStack();
    const f = s.pushFrame(1);
    for (const bad of [1, -1, 7]) {
      const e = stackError(() => s.frameBase(bad as FrameHandle));
      expect(e.code).toBe("frame-order");
      expect(e.message).toBe(`frame ${bad} is not on the stack (depth 1)`);
    }
    s.popFrame(f);
    expect(stackError(() => s.frameBase(f)).message).toBe("frame 0 is not on the stack (depth 0)");
  });

  it("checked popFrame of an outer frame names the innermost one", () => {
    const s = new ValueStack();
    const outer = s.pushFrame(0);
    s.pushFrame(0);
    expect(stackError(() => s.popFrame(outer)).message).toBe("popFrame(0) but the innermost frame is 1");
    expect(s.frameDepth).toBe(2);
  });

  it("names the frame limit when it is reached", () => {
    const s = new ValueStack({ maxSize: 3 });
    for (let i = 0; i < 3; i++) s.pushFrame(0);
    expect(stackError(() => s.pushFrame(0)).message).toBe("value stack overflow: more than 3 frames");
  });

  it("pushFrame names a bad size", () => {
    expect(() => new ValueStack().pushFrame(-2)).toThrow(
      new RangeError("pushFrame: slots must be a non-negative integer, got -2"),
    );
  });

  it("reset drops frames and their protection", () => {
    const s = new ValueStack();
    s.pushFrame(2);
    s.pushRef({ r: 1 });
    s.reset();
    expect([s.size, s.frameDepth, s.stats().refsLive]).toEqual([0, 0, 0]);
    s.pushNumber(1);
    expect(s.pop()).toBe(1);
  });
});
