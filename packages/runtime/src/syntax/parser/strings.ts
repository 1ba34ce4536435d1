/**
 * The text of string literals: escapes decoded.
 * @module
 */

/**
 * Decodes `\n \t \r \" \' \\ \` \{ \uXXXX` in source[start, end). Works on the slice, so
 * that no search for a backslash runs past the string: one did, to the next backslash of
 * the whole document, for every string literal (a document of many strings and no
 * backslash took time quadratic in its length).
 */
export function unescapeString(source: string, start: number, end: number): string {
  const text = source.slice(start, end);
  let next = text.indexOf("\\");
  if (next === -1) return text;
  let out = "";
  let p = 0;
  const length = text.length;
  while (p < length) {
    if (next !== p || p + 1 >= length) {
      // Plain text up to the next backslash (a backslash that ends the text is plain too,
      // and ends the loop: `next` is then behind `p`, never read again).
      const stop = next === -1 ? length : next === p ? p + 1 : next;
      out += text.slice(p, stop);
      p = stop;
      continue;
    }
    const e = text[p + 1];
    p += 2;
    switch (e) {
      case "n":
        out += "\n";
        break;
      case "t":
        out += "\t";
        break;
      case "r":
        out += "\r";
        break;
      case "0":
        out += "\0";
        break;
      case "u": {
        const hex = text.slice(p, p + 4);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          out += String.fromCharCode(Number.parseInt(hex, 16));
          p += 4;
        } else out += "u";
        break;
      }
      default:
        out += e;
    }
    next = text.indexOf("\\", p);
  }
  return out;
}
