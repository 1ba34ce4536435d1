/** `xmd build --shard i/n`: the assignment (disjoint, complete, balanced, stable) and the command. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../src/errors.js";
import { assignShards, parseShard, type ShardUnit, SLACK, unitCost } from "../src/shard.js";
import { cleanup, workspace, xmd } from "./support.js";

afterAll(cleanup);

/** A seeded generator (mulberry32): the same "random" tree on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** A docs tree: nested folders, sizes spread over two orders of magnitude (150 B to 8 KiB). */
function generatedTree(count: number, seed: number): ShardUnit[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => ({
    key: `docs/section-${i % 13}/${i % 3 === 0 ? "deep/" : ""}page-${i}.md`,
    size: Math.floor(Math.exp(5 + next() * 4)),
  }));
}

/** Each shard's cost under an assignment. */
function loads(units: readonly ShardUnit[], assigned: Map<string, number>, count: number): number[] {
  const load = new Array<number>(count).fill(0);
  for (const u of units) load[assigned.get(u.key) as number] += unitCost(u.size);
  return load;
}

describe("parseShard", () => {
  it("reads INDEX/COUNT, counted from 1", () => {
    expect(parseShard("2/4")).toEqual({ index: 2, count: 4 });
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
    expect(parseShard(" 3 / 3 ")).toEqual({ index: 3, count: 3 });
  });

  it.each([
    ["0/3", "--shard 0/3: the index counts from 1 to the count of shards, so it is 1 to 3 here"],
    ["4/3", "--shard 4/3: the index counts from 1 to the count of shards, so it is 1 to 3 here"],
    ["1/0", "--shard 1/0: the count of shards must be at least 1"],
    ["a/b", "--shard needs INDEX/COUNT, two whole numbers such as 2/4 (the second of four jobs), got 'a/b'"],
    ["2", "--shard needs INDEX/COUNT, two whole numbers such as 2/4 (the second of four jobs), got '2'"],
    [
      "-1/3",
      "--shard needs INDEX/COUNT, two whole numbers such as 2/4 (the second of four jobs), got '-1/3'",
    ],
    [
      "1.5/3",
      "--shard needs INDEX/COUNT, two whole numbers such as 2/4 (the second of four jobs), got '1.5/3'",
    ],
  ])("refuses %s with a usage error that says what is expected", (raw, message) => {
    expect(() => parseShard(raw)).toThrow(UsageError);
    expect(() => parseShard(raw)).toThrow(message);
  });
});

describe("assignShards", () => {
  it("puts every unit on exactly one shard in range, whatever order the units come in", () => {
    const units = generatedTree(400, 1);
    for (const count of [1, 2, 3, 5, 8]) {
      const assigned = assignShards(units, count);
      expect(assigned.size).toBe(units.length);
      for (const shard of assigned.values()) expect(shard >= 0 && shard < count).toBe(true);
      const reversed = assignShards([...units].reverse(), count);
      expect([...reversed].sort()).toEqual([...assigned].sort());
    }
  });

  it(`keeps every shard within ${SLACK * 100}% of an even share on a generated tree`, () => {
    for (const [size, seed] of [
      [300, 2],
      [1000, 3],
      [3000, 4],
    ] as const) {
      const units = generatedTree(size, seed);
      for (const count of [2, 3, 4, 8]) {
        const load = loads(units, assignShards(units, count), count);
        const even = load.reduce((a, b) => a + b, 0) / count;
        expect(Math.max(...load)).toBeLessThanOrEqual((1 + SLACK) * even);
        // And none starved: the others make up what the fullest lacks.
        expect(Math.min(...load)).toBeGreaterThanOrEqual((1 - (count - 1) * SLACK) * even);
      }
    }
  });

  it("bounds a shard by an even share plus the largest unit when one unit dominates", () => {
    const units = [...generatedTree(50, 5), { key: "docs/huge.md", size: 200_000 }];
    for (const count of [2, 4]) {
      const load = loads(units, assignShards(units, count), count);
      const total = load.reduce((a, b) => a + b, 0);
      expect(Math.max(...load)).toBeLessThanOrEqual(total / count + unitCost(200_000));
    }
  });

  it("moves few documents between shards when one is added or removed", () => {
    for (const [size, count] of [
      [300, 4],
      [1000, 4],
      [1000, 8],
      [3000, 6],
    ] as const) {
      const units = generatedTree(size, size + count);
      const before = assignShards(units, count);
      const next = random(size * count);
      for (let t = 0; t < 10; t++) {
        const added = { key: `docs/new/added-${t}.md`, size: Math.floor(Math.exp(5 + next() * 4)) };
        const after = assignShards([...units, added], count);
        const moved = units.filter((u) => before.get(u.key) !== after.get(u.key)).length;
        // A hash modulo n would move nothing here, but (n-1)/n of everything when n
        // changes; a sorted split by size would shift a long run of units. 2% is the bound.
        expect(moved).toBeLessThanOrEqual(Math.ceil(size * 0.02));
        const removed = units.filter((_, i) => i !== t * 7);
        const without = assignShards(removed, count);
        const movedOut = removed.filter((u) => before.get(u.key) !== without.get(u.key)).length;
        expect(movedOut).toBeLessThanOrEqual(Math.ceil(size * 0.02));
      }
    }
  });

  it("leaves shards empty, not failing, when there are more shards than documents", () => {
    const assigned = assignShards([{ key: "a.md", size: 10 }], 3);
    expect([...assigned.values()]).toHaveLength(1);
    expect(assignShards([], 3).size).toBe(0);
  });
});

