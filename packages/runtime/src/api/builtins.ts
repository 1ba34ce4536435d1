/**
 * The language's builtins, each with its signature and a one-line description: for
 * editors (hover and completion in the language server) and other tools that describe
 * XMD. The lists are checked against the evaluator's own tables by the tests, so a
 * builtin added to the runtime without a line here fails them.
 * @module
 */
import { KEYWORDS } from "../syntax/keywords.js";

/** What kind of builtin an entry is. */
export type BuiltinKind = "function" | "namespace" | "member" | "method" | "keyword";

/** The kinds of value that have methods. */
export type MethodReceiver = "string" | "array" | "number" | "date" | "object" | "regex" | "generator";

/** One builtin name and what it does. */
export interface BuiltinDoc {
  /** The name as written: `len`, `File`, `read` (a member of `File`), `upper` (a method). */
  readonly name: string;
  readonly kind: BuiltinKind;
  /** How it is called, as the language reference writes it: `len x`, `File.read path`, `.upper`. */
  readonly signature: string;
  /** What it does, in one sentence. */
  readonly doc: string;
  /** For a `member`: the namespace it belongs to (`File`, `json`, `yaml`, `Date`, `md`). */
  readonly namespace?: string;
  /** For a `method`: the kind of value it is called on. */
  readonly receiver?: MethodReceiver;
}

type Row = [name: string, signature: string, doc: string];

const FUNCTIONS: Row[] = [
  ["print", "print a, b, …", "Writes the values as text, separated by spaces, and ends the line."],
  ["exists", 'exists("NAME")', "`true` when the document-level variable `NAME` is set."],
  ["len", "len x", "The length of a string or a list, or the number of keys of an object."],
  [
    "range",
    "range n / range a, b / range a, b, step",
    "The numbers `0 … n-1`, `a … b-1`, or from `a` by `step` up to `b`.",
  ],
  ["keys", "keys obj", "The keys of an object, as a list."],
  ["values", "values obj", "The values of an object, as a list."],
  ["join", "join list / join list, sep", "The items as text joined by `sep` (default `,`)."],
  [
    "round",
    "round x / round x, digits",
    "Rounded to a whole number or to `digits` decimals; halves round away from zero.",
  ],
  ["floor", "floor x", "The largest whole number not above `x`."],
  ["ceil", "ceil x", "The smallest whole number not below `x`."],
  ["abs", "abs x", "The absolute value of `x`."],
  ["sqrt", "sqrt x", "The square root of `x` (a negative `x` is an error)."],
  ["min", "min a, b, … / min list", "The smallest number."],
  ["max", "max a, b, … / max list", "The largest number."],
  ["number", "number x", 'A number from a number, a boolean or text such as `"42"` or `"0x1F"`.'],
  ["string", "string x", "The value as text."],
  ["map", "map list, f", "A new list of `f(item)` for each item."],
  ["filter", "filter list, f", "The items for which `f(item)` is true."],
  [
    "reduce",
    "reduce list, f / reduce list, f, start",
    "Combines the items with `f(total, item)`, from `start` or the first item.",
  ],
  [
    "import",
    'import "file" / import a, b from "file"',
    "Imports a module's exports, a data file, or (classic) a part in place.",
  ],
  ["exec", "exec command line", "Runs a program (when the exec policy allows it) and gives its output."],
  ["cmd", 'cmd "command line"', "Runs a program, as `exec`, with the command line as a value."],
  ["get", "get file.key.key", "Reads a value from a JSON or YAML data file."],
  ["put", "put file.key.key value", "Writes a value into a JSON or YAML data file."],
];

const NAMESPACES: Row[] = [
  ["File", "File.read path", "Files inside the root: `read`, `write`, `exists`, `list`, `delete`."],
  ["json", "json.parse text", "JSON text: `parse` and `stringify`."],
  ["yaml", "yaml.parse text", "YAML text: `parse` and `stringify`."],
  [
    "Date",
    'Date "2024-01-31" / Date.now',
    "A date from text or milliseconds; `Date` alone or `Date.now` is now (UTC).",
  ],
  ["md", "md.table rows", "Markdown helpers: values made safe for markdown, tables and lists from data."],
];

