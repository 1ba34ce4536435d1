/**
 * Values made safe for the markdown around them (`md.cell`, `md.code`, `md.link`, …),
 * markdown tables and lists from data (`md.table`, `md.list`), and numbers formatted
 * for people (`n.format {decimals: 2}`): what a report written in XMD needs so that a `|`
 * in a name does not break its table and a sum of money does not print
 * `0.30000000000000004`.
 * @module
 */

import { budget } from "../values/budget.js";
import { RuntimeFault } from "../values/fault.js";
import { describe, expectArray, expectString } from "./args.js";
import { isPlainObject, toText } from "./text.js";

/**
 * Characters that mean something in markdown text, escaped with a backslash by `md.text`:
 * `&` too, which would start an entity reference (`&copy;` would show as ©).
 */
const INLINE_SPECIAL = /[\\`*_{}[\]()<>#+\-.!|~&]/g;

/** Space that begins a line after a line break: four columns of it after a blank line make code. */
const INDENT_AFTER_BREAK = /(?<=[\r\n])[ \t]+/g;

/** `=` at a line's start: a line of them under a line of text makes that text a heading. */
const EQUALS_AT_LINE_START = /^=/gm;

/**
 * `md.text x`: text that reads literally in a paragraph or link text: every character with
 * a meaning in markdown escaped (`*`, `_`, `[`, `&` …), `=` at a line's start escaped, and
 * the space that begins a line after a line break dropped (a paragraph drops it anyway).
 * Space at the very start is kept: the text may go in the middle of a line. A blank line
 * in the text still ends a paragraph.
 */
export function escapeInline(value: unknown): string {
  return toText(value)
    .replace(INDENT_AFTER_BREAK, "")
    .replace(INLINE_SPECIAL, "\\$&")
    .replace(EQUALS_AT_LINE_START, "\\=");
}

/**
 * `md.cell x`: text for one cell of a table: `|` escaped, line breaks as `<br>` (a cell is
 * one line), and space at the ends of each line trimmed.
 */
export function tableCell(value: unknown): string {
  return toText(value)
    .replace(/\|/g, "\\|")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .join("<br>");
}

/**
 * `md.code x`: an inline code span that shows the text as it is: fenced by one backtick
 * more than the longest run inside it, and padded with a space when it starts or ends
 * with a backtick (CommonMark strips one space from each side).
 */
export function inlineCode(value: unknown): string {
  const text = toText(value).replace(/\r?\n/g, " ");
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  const pad =
    text.startsWith("`") ||
    text.endsWith("`") ||
    (text.startsWith(" ") && text.endsWith(" ") && text.trim() !== "");
  return pad ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/**
 * `md.url x`: a link destination: spaces, `<`, `>`, parentheses and non-ASCII characters
 * percent-encoded; characters a URL needs (`/`, `?`, `#`, `&`, `%` …) left as they are.
 */
export function linkUrl(value: unknown): string {
  return encodeURI(toText(value)).replace(/[()]/g, (c) => (c === "(" ? "%28" : "%29"));
}

/** `md.link text url`: `[text](url)`, the text escaped as link text and the url encoded. */
export function link(text: unknown, url: unknown): string {
  return `[${escapeInline(text)}](${linkUrl(url)})`;
}

/** `md.html x`: text for HTML: `&`, `<`, `>`, `"` and `'` as entities. */
export function escapeHtml(value: unknown): string {
  return toText(value).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string);
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * `md.table rows` / `md.table rows, columns`: a GFM table from a list of objects. The
 * columns are the ones named, in order, or else every key of the rows in the order first
 * seen; a column is an object key, or `[key, "Header"]` to head it otherwise, or
 * `[key, "Header", {decimals: 2}]` to write its numbers as `n.format` would with those
 * options. Cells go through `md.cell`; a missing key is an empty cell; a column of
 * numbers only is aligned right. The table ends without a line break, as `print` adds one.
 */
export function markdownTable(rowsValue: unknown, columnsValue: unknown): string {
  const rows = expectArray(rowsValue, "md.table rows");
  const b = budget();
  const columns: { key: string; header: string; format?: unknown }[] = [];
  if (columnsValue === undefined || columnsValue === null) {
    const seen = new Set<string>();
    for (const row of rows) {
      b.step();
      if (!isPlainObject(row)) throw notARow(row);
      for (const key of Object.keys(row)) {
        if (!seen.has(key)) {
          seen.add(key);
          columns.push({ key, header: key });
        }
      }
    }
  } else {
    for (const c of expectArray(columnsValue, "md.table columns")) {
      if (typeof c === "string") columns.push({ key: c, header: c });
      else if (Array.isArray(c) && (c.length === 2 || c.length === 3) && typeof c[0] === "string")
        columns.push({ key: c[0], header: toText(c[1]), format: c[2] ?? null });
      else
        throw new RuntimeFault(
          "type",
          `a column of md.table is a key, [key, "Header"] or [key, "Header", {decimals: 2}], not ${describe(c)}`,
          'write the columns as ["name", "qty"] or [["qty", "Quantity"]]',
        );
    }
  }
  if (columns.length === 0) return "";
  const numeric = columns.map(
    (c) =>
      rows.length > 0 &&
      rows.every((r) => isPlainObject(r) && (typeof r[c.key] === "number" || r[c.key] == null)) &&
      rows.some((r) => typeof (r as Record<string, unknown>)[c.key] === "number"),
  );
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const cell = (c: (typeof columns)[number], v: unknown) =>
    v == null ? "" : tableCell(typeof v === "number" && c.format != null ? formatNumber(v, c.format) : v);
  let out = line(columns.map((c) => tableCell(c.header)));
  out += `\n|${numeric.map((right) => (right ? " ---: " : " --- ")).join("|")}|`;
  for (const row of rows) {
    b.step();
    if (!isPlainObject(row)) throw notARow(row);
    out = b.append(out, `\n${line(columns.map((c) => cell(c, row[c.key])))}`, "md.table");
  }
  return out;
}

function notARow(value: unknown): RuntimeFault {
  return new RuntimeFault(
    "type",
    `md.table makes a row of each object of the list, not of ${describe(value)}`,
    "give it a list of objects, such as the rows of a YAML or JSON file",
  );
}

/**
 * `md.list items`: a bullet list, one `- item` line per item; an item that is a list
 * becomes a list nested under the item before it. Items are written as text, not
 * escaped (they may be markdown); lines after an item's first are indented under it.
 * The list ends without a line break, as `print` adds one.
 */
export function markdownList(itemsValue: unknown): string {
  const items = expectArray(itemsValue, "md.list items");
  const b = budget();
  let out = "";
  const walk = (list: readonly unknown[], indent: string, depth: number) => {
    if (depth > 16) throw new RuntimeFault("limit", "md.list nests more than 16 levels deep");
    for (const item of list) {
      b.step();
      if (Array.isArray(item)) walk(item, `${indent}  `, depth + 1);
      else {
        const text = toText(item).replace(/\r?\n/g, `\n${indent}  `);
        out = b.append(out, `${out === "" ? "" : "\n"}${indent}- ${text}`, "md.list");
      }
    }
  };
  walk(items, "", 0);
  return out;
}

/** The options `n.format` takes; see {@link formatNumber}. */
const FORMAT_KEYS = new Set(["decimals", "grouping", "style", "currency", "locale"]);

/**
 * `n.format` / `n.format {decimals, grouping, style, currency, locale}`: a number for
 * people, on `Intl.NumberFormat`. Defaults: locale `en-US` (not the machine's: the same
 * document renders the same everywhere), grouping on (`1,234.5`), up to three decimals;
 * `decimals: 2` gives exactly two (rounded, so `0.1 + 0.2` is `0.30`); `style: "percent"`
 * multiplies by 100 (`0.125` → `12.5%`); `currency: "EUR"` writes money in that currency.
 */
export function formatNumber(n: number, optionsValue: unknown): string {
  const options = optionsValue === undefined || optionsValue === null ? {} : optionsValue;
  if (!isPlainObject(options))
    throw new RuntimeFault("type", `.format takes an object of options, not ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (!FORMAT_KEYS.has(key))
      throw new RuntimeFault(
        "type",
        `.format has no option '${key}'`,
        "its options are decimals, grouping, style, currency and locale",
      );
  }
  const intl: Intl.NumberFormatOptions = {};
  if (options.decimals !== undefined) {
    const d = options.decimals;
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0 || d > 20)
      throw new RuntimeFault(
        "type",
        `.format decimals must be a whole number from 0 to 20, not ${describe(d)}`,
      );
    intl.minimumFractionDigits = d;
    intl.maximumFractionDigits = d;
  }
  if (options.grouping !== undefined) intl.useGrouping = options.grouping === true;
  if (options.currency !== undefined) {
    intl.style = "currency";
    intl.currency = expectString(options.currency, ".format currency");
  }
  if (options.style !== undefined) {
    const style = options.style;
    if (style !== "decimal" && style !== "percent" && style !== "currency")
      throw new RuntimeFault(
        "type",
        `.format style must be "decimal", "percent" or "currency", not ${describe(style)}`,
      );
    if (style === "currency" && intl.currency === undefined)
      throw new RuntimeFault("type", '.format style "currency" needs a currency, such as currency: "USD"');
    intl.style = style;
  }
  const locale = options.locale === undefined ? "en-US" : expectString(options.locale, ".format locale");
  try {
    return new Intl.NumberFormat(locale, intl).format(n);
  } catch (e) {
    // An unknown currency code or locale tag.
    throw new RuntimeFault("type", `.format: ${(e as Error).message}`);
  }
}
