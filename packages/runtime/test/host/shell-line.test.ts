/** `scanShellLine`: what a command line asks of a shell, read the way `sh` splits it. */
import { describe, expect, it } from "vitest";
import { scanShellLine } from "../../src/host/shell-line.js";

const SUBSTITUTION = "command substitution (`…` or $(…)) runs a program the allow-list cannot see";
const SUBSHELL = "a subshell ( … ) runs commands the allow-list cannot see one by one";
const redirection = (target: string) =>
  `the redirection to '${target}' would write or read a file outside the root's checks`;

describe("scanShellLine: words", () => {
  it("splits a plain line at spaces, tabs and carriage returns, and finds no shell syntax", () => {
    expect(scanShellLine("ls  -la\tdocs\r")).toEqual({
      syntax: null,
      commands: [["ls", "-la", "docs"]],
      unsafe: null,
    });
    expect(scanShellLine("")).toEqual({ syntax: null, commands: [], unsafe: null });
    expect(scanShellLine("   ")).toEqual({ syntax: null, commands: [], unsafe: null });
  });

  it("joins quoted and unquoted parts of one word, and keeps what quotes hold as text", () => {
    expect(scanShellLine(`echo 'a | b' "c > d" e'f'"g"`)).toEqual({
      syntax: null,
      commands: [["echo", "a | b", "c > d", "efg"]],
      unsafe: null,
    });
    expect(scanShellLine(`echo '' ""`).commands).toEqual([["echo", "", ""]]);
    expect(scanShellLine("echo '*' \"?\" '[a]' '~' '#x'").syntax).toBeNull();
  });

  it("reads a backslash as quoting the next character, inside double quotes too", () => {
    expect(scanShellLine(String.raw`echo a\ b \| \$HOME "q\"r" "s\\t"`)).toEqual({
      syntax: null,
      commands: [["echo", "a b", "|", "$HOME", 'q"r', "s\\t"]],
      unsafe: null,
    });
    // A backslash at the very end is kept as itself.
    expect(scanShellLine("echo a\\").commands).toEqual([["echo", "a\\"]]);
    expect(scanShellLine('echo "a\\').commands).toEqual([["echo", "a\\"]]);
  });

  it("takes an unclosed quote to the end of the line", () => {
    expect(scanShellLine("echo 'a b").commands).toEqual([["echo", "a b"]]);
    expect(scanShellLine('echo "a b').commands).toEqual([["echo", "a b"]]);
    expect(scanShellLine("echo 'a b' c").commands).toEqual([["echo", "a b", "c"]]);
  });
});

describe("scanShellLine: lists and pipelines", () => {
  it("splits commands at |, ||, &&, &, ; and line feeds, and names the first separator", () => {
    expect(scanShellLine("a x | b && c || d; e & f\ng")).toEqual({
      syntax: "|",
      commands: [["a", "x"], ["b"], ["c"], ["d"], ["e"], ["f"], ["g"]],
      unsafe: null,
    });
    expect(scanShellLine("a&&b").syntax).toBe("&&");
    expect(scanShellLine("a||b").syntax).toBe("||");
    expect(scanShellLine("a&b").syntax).toBe("&");
    expect(scanShellLine("a;b").syntax).toBe(";");
    expect(scanShellLine("a\nb").syntax).toBe("\n");
    expect(scanShellLine("a&&b").commands).toEqual([["a"], ["b"]]);
    expect(scanShellLine("a||b").commands).toEqual([["a"], ["b"]]);
  });

  it("drops empty commands between separators", () => {
    expect(scanShellLine("; a ;; b |").commands).toEqual([["a"], ["b"]]);
  });
});

describe("scanShellLine: redirections", () => {
  it("allows only /dev/null and another descriptor as a target, and drops the redirection from the words", () => {
    expect(scanShellLine("cmd > /dev/null 2>&1")).toEqual({
      syntax: ">",
      commands: [["cmd"]],
      unsafe: null,
    });
    expect(scanShellLine("cmd 2>/dev/null arg")).toEqual({
      syntax: ">",
      commands: [["cmd", "arg"]],
      unsafe: null,
    });
    expect(scanShellLine("cmd >>/dev/null").unsafe).toBeNull();
    expect(scanShellLine("cmd </dev/null").syntax).toBe("<");
  });

  it("refuses a redirection to or from a file, and names the file", () => {
    expect(scanShellLine("cmd > out.txt")).toEqual({
      syntax: ">",
      commands: [["cmd"]],
      unsafe: redirection("out.txt"),
    });
    expect(scanShellLine("cmd >>log|x").unsafe).toBe(redirection("log"));
    expect(scanShellLine("cmd >>log|x").commands).toEqual([["cmd"], ["x"]]);
    expect(scanShellLine("cmd < in").unsafe).toBe(redirection("in"));
    expect(scanShellLine("cmd 2>&12").unsafe).toBe(redirection("12"));
    expect(scanShellLine("cmd >").unsafe).toBe(redirection(""));
    // The first reason found is the one given.
    expect(scanShellLine("cmd > a > b").unsafe).toBe(redirection("a"));
  });

  it("treats a word with letters before > as an argument, not a descriptor", () => {
    expect(scanShellLine("echo a2>/dev/null").commands).toEqual([["echo", "a2"]]);
    expect(scanShellLine("echo 2>/dev/null").commands).toEqual([["echo"]]);
  });
});

