/**
 * A check compares like with like: an output that depends on the real clock or on the
 * programs a document runs cannot be checked, unless those are pinned (`--now`,
 * `--trust-exec`).
 * @module
 */
import type { Nondeterminism } from "../render/task.js";

/** Why a document's output cannot be checked, or null when it can. */
export function nondeterminismReason(nondeterminism: Nondeterminism, trustExec: boolean): string | null {
  const reasons: string[] = [];
  if (nondeterminism.clock) reasons.push("it reads the clock (pass --now to fix it)");
  if (nondeterminism.exec.length > 0 && !trustExec) {
    reasons.push(
      `it runs ${nondeterminism.exec.map((c) => `\`${c}\``).join(", ")} (pass --trust-exec if those programs are deterministic)`,
    );
  }
  return reasons.length ? reasons.join("; ") : null;
}
