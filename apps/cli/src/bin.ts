/**
 * The `xmd` command. Only commander loads up front; each command's code (and the
 * runtime, the worker pool, the watcher, the progress bar) loads when that command runs,
 * so `xmd --version` and `xmd --help` start fast.
 * @module
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT, reportError } from "./errors.js";
import type { RenderFlags } from "./options.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const DOCUMENT_ARG = /\.(md|xmd|xm)$/i;

function renderOptions(cmd: Command): Command {
  return cmd
    .option(
      "-v, --var <key=value>",
      "a variable for the document; repeatable (numbers, true/false and JSON are parsed)",
      collect,
      [],
    )
    .option("--vars <file>", "variables from a JSON or YAML file")
    .option("--memory <mode>", "allocation strategy: pooled (default) or heap")
    .option(
      "--allow-exec [commands]",
      "let documents run programs: every program, or only a comma-separated list (--allow-exec=date,git)",
    )
    .option("--root <dir>", "confine file access to this folder (default: the document's folder)")
    .option("--max-iterations <n>", "stop after this many loop iterations (default 1000000)")
    .option("--max-depth <n>", "stop at this call depth (default 1000)")
    .option("--max-output <bytes>", "stop after this much output (default 64 MiB)")
    .option("--timeout <ms>", "stop a document that runs longer (default 10000)")
    .option("--now <time>", "a fixed clock for Date.now: an ISO date or milliseconds")
    .option("--stats", "print allocation, pool, intern and stack statistics to stderr")
    .option("--config <file>", "read options from this file instead of xmd.config.json / package.json")
    .option("--debug", "show stack traces");
}

/**
 * `--allow-exec` takes an optional list, so `xmd --allow-exec doc.md` would read the
 * document name as the list. A value that names a document is given back to the command.
 */
function takeBackDocument(flags: RenderFlags, file: string | undefined): string | undefined {
  if (typeof flags.allowExec === "string" && DOCUMENT_ARG.test(flags.allowExec) && file === undefined) {
    const doc = flags.allowExec;
    flags.allowExec = true;
    return doc;
  }
  return file;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  let debug = argv.includes("--debug");
  const program = new Command("xmd")
    .description("Render XMD documents: markdown that can compute.")
    .version(version(), "--version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    .addHelpText(
      "after",
      `
Examples:
  xmd README.src.md > README.md          render to stdout
  xmd report.xmd -o report.md            render to a file (atomically)
  cat doc.md | xmd -                     render stdin
  xmd build docs/ site/                  render a tree on all cores
  xmd build docs/ site/ --check          fail when site/ is stale (CI)
  xmd watch docs/ site/                  re-render on change
  xmd check docs/*.md                    report every syntax error`,
    );

  renderOptions(
    program
      .command("process [file]", { isDefault: true })
      .description("render one document (FILE, or stdin when FILE is - or missing) to stdout")
      .option("-o, --output <file>", "write to this file instead of stdout (atomically)")
      .option("--lang <lang>", "md or xmd: the dialect of stdin (default: from the file extension, else md)")
      .option("--check", "do not write: exit 1 if -o OUT differs from what would be rendered")
      .option("--diff", "with --check: show the whole diff, not the first lines")
      .option("--trust-exec", "with --check: treat commands the document runs as deterministic"),
  ).action(async (file: string | undefined, flags) => {
    debug = flags.debug === true;
    const { processCommand } = await import("./commands/process.js");
    code = await processCommand(takeBackDocument(flags, file), flags);
  });

  renderOptions(
    program
      .command("build <src> <out>")
      .description("render every document under SRC into OUT, keeping the folder structure")
      .option("--include <glob>", "only documents matching this glob (repeatable)", collect, [])
      .option("--exclude <glob>", "skip documents matching this glob (repeatable)", collect, [])
      .option("--copy", "also copy the other files (images, data) into OUT")
      .option("-j, --jobs <n>", "worker threads (default: the number of CPUs)")
      .option("--check", "do not write: exit 1 if any output in OUT is stale or missing")
      .option("--diff", "with --check: show whole diffs")
      .option("--check-orphans", "with --check: also report outputs in OUT that no source produces")
      .option("--trust-exec", "with --check: treat commands documents run as deterministic"),
  ).action(async (src: string, out: string, flags) => {
    debug = flags.debug === true;
    const { buildCommand } = await import("./commands/build.js");
    code = await buildCommand(src, out, {
      ...flags,
      include: flags.include.length ? flags.include : undefined,
      exclude: flags.exclude.length ? flags.exclude : undefined,
    });
  });

  renderOptions(
    program
      .command("watch <src> [out]")
      .description("render, then re-render on every change of a document or of a file it imports")
      .option("--debounce <ms>", "wait this long after a change before rendering (default 60)"),
  ).action(async (src: string, out: string | undefined, flags) => {
    debug = flags.debug === true;
    const { watchCommand } = await import("./commands/watch.js");
    code = await watchCommand(src, out, flags);
  });

  program
    .command("check <files...>")
    .description("parse and resolve only; report every error (for editors and CI)")
    .action(async (files: string[]) => {
      const { checkCommand } = await import("./commands/check.js");
      code = await checkCommand(files);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    return await reportError(error, debug);
  }
}
