/**
 * Hostile documents, by family: each is a function of a size `n` that builds a document
 * whose length grows linearly with `n` and that once took time quadratic in it (or could,
 * done naively), or that nests `n` deep.
 */

export interface Hostile {
  name: string;
  lang: "md" | "xmd";
  make(n: number): string;
}

const fence = (code: string) => `\`\`\`xmd\n${code}\n\`\`\`\n`;
const rep = (s: string, n: number) => s.repeat(n);

export const HOSTILE: Hostile[] = [
  // Unclosed delimiters, at scale.
  { name: "unclosed {{", lang: "md", make: (n) => rep("{{", n) },
  { name: "unclosed {{ with text", lang: "md", make: (n) => rep("a {{ b ", n) },
  { name: "unclosed {{ over stray }", lang: "md", make: (n) => rep("{{ x } ", n) },
  { name: "unclosed {{ with braces", lang: "md", make: (n) => `${rep("{", n)}${rep("} ", n)}` },
  { name: "unclosed {{ with strings", lang: "md", make: (n) => `{{"${rep('{{\\"', n)}` },
  { name: "unclosed {{ with quotes", lang: "md", make: (n) => rep("{{'\\'", n) },
  { name: "unclosed {{ with templates", lang: "md", make: (n) => rep("{{ `", n) },
  { name: "unclosed {{ with template parts", lang: "md", make: (n) => rep("{{`{{", n) },
  { name: "unclosed <!--", lang: "md", make: (n) => rep("<!-- ", n) },
  { name: "unclosed <!-- xmd", lang: "md", make: (n) => rep("<!-- xmd ", n) },
  { name: "unclosed <!-- xmd lines", lang: "md", make: (n) => rep("<!-- xmd print 1\n", n) },
  { name: "unclosed <!-- xmd: lines", lang: "md", make: (n) => rep("<!-- xmd:set a = 1\n", n) },
  { name: "unclosed @import(", lang: "md", make: (n) => rep(" @import(a", n) },
  { name: "@import( lines closed at the end", lang: "md", make: (n) => `${rep("@import(a.md\n", n)})` },
  { name: "unclosed ``` fences", lang: "md", make: (n) => rep("```xmd\n", n) },
  { name: "unclosed ~~~ fences", lang: "md", make: (n) => rep("~~~\n```xmd\n", n) },
  { name: "unclosed ```md fences", lang: "xmd", make: (n) => rep("```md\n{{\n", n) },
  { name: "unmatched backtick runs", lang: "md", make: (n) => rep("` `` ", n) },
  { name: "backtick runs of many lengths", lang: "md", make: (n) => backtickLadder(n) },
  // Each pair of backticks is matched across a block's end, so the block's end is asked for.
  { name: "backtick pairs across blank lines", lang: "md", make: (n) => rep("``a {{1}}\n\n", n) },
  { name: "backtick pairs across fences", lang: "md", make: (n) => rep("``a\n```\n``\n```\n", n) },
  { name: "backtick pairs in a long paragraph", lang: "md", make: (n) => `${rep("`a\n", n)}\n` },
  { name: "unclosed strings", lang: "xmd", make: (n) => rep('print "\n', n) },
  { name: "unclosed strings in {{", lang: "md", make: (n) => rep('{{ "a }} ', n) },
  { name: "unclosed templates", lang: "xmd", make: (n) => rep("print `\n", n) },
  { name: "unclosed block comments", lang: "xmd", make: (n) => rep("/* a\n", n) },
  {
    name: "unclosed block comments in pieces",
    lang: "md",
    make: (n) => `${rep("```xmd\n/* a\n```\n", n)}*/`,
  },
  { name: "unclosed block comments in {{", lang: "md", make: (n) => `${rep("{{ 1 /* }} ", n)}*/` },
  { name: "many strings", lang: "xmd", make: (n) => `${rep('set a ""\n', n)}set b "\\n"\n` },
  // Slashes after names, each of which could start a regex that closes further on the line.
  { name: "slashes after names, never closed", lang: "xmd", make: (n) => `print ${rep("a /b ", n)}` },
  { name: "slashes after names, in classes", lang: "xmd", make: (n) => `print ${rep("a /[ ", n)}` },
  { name: "slashes after names, closing late", lang: "xmd", make: (n) => `print ${rep("a /[/ ", n)}]/` },
  { name: "unclosed regexes", lang: "xmd", make: (n) => rep("set r /a[/\n", n) },
  { name: "regex literals", lang: "xmd", make: (n) => rep("print /a+[/]\\/(b)/gi.test(x)\n", n) },
  { name: "unclosed (", lang: "xmd", make: (n) => `print ${rep("(", n)}` },
  { name: "unclosed [", lang: "xmd", make: (n) => `print ${rep("[", n)}` },
  { name: "unclosed {", lang: "xmd", make: (n) => `print ${rep("{", n)}` },
  { name: "set a ( lines", lang: "md", make: (n) => fence(rep("set a (\n", n)) },
  { name: "set f ( lines", lang: "xmd", make: (n) => rep("set f ((\n", n) },
  {
    name: "block headers without blocks",
    lang: "xmd",
    make: (n) => rep("if x\nfor i in y\nwhile z\nfunction f\n", n),
  },
  { name: "unclosed classic if", lang: "md", make: (n) => rep("<!-- xmd:if true -->\n", n) },
  { name: "stray classic endfor", lang: "md", make: (n) => rep("<!-- xmd:endfor -->\n", n) },
  // Deep nesting of every bracket and block kind.
  { name: "nested ( )", lang: "xmd", make: (n) => `print ${rep("(", n)}1${rep(")", n)}` },
  { name: "nested [ ]", lang: "xmd", make: (n) => `print ${rep("[", n)}1${rep("]", n)}` },
  { name: "nested { }", lang: "xmd", make: (n) => `print ${rep("{a: ", n)}1${rep("}", n)}` },
  { name: "nested calls", lang: "xmd", make: (n) => `print ${rep("len(", n)}1${rep(")", n)}` },
  { name: "nested templates", lang: "xmd", make: (n) => `print ${rep("`{{", n)}1${rep("}}`", n)}` },
  { name: "nested lambdas", lang: "xmd", make: (n) => `set f ${rep("x => ", n)}1` },
  { name: "nested ternaries", lang: "xmd", make: (n) => `print ${rep("true ? ", n)}1${rep(" : 2", n)}` },
  { name: "nested not", lang: "xmd", make: (n) => `print ${rep("not ", n)}true` },
  { name: "nested minus", lang: "xmd", make: (n) => `print ${rep("- ", n)}1` },
  { name: "nested if then", lang: "xmd", make: (n) => `${rep("if true then ", n)}print 1` },
  { name: "nested blocks", lang: "xmd", make: (n) => nestedBlocks(n) },
  {
    name: "elif chain",
    lang: "xmd",
    make: (n) => `if false\n  print 0\n${rep("elif false\n  print 1\n", n)}`,
  },
  {
    name: "nested classic if",
    lang: "md",
    make: (n) => `${rep("<!-- xmd:if true -->", n)}x${rep("<!-- xmd:endif -->", n)}`,
  },
  { name: "long + chain", lang: "xmd", make: (n) => `print 1${rep(" + 1", n)}` },
  { name: "long member chain", lang: "xmd", make: (n) => `set a {}\nprint a${rep(".b", n)}` },
  { name: "long index chain", lang: "xmd", make: (n) => `set a [1]\nprint a${rep("[0]", n)}` },
  // Huge literals and long lines.
  { name: "huge string literal", lang: "xmd", make: (n) => `print "${rep("a", n)}"` },
  { name: "huge number literal", lang: "xmd", make: (n) => `print ${rep("9", n)}` },
  { name: "huge name", lang: "xmd", make: (n) => `set ${rep("a", n)} 1` },
  { name: "huge comment", lang: "xmd", make: (n) => `# ${rep("a", n)}\nprint 1` },
  { name: "huge interpolation", lang: "md", make: (n) => `{{ "${rep("a", n)}" }}` },
  { name: "long line of items", lang: "xmd", make: (n) => `print [${rep("1, ", n)}1].length` },
  { name: "long line of imports", lang: "xmd", make: (n) => `print [${rep("import x, ", n)}]` },
  { name: "long line of directives", lang: "md", make: (n) => `${rep("<!-- xmd:set a = 1 --> ", n)}\n` },
  { name: "long line of inline comments", lang: "md", make: (n) => `x${rep("<!-- xmd print 1 -->", n)}\n` },
  { name: "long line of interpolations", lang: "md", make: (n) => rep("{{ 1 }}", n) },
  { name: "long line of escapes", lang: "md", make: (n) => rep("\\{{", n) },
  // Many lines of errors.
  { name: "lines of bad characters", lang: "xmd", make: (n) => rep("print @\n", n) },
  { name: "lines of broken statements", lang: "xmd", make: (n) => rep("set\nx = = 2\nprint 1 +\n", n) },
  { name: "lines of bad indentation", lang: "xmd", make: (n) => rep("if x\n    a\n  b\n", n) },
];

/** Backtick runs of lengths 1, 2, …, each unmatched: total length about n. */
function backtickLadder(n: number): string {
  let s = "";
  for (let k = 1; s.length < n; k++) s += `${"`".repeat(k)} `;
  return s;
}

/** `n` blocks nested by indentation (one space a level; length grows as n², so n stays small). */
function nestedBlocks(n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += `${" ".repeat(i)}if true\n`;
  return `${s}${" ".repeat(n)}print 1\n`;
}