const MEMBERS: Record<string, Row[]> = {
  File: [
    ["read", "File.read path", "The file's text (UTF-8)."],
    [
      "write",
      "File.write path, value",
      "Writes the value as text, atomically, creating missing folders; returns `null`.",
    ],
    ["exists", "File.exists path", "`true` when a file or folder is there."],
    ["list", "File.list / File.list folder", 'The names in a folder (default `"."`), sorted.'],
    ["delete", "File.delete path", "Deletes a file; `true` if it existed."],
  ],
  json: [
    ["parse", "json.parse text", "The value the JSON text describes."],
    [
      "stringify",
      "json.stringify value / json.stringify value, indent",
      "JSON text: compact, or indented by `indent` spaces.",
    ],
  ],
  yaml: [
    ["parse", "yaml.parse text", "The value the YAML text describes (one document)."],
    ["stringify", "yaml.stringify value", "YAML text in block style, ending with a newline."],
  ],
  Date: [
    ["now", "Date.now", "The current time (fixed by `--now` or the `now` option)."],
    ["parse", "Date.parse text", "A date from text, as `Date text`."],
  ],
  md: [
    ["text", "md.text x", "`x` as text with markdown's special characters escaped."],
    ["cell", "md.cell x", "Text for one table cell: `|` escaped, line breaks as `<br>`."],
    ["code", "md.code x", "An inline code span of `x`."],
    ["url", "md.url x", "A link destination, with spaces, parentheses and non-ASCII percent-encoded."],
    ["link", "md.link text, url", "`[text](url)`, both made safe."],
    ["html", "md.html x", "`&`, `<`, `>`, `\"`, `'` as HTML entities."],
    ["table", "md.table rows / md.table rows, columns", "A GFM table from a list of objects."],
    ["list", "md.list items", "A bullet list, one `- item` per item; a nested list nests."],
  ],
};

const METHODS: Record<MethodReceiver, Row[]> = {
  string: [
    ["length", ".length", "The number of characters (UTF-16 units)."],
    ["upper", ".upper", "The text in upper case."],
    ["lower", ".lower", "The text in lower case."],
    ["trim", ".trim", "The text without surrounding whitespace."],
    ["trimStart", ".trimStart", "The text without leading whitespace."],
    ["trimEnd", ".trimEnd", "The text without trailing whitespace."],
    [
      "split",
      ".split / .split sep",
      "A list of parts: the words, or the parts between `sep` (text or regex).",
    ],
    [
      "replace",
      ".replace what, by",
      "The text with every `what` replaced by `by` (a regex: its first match, every with `g`).",
    ],
    ["startsWith", ".startsWith s", "Whether the text starts with `s`."],
    ["endsWith", ".endsWith s", "Whether the text ends with `s`."],
    ["includes", ".includes s", "Whether the text contains `s` (text or regex)."],
    [
      "slice",
      ".slice start / .slice start, end",
      "A part of the text; negative positions count from the end.",
    ],
    ["indexOf", ".indexOf s", "The position of the first `s`, or `-1`."],
    ["lastIndexOf", ".lastIndexOf s", "The position of the last `s`, or `-1`."],
    ["padStart", ".padStart n / .padStart n, fill", "The text widened to `n` characters at the start."],
    ["padEnd", ".padEnd n / .padEnd n, fill", "The text widened to `n` characters at the end."],
    ["repeat", ".repeat n", "The text `n` times."],
    ["charAt", ".charAt i", 'The character at position `i` (`""` when out of range).'],
    ["match", ".match s", "`[s]` when the text contains `s`, else `null`; a regex matches as `re.match`."],
  ],
  array: [
    ["length", ".length", "The number of items."],
    ["push", ".push x, …", "Adds items at the end; returns the new length."],
    ["pop", ".pop", "Removes and returns the last item (`null` when empty)."],
    ["shift", ".shift", "Removes and returns the first item (`null` when empty)."],
    ["join", ".join / .join sep", "The items as text joined by `sep` (default `,`)."],
    ["map", ".map f", "A new list of `f(item)` for each item."],
    ["filter", ".filter f", "The items for which `f(item)` is true."],
    ["reduce", ".reduce f / .reduce f, start", "Combines the items with `f(total, item)`."],
    ["find", ".find f", "The first item for which `f(item)` is true, or `null`."],
    ["some", ".some f", "Whether any item passes `f`."],
    ["every", ".every f", "Whether every item passes `f`."],
    ["sort", ".sort / .sort f", "Sorts the list in place and returns it."],
    ["reverse", ".reverse", "Reverses the list in place and returns it."],
    ["includes", ".includes x", "Whether `x` is in the list."],
    ["indexOf", ".indexOf x", "Where `x` is in the list, or `-1`."],
    ["slice", ".slice start / .slice start, end", "A new list with a part of the items."],
    ["concat", ".concat x, …", "A new list with the items of the lists (or the values) added."],
    ["first", ".first", "The first item (`null` when empty)."],
    ["last", ".last", "The last item (`null` when empty)."],
  ],
  number: [
    ["round", ".round / .round digits", "Rounded, as the builtin `round`."],
    ["floor", ".floor", "As the builtin `floor`."],
    ["ceil", ".ceil", "As the builtin `ceil`."],
    ["abs", ".abs", "As the builtin `abs`."],
    ["toFixed", ".toFixed / .toFixed digits", "Text with exactly `digits` decimals (default 0)."],
    ["format", ".format / .format {options}", "Text for people: `1,234.5`."],
  ],
  date: [
    ["diff", ".diff other / .diff other, unit", "How many whole `unit`s this date is after `other`."],
    [
      "format",
      ".format / .format pattern",
      "ISO 8601 text, or the pattern with `YYYY`, `MM`, `DD`, `HH`, `mm`, `ss`, `SSS` replaced.",
    ],
    ["year", ".year", "The year (UTC)."],
    ["month", ".month", "The month, 1–12 (UTC)."],
    ["day", ".day", "The day of the month (UTC)."],
    ["hour", ".hour", "The hour, 0–23 (UTC)."],
    ["minute", ".minute", "The minute (UTC)."],
    ["second", ".second", "The second (UTC)."],
    ["weekday", ".weekday", "0 (Sunday) to 6 (Saturday)."],
    ["time", ".time", "Milliseconds since 1970-01-01 UTC."],
  ],
  object: [
    ["keys", ".keys", "The keys, as a list."],
    ["values", ".values", "The values, as a list."],
    ["has", ".has key", "Whether the object has the key."],
  ],
  regex: [
    ["test", ".test text", "Whether the regex matches somewhere in `text`."],
    ["match", ".match text", "The first match and its groups (every match with `g`), or `null`."],
    ["replace", ".replace text, by", "`text` with the first match (every match with `g`) replaced by `by`."],
    ["split", ".split text", "`text` split at each match."],
    ["source", ".source", "The pattern, as text."],
    ["flags", ".flags", "The flags, as text."],
  ],
  generator: [
    ["take", ".take n", "A list of the next `n` values."],
    ["next", ".next", "The next value, or `null` when it is done."],
    ["toList", ".toList", "A list of every value left."],
  ],
};

