/**
 * The command line as commander sees it: commands, flags, help. Errors commander finds
 * (an unknown option, a missing argument) are printed in xmd's own style:
 * `xmd: unknown option '--stat' (did you mean --stats?)` and a `see 'xmd … --help'` line.
 * @module
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { COMMANDS, unknownCommand } from "./argv.js";
import { EXIT, helpHint } from "./errors.js";
import { LIMIT_FLAGS } from "./limits.js";
import { writeStderr, writeStdout } from "./stdio.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** Repeatable option; no default, so help does not print `(default: [])`. */
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** The flags every rendering command has; `rootDefault` says what --root is without the flag. */
function renderOptions(cmd: Command, rootDefault: string): Command {
  cmd
    .option(
      "-v, --var <key=value>",
      "a variable for the document; repeatable (true/false, numbers that read back the same, and JSON are parsed; anything else is text)",
      collect,
    )
    .option("--vars <file>", "variables from a JSON or YAML file")
    .option(
      "--allow-exec",
      "let documents run any program; --allow-exec=date,git allows only those (the list needs '='; a bare --allow-exec never takes the next argument)",
    )
    .addOption(new Option("--allow-exec-list <programs>").hideHelp())
    .option("--exec-timeout <ms>", "stop a program a document runs after this long (default 10000)")
    .option(
      "--exec-shell",
      "run commands through sh (pipes, globs, $VAR) as the C tool did; an allow-list then checks every program of a pipeline",
    )
    .option("--exec-max-output <bytes>", "stop a program that writes more than this (default 1 MiB)")
    .option("--root <dir>", `confine file access to this folder (default: ${rootDefault})`);
  for (const f of LIMIT_FLAGS) cmd.option(`${f.flag} ${f.value}`, `${f.description} (default ${f.shown})`);
  return cmd
    .option("--now <time>", "a fixed clock for Date.now: an ISO date or milliseconds")
    .option("--memory <mode>", "allocation strategy: pooled (default) or heap")
    .option(
      "--strict",
      "undefined names are errors in classic directives too (by default they read as empty, as in the C tool)",
    )
    .option(
      "--strip-front-matter",
      "leave a markdown document's front matter (--- YAML ---) out of the output",
    )
    .option("--stats", "print allocation, pool, intern and stack statistics to stderr")
    .option("--config <file>", "read options from this file (trusted: may allow exec and set any root)")
    .option("--debug", "show stack traces");
}

/** `error: unknown option '--x'\n(Did you mean --y?)` → `unknown option '--x' (did you mean --y?)` */
function commanderMessage(message: string): string {
  return message
    .replace(/^error: /, "")
    .replace(/\n\(Did you mean (.+)\?\)/, " (did you mean $1?)")
    .trim();
}

