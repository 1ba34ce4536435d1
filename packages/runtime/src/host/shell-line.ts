/**
 * What a command line asks of a shell. Without shell mode a command runs as argv, so
 * `ls *.md | wc -l` would hand `*.md`, `|`, `wc` and `-l` to `ls` as arguments — a
 * silently wrong output that the C tool, which ran commands through `sh`, never gave. This
 * finds the shell syntax outside quotes, so that such a line is refused with the flag that
 * runs it; and in shell mode with an allow-list, it finds every program a pipeline or
 * list runs (`a | b && c`), so each is checked, and refuses what would run a program
 * without naming it (command substitution, subshells) or write a file behind the root's
 * back (a redirection to anything but `/dev/null`).
 * @module
 */

/** What {@link scanShellLine} found. */
export interface ShellScan {
  /** The first shell syntax outside quotes (`|`, `>`, `$HOME`, `*` …), or null for a plain argv. */
  syntax: string | null;
  /** The words of each simple command, in order (`a x | b` → `[["a", "x"], ["b"]]`). */
  commands: string[][];
  /** Why the line cannot be checked program by program in shell mode, or null. */
  unsafe: string | null;
}

const GLOB = new Set(["*", "?", "["]);
const SEPARATORS = new Set(["|", "&", ";", "\n"]);
/** What may follow `$` in a parameter expansion: a name, `{`, a digit, or a special parameter. */
const PARAMETER_START = /[A-Za-z_{0-9?#@*!$-]/;

/** Reads a command line as `sh` would split it, without expanding or running anything. */
export function scanShellLine(line: string): ShellScan {
  const commands: string[][] = [];
  let current: string[] = [];
  let word = "";
  let inWord = false;
  let syntax: string | null = null;
  let unsafe: string | null = null;
  const note = (what: string) => {
    syntax ??= what;
  };
  const endWord = () => {
    if (inWord) current.push(word);
    word = "";
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (current.length > 0) commands.push(current);
    current = [];
  };
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (c === " " || c === "\t" || c === "\r") {
      endWord();
      i++;
      continue;
    }
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word += end < 0 ? line.slice(i + 1) : line.slice(i + 1, end);
      inWord = true;
      i = end < 0 ? line.length : end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      inWord = true;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\" && i + 1 < line.length) {
          word += line[i + 1];
          i += 2;
          continue;
        }
        if (line[i] === "`" || (line[i] === "$" && line[i + 1] === "(")) {
          note(line[i] === "`" ? "`" : "$(");
          unsafe ??= "command substitution (`…` or $(…)) runs a program the allow-list cannot see";
        } else if (line[i] === "$" && PARAMETER_START.test(line[i + 1] ?? "")) note("$");
        word += line[i];
        i++;
      }
      i++;
      continue;
    }
    if (c === "\\" && i + 1 < line.length) {
      word += line[i + 1];
      inWord = true;
      i += 2;
      continue;
    }
    if (SEPARATORS.has(c)) {
      note(line.startsWith("&&", i) ? "&&" : line.startsWith("||", i) ? "||" : c);
      endCommand();
      i += line.startsWith("&&", i) || line.startsWith("||", i) ? 2 : 1;
      continue;
    }
    if (c === ">" || c === "<") {
      // A redirection: `>`, `>>`, `2>`, `2>&1`, `<`; its target is the next word.
      note(c);
      if (inWord && /^\d+$/.test(word)) {
        word = "";
        inWord = false;
      } else endWord();
      i++;
      if (line[i] === ">" || line[i] === "&") i++;
      while (line[i] === " " || line[i] === "\t") i++;
      let target = "";
      while (i < line.length && !/[\s|&;<>]/.test(line[i] as string)) target += line[i++];
      if (target !== "/dev/null" && !/^\d$/.test(target))
        unsafe ??= `the redirection to '${target}' would write or read a file outside the root's checks`;
      continue;
    }
    if (c === "`" || (c === "$" && line[i + 1] === "(")) {
      note(c === "`" ? "`" : "$(");
      unsafe ??= "command substitution (`…` or $(…)) runs a program the allow-list cannot see";
    } else if (c === "(" || c === ")") {
      note(c);
      unsafe ??= "a subshell ( … ) runs commands the allow-list cannot see one by one";
    } else if (c === "$" && PARAMETER_START.test(line[i + 1] ?? "")) note("$");
    else if (GLOB.has(c)) note(c);
    else if (!inWord && (c === "~" || c === "#")) note(c);
    word += c;
    inWord = true;
    i++;
  }
  endCommand();
  return { syntax, commands, unsafe };
}
