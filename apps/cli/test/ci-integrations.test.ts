/**
 * The pre-commit hook (.pre-commit-hooks.yaml) and the GitHub Action (action.yml) at the
 * repository's root, run as pre-commit and the Actions runner would run them, with this
 * workspace's xmd installed in a project's node_modules.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { BIN, cleanup, REPO, workspace, xmd } from "./support.js";

afterAll(cleanup);

/** A project with docs, their rendered outputs committed, and xmd in its devDependencies. */
function project(options: { install?: boolean } = {}): string {
  const dir = workspace({
    "package.json": `${JSON.stringify({ name: "docs-project", private: true, devDependencies: { xmd: "*" } })}\n`,
    "docs/team.md": '```xmd\nset members ["An", "Binh", "Chidi"]\n```\n{{members.length}} people\n',
    "docs/guide/intro.xmd": 'print "# Intro"\n',
  });
  if (options.install !== false) {
    // What `npm install --save-dev xmd` leaves: the package, and its bin linked in .bin.
    mkdirSync(join(dir, "node_modules/.bin"), { recursive: true });
    symlinkSync(resolve(BIN, "../.."), join(dir, "node_modules/xmd"));
    symlinkSync("../xmd/bin/xmd.js", join(dir, "node_modules/.bin/xmd"));
  }
  expect(xmd(["build", "docs", "site"], { cwd: dir }).code).toBe(0);
  return dir;
}

/** Makes the project stale: a source changes after its output was committed. */
function makeStale(dir: string): void {
  writeFileSync(
    join(dir, "docs/team.md"),
    '```xmd\nset members ["An", "Binh", "Chidi", "Dana"]\n```\n{{members.length}} people\n',
  );
}

