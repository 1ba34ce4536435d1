/**
 * The conformance corpus as test cases, for the runtime's and the CLI's suites.
 *
 * The repository's own corpus (this folder) always runs. When the project's shared
 * corpus sits beside the checkout (`../shared/conformance`, as in CI), a folder of it
 * that differs from the repository's copy runs too, from there: it may hold cases
 * newer than the copy here. A clone with nothing beside it runs the repository's
 * corpus alone and has nothing missing. Mutation testing (Stryker sets
 * `STRYKER_MUTATOR_WORKER`) runs the repository's corpus alone too: its committed baselines
 * record which tests reach each mutant, and tests that exist on one machine and not on
 * another would make CI test again every surviving mutant they reach.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** This folder: the repository's corpus. */
export const REPOSITORY_CORPUS = dirname(fileURLToPath(import.meta.url));
/** Where the shared corpus is when it sits beside the checkout. */
export const SHARED_CORPUS = resolve(REPOSITORY_CORPUS, "../../shared/conformance");
/** The corpus folders, in the order cases run. */
export const FOLDERS = ["native", "markdown", "classic", "modules", "safety", "errors"] as const;

/** What a failing case must do: exit non-zero, and print each of these in its error. */
export interface FailureExpectation {
  exitNonzero: boolean;
  stderrContains: string[];
}

/** One document of the corpus and what must come of it. */
export interface ConformanceCase {
  /** Which corpus it comes from. */
  corpus: "repository" | "shared";
  folder: string;
  /** The document's file name, e.g. `loops.xmd`. */
  input: string;
  /** The file name without its extension. */
  name: string;
  /** The absolute folder the case lives in (copy it before running: cases may write files). */
  dir: string;
  /** The exact output, for a case that succeeds. */
  expected?: string;
  /** For a case that fails. */
  expect?: FailureExpectation;
  /** Extra command-line arguments. */
  args: string[];
}

const isDocument = (file: string) => /\.(md|xmd|xm)$/.test(file) && !file.endsWith(".out.md");

/** The cases of one corpus folder, sorted by file name. */
export function casesIn(corpus: ConformanceCase["corpus"], root: string, folder: string): ConformanceCase[] {
  const dir = join(root, folder);
  return readdirSync(dir)
    .filter(isDocument)
    .sort()
    .map((input) => {
      const name = basename(input, extname(input));
      const base = join(dir, name);
      const c: ConformanceCase = { corpus, folder, input, name, dir, args: [] };
      if (existsSync(`${base}.out.md`)) c.expected = readFileSync(`${base}.out.md`, "utf8");
      if (existsSync(`${base}.expect`)) {
        const lines = readFileSync(`${base}.expect`, "utf8").split("\n");
        c.expect = {
          exitNonzero: lines.some((l) => l.trim() === "exit: nonzero"),
          stderrContains: lines
            .filter((l) => l.startsWith("stderr-contains:"))
            .map((l) => l.slice("stderr-contains:".length).trim()),
        };
      }
      if (existsSync(`${base}.args`))
        c.args = readFileSync(`${base}.args`, "utf8").trim().split(/\s+/).filter(Boolean);
      return c;
    });
}

/** A digest of every file under a folder (names and bytes), to tell two copies apart. */
function digestOf(dir: string): string {
  const hash = createHash("sha256");
  const walk = (at: string, prefix: string) => {
    for (const entry of readdirSync(at).sort()) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${entry}/`);
      else hash.update(`${prefix}${entry}\0`).update(readFileSync(path)).update("\0");
    }
  };
  walk(dir, "");
  return hash.digest("hex");
}

/**
 * The shared corpus's folders that differ from the repository's copy (new cases, changed
 * expectations or data): empty when the shared corpus is absent or the copy is current.
 */
export function sharedFoldersToRun(): string[] {
  if (!existsSync(SHARED_CORPUS) || process.env.STRYKER_MUTATOR_WORKER !== undefined) return [];
  return readdirSync(SHARED_CORPUS)
    .filter((folder) => statSync(join(SHARED_CORPUS, folder)).isDirectory())
    .filter((folder) => {
      const mine = join(REPOSITORY_CORPUS, folder);
      return !existsSync(mine) || digestOf(mine) !== digestOf(join(SHARED_CORPUS, folder));
    })
    .sort();
}

/** Every case to run: the repository's corpus, then whatever the shared corpus adds. */
export function conformanceCases(): ConformanceCase[] {
  const cases = FOLDERS.flatMap((folder) => casesIn("repository", REPOSITORY_CORPUS, folder));
  for (const folder of sharedFoldersToRun()) cases.push(...casesIn("shared", SHARED_CORPUS, folder));
  return cases;
}

/** The number of cases in the repository's corpus; a test pins it so a lost case fails. */
export const REPOSITORY_CASE_COUNT = 70;
