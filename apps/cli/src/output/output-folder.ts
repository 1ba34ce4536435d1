/**
 * The output folder of `build` and `watch`, and what is in it. OUT is taken as the user
 * named it, except that OUT itself may not be a symbolic link: a tree that arrives with
 * `site -> ~` would otherwise have `xmd build docs site --copy` write its files into the
 * home folder. (Folders above OUT are the user's choice, links or not.) Below OUT, the
 * writer follows no link at all (see write-output.ts); {@link inspectOutput} applies the
 * same rule to `--check`, which reads there.
 * @module
 */
import { lstatSync, readlinkSync, type Stats } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { kindOf } from "../input/read-file.js";
import { realPath } from "./real-path.js";

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function linkTarget(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return "?";
  }
}

/**
 * OUT as a real path: its parent resolved, OUT itself not followed.
 * @throws {UsageError} when OUT is a symbolic link or a file.
 */
export function outputFolder(outArg: string, cwd: string): string {
  const abs = resolve(cwd, outArg);
  const stat = lstatOrNull(abs);
  if (stat?.isSymbolicLink())
    throw new UsageError(
      `the output folder ${outArg} is a symbolic link (to ${linkTarget(abs)}): xmd does not write through symbolic links; name the folder it points to instead`,
    );
  if (stat !== null && !stat.isDirectory())
    throw new UsageError(`the output ${outArg} is a file, not a folder`);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realPath(parent), basename(abs));
}

/** What is at an output path below OUT, seen the way the writer would see it. */
export type OutputState =
  | { state: "missing" }
  | { state: "file"; path: string; size: number }
  | {
      state: "refused";
      /** Why the writer would refuse it: a link on the way, a folder, a device, a pipe. */
      reason: string;
    };

/**
 * The output `name` (relative, `/`-separated) inside OUT (`folder`, real), without
 * following any link below OUT; `shownFolder` names OUT in reasons.
 */
export function inspectOutput(folder: string, name: string, shownFolder: string): OutputState {
  const parts = name.split(/[\\/]+/).filter((p) => p !== "" && p !== ".");
  let path = folder;
  let shown = shownFolder;
  for (let i = 0; i < parts.length; i++) {
    path = join(path, parts[i] as string);
    shown = join(shown, parts[i] as string);
    const stat = lstatOrNull(path);
    if (stat === null) return { state: "missing" };
    const last = i === parts.length - 1;
    if (stat.isSymbolicLink())
      return {
        state: "refused",
        reason: `${last ? "it" : shown} is a symbolic link (to ${linkTarget(path)}), and xmd does not write through symbolic links in the output folder`,
      };
    if (!last && !stat.isDirectory())
      return { state: "refused", reason: "a part of the path is not a folder" };
    if (last && !stat.isFile())
      return { state: "refused", reason: `it is ${kindOf(stat)}, not a regular file` };
    if (last) return { state: "file", path, size: stat.size };
  }
  return { state: "refused", reason: "it is the output folder itself" };
}
