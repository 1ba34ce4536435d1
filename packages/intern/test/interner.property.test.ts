/**
 * Property tests: the interner against a model (a Map from string to id plus an array),
 * over random strings with non-ASCII characters, surrogate pairs, lone surrogates and "".
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hashSlice, hashString, Interner, type InternMark } from "../src/index.js";
import { smallStringArb, textWithSliceArb } from "./arbitraries.js";

const RUNS = 200;

describe("Interner properties", () => {
  it("intern(text(id)) === id, and equal strings <=> equal ids", () => {
    fc.assert(
      fc.property(fc.array(smallStringArb, { maxLength: 60 }), (strs) => {
        const interner = new Interner({ initialCapacity: 0 });
        const ids = strs.map((s) => interner.intern(s));
        for (let i = 0; i < strs.length; i++) {
          expect(interner.text(ids[i]!)).toBe(strs[i]);
          expect(interner.intern(interner.text(ids[i]!))).toBe(ids[i]);
          for (let j = 0; j < strs.length; j++) {
            expect(ids[i] === ids[j]).toBe(strs[i] === strs[j]);
          }
        }
        expect(interner.size).toBe(new Set(strs).size);
      }),
      { numRuns: RUNS },
    );
  });

  it("ids are dense: the k-th distinct string gets id k", () => {
    fc.assert(
      fc.property(fc.array(smallStringArb, { maxLength: 60 }), (strs) => {
        const interner = new Interner();
        const firstSeen: string[] = [];
        for (const s of strs) {
          if (!firstSeen.includes(s)) firstSeen.push(s);
          expect(interner.intern(s)).toBe(firstSeen.indexOf(s));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("internSlice agrees with intern(slice), in either order, and hashes agree", () => {
    fc.assert(
      fc.property(
        fc.array(textWithSliceArb, { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (cases, sliceFirst) => {
          const bySlice = new Interner({ initialCapacity: 0 });
          const mixed = new Interner({ initialCapacity: 0 });
          const byString = new Interner({ initialCapacity: 0 });
          for (const { text, start, end } of cases) {
            const sub = text.slice(start, end);
            expect(hashSlice(text, start, end)).toBe(hashString(sub));
            const id = bySlice.internSlice(text, start, end);
            expect(id).toBe(byString.intern(sub));
            expect(bySlice.text(id)).toBe(sub);
            expect(bySlice.lookupSlice(text, start, end)).toBe(id);
            expect(bySlice.lookup(sub)).toBe(id);
            // Mixed: the same content through both entry points must map to one id.
            const a = sliceFirst ? mixed.internSlice(text, start, end) : mixed.intern(sub);
            const b = sliceFirst ? mixed.intern(sub) : mixed.internSlice(text, start, end);
            expect(a).toBe(b);
          }
          expect(bySlice.size).toBe(byString.size);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("lookup / lookupSlice / has never insert and match the model", () => {
    fc.assert(
      fc.property(
        fc.array(smallStringArb, { maxLength: 30 }),
        fc.array(textWithSliceArb, { maxLength: 30 }),
        (stored, probes) => {
          const interner = new Interner();
          const model = new Map<string, number>();
          for (const s of stored) {
            const id = interner.intern(s);
            if (!model.has(s)) model.set(s, id);
          }
          const size = interner.size;
          for (const { text, start, end } of probes) {
            const sub = text.slice(start, end);
            const expected = model.get(sub) ?? -1;
            expect(interner.lookupSlice(text, start, end)).toBe(expected);
            expect(interner.lookup(sub)).toBe(expected);
            expect(interner.has(sub)).toBe(expected >= 0);
          }
          expect(interner.size).toBe(size);
        },
      ),
      { numRuns: RUNS },
    );
  });

  type Op =
    | { t: "intern"; s: string }
    | { t: "slice"; s: string }
    | { t: "mark" }
    | { t: "rollback" }
    | { t: "trim"; load: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ t: fc.constant("intern" as const), s: smallStringArb }), weight: 6 },
    { arbitrary: fc.record({ t: fc.constant("slice" as const), s: smallStringArb }), weight: 4 },
    { arbitrary: fc.constant({ t: "mark" } as const), weight: 1 },
    { arbitrary: fc.constant({ t: "rollback" } as const), weight: 1 },
    {
      arbitrary: fc.record({ t: fc.constant("trim" as const), load: fc.constantFrom(0.25, 0.5, 0.75, 0.9) }),
      weight: 1,
    },
  );

  it("mark / rollback / trim match a model, through growth, with seeds kept", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 120 }), (ops) => {
        const seed = ["if", "else", "😀", ""];
        const interner = new Interner({ seed, initialCapacity: 0 });
        const model: string[] = [...seed];
        const marks: { mark: InternMark; size: number }[] = [];
        /** Marks rolled back past: every later rollback to one of them must be refused. */
        const dead: InternMark[] = [];
        for (const op of ops) {
          if (op.t === "mark") {
            marks.push({ mark: interner.mark(), size: model.length });
          } else if (op.t === "trim") {
            const before = interner.counts();
            interner.trim(op.load);
            const after = interner.counts();
            // trim only shrinks: to a load of at most op.load, or not at all
            expect(after.capacity).toBeLessThanOrEqual(before.capacity);
            if (after.capacity < before.capacity) expect(after.loadFactor).toBeLessThanOrEqual(op.load);
          } else if (op.t === "rollback") {
            const m = marks.pop();
            if (m === undefined) continue;
            for (const d of dead) expect(() => interner.rollback(d)).toThrow(RangeError);
            interner.rollback(m.mark);
            model.length = m.size;
            // The same mark may have been handed out again below in the list: those stay valid.
            while (marks.length && (marks[marks.length - 1] as { size: number }).size > m.size) {
              dead.push((marks.pop() as { mark: InternMark }).mark);
            }
          } else {
            const id =
              op.t === "intern"
                ? interner.intern(op.s)
                : interner.internSlice(`<${op.s}>`, 1, op.s.length + 1);
            let expected = model.indexOf(op.s);
            if (expected < 0) expected = model.push(op.s) - 1;
            expect(id).toBe(expected);
          }
          expect(interner.size).toBe(model.length);
        }
        for (let id = 0; id < model.length; id++) {
          expect(interner.text(id)).toBe(model[id]);
          expect(interner.lookup(model[id]!)).toBe(id);
        }
        const s = interner.stats();
        expect(s.bytesHeld).toBe(model.reduce((n, str) => n + 2 * str.length, 0));
        expect(s.distinct).toBe(model.length);
      }),
      { numRuns: RUNS },
    );
  });

  it("keeps every survivor findable after rollbacks out of long probe clusters (load 0.9)", () => {
    // A small table filled to 0.9 has long clusters, so backward-shift deletion must move
    // entries; a broken shift leaves a survivor unreachable, which the lookups below catch.
    const batch = fc.array(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(batch, fc.nat()), { minLength: 1, maxLength: 12 }), (steps) => {
        const interner = new Interner({ maxLoadFactor: 0.9, initialCapacity: 0 });
        const model: string[] = [];
        const marks: { mark: InternMark; size: number }[] = [];
        for (const [strings, pick] of steps) {
          marks.push({ mark: interner.mark(), size: model.length });
          for (const s of strings) {
            const id = interner.intern(s);
            if (id === model.length) model.push(s);
            else expect(model[id]).toBe(s);
          }
          // Roll back to a random live mark: one batch or several at once.
          if (pick % 3 === 0) {
            const k = pick % marks.length;
            const target = marks[k] as { mark: InternMark; size: number };
            interner.rollback(target.mark);
            model.length = target.size;
            marks.length = k;
          }
          let lost = 0;
          for (let id = 0; id < model.length; id++) if (interner.lookup(model[id] as string) !== id) lost++;
          expect(lost).toBe(0);
          expect(interner.size).toBe(model.length);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