/** Runs the parsed command line; resolves to the exit code. */
export async function runProgram(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command("xmd")
    .description("Render XMD documents: markdown that can compute.")
    .version(version(), "--version", "print the version")
    .helpOption("-h, --help", "show help")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: writeStdout,
      writeErr: (s) => process.stderr.write(s),
      outputError: () => {},
    })
    .addHelpText(
      "after",
      `
xmd FILE is xmd process FILE. Its common options: -o FILE, -v KEY=VALUE, --vars FILE,
--allow-exec[=LIST], --root DIR, --check; all of them: xmd process --help.

Examples:
  xmd README.src.md > README.md          render to stdout
  xmd report.xmd -o report.md            render to a file (atomically)
  cat doc.md | xmd -                     render stdin
  xmd build docs/ site/                  render a tree on all cores
  xmd build docs/ site/ --check          fail when site/ is stale (CI)
  xmd watch docs/ site/                  re-render on change
  xmd check docs/*.md                    report every error, render nothing`,
    );

  renderOptions(
    program
      .command("process [file]", { isDefault: true })
      .description("render one document (FILE, or stdin when FILE is - or missing) to stdout")
      .option("-o, --output <file>", "write to this file instead of stdout (atomically)")
      .option("--lang <lang>", "md or xmd: the dialect of stdin (default: from the file extension, else md)")
      .option("--check", "write nothing: exit 1 if -o OUT differs from what would be rendered")
      .option("--diff", "with --check: show the whole diff, not the first lines")
      .option("--trust-exec", "with --check: run the programs the document runs and trust their output"),
    "the document's folder; stdin: the working folder",
  ).action(async (file: string | undefined, flags) => {
    const { processCommand } = await import("./commands/process.js");
    code = await processCommand(file, flags);
  });

  renderOptions(
    program
      .command("build <src> <out>")
      .description("render every document under SRC into OUT, keeping the folder structure")
      .option("--include <glob>", "only documents matching this glob, relative to SRC (repeatable)", collect)
      .option("--exclude <glob>", "skip documents matching this glob, relative to SRC (repeatable)", collect)
      .option("--copy", "also copy the other files (images, data) into OUT")
      .option("-j, --jobs <n>", "render threads (default: the number of CPUs)")
      .option(
        "--shard <i/n>",
        "render only share i of n (1 ≤ i ≤ n) of the tree, balanced by size: one CI job of n",
      )
      .option("--check", "write nothing: exit 1 if any output in OUT is stale or missing")
      .option("--diff", "with --check: show whole diffs")
      .option("--check-orphans", "with --check: also report files in OUT that no source produces")
      .option("--trust-exec", "with --check: run the programs documents run and trust their output"),
    "SRC",
  ).action(async (src: string, out: string, flags) => {
    const { buildCommand } = await import("./commands/build.js");
    code = await buildCommand(src, out, flags);
  });

  renderOptions(
    program
      .command("watch <src> [out]")
      .description("render, then re-render on every change of a document or of a file it uses")
      .option("--include <glob>", "only documents matching this glob, relative to SRC (repeatable)", collect)
      .option("--exclude <glob>", "skip documents matching this glob, relative to SRC (repeatable)", collect)
      .option("--debounce <ms>", "wait this long after a change before rendering (default 60)"),
    "SRC for a folder, else the document's folder",
  ).action(async (src: string, out: string | undefined, flags) => {
    const { watchCommand } = await import("./commands/watch.js");
    code = await watchCommand(src, out, flags);
  });

  program
    .command("check [files...]")
    .description("parse and resolve documents without running them; report every error")
    .option("--lang <lang>", "md or xmd: the dialect of stdin (default: from the file extension, else md)")
    .option("--root <dir>", "the root imports are resolved in (default: each document's folder)")
    .option("--config <file>", "read options from this file instead of xmd.config.json / package.json")
    .option("--max-read <bytes>", "size of one file read: a document, an import (default 64 MiB)")
    .option(
      "-v, --var <key=value>",
      "a variable a render would be given (not warned about as never set); repeatable",
      collect,
    )
    .option("--vars <file>", "variables from a JSON or YAML file, as xmd process takes them")
    .option("--strict", "names never set are errors, not warnings")
    .option("--compat", "also list what behaves differently from the C tool (akaoio/xmd), with file:line")
    .option("--debug", "show stack traces")
    .action(async (files: string[], flags) => {
      const { checkCommand } = await import("./commands/check.js");
      code = await checkCommand(files, flags);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
    return code;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (["commander.helpDisplayed", "commander.version", "commander.help"].includes(error.code))
      return EXIT.ok;
    if (error.code === "commander.unknownCommand")
      throw unknownCommand(argv.find((a) => !a.startsWith("-")) ?? "");
    const first = argv[0];
    const command =
      first !== undefined && (COMMANDS as readonly string[]).includes(first) ? first : "process";
    writeStderr(`xmd: ${commanderMessage(error.message)}\n${helpHint(command)}\n`);
    return EXIT.usage;
  }
}
