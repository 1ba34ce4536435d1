/**
 * One core: every case of the conformance corpus, loaded into a memory host, renders as it
 * does from a folder on disk through the Node host — the same output, the same files read,
 * or the same error (the same code and message, the folder's path aside). Commands are the
 * one difference: the memory host runs none, so a case whose Node render ran a program (or
 * failed running one, or was refused one by the policy) is an `exec-denied` error here,
 * naming the host.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { conformanceCases } from "../../../../conformance/cases.js";
import { createRuntime as createBrowserRuntime, createMemoryHost } from "../../src/browser.js";
import { createRuntime, formatError, type RenderResult, XmdError } from "../../src/index.js";
import { optionsFromArgs } from "../support/conformance-options.js";

/** Where a case's folder sits in the memory host. */
const MOUNT = "/conformance/case";

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** Every file under `dir`, by its path relative to `dir`. */
function filesUnder(
  dir: string,
  into: Record<string, Uint8Array> = {},
  at = dir,
): Record<string, Uint8Array> {
  for (const name of readdirSync(at)) {
    const path = join(at, name);
    if (statSync(path).isDirectory()) filesUnder(dir, into, path);
    else into[relative(dir, path)] = readFileSync(path);
  }
  return into;
}

type Outcome = { output: string; dependencies: string[]; exec: string[] } | { code: string; text: string };

function outcomeOf(render: () => RenderResult, folder: string): Outcome {
  const shown = (text: string) => text.split(folder).join(MOUNT);
  try {
    const result = render();
    return {
      output: result.output,
      dependencies: result.dependencies.map(shown).sort(),
      exec: result.nondeterminism.exec,
    };
  } catch (e) {
    if (!(e instanceof XmdError)) throw e;
    return { code: e.code, text: shown(formatError(e)) };
  }
}

describe("the conformance corpus through the memory host", () => {
  for (const c of conformanceCases()) {
    it(`${c.corpus === "shared" ? "shared: " : ""}${c.folder}/${c.input}`, () => {
      const options = optionsFromArgs(c.args);
      const work = realpathSync(mkdtempSync(join(tmpdir(), "xmd-conf-mem-")));
      temps.push(work);
      cpSync(c.dir, work, { recursive: true });
      const onDisk = createRuntime({ ...options, checked: true });
      const nodePath = join(work, c.input);
      const fromDisk = outcomeOf(() => onDisk.renderFile(nodePath), work);
      onDisk.dispose();

      const host = createMemoryHost({}, { cwd: MOUNT });
      for (const [name, bytes] of Object.entries(filesUnder(c.dir))) host.files.set(name, bytes);
      const inMemory = createBrowserRuntime({ ...options, host, checked: true });
      const fromMemory = outcomeOf(() => inMemory.renderFile(`${MOUNT}/${c.input}`), MOUNT);
      inMemory.dispose();

      // A command ran, failed, or was refused by the policy: the memory host refuses it first.
      const ranCommands = "exec" in fromDisk ? fromDisk.exec.length > 0 : fromDisk.code.startsWith("exec-");
      if (ranCommands) {
        expect(fromMemory).toMatchObject({ code: "exec-denied" });
        expect((fromMemory as { text: string }).text).toContain(
          "exec is not available in this host (memory)",
        );
      } else {
        expect(fromMemory).toEqual(fromDisk);
      }
      // And the memory host gives what the corpus expects.
      if (c.expected !== undefined && !ranCommands) expect(fromMemory).toMatchObject({ output: c.expected });
    });
  }
});