const KEYWORD_DOCS: Record<string, string> = {
  set: "Sets a variable, a key or an item: `set x 1`, `set o.k = 2`, `set n += 1`.",
  if: "Runs the indented block when the condition is true.",
  elif: "Another condition, tried when the ones before were false.",
  else: "The block run when no condition was true.",
  // biome-ignore lint/suspicious/noThenProperty: `then` is a keyword of XMD; this table is never awaited.
  then: "Separates a condition from its statement on one line: `if x then print x`.",
  for: "Runs the block for each item: `for x in list`, `for i, x in list`, `for k, v in obj`.",
  in: "The collection of a `for` loop.",
  loop: "Runs the block a number of times: `loop 3 times`.",
  while: "Runs the block as long as the condition is true.",
  break: "Leaves the innermost loop.",
  continue: "Goes on with the next round of the innermost loop.",
  function: "Declares a function: `function add a, b` and its indented body.",
  return: "Ends the function, giving its value.",
  try: "Runs the block; an error in it goes to `catch`.",
  catch: "Handles an error of the `try` block: `catch e`.",
  throw: "Raises an error with a value.",
  and: "True when both sides are true (the right side only evaluated when needed).",
  or: "True when either side is true (the right side only evaluated when needed).",
  not: "The opposite truth value.",
  true: "The boolean true.",
  false: "The boolean false.",
  null: "The absence of a value.",
  end: "Closes a block in the classic style (`<!-- xmd end -->`).",
  import: "Imports a module's exports, a data file, or (classic) a part in place.",
  export: "Makes a module's function or variable visible to files that import it.",
  endif: "Closes a classic `if`.",
  endfor: "Closes a classic `for`.",
};

let cache: BuiltinDoc[] | null = null;

/**
 * Drops the built list. For mutation runs only (test/support/mutation-seed.ts): one process
 * runs the tests again for each mutant, and a list built before a mutant of `builtins()` was
 * switched on would hide it from the test meant to catch it.
 */
// Stryker disable next-line all: the hook that keeps mutation runs honest; no test can see it.
export function forgetBuiltins(): void {
  cache = null;
}

/**
 * Every builtin name of the language with its signature and a one-line description:
 * global functions (and the special forms `print`, `exists`, `import`, `exec`, `cmd`,
 * `get`, `put`), the namespaces (`File`, `json`, `yaml`, `Date`, `md`) and their members,
 * the methods of each kind of value, and the reserved words. The same array each call;
 * do not change it.
 */
export function builtins(): readonly BuiltinDoc[] {
  if (cache !== null) return cache;
  const out: BuiltinDoc[] = [];
  for (const [name, signature, doc] of FUNCTIONS) out.push({ name, kind: "function", signature, doc });
  for (const [name, signature, doc] of NAMESPACES) out.push({ name, kind: "namespace", signature, doc });
  for (const [namespace, rows] of Object.entries(MEMBERS))
    for (const [name, signature, doc] of rows) out.push({ name, kind: "member", signature, doc, namespace });
  for (const [receiver, rows] of Object.entries(METHODS) as [MethodReceiver, Row[]][])
    for (const [name, signature, doc] of rows) out.push({ name, kind: "method", signature, doc, receiver });
  for (const name of KEYWORDS)
    out.push({ name, kind: "keyword", signature: name, doc: KEYWORD_DOCS[name] ?? "A reserved word." });
  cache = Object.freeze(out.map((d) => Object.freeze(d))) as BuiltinDoc[];
  return cache;
}
