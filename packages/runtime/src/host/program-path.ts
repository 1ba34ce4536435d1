/**
 * Finding a program the way `execvp` and `/bin/sh` do: a name with a slash is a path (from the
 * working folder), a name without one is looked up in each PATH folder in turn (an empty entry
 * is the working folder). Commands run through a small shell wrapper, whose own "not found"
 * is only an exit status 127; looking first gives the caller a precise error instead.
 * @module
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Where a program is, or why it cannot be run. */
export type ProgramLookup = { found: string } | { missing: "ENOENT" | "EACCES" };

/** The PATH `/bin/sh` searches when the environment has none. */
const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

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
 * Finds `program` from `cwd` with `searchPath` (a PATH value). A candidate that exists but is
 * not an executable file is skipped; if nothing runnable is found and such a candidate was
 * seen, the answer is EACCES, as `execvp` reports it.
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
  for (const dir of (searchPath ?? DEFAULT_PATH).split(path.delimiter)) {
    const candidate = path.resolve(cwd, dir, program);
    const result = check(candidate);
    if (result === "ok") return { found: candidate };
    if (result === "EACCES") sawUnrunnable = true;
  }
  return { missing: sawUnrunnable ? "EACCES" : "ENOENT" };
}
