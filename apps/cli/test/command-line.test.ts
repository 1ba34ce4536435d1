/** The command line: mistyped commands, --allow-exec, flags and their validation, help, error style. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, cleanup, until, workspace, xmd, xmdBackground } from "./support.js";

afterAll(cleanup);

const hasScript = spawnSync("script", ["--version"]).status === 0;

/** Runs xmd on a pseudo-terminal (util-linux `script`); stdout and stderr come back mixed. */
function onTerminal(args: string[], cwd: string, env: Record<string, string> = {}): string {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(" ");
  const run = spawnSync("script", ["-qec", command, "/dev/null"], {
    cwd,
    encoding: "utf8",
    input: "",
    env: { ...process.env, NO_COLOR: "", FORCE_COLOR: "", ...env },
    timeout: 20_000,
  });
  return run.stdout;
}

describe("mistyped commands", () => {
  it("are usage errors with a suggestion, not a file to render", () => {
    const dir = workspace({ "src/a.md": "a\n" });
    const expected = {
      code: 2,
      stdout: "",
      stderr: "xmd: unknown command 'biuld' (did you mean build?)\nsee 'xmd --help'\n",
    };
    expect(xmd(["biuld", "src", "out"], { cwd: dir })).toEqual(expected);
    expect(xmd(["help", "biuld"], { cwd: dir })).toEqual(expected);
    expect(xmd(["bulid"], { cwd: dir }).stderr).toMatch(
      /^xmd: unknown command 'bulid' \(did you mean build\?\)/,
    );
    expect(xmd(["--debug", "wacth"], { cwd: dir }).stderr).toMatch(/did you mean watch\?/);
    expect(existsSync(join(dir, "out"))).toBe(false);
  });

  it("an existing file by such a name is still a document", () => {
    const dir = workspace({ biuld: "{{ 1 + 1 }}\n" });
    expect(xmd(["biuld"], { cwd: dir })).toEqual({ code: 0, stdout: "2\n", stderr: "" });
    expect(xmd(["help", "watch"], { cwd: dir }).stdout).toMatch(/Usage: xmd watch/);
  });
});

describe("--allow-exec", () => {
  const tree = () =>
    workspace({ "bsrc/e.md": "<!-- xmd:exec echo hi -->\n", "e.md": "<!-- xmd:exec echo hi -->\n" });

  it("never takes the next argument: build and watch get their folders", async () => {
    const dir = tree();
    const run = xmd(["build", "--allow-exec", "bsrc", "bout"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, "bout/e.md"), "utf8")).toBe("hi\n");
    const w = xmdBackground(["watch", "--allow-exec", "bsrc", "wout"], dir);
    try {
      await until(
        () => existsSync(join(dir, "wout/e.md")),
        20_000,
        "watch render",
        () => w.stderr(),
      );
    } finally {
      await w.stop();
    }
    expect(xmd(["--allow-exec", "e.md"], { cwd: dir }).stdout).toBe("hi\n");
  });

  it("takes a list only after '=', and refuses what looks like a list after a space", () => {
    const dir = tree();
    expect(xmd(["e.md", "--allow-exec=date,echo"], { cwd: dir }).stdout).toBe("hi\n");
    for (const list of ["date,echo", "echo"]) {
      const run = xmd(["e.md", "--allow-exec", list], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `xmd: --allow-exec takes a list only after '=': write --allow-exec=${list}`,
      );
    }
  });
});

