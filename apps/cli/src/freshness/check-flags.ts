/**
 * Flags that only mean something with `--check` are refused without it, rather than
 * silently ignored (`xmd build src out --diff` would otherwise write the outputs).
 * @module
 */
import { UsageError } from "../errors.js";

/** The check-only flags a command may have been given. */
export interface CheckOnlyFlags {
  check?: boolean;
  diff?: boolean;
  trustExec?: boolean;
  checkOrphans?: boolean;
}

/** @throws {UsageError} naming `--check` when a check-only flag comes without it. */
export function requireCheckFor(flags: CheckOnlyFlags, command: string): void {
  if (flags.check) return;
  const given = [
    flags.diff && "--diff",
    flags.trustExec && "--trust-exec",
    flags.checkOrphans && "--check-orphans",
  ].filter(Boolean);
  if (given.length > 0)
    throw new UsageError(
      `${given.join(" and ")} only ${given.length > 1 ? "apply" : "applies"} with --check`,
      command,
    );
}
