/**
 * The command line before commander sees it: the `--allow-exec` rule, and mistyped
 * command names. `process` is the default command, so without this `xmd biuld src out`
 * would be "too many arguments for 'process'" and `xmd bulid` "no such file".
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { UsageError } from "./errors.js";

/** The commands, for suggestions. */
export const COMMANDS = ["process", "build", "watch", "check", "help"] as const;

/** Edit distance with adjacent transpositions counting one (`biuld` → `build` is 1). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The command `word` is probably a typo of, or null. */
export function commandSuggestion(word: string): string | null {
  const lower = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const command of COMMANDS) {
    const distance = editDistance(lower, command);
    if (distance < bestDistance && distance <= (command.length >= 5 ? 2 : 1)) {
      best = command;
      bestDistance = distance;
    }
  }
  return best;
}

/** A usage error for a word that is not a command, with a suggestion when there is one. */
export function unknownCommand(word: string): UsageError {
  const suggestion = commandSuggestion(word);
  return new UsageError(
    `unknown command '${word}'${suggestion !== null ? ` (did you mean ${suggestion}?)` : ""}`,
    "xmd",
  );
}

/** Whether a program of this name is on PATH (a bare `--allow-exec date` meant a list). */
function isProgramOnPath(name: string): boolean {
  if (!/^[\w.+-]+$/.test(name)) return false;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    try {
      if (statSync(join(dir, name)).isFile()) return true;
    } catch {
      // not here
    }
  }
  return false;
}

/**
 * `--allow-exec` never takes the next argument: a bare `--allow-exec` allows every
 * program, and a list must be attached with `=` (`--allow-exec=date,git`). So
 * `xmd build --allow-exec src out` builds src. A bare `--allow-exec` followed by what
 * looks like a list (a comma, or the name of a program that is not also a file here) is
 * refused rather than guessed at. The list form is handed to commander as the hidden
 * `--allow-exec-list` option.
 */
function allowExecRule(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith("--allow-exec=")) {
      out.push(`--allow-exec-list=${arg.slice("--allow-exec=".length)}`);
      continue;
    }
    if (arg === "--allow-exec") {
      const next = argv[i + 1];
      if (
        next !== undefined &&
        !next.startsWith("-") &&
        !existsSync(next) &&
        (next.includes(",") || isProgramOnPath(next))
      ) {
        throw new UsageError(
          `--allow-exec takes a list only after '=': write --allow-exec=${next} (a bare --allow-exec allows every program and does not take the next argument)`,
        );
      }
    }
    out.push(arg);
  }
  return out;
}

/**
 * The argument list ready for commander.
 * @throws {UsageError} for a mistyped command or a misused `--allow-exec`.
 */
export function prepareArgv(argv: readonly string[]): string[] {
  const first = argv[0];
  const commands: readonly string[] = COMMANDS;
  if (first !== undefined && !first.startsWith("-") && !commands.includes(first) && !existsSync(first)) {
    if (commandSuggestion(first) !== null) throw unknownCommand(first);
  }
  if (first === "help" && argv[1] !== undefined && !commands.includes(argv[1])) throw unknownCommand(argv[1]);
  return allowExecRule(argv);
}
