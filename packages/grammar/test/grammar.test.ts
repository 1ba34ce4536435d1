/**
 * The grammar tests: each file in test/cases/ runs through vscode-tmgrammar-test (the real
 * vscode-textmate and oniguruma, with VS Code's markdown grammar from tm-grammars for the
 * injection), and a few checks that keep the grammars in step with the runtime.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { grammars, languageConfigurationPath, readGrammar } from "../index.js";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, "..");
const CONFIG = join(here, "grammars.json");
const RUNNER = join(pkg, "node_modules/vscode-tmgrammar-test/dist/unit.js");
const CASES = join(here, "cases");

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** Runs the grammar test runner on one case file: its exit code and what it printed. */
function runCase(file: string, config = CONFIG): { code: number; output: string } {
  const run = spawnSync(process.execPath, [RUNNER, "--compact", "--config", config, file], {
    cwd: pkg,
    encoding: "utf8",
    timeout: 60_000,
  });
  // The markdown grammar embeds some 60 other languages; the runner warns about each one
  // it has not been given. They are not part of these tests.
  const stderr = run.stderr
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("grammar not found for "))
    .join("\n");
  return { code: run.status ?? -1, output: `${run.stdout}${stderr}` };
}

/** A case file written on the fly, in a folder of its own. */
function tempCase(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "xmd-grammar-"));
  temps.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const cases = readdirSync(CASES).sort();

describe("grammar test cases (vscode-tmgrammar-test)", () => {
  it.each(cases)("%s", (name) => {
    const { code, output } = runCase(join(CASES, name));
    expect(output).toContain("run successfuly");
    expect(code, output).toBe(0);
  });

  it("keeps each assertion to one '-' group, which the runner's parser needs", () => {
    // An assertion with two ` - ` groups makes the runner's regular expression backtrack
    // for minutes instead of failing: write `A - B C`, not `A - B - C`.
    for (const name of cases)
      for (const line of readFileSync(join(CASES, name), "utf8").split("\n"))
        expect(/ - .* - /.test(line) ? line : "").toBe("");
  });

  it("fails a case whose assertion is wrong (the runner is not vacuous)", () => {
    const file = tempCase(
      "wrong.test.xmd",
      '// SYNTAX TEST "source.xmd"\nset x 1\n// <--- keyword.control.loop.xmd\n',
    );
    const { code, output } = runCase(file);
    expect(code).not.toBe(0);
    expect(output).toContain("Missing required scopes: [ keyword.control.loop.xmd ]");
  });
});

