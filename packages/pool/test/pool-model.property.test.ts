/**
 * Model-based property tests: random sequences of acquire / release / read /
 * write / reset run against a pool and against a Map; both must agree.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Handle, handleSlot, ObjectPool, PoolError, StructPool } from "../src/index.js";

const FIELDS = { kind: "u8", span: "i32", weight: "f64" } as const;
type FieldName = keyof typeof FIELDS;
const FIELD_NAMES = Object.keys(FIELDS) as FieldName[];
const CONVERT: Record<FieldName, (v: number) => number> = {
  kind: (v) => new Uint8Array([v])[0]!,
  span: (v) => new Int32Array([v])[0]!,
  weight: (v) => v,
};

type Op =
  | { t: "acquire" }
  | { t: "release"; pick: number }
  | { t: "read"; pick: number; field: number }
  | { t: "write"; pick: number; field: number; value: number }
  | { t: "reset" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ t: "acquire" } as const), weight: 5 },
  { arbitrary: fc.record({ t: fc.constant("release" as const), pick: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant("read" as const), pick: fc.nat(), field: fc.nat(2) }), weight: 3 },
  {
    arbitrary: fc.record({
      t: fc.constant("write" as const),
      pick: fc.nat(),
      field: fc.nat(2),
      value: fc.integer({ min: -1000, max: 100_000 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.constant({ t: "reset" } as const), weight: 1 },
);

const configArb = fc.record({
  pageSize: fc.constantFrom(1, 2, 4, 16),
  maxCapacity: fc.integer({ min: 1, max: 40 }),
});

/** The kind a checked pool must report for a handle the model says is dead. */
function expectedKind(model: Map<number, unknown>, h: number, release: boolean): PoolError["kind"] {
  for (const live of model.keys()) if (handleSlot(live) === handleSlot(h)) return "stale-handle";
  return release ? "double-free" : "stale-handle";
}

function expectPoolError(run: () => unknown, kind: PoolError["kind"], slot: number): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PoolError);
  const error = caught as PoolError;
  expect(error.kind).toBe(kind);
  expect(error.pool).toBe("model");
  expect(error.slot).toBe(slot);
  expect(error.message).toContain(`slot ${slot}`);
}

