#!/usr/bin/env node
/**
 * The repository's own consistency rules, run by `pnpm lint`:
 * - one Node requirement: every package's `engines.node` is the root's, the README
 *   states it, and every Node version CI's workflow tests satisfies it;
 * - every publishable package ships the root LICENSE (same bytes) and has the metadata
 *   a registry page needs (repository with url and directory, homepage, bugs, keywords);
 * - no package declares a dependency its sources never import (a `@types/…` package
 *   counts as imported when the module it types is).
 *
 * Prints each broken rule as `file: message`; exits 1 when any is broken.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const read = (path) => readFileSync(join(repo, path), "utf8");
const json = (path) => JSON.parse(read(path));
const problems = [];
const problem = (file, message) => problems.push(`${file}: ${message}`);

const root = json("package.json");
const nodeRange = root.engines?.node;
if (!nodeRange) problem("package.json", "engines.node is missing");

// The packages: every folder under packages/ and apps/ with a package.json.
const packages = ["packages", "apps"].flatMap((group) =>
  readdirSync(join(repo, group))
    .map((name) => `${group}/${name}`)
    .filter((dir) => existsSync(join(repo, dir, "package.json"))),
);

/** The lowest version of each major in a `^a.b.c || >=x.y.z` range, for comparisons. */
const floors = (range) =>
  range.split("||").map((part) => {
    const m = part.trim().match(/^(\^|>=)(\d+)\.(\d+)(?:\.(\d+))?$/);
    if (!m) throw new Error(`cannot read the engines range part '${part.trim()}'`);
    return { caret: m[1] === "^", major: +m[2], minor: +m[3], patch: +(m[4] ?? 0) };
  });
/** Whether a `major.minor` or `major` Node version (as a CI matrix writes it) can satisfy the range. */
const satisfiesMajor = (range, version) => {
  const [major] = String(version).split(".").map(Number);
  return floors(range).some((f) => (f.caret ? f.major === major : major >= f.major));
};

const license = read("LICENSE");
for (const dir of packages) {
  const manifest = json(`${dir}/package.json`);
  const file = `${dir}/package.json`;
  if (manifest.engines?.node !== nodeRange)
    problem(file, `engines.node is '${manifest.engines?.node}', the root says '${nodeRange}'`);
  if (!existsSync(join(repo, dir, "LICENSE")) || read(`${dir}/LICENSE`) !== license)
    problem(`${dir}/LICENSE`, "missing or different from the root LICENSE");
  if (!manifest.private) {
    if (!manifest.files?.includes("LICENSE")) problem(file, "'files' does not ship LICENSE");
    if (!manifest.repository?.url || manifest.repository?.directory !== dir)
      problem(file, `repository needs a url and "directory": "${dir}"`);
    for (const field of ["homepage", "bugs", "keywords", "description", "license"])
      if (manifest[field] === undefined) problem(file, `'${field}' is missing`);
    for (const [name, target] of Object.entries(manifest.bin ?? {}))
      if (target.startsWith("./")) problem(file, `bin.${name} starts with './', which npm publish removes`);
  }

  // Every runtime dependency must be imported by the package's sources (private ones too).
  const sources = [];
  const walk = (at) => {
    for (const entry of readdirSync(at)) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mts|js|mjs)$/.test(entry)) sources.push(readFileSync(path, "utf8"));
    }
  };
  for (const folder of ["src", "bin"]) if (existsSync(join(repo, dir, folder))) walk(join(repo, dir, folder));
  const text = sources.join("\n");
  // A bundle built by the package's scripts may leave a dependency outside (`external`),
  // for the bundled code to load at run time: that is a use of it too.
  const scripts = join(repo, dir, "scripts");
  const externals = existsSync(scripts)
    ? readdirSync(scripts)
        .filter((entry) => /\.(js|mjs)$/.test(entry))
        .flatMap((entry) => [
          ...readFileSync(join(scripts, entry), "utf8").matchAll(/external:\s*\[([^\]]*)\]/g),
        ])
        .map((m) => m[1])
        .join(",")
    : "";
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    // A type package (`@types/mdast`, `@types/scope__name`) is used by importing the module it types.
    const module = dependency.startsWith("@types/")
      ? dependency.slice("@types/".length).replace(/^(.+)__(.+)$/, "@$1/$2")
      : dependency;
    const imported =
      new RegExp(`(from |import\\(|require\\()["'\`]${module}(/[^"'\`]*)?["'\`]`).test(text) ||
      externals.includes(`"${dependency}"`);
    if (!imported) problem(file, `depends on ${dependency}, which nothing in ${dir}/src imports`);
  }
}

// The README says which Node the project needs, in the words package.json uses.
const readme = read("README.md");
const [low] = floors(nodeRange);
if (!readme.includes(`Node.js ${low.major}.${low.minor} or later`))
  problem(
    "README.md",
    `the Quick start does not say 'Node.js ${low.major}.${low.minor} or later' (engines: ${nodeRange})`,
  );

// CI tests only Node versions the packages accept, and the lowest one among them.
const workflow = ".github/workflows/ci.yml";
if (existsSync(join(repo, workflow))) {
  const versions = [];
  const visit = (value) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === "object")
      for (const [key, inner] of Object.entries(value)) {
        if (key === "node" && Array.isArray(inner)) versions.push(...inner);
        else visit(inner);
      }
  };
  visit(YAML.parse(read(workflow)));
  if (versions.length === 0) problem(workflow, "no `node` matrix found");
  for (const v of versions)
    if (!satisfiesMajor(nodeRange, v))
      problem(workflow, `tests Node ${v}, which engines '${nodeRange}' excludes`);
  if (!versions.map(String).some((v) => v.startsWith(`${low.major}`)))
    problem(workflow, `does not test the lowest supported major, Node ${low.major}`);
} else problem(workflow, "missing");

// .ci/run refuses a Node older than the range, so CI cannot pass on an unsupported one.
if (!read(".ci/run").includes("engines"))
  problem(".ci/run", "does not check the Node version against engines");

for (const p of problems) console.error(p);
if (problems.length > 0) {
  console.error(`check-repo: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  process.exit(1);
}
console.log(`check-repo: ${packages.length} packages consistent (Node ${nodeRange})`);