/** The runtime's reserved and contextual words, read from its source. */
function runtimeWords(): { keywords: string[]; contextual: string[] } {
  const source = readFileSync(resolve(pkg, "../runtime/src/syntax/keywords.ts"), "utf8");
  const list = (name: string) => {
    const body = new RegExp(`export const ${name} = \\[([^\\]]*)\\]`).exec(source)?.[1];
    if (body === undefined) throw new Error(`keywords.ts has no ${name} list`);
    return [...body.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
  };
  return { keywords: list("KEYWORDS"), contextual: list("CONTEXTUAL") };
}

/** The scope each word gets, alone on a line (or, for a contextual word, where it means something). */
const KEYWORD_SCOPES: Record<string, string> = {
  set: "keyword.other.set.xmd",
  if: "keyword.control.conditional.xmd",
  elif: "keyword.control.conditional.xmd",
  else: "keyword.control.conditional.xmd",
  // biome-ignore lint/suspicious/noThenProperty: `then` is a keyword of XMD; this table is never awaited.
  then: "keyword.control.conditional.xmd",
  endif: "keyword.control.conditional.xmd",
  for: "keyword.control.loop.xmd",
  in: "keyword.control.loop.xmd",
  loop: "keyword.control.loop.xmd",
  while: "keyword.control.loop.xmd",
  break: "keyword.control.loop.xmd",
  continue: "keyword.control.loop.xmd",
  endfor: "keyword.control.loop.xmd",
  function: "storage.type.function.xmd",
  return: "keyword.control.flow.xmd",
  throw: "keyword.control.flow.xmd",
  try: "keyword.control.trycatch.xmd",
  catch: "keyword.control.trycatch.xmd",
  and: "keyword.operator.logical.xmd",
  or: "keyword.operator.logical.xmd",
  not: "keyword.operator.logical.xmd",
  true: "constant.language.boolean.xmd",
  false: "constant.language.boolean.xmd",
  null: "constant.language.null.xmd",
  end: "keyword.control.end.xmd",
  import: "keyword.control.import.xmd",
  export: "keyword.control.export.xmd",
};
const CONTEXTUAL_LINES: Record<string, [line: string, scope: string]> = {
  times: ["loop 3 times", "keyword.control.loop.xmd"],
  from: ['import a from "lib.xmd"', "keyword.control.import.xmd"],
  exec: ["exec git status", "support.function.builtin.xmd"],
  cmd: ['set x cmd "ls"', "support.function.builtin.xmd"],
  get: ['set v get "a.json"', "support.function.builtin.xmd"],
  put: ['put "a.json".k 1', "support.function.builtin.xmd"],
  print: ["print 1", "support.function.builtin.xmd"],
  exists: ['print exists("x")', "support.function.builtin.xmd"],
};

describe("in step with the runtime", () => {
  it("highlights every reserved word of the runtime's keywords.ts", () => {
    const { keywords } = runtimeWords();
    expect(keywords.length).toBeGreaterThan(20);
    // A keyword added to the runtime fails here until the grammar (and this table) has it.
    expect(keywords.filter((k) => KEYWORD_SCOPES[k] === undefined)).toEqual([]);
    const lines = keywords.flatMap((k) => [k, `// ${"<".padEnd(k.length + 1, "-")} ${KEYWORD_SCOPES[k]}`]);
    const { code, output } = runCase(
      tempCase("keywords.test.xmd", `// SYNTAX TEST "source.xmd"\n${lines.join("\n")}\n`),
    );
    expect(code, output).toBe(0);
  });

  it("highlights every contextual word where it has its meaning, and not elsewhere", () => {
    const { contextual } = runtimeWords();
    expect(contextual.filter((w) => CONTEXTUAL_LINES[w] === undefined)).toEqual([]);
    const lines = contextual.flatMap((word) => {
      const [line, scope] = CONTEXTUAL_LINES[word] as [string, string];
      const at = new RegExp(`\\b${word}\\b`).exec(line)?.index as number;
      const mark =
        at < 3
          ? `// <${"~".repeat(at)}${"-".repeat(word.length)}`
          : `//${" ".repeat(at - 2)}${"^".repeat(word.length)}`;
      return [line, `${mark} ${scope}`];
    });
    // `times` and `from` are ordinary names outside their constructs.
    lines.push("set times from", "//  ^^^^^ variable.other.definition.xmd", "//        ^^^^ - keyword");
    const { code, output } = runCase(
      tempCase("contextual.test.xmd", `// SYNTAX TEST "source.xmd"\n${lines.join("\n")}\n`),
    );
    expect(code, output).toBe(0);
  });
});

describe("front matter", () => {
  it("highlights {{ }} inside front matter the markdown grammar scopes as embedded YAML", () => {
    // VS Code's markdown grammar scopes a front matter block as meta.embedded.block.frontmatter,
    // which the injection's `- meta.embedded` would leave without XMD; the runtime renders
    // `{{ }}` there. The runner's vscode-textmate does not enter that rule of the real grammar
    // (frontmatter.test.md covers what it does), so a host grammar with just that rule stands in.
    const markdown = JSON.parse(
      readFileSync(join(pkg, "node_modules/tm-grammars/grammars/markdown.json"), "utf8"),
    );
    expect(JSON.stringify(markdown.repository.frontMatter)).toContain(
      '"contentName":"meta.embedded.block.frontmatter"',
    );
    // The runner reads the paths in its configuration relative to the configuration's folder.
    const dir = dirname(tempCase("markdown-host.json", ""));
    const host = join(dir, "markdown-host.json");
    writeFileSync(
      host,
      JSON.stringify({
        scopeName: "text.html.markdown",
        patterns: [
          {
            begin: "\\A(-{3,})\\s*$",
            end: "^(?:\\1|\\.{3})\\s*$",
            contentName: "meta.embedded.block.frontmatter",
            patterns: [{ match: "^[\\w-]+(?=:)", name: "entity.name.tag.yaml" }],
          },
        ],
      }),
    );
    const config = join(dir, "grammars.json");
    writeFileSync(
      config,
      JSON.stringify({
        contributes: {
          languages: [{ id: "markdown", extensions: [".md"] }],
          grammars: [
            {
              language: "xmd",
              scopeName: "source.xmd",
              path: relative(dir, join(pkg, "syntaxes/xmd.tmLanguage.json")),
            },
            { language: "markdown", scopeName: "text.html.markdown", path: "markdown-host.json" },
            {
              scopeName: "markdown.xmd.injection",
              path: relative(dir, join(pkg, "syntaxes/xmd-markdown.tmLanguage.json")),
              injectTo: ["text.html.markdown"],
            },
          ],
        },
      }),
    );
    const lines = [
      '<!-- SYNTAX TEST "text.html.markdown"',
      "---",
      "title: Notes for {{ version }}",
      "<!-- <---- meta.embedded.block.frontmatter entity.name.tag.yaml",
      "<!--             ^^ meta.embedded.block.frontmatter meta.interpolation.xmd punctuation.section.interpolation.begin.xmd",
      "<!--                ^^^^^^^ meta.embedded.block.frontmatter meta.interpolation.xmd variable.other.readwrite.xmd",
      "---",
    ];
    const file = join(dir, "frontmatter.test.md");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const { code, output } = runCase(file, config);
    expect(code, output).toBe(0);
  });
});

describe("the package", () => {
  it("exports both grammars with the scope names inside their files", () => {
    expect(grammars.map((g) => [g.name, g.scopeName])).toEqual([
      ["xmd", "source.xmd"],
      ["xmd-markdown", "markdown.xmd.injection"],
    ]);
    for (const g of grammars) expect(readGrammar(g.name).scopeName).toBe(g.scopeName);
    expect(readGrammar("xmd-markdown").injectionSelector).toMatch(/^L:text\.html\.markdown /);
    expect(() => readGrammar("nope" as "xmd")).toThrow("no XMD grammar named 'nope'");
  });

  it("ships a language configuration whose comments match the grammar's", () => {
    const config = JSON.parse(readFileSync(languageConfigurationPath, "utf8"));
    expect(config.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
  });

  it("includes only repository rules that exist", () => {
    // A typo in an include is silently ignored by TextMate engines: check them all.
    const xmd = readGrammar("xmd") as { repository: Record<string, unknown> };
    const md = readGrammar("xmd-markdown") as { repository: Record<string, unknown> };
    const includes = (grammar: unknown): string[] =>
      JSON.stringify(grammar)
        .match(/"include":"[^"]*"/g)
        ?.map((s) => s.slice(11, -1)) ?? [];
    for (const target of includes(xmd)) {
      if (target === "text.html.markdown") continue;
      expect(target.startsWith("#") && target.slice(1) in xmd.repository ? "" : target).toBe("");
    }
    for (const target of includes(md)) {
      const [scope, rule] = target.split("#") as [string, string | undefined];
      const repository = scope === "" ? md.repository : scope === "source.xmd" ? xmd.repository : null;
      expect(repository !== null && rule !== undefined && rule in repository ? "" : target).toBe("");
    }
  });
});
