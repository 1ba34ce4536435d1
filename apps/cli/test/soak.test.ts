/**
 * `xmd build` over a large tree with hostile documents mixed in: every good document is
 * written, each hostile one is reported exactly once, the exit code is 1, nothing is
 * written outside OUT and no temporary file is left in it. Small limits keep it light
 * (a 64 MB heap per render thread, 10 000 iterations, 100 KB reads and outputs).
 *
 * The time limit is 2 s, not less: the document that fills its heap must fill it before
 * its time is up, and on a loaded machine the collector's work near a full heap takes a
 * while. Each document that trips a limit is built so that no other limit can come first
 * by a wide margin (the loop that runs out of time would need 20 s or more for 10 000
 * iterations; the one that fills 64 MB does it in 8 steps).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readlinkSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, snapshot, workspace, xmd } from "./support.js";

afterAll(cleanup);

const GOOD = 2000;

/** Each hostile document, and the one line of stderr that must report it. */
const HOSTILE: { file: string; text: string | null; report: RegExp }[] = [
  {
    file: "syntax.xmd",
    text: "set\nprint 1 +\n",
    report: /^src\/hostile\/syntax\.xmd:1:4: error\[syntax\]/m,
  },
  {
    file: "forever.xmd",
    text: 'while true\n    set s range(200000).join(",")\n',
    report:
      /^src\/hostile\/forever\.xmd:\d+:\d+: error\[limit\]: time limit reached: .*\(limit timeoutMs\)$/m,
  },
  {
    file: "loops.xmd",
    text: "set n 0\nwhile true\n    set n n + 1\n",
    report:
      /^src\/hostile\/loops\.xmd:\d+:\d+: error\[limit\]: loop limit reached: .*\(limit maxIterations\)$/m,
  },
  {
    file: "deep.xmd",
    text: "function f n\n    return 1 + f n + 1\nprint f 0\n",
    report:
      /^src\/hostile\/deep\.xmd:\d+:\d+: error\[limit\]: call depth exceeded: .*\(limit maxCallDepth\)$/m,
  },
  {
    file: "loud.xmd",
    text: 'while true\n    print "x".repeat(1000)\n',
    report:
      /^src\/hostile\/loud\.xmd:\d+:\d+: error\[limit\]: output limit reached: .*\(limit maxOutputBytes\)$/m,
  },
  {
    // 8 MB a step: past 64 MB long before the time limit could be looked at.
    file: "grows.xmd",
    text: "set keep []\nwhile true\n    keep.push(range(1000000))\n",
    report: /^src\/hostile\/grows\.xmd(:\d+:\d+)?: error\[limit\]: .*\(limit maxMemoryMb\)$/m,
  },
  {
    file: "linked.md",
    text: "# linked {{ 1 }}\n",
    report:
      /^xmd: cannot write out\/hostile\/linked\.md: it is a symbolic link \(to .*\/outside\/target\.txt\)/m,
  },
  {
    file: "linkdir/page.md",
    text: "# page {{ 1 }}\n",
    report: /^xmd: cannot write out\/hostile\/linkdir\/page\.md: out\/hostile\/linkdir is a symbolic link/m,
  },
  {
    file: "pipe.md",
    text: null, // a named pipe
    report: /^xmd: cannot read src\/hostile\/pipe\.md: it is a named pipe, not a regular file$/m,
  },
  {
    file: "huge.md",
    text: `${"a".repeat(200_000)}\n`,
    report:
      /^src\/hostile\/huge\.md:1:1: error\[limit\]: cannot read the document: .*\(limit maxReadBytes\)$/m,
  },
  {
    file: "cycle.md",
    text: '```xmd\nimport "../lib/a.xmd"\n```\n',
    report: /error\[import-cycle\][\s\S]*?= note: imported from src\/hostile\/cycle\.md:2:1$/m,
  },
  {
    file: "denied.md",
    text: "<!-- xmd:exec echo hi -->\n",
    report: /^src\/hostile\/denied\.md:1:\d+: error\[exec-denied\]/m,
  },
  {
    file: "missing.md",
    text: '```xmd\nimport "nope.xmd"\n```\n',
    report: /^src\/hostile\/missing\.md:2:1: error\[file\]: cannot read "hostile\/nope\.xmd": no such file/m,
  },
];

describe("build soak", () => {
  it(`renders ${GOOD} documents with ${HOSTILE.length} hostile ones among them`, () => {
    const files: Record<string, string> = {
      "src/lib/a.xmd": 'import "b.xmd"\n',
      "src/lib/b.xmd": 'import "a.xmd"\n',
      "outside/target.txt": "precious\n",
    };
    for (let i = 0; i < GOOD; i++)
      files[`src/docs/g${String(i % 40).padStart(2, "0")}/d${i}.md`] =
        `# Doc ${i}\n{{ [1, 2, 3].map(x => x * ${i}).join(",") }}\n`;
    for (const h of HOSTILE) if (h.text !== null) files[`src/hostile/${h.file}`] = h.text;
    const dir = workspace(files);
    execFileSync("mkfifo", [join(dir, "src/hostile/pipe.md")]);
    mkdirSync(join(dir, "out/hostile"), { recursive: true });
    symlinkSync(join(dir, "outside/target.txt"), join(dir, "out/hostile/linked.md"));
    symlinkSync(join(dir, "outside"), join(dir, "out/hostile/linkdir"));
    const before = snapshot(dir).filter((line) => !line.startsWith("out"));

    const run = xmd(
      [
        "build",
        "src",
        "out",
        "--exclude",
        "lib/**",
        "-j",
        "2",
        "--timeout",
        "2000",
        "--max-iterations",
        "10000",
        "--max-output",
        "100000",
        "--max-memory",
        "64",
        "--max-read",
        "100000",
      ],
      { cwd: dir },
    );
    const log = `stderr:\n${run.stderr}`;
    expect(run.code, log).toBe(1);
    expect(run.stdout).toBe("");

    // Every good document, written as it should be.
    for (let i = 0; i < GOOD; i++) {
      const out = join(dir, `out/docs/g${String(i % 40).padStart(2, "0")}/d${i}.md`);
      expect(readFileSync(out, "utf8")).toBe(`# Doc ${i}\n${i},${2 * i},${3 * i}\n`);
    }
    // Each hostile document, reported once; nothing else reported.
    for (const h of HOSTILE)
      expect((run.stderr.match(new RegExp(h.report, "gm")) ?? []).length, `${h.file}\n${log}`).toBe(1);
    const reports = run.stderr.split("\n").filter((l) => /^(\S+: error\[|xmd: )/.test(l));
    expect(reports, log).toHaveLength(HOSTILE.length);
    expect(run.stderr).toMatch(
      new RegExp(
        `\\nbuilt ${GOOD} of ${GOOD + HOSTILE.length} documents into out, ${HOSTILE.length} failed \\(`,
      ),
    );
    expect(run.stderr).not.toMatch(/internal error|bug in xmd|\n\s+at .+:\d+:\d+/);

    // Nothing outside OUT changed; the links in OUT are still links; no temporary files.
    expect(snapshot(dir).filter((line) => !line.startsWith("out"))).toEqual(before);
    expect(readlinkSync(join(dir, "out/hostile/linked.md"))).toBe(join(dir, "outside/target.txt"));
    expect(snapshot(join(dir, "out")).filter((line) => /\.tmp\b/.test(line))).toEqual([]);
    // Only the good documents' outputs (and the two links) are in OUT.
    const written = snapshot(join(dir, "out")).filter((line) => /\.md: /.test(line));
    expect(written).toHaveLength(GOOD);
  });
});
