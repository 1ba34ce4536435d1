/**
 * The files a command reads as documents (and copies, with `--copy`), by real path, so
 * that no output is ever written over one — whatever symlinks lead there.
 * @module
 */
import { realPath } from "./real-path.js";

/** A set of input files compared by real path. */
export class InputFiles {
  private readonly real = new Set<string>();

  /** Adds an input (any path to it). */
  add(path: string): void {
    this.real.add(realPath(path));
  }

  /** Forgets an input (a document deleted while watching). */
  delete(path: string): void {
    this.real.delete(realPath(path));
  }

  /** Whether this real path is an input. */
  has(realTarget: string): boolean {
    return this.real.has(realTarget);
  }
}
