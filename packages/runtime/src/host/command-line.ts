/**
 * Splitting a command line into argv without a shell: words separated by blanks, `'…'`
 * literal, `"…"` with `\"`, `\\`, `` \` `` and `\$` escapes, `\x` outside quotes for a literal x.
 * `;`, `|`, `&&`, `>`, backticks and `$(…)` are ordinary characters — nothing is interpreted.
 * @module
 */
import { RuntimeFault } from "../values/fault.js";

/** The argv of a command line. An unterminated quote is a "runtime" error. */
export function splitCommandLine(line: string): string[] {
  const argv: string[] = [];
  let word = "";
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (inWord) argv.push(word);
      word = "";
      inWord = false;
      i++;
      continue;
    }
    if (c === "\\" && line[i + 1] === "\n") {
      // A line continuation: nothing, not even an empty word.
      i += 2;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new RuntimeFault("runtime", `unterminated ' quote in command: ${line}`);
      word += line.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new RuntimeFault("runtime", `unterminated " quote in command: ${line}`);
        const d = line[i]!;
        if (d === '"') {
          i++;
          break;
        }
        if (d === "\\" && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) {
          if (line[i + 1] !== "\n") word += line[i + 1];
          i += 2;
          continue;
        }
        word += d;
        i++;
      }
      continue;
    }
    if (c === "\\" && i + 1 < line.length) {
      word += line[i + 1];
      i += 2;
      continue;
    }
    word += c;
    i++;
  }
  if (inWord) argv.push(word);
  return argv;
}
