/**
 * Finding a program the way `execvp` and `/bin/sh` do, with one difference: a name with a
 * slash is a path (from the working folder), and a name without one is looked up in each
 * *absolute* PATH folder in turn. Empty and relative PATH entries (`::`, `.`, `bin`) are
 * skipped: `execvp` and the shell read them from the working folder, which for a command a
 * document runs is the document's own folder, so with `PATH=:/usr/bin` or `PATH=.:/usr/bin`
 * a document could ship an `echo` of its own and have `--allow-exec=echo` run it. Commands
 * run with the same PATH minus those entries (see {@link commandPath}), so the shell that
 * starts them and the programs they start find what this lookup finds. Commands run through a
 * small shell wrapper, whose own "not found" is only an exit status 127; looking first gives
 * the caller a precise error instead.
 * @module
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Where a program is, or why it cannot be run. */
export type ProgramLookup = { found: string } | { missing: "ENOENT" | "EACCES" };

/** The PATH `/bin/sh` searches when the environment has none. */
const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/**
 * The absolute entries of a PATH value, in order; undefined when there is no PATH or no
 * absolute entry in it (a command then runs with no PATH at all, and the shell's default
 * applies, as {@link findProgram} assumes).
 */
export function commandPath(searchPath: string | undefined): string | undefined {
  if (searchPath === undefined) return undefined;
  const absolute = searchPath.split(path.delimiter).filter((dir) => path.isAbsolute(dir));
  return absolute.length === 0 ? undefined : absolute.join(path.delimiter);
}

/**
 * The environment a command runs with: the renderer's own, with PATH reduced to its
 * absolute entries by {@link commandPath} (and left out when none is left).
 */
export function commandEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  const reduced = commandPath(env.PATH);
  if (reduced === undefined) delete out.PATH;
  else out.PATH = reduced;
  return out;
}

function check(candidate: string): "ok" | "ENOENT" | "EACCES" {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(candidate);
  } catch {
    return "ENOENT";
  }
  if (!stat.isFile()) return "EACCES";
  try {
    fs.accessSync(candidate, fs.constants.X_OK);
    return "ok";
  } catch {
    return "EACCES";
  }
}

/**
 * Finds `program` from `cwd` with `searchPath` (a PATH value, of which only the absolute
 * entries count). A candidate that exists but is not an executable file is skipped; if
 * nothing runnable is found and such a candidate was seen, the answer is EACCES, as `execvp`
 * reports it.
 */
export function findProgram(
  program: string,
  cwd: string,
  searchPath: string | undefined = process.env.PATH,
): ProgramLookup {
  if (program === "") return { missing: "ENOENT" };
  if (program.includes("/")) {
    const candidate = path.resolve(cwd, program);
    const result = check(candidate);
    return result === "ok" ? { found: candidate } : { missing: result };
  }
  let sawUnrunnable = false;
  for (const dir of (commandPath(searchPath) ?? DEFAULT_PATH).split(path.delimiter)) {
    const candidate = path.join(dir, program);
    const result = check(candidate);
    if (result === "ok") return { found: candidate };
    if (result === "EACCES") sawUnrunnable = true;
  }
  return { missing: sawUnrunnable ? "EACCES" : "ENOENT" };
}

/**
 * The first empty or relative PATH entry that holds a runnable `program` (as seen from
 * `cwd`), which {@link findProgram} skips: for a "not found" error to point at. Undefined
 * when there is none, or `program` is a path.
 */
export function skippedPathEntry(
  program: string,
  cwd: string,
  searchPath: string | undefined = process.env.PATH,
): string | undefined {
  if (program === "" || program.includes("/") || searchPath === undefined) return undefined;
  return searchPath
    .split(path.delimiter)
    .find((dir) => !path.isAbsolute(dir) && check(path.resolve(cwd, dir, program)) === "ok");
}
