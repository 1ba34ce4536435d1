/**
 * `--check`: compare what a render would write with what is on disk.
 * @module
 */
import { existsSync, readFileSync } from "node:fs";

export type Staleness = { state: "fresh" } | { state: "missing" } | { state: "stale"; diff: string };

/** Compares `rendered` with the file at `path`; a unified diff (first `maxLines`, or all) when they differ. */
export async function compareWithDisk(
  path: string,
  rendered: string,
  label: string,
  maxLines: number | null,
): Promise<Staleness> {
  if (!existsSync(path)) return { state: "missing" };
  const current = readFileSync(path, "utf8");
  if (current === rendered) return { state: "fresh" };
  const { createTwoFilesPatch } = await import("diff");
  const patch = createTwoFilesPatch(`${label} (on disk)`, `${label} (rendered)`, current, rendered, "", "", {
    context: 2,
  });
  const lines = patch.split("\n").filter((l) => !l.startsWith("====="));
  if (maxLines !== null && lines.length > maxLines) {
    return {
      state: "stale",
      diff: `${lines.slice(0, maxLines).join("\n")}\n… ${lines.length - maxLines} more lines (use --diff for all)\n`,
    };
  }
  return { state: "stale", diff: `${lines.join("\n")}\n` };
}

/** Why a document cannot be checked reliably, or null. */
export function nondeterminismReason(
  nondeterminism: { exec: string[]; clock: boolean },
  trustExec: boolean,
): string | null {
  const reasons: string[] = [];
  if (nondeterminism.clock) reasons.push("it reads the clock (pass --now to fix it)");
  if (nondeterminism.exec.length > 0 && !trustExec) {
    reasons.push(
      `it runs ${nondeterminism.exec.map((c) => `\`${c}\``).join(", ")} (pass --trust-exec if those commands are deterministic)`,
    );
  }
  return reasons.length ? reasons.join("; ") : null;
}