describe(".pre-commit-hooks.yaml", () => {
  interface Hook {
    id: string;
    entry: string;
    language: string;
    pass_filenames?: boolean;
    files?: string;
  }
  const hooks = YAML.parse(readFileSync(join(REPO, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];
  const hook = hooks.find((h) => h.id === "xmd-check") as Hook;

  /** Runs the hook's entry as pre-commit does: the entry split into words, then the args. */
  function runHook(cwd: string, args: string[]) {
    expect(hook.entry).not.toMatch(/["'\\]/); // plain words: splitting on spaces is what shlex does
    const [command, ...words] = hook.entry.split(/\s+/) as [string, ...string[]];
    const run = spawnSync(command, [...words, ...args], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" },
      timeout: 60_000,
    });
    return { code: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
  }

  it("declares the xmd-check hook: no file names passed, run on documents and data files", () => {
    expect(hook).toMatchObject({ id: "xmd-check", language: "system", pass_filenames: false });
    const files = new RegExp(hook.files as string);
    for (const path of ["docs/a.md", "x/b.xmd", "c.xm", "data/team.json", "cfg.yaml", "cfg.yml"])
      expect(files.test(path), path).toBe(true);
    for (const path of ["logo.png", "src/index.ts", "a.mdx"]) expect(files.test(path), path).toBe(false);
  });

  it("passes on a fresh tree", () => {
    const run = runHook(project(), ["docs", "site"]);
    expect(run.output).toMatch(/checked 2 documents: all outputs are up to date/);
    expect(run.code).toBe(0);
  });

  it("fails on a stale tree and shows the diff", () => {
    const dir = project();
    makeStale(dir);
    const run = runHook(dir, ["docs", "site"]);
    expect(run.code).toBe(1);
    expect(run.output).toContain("stale: site/team.md (rendered from docs/team.md)");
    expect(run.output).toContain("-3 people");
    expect(run.output).toContain("+4 people");
  });

  it("takes other build options after SRC and OUT", () => {
    const dir = project();
    writeFileSync(join(dir, "site/old.md"), "no source\n");
    const run = runHook(dir, ["docs", "site", "--check-orphans"]);
    expect(run.code).toBe(1);
    expect(run.output).toContain("orphan: site/old.md has no source in docs");
  });
});

describe("action.yml", () => {
  interface Step {
    name?: string;
    uses?: string;
    if?: string;
    run?: string;
    shell?: string;
    env?: Record<string, string>;
    "working-directory"?: string;
  }
  interface Action {
    inputs: Record<string, { required?: boolean; default?: string }>;
    runs: { using: string; steps: Step[] };
  }
  const action = YAML.parse(readFileSync(join(REPO, "action.yml"), "utf8")) as Action;

  /** `${{ inputs.name }}` replaced by the input's value: the only expressions the steps use. */
  function expand(text: string, inputs: Record<string, string>): string {
    return text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
      if (!(name in inputs)) throw new Error(`action.yml uses an input it does not declare: ${name}`);
      return inputs[name] as string;
    });
  }

  /**
   * Runs the action's `run:` steps in order, the way the runner does: `bash --noprofile
   * --norc -eo pipefail` on the step's script, its env with the inputs filled in, and the
   * variables each step writes to $GITHUB_ENV passed to the steps after it. `uses:` steps
   * (actions/setup-node) are the runner's business: the Node running these tests stands
   * in for the one they would set up.
   */
  function runAction(cwd: string, given: Record<string, string>) {
    const inputs: Record<string, string> = {};
    for (const [name, input] of Object.entries(action.inputs)) {
      const value = given[name] ?? input.default;
      if (value === undefined && input.required) throw new Error(`input ${name} is required`);
      inputs[name] = value ?? "";
    }
    const runner = workspace();
    const githubEnv = join(runner, "github-env");
    const summary = join(runner, "step-summary.md");
    writeFileSync(githubEnv, "");
    writeFileSync(summary, "");
    const exported: Record<string, string> = {};
    let output = "";
    for (const [i, step] of action.runs.steps.entries()) {
      if (step.run === undefined) continue;
      expect(step.shell).toBe("bash");
      const script = join(runner, `step-${i}.sh`);
      writeFileSync(script, expand(step.run, inputs));
      const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        NO_COLOR: "1",
        FORCE_COLOR: "",
        GITHUB_ENV: githubEnv,
        GITHUB_STEP_SUMMARY: summary,
        RUNNER_TEMP: runner,
        ...exported,
      };
      for (const [key, value] of Object.entries(step.env ?? {})) env[key] = expand(value, inputs);
      const run = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
        cwd: resolve(cwd, expand(step["working-directory"] ?? ".", inputs)),
        env,
        encoding: "utf8",
        timeout: 60_000,
      });
      output += `${run.stdout}${run.stderr}`;
      for (const line of readFileSync(githubEnv, "utf8").split("\n")) {
        const eq = line.indexOf("=");
        if (eq > 0) exported[line.slice(0, eq)] = line.slice(eq + 1);
      }
      if (run.status !== 0)
        return { code: run.status ?? -1, step: step.name, output, summary: read(summary) };
    }
    return { code: 0, step: undefined, output, summary: read(summary) };
  }
  const read = (path: string) => readFileSync(path, "utf8");

  it("is a composite action that sets up Node, installs xmd and checks", () => {
    expect(action.runs.using).toBe("composite");
    expect(action.runs.steps.map((s) => s.uses ?? s.name)).toEqual([
      "actions/setup-node@v6",
      "Install xmd",
      "xmd build --check",
    ]);
    expect(action.inputs.src?.required).toBe(true);
    expect(action.inputs.out?.required).toBe(true);
    // Inputs reach the scripts only through env: a value is never spliced into shell code.
    for (const step of action.runs.steps) expect(step.run ?? "").not.toContain("${{");
  });

  it("passes on a fresh tree", () => {
    const run = runAction(project(), { src: "docs", out: "site", version: "project" });
    expect(run.output).toMatch(/^xmd \d+\.\d+\.\d+/m);
    expect(run.output).toMatch(/checked 2 documents: all outputs are up to date/);
    expect(run.code).toBe(0);
    expect(run.summary).toBe("");
  });

  it("fails on a stale tree with the whole diff in the log, an annotation and a summary", () => {
    const dir = project();
    makeStale(dir);
    const run = runAction(dir, { src: "docs", out: "site", version: "project" });
    expect(run.code).toBe(1);
    expect(run.step).toBe("xmd build --check");
    expect(run.output).toContain("stale: site/team.md (rendered from docs/team.md)");
    expect(run.output).toContain("--- site/team.md (on disk)\n+++ site/team.md (rendered)");
    expect(run.output).toContain("-3 people\n+4 people");
    expect(run.output).toContain(
      "::error file=docs/team.md,title=xmd: stale output::site/team.md is stale: render it again (xmd build) and commit it",
    );
    expect(run.summary).toContain("### xmd build --check failed");
    expect(run.summary).toContain("`````diff\n");
    expect(run.summary).toContain("+4 people");
  });

  it("names a missing output, from a working directory", () => {
    const root = workspace();
    const dir = project();
    const moved = join(root, "website");
    spawnSync("mv", [dir, moved]);
    writeFileSync(join(moved, "docs/new.md"), "new\n");
    const run = runAction(root, {
      src: "docs",
      out: "site",
      version: "project",
      "working-directory": "website",
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain("missing: site/new.md (rendered from docs/new.md)");
    expect(run.output).toContain("::error file=website/docs/new.md,title=xmd: missing output::");
  });

  it("passes args and shard on to xmd build", () => {
    const dir = project();
    writeFileSync(join(dir, "site/old.md"), "no source\n");
    const orphans = runAction(dir, { src: "docs", out: "site", version: "project", args: "--check-orphans" });
    expect(orphans.code).toBe(1);
    expect(orphans.output).toContain("orphan: site/old.md has no source in docs");
    const shards = [1, 2].map((i) =>
      runAction(dir, { src: "docs", out: "site", version: "project", shard: `${i}/2` }),
    );
    for (const [i, run] of shards.entries()) {
      expect(run.code).toBe(0);
      expect(run.output).toContain(`(shard ${i + 1}/2 of 2 documents)`);
    }
  });

  it('says what to do when version "project" finds no xmd in the project', () => {
    const run = runAction(project({ install: false }), { src: "docs", out: "site", version: "project" });
    expect(run.code).toBe(1);
    expect(run.step).toBe("Install xmd");
    expect(run.output).toContain("::error title=xmd not installed::");
  });

  it("the README's workflows pass actionlint", () => {
    const readme = readFileSync(join(REPO, "apps/cli/README.md"), "utf8");
    const workflows = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1] as string)
      .filter((text) => /^on:/m.test(text) && /^jobs:/m.test(text));
    expect(workflows.length).toBeGreaterThanOrEqual(2);
    expect(workflows.some((w) => w.includes("uses: akaoio/xmd-ts@"))).toBe(true);
    const dir = workspace();
    const files = workflows.map((text, i) => {
      const file = join(dir, `readme-${i}.yml`);
      writeFileSync(file, text);
      return file;
    });
    const lint = spawnSync(process.execPath, [join(REPO, "scripts/lint-workflows.mjs"), ...files], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(`${lint.stdout}${lint.stderr}`).toContain("no problems");
    expect(lint.status).toBe(0);
  });
});