/** Every file under `dir`, relative, with its text. */
function files(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) visit(join(d, e.name));
      else found.set(relative(dir, join(d, e.name)), readFileSync(join(d, e.name), "utf8"));
    }
  };
  visit(dir);
  return found;
}

describe("xmd build --shard", () => {
  function tree(count: number): string {
    const documents: Record<string, string> = {};
    for (let i = 0; i < count; i++)
      documents[`src/${i % 4 === 0 ? "guide/" : ""}page-${i}.${i % 5 === 0 ? "xmd" : "md"}`] =
        i % 5 === 0 ? `print "page " + ${i}\n` : `# Page {{ ${i} }}\n${"text ".repeat(i * 9)}\n`;
    return workspace(documents);
  }

  it("renders disjoint shares whose union is the whole build", () => {
    const dir = tree(30);
    expect(xmd(["build", "src", "all"], { cwd: dir }).code).toBe(0);
    const whole = files(join(dir, "all"));
    const union = new Map<string, string>();
    let counted = 0;
    for (const i of [1, 2, 3]) {
      const run = xmd(["build", "src", `part${i}`, "--shard", `${i}/3`], { cwd: dir });
      expect(run.code).toBe(0);
      const part = files(join(dir, `part${i}`));
      expect(part.size).toBeGreaterThan(0);
      expect(run.stderr).toContain(`of ${part.size} documents into part${i} (shard ${i}/3 of 30 documents)`);
      for (const [name, text] of part) {
        expect(union.has(name)).toBe(false);
        union.set(name, text);
      }
      counted += part.size;
    }
    expect(counted).toBe(30);
    expect(union).toEqual(whole);
  });

  it("--check --shard finds a stale output in exactly one shard, with its diff", () => {
    const dir = tree(12);
    expect(xmd(["build", "src", "out"], { cwd: dir }).code).toBe(0);
    const fresh = [1, 2, 3].map((i) =>
      xmd(["build", "src", "out", "--check", "--shard", `${i}/3`], { cwd: dir }),
    );
    for (const run of fresh) {
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/\(shard \d\/3 of 12 documents\): all outputs are up to date/);
    }
    writeFileSync(join(dir, "src/page-3.md"), "# Changed\n");
    const runs = [1, 2, 3].map((i) =>
      xmd(["build", "src", "out", "--check", "--shard", `${i}/3`], { cwd: dir }),
    );
    const failing = runs.filter((r) => r.code === 1);
    expect(failing).toHaveLength(1);
    expect(failing[0]?.stderr).toContain("stale: out/page-3.md (rendered from src/page-3.md)");
    expect(failing[0]?.stderr).toContain("+# Changed");
    expect(runs.filter((r) => r.code === 0)).toHaveLength(2);
  });

  it("keeps documents that collide on one output together, reported once", () => {
    const dir = workspace({
      "src/a.md": "a\n",
      "src/a.xmd": 'print "a"\n',
      "src/b.md": "b\n",
      "src/c.md": "c\n",
    });
    const runs = [1, 2].map((i) => xmd(["build", "src", "out", "--shard", `${i}/2`], { cwd: dir }));
    const reports = runs.filter((r) => r.stderr.includes("would all be written to out/a.md"));
    expect(reports).toHaveLength(1);
    expect(reports[0]?.code).toBe(1);
  });

  it("reports orphans from the first shard only", () => {
    const dir = workspace({ "src/a.md": "a\n", "src/b.md": "b\n", "src/c.md": "c\n" });
    expect(xmd(["build", "src", "out"], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, "out/gone.md"), "old\n");
    const runs = [1, 2].map((i) =>
      xmd(["build", "src", "out", "--check", "--check-orphans", "--shard", `${i}/2`], { cwd: dir }),
    );
    expect(runs[0]?.stderr).toContain("orphan: out/gone.md has no source in src");
    expect(runs[0]?.code).toBe(1);
    expect(runs[1]?.stderr).not.toContain("orphan");
    expect(runs[1]?.code).toBe(0);
  });

  it("an empty shard succeeds, so a matrix wider than the tree still passes", () => {
    const dir = workspace({ "src/only.md": "one\n" });
    const runs = [1, 2, 3].map((i) => xmd(["build", "src", "out", "--shard", `${i}/3`], { cwd: dir }));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(runs.filter((r) => r.stderr.includes("built 0 of 0 documents"))).toHaveLength(2);
  });

  it.each(["0/3", "4/3", "a/b"])("--shard %s is a usage error (exit 2)", (value) => {
    const dir = workspace({ "src/a.md": "a\n" });
    const run = xmd(["build", "src", "out", "--shard", value], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^xmd: --shard /);
  });
});