describe("exec limits", () => {
  it("--exec-timeout and --exec-max-output (and their config keys) reach the runtime", () => {
    const dir = workspace({
      "slow.md": "<!-- xmd:exec sleep 5 -->\n",
      "loud.md": "<!-- xmd:exec seq 1 1000 -->\n",
    });
    const slow = xmd(["slow.md", "--allow-exec", "--exec-timeout", "200"], { cwd: dir });
    expect(slow.code).toBe(1);
    expect(slow.stderr).toMatch(/timed out after 200 ms/);
    const loud = xmd(["loud.md", "--allow-exec", "--exec-max-output", "10"], { cwd: dir });
    expect(loud.stderr).toMatch(/output exceeded 10 bytes/);
    writeFileSync(join(dir, "xmd.config.json"), '{"execMaxOutput": 20}');
    expect(xmd(["loud.md", "--allow-exec"], { cwd: dir }).stderr).toMatch(/output exceeded 20 bytes/);
    expect(xmd(["loud.md", "--allow-exec", "--exec-timeout", "soon"], { cwd: dir }).code).toBe(2);
  });
});

describe("flag values", () => {
  it("-v keeps text that does not read back as the same number; malformed JSON stays text", () => {
    const dir = workspace({ "a.md": "{{ z }} {{ version }} {{ n + 1 }} {{ j }} {{ e }}\n" });
    const run = xmd(
      ["a.md", "-v", "z=01234", "-v", "version=1.10", "-v", "n=41", "-v", "j=[1,2", "-v", "e=1e3"],
      {
        cwd: dir,
      },
    );
    expect(run).toEqual({ code: 0, stdout: "01234 1.10 42 [1,2 1e3\n", stderr: "" });
  });

  it("--debounce, --root and --jobs are checked", () => {
    const dir = workspace({ "src/a.md": "a\n" });
    expect(xmd(["watch", "src", "out", "--debounce", "abc"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: "xmd: --debounce needs milliseconds (a whole number), got 'abc'\n",
    });
    expect(xmd(["src/a.md", "--root", "nope"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: "xmd: --root nope: no such folder\n",
    });
    expect(xmd(["build", "src", "out", "-j", "0"], { cwd: dir }).code).toBe(2);
  });
});

describe("messages", () => {
  it("commander's errors read like xmd's, with the command's help to look at", () => {
    const dir = workspace({ "src/a.md": "a\n" });
    expect(xmd(["build", "src", "out", "--zzzzzz"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "xmd: unknown option '--zzzzzz'\nsee 'xmd build --help'\n",
    });
    expect(xmd(["build", "src"], { cwd: dir }).stderr).toBe(
      "xmd: missing required argument 'out'\nsee 'xmd build --help'\n",
    );
  });

  it("a folder or a file in the wrong place says what to do", () => {
    const dir = workspace({ "src/a.md": "a\n" });
    expect(xmd(["src"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: "xmd: src is a folder: to render every document in it, run xmd build src OUT\n",
    });
    expect(xmd(["build", "src/a.md", "out"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr:
        "xmd: build renders a folder, and src/a.md is a file (to render one file: xmd src/a.md -o OUT)\n",
    });
  });

  it("help shows the default command's options and no '(default: [])'", () => {
    expect(xmd(["--help"]).stdout).toContain("all of them: xmd process --help");
    for (const command of ["build", "process"]) {
      const help = xmd([command, "--help"]).stdout;
      expect(help).toContain(`Usage: xmd ${command}`);
      expect(help).toContain("--max-memory <MB>");
      expect(help).not.toContain("(default: [])");
    }
  });
});

describe.skipIf(!hasScript)("on a terminal", () => {
  it("FORCE_COLOR=0 turns colour off", () => {
    const dir = workspace({ "bad.md": "{{ nope }}\n" });
    expect(onTerminal(["bad.md"], dir)).toContain("\x1b[31m");
    const plain = onTerminal(["bad.md"], dir, { FORCE_COLOR: "0" });
    expect(plain).toContain("bad.md:1:4: error[undefined-name]");
    expect(plain).not.toContain("\x1b[");
  });

  it("a bare xmd does not wait silently for a document typed in", () => {
    const dir = workspace();
    expect(onTerminal([], dir)).toContain(
      "xmd: no document: name a FILE, or pipe one in (cat doc.md | xmd -)",
    );
  });
});