describe("StructPool agrees with a Map model", () => {
  for (const checked of [true, false]) {
    it(`checked: ${checked}`, () => {
      fc.assert(
        fc.property(configArb, fc.array(opArb, { maxLength: 120 }), ({ pageSize, maxCapacity }, ops) => {
          const pool = new StructPool<typeof FIELDS, "M">({
            name: "model",
            fields: FIELDS,
            pageSize,
            maxCapacity,
            checked,
          });
          const accessors = FIELD_NAMES.map((f) => pool.field(f));
          const model = new Map<number, Record<FieldName, number>>();
          const issued: Handle<"M">[] = [];
          let acquires = 0;
          let releases = 0;
          let highWater = 0;
          for (const op of ops) {
            if (op.t === "acquire") {
              if (model.size === maxCapacity) {
                expect(() => pool.acquire()).toThrow(expect.objectContaining({ kind: "capacity" }));
                continue;
              }
              const h = pool.acquire();
              // Never the same handle twice, live or not: a handle from before a release or
              // a reset must stay stale (generations wrap only after 255 reuses of one slot,
              // more than a 120-op run can reach).
              expect(issued.includes(h)).toBe(false);
              for (const f of FIELD_NAMES) expect(pool.get(h, f)).toBe(0);
              model.set(h, { kind: 0, span: 0, weight: 0 });
              issued.push(h);
              acquires++;
              highWater = Math.max(highWater, model.size);
              continue;
            }
            if (op.t === "reset") {
              releases += model.size;
              model.clear();
              pool.reset();
              continue;
            }
            if (issued.length === 0) continue;
            const h = issued[op.pick % issued.length]!;
            const record = model.get(h);
            if (op.t === "release") {
              if (record !== undefined) {
                pool.release(h);
                model.delete(h);
                releases++;
              } else if (checked) {
                expectPoolError(() => pool.release(h), expectedKind(model, h, true), handleSlot(h));
              }
              // release mode: a double free is undefined behaviour by contract; not exercised here
            } else if (op.t === "read") {
              const f = FIELD_NAMES[op.field]!;
              if (record !== undefined) {
                expect(accessors[op.field]!.get(h)).toBe(record[f]);
                expect(pool.get(h, f)).toBe(record[f]);
              } else if (checked) {
                expectPoolError(
                  () => accessors[op.field]!.get(h),
                  expectedKind(model, h, false),
                  handleSlot(h),
                );
              } else {
                expect(() => accessors[op.field]!.get(h)).not.toThrow();
              }
            } else {
              const f = FIELD_NAMES[op.field]!;
              if (record !== undefined) {
                accessors[op.field]!.set(h, op.value);
                record[f] = CONVERT[f](op.value);
              } else if (checked) {
                expectPoolError(
                  () => accessors[op.field]!.set(h, op.value),
                  expectedKind(model, h, false),
                  handleSlot(h),
                );
              }
              // release mode: a stale write would corrupt the slot's new owner; not exercised
            }
            expect(pool.live).toBe(model.size);
          }
          for (const h of issued) expect(pool.isLive(h)).toBe(model.has(h));
          for (const [h, record] of model)
            for (const f of FIELD_NAMES) expect(pool.get(h as Handle<"M">, f)).toBe(record[f]);
          const stats = pool.stats();
          expect(stats.live).toBe(model.size);
          expect(stats.acquires).toBe(acquires);
          expect(stats.releases).toBe(releases);
          expect(stats.highWater).toBe(highWater);
          expect(stats.capacity).toBeLessThanOrEqual(maxCapacity);
          expect(stats.capacity).toBeGreaterThanOrEqual(highWater);
          expect(stats.pages).toBe(Math.ceil(stats.capacity / pageSize));
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe("ObjectPool agrees with a Map model", () => {
  it("checked", () => {
    fc.assert(
      fc.property(configArb, fc.array(opArb, { maxLength: 120 }), ({ pageSize, maxCapacity }, ops) => {
        let created = 0;
        const pool = new ObjectPool<{ value: number }, "O">({
          name: "model",
          create: () => {
            created++;
            return { value: 0 };
          },
          reset: (o) => {
            o.value = 0;
          },
          pageSize,
          maxCapacity,
        });
        const model = new Map<number, number>();
        const issued: Handle<"O">[] = [];
        for (const op of ops) {
          if (op.t === "acquire") {
            if (model.size === maxCapacity) {
              expect(() => pool.acquire()).toThrow(expect.objectContaining({ kind: "capacity" }));
              continue;
            }
            const h = pool.acquire();
            expect(issued.includes(h)).toBe(false); // never the same handle twice
            expect(pool.get(h).value).toBe(0);
            model.set(h, 0);
            issued.push(h);
          } else if (op.t === "reset") {
            model.clear();
            pool.reset();
          } else if (issued.length > 0) {
            const h = issued[op.pick % issued.length]!;
            const live = model.has(h);
            if (op.t === "release") {
              if (live) {
                pool.release(h);
                model.delete(h);
              } else {
                expectPoolError(() => pool.release(h), expectedKind(model, h, true), handleSlot(h));
              }
            } else if (!live) {
              expectPoolError(() => pool.get(h), expectedKind(model, h, false), handleSlot(h));
            } else if (op.t === "read") {
              expect(pool.get(h).value).toBe(model.get(h));
            } else {
              pool.get(h).value = op.value;
              model.set(h, op.value);
            }
          }
          expect(pool.live).toBe(model.size);
        }
        // distinct live handles map to distinct objects
        const objects = new Set([...model.keys()].map((h) => pool.get(h as Handle<"O">)));
        expect(objects.size).toBe(model.size);
        expect(created).toBeLessThanOrEqual(pool.stats().highWater);
      }),
      { numRuns: 150 },
    );
  });
});
