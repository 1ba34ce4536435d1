/**
 * Where `{{ … }}` interpolations and template strings end, for the splitter (in
 * markdown text), the lexer (template strings) and the parser (their parts). One scanner
 * for all three, so that any expression, with strings, object literals and nested
 * templates, may stand inside `{{ }}` everywhere.
 * @module
 */

/**
 * The end of `{{ … }}` whose expression starts at `from`: the offset of the first `}}`
 * outside strings, templates and the braces of object literals; -1 if there is none.
 */
export function findInterpolationEnd(source: string, from: number, end: number): number {
  let p = from;
  // Braces of object literals inside the expression: `}}` ends it only outside them.
  let depth = 0;
  while (p < end) {
    const c = source.charCodeAt(p);
    if (c === 34 || c === 39) {
      p = skipQuoted(source, p, end, c);
      continue;
    }
    if (c === 96) {
      p = skipTemplate(source, p, end);
      if (p === -1) return -1;
      continue;
    }
    if (c === 123) depth++;
    else if (c === 125) {
      if (depth > 0) depth--;
      // A stray `}` is left for the parser to report: `}}` further on still ends this.
      else if (p + 1 < end && source.charCodeAt(p + 1) === 125) return p;
    }
    p++;
  }
  return -1;
}

/** Past a "…" or '…' string at `p` (backslash escapes honoured). */
function skipQuoted(source: string, p: number, end: number, quote: number): number {
  p++;
  while (p < end && source.charCodeAt(p) !== quote) p += source.charCodeAt(p) === 92 ? 2 : 1;
  return p + 1;
}

/**
 * Past a `…` template at `p` (the offset after its closing backtick), whose `{{ … }}`
 * parts may hold anything an expression can, templates included; -1 if it never closes.
 */
export function skipTemplate(source: string, p: number, end: number): number {
  p++;
  while (p < end) {
    const c = source.charCodeAt(p);
    if (c === 96) return p + 1;
    // `\{{` is a literal `{{` as a whole.
    if (c === 92) p += source.startsWith("{{", p + 1) && p + 2 < end ? 3 : 2;
    else if (c === 123 && source.charCodeAt(p + 1) === 123) {
      const close = findInterpolationEnd(source, p + 2, end);
      if (close === -1) return -1;
      p = close + 2;
    } else p++;
  }
  return -1;
}