describe("scanShellLine: what runs a program unseen", () => {
  it("refuses command substitution, outside quotes and inside double quotes", () => {
    expect(scanShellLine("echo $(date)")).toEqual({
      syntax: "$(",
      commands: [["echo", "$(date)"]],
      unsafe: SUBSTITUTION,
    });
    expect(scanShellLine("echo `date`")).toEqual({
      syntax: "`",
      commands: [["echo", "`date`"]],
      unsafe: SUBSTITUTION,
    });
    expect(scanShellLine('echo "$(date)"')).toMatchObject({ syntax: "$(", unsafe: SUBSTITUTION });
    expect(scanShellLine('echo "`date`"')).toMatchObject({ syntax: "`", unsafe: SUBSTITUTION });
    expect(scanShellLine("echo '$(date)' '`x`'")).toMatchObject({ syntax: null, unsafe: null });
  });

  it("refuses a subshell", () => {
    expect(scanShellLine("(cd x && ls)")).toEqual({
      syntax: "(",
      commands: [["(cd", "x"], ["ls)"]],
      unsafe: SUBSHELL,
    });
    expect(scanShellLine("a )").syntax).toBe(")");
  });
});

describe("scanShellLine: expansions", () => {
  it("names a variable, outside quotes and inside double quotes, but not a lone $", () => {
    for (const name of ["HOME", "{HOME}", "_x", "1", "?", "#", "@", "*", "!", "$", "-"]) {
      expect(scanShellLine(`echo $${name}`).syntax, name).toBe("$");
      expect(scanShellLine(`echo "$${name}"`).syntax, name).toBe("$");
    }
    expect(scanShellLine("echo $ a$").syntax).toBeNull();
    expect(scanShellLine('echo "$ x$"').syntax).toBeNull();
    expect(scanShellLine("echo $HOME").commands).toEqual([["echo", "$HOME"]]);
    expect(scanShellLine("echo $HOME").unsafe).toBeNull();
  });

  it("names globs anywhere in a word, and ~ and # only where a word starts", () => {
    expect(scanShellLine("ls *.md").syntax).toBe("*");
    expect(scanShellLine("ls a?.md").syntax).toBe("?");
    expect(scanShellLine("ls [ab].md").syntax).toBe("[");
    expect(scanShellLine("ls ~/docs").syntax).toBe("~");
    expect(scanShellLine("ls # note").syntax).toBe("#");
    expect(scanShellLine("ls a~b a#b").syntax).toBeNull();
    expect(scanShellLine("ls ]").syntax).toBeNull();
    expect(scanShellLine("ls *.md").commands).toEqual([["ls", "*.md"]]);
  });

  it("names the first shell syntax in the line, and keeps the first reason it cannot be checked", () => {
    expect(scanShellLine("ls *.md | wc -l").syntax).toBe("*");
    expect(scanShellLine("echo $HOME > out").syntax).toBe("$");
    expect(scanShellLine("(a) > out").unsafe).toBe(SUBSHELL);
    expect(scanShellLine("a > out; $(b)").unsafe).toBe(redirection("out"));
    expect(scanShellLine("echo $(a) (b)").unsafe).toBe(SUBSTITUTION);
  });
});

describe("scanShellLine: edges", () => {
  it("takes only a word of digits before > as a descriptor", () => {
    expect(scanShellLine("echo 2a>/dev/null").commands).toEqual([["echo", "2a"]]);
    expect(scanShellLine("echo 12>/dev/null").commands).toEqual([["echo"]]);
  });

  it("skips tabs before a redirection's target", () => {
    expect(scanShellLine("cmd >\t out").unsafe).toBe(redirection("out"));
  });

  it("takes a parenthesis after a letter as a subshell, not a substitution", () => {
    expect(scanShellLine("echo f(x)")).toMatchObject({ syntax: "(", unsafe: SUBSHELL });
    expect(scanShellLine('echo "f(x)"')).toEqual({
      syntax: null,
      commands: [["echo", "f(x)"]],
      unsafe: null,
    });
  });
});
