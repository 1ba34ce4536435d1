/**
 * Namespaced builtins: `File.*`, `json.*`, `yaml.*`, and `Date` (callable itself:
 * `Date "1990-01-01"`, plus `Date.now`).
 * @module
 */
import { RuntimeFault } from "../values/fault.js";
import { describe, expectString } from "./args.js";
import type { HostContext } from "./context.js";
import { checkTextSize } from "./data-size.js";
import { parseDate } from "./dates.js";
import { deleteFile, fileExists, listFolder, readText, writeTextAtomic } from "./files.js";
import { parseJsonText, parseYamlText, stringifyJson, stringifyYaml } from "./formats.js";
import { type HostFunction, type HostNamespace, withArgCount } from "./host-function.js";
import {
  escapeHtml,
  escapeInline,
  inlineCode,
  link,
  linkUrl,
  markdownList,
  markdownTable,
  tableCell,
} from "./markdown-text.js";
import { didYouMean } from "./suggest.js";
import { toText } from "./text.js";

type Member = [name: string, min: number, max: number, run: HostFunction];

function namespace(name: string, members: Member[], call?: Member): HostNamespace {
  const table = new Map<string, HostFunction>();
  for (const [member, min, max, run] of members)
    table.set(member, withArgCount(`${name}.${member}`, min, max, run));
  return call
    ? { name, members: table, call: withArgCount(name, call[1], call[2], call[3]) }
    : { name, members: table };
}

/** `Date.now`: the fixed clock when the run has one, else the host's clock (recorded as nondeterminism). */
export function currentDate(ctx: HostContext): Date {
  if (ctx.now !== null) return new Date(ctx.now);
  ctx.nondeterminism.clock = true;
  return new Date(ctx.host.now());
}

function indentArg(value: unknown): number | string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 10) return value;
  if (typeof value === "string" && value.length <= 10 && /^\s*$/.test(value)) return value;
  throw new RuntimeFault("type", `json.stringify indent must be 0 to 10 spaces, not ${describe(value)}`);
}

const FILE = namespace("File", [
  ["read", 1, 1, (c, a) => readText(c, a[0])],
  // Writes the text conversion of the value; returns null (prints nothing).
  [
    "write",
    2,
    2,
    (c, a) => {
      checkTextSize(c, a[1], "File.write");
      writeTextAtomic(c, a[0], toText(a[1]));
      return null;
    },
  ],
  ["exists", 1, 1, (c, a) => fileExists(c, a[0])],
  ["list", 0, 1, (c, a) => listFolder(c, a.length > 0 && a[0] !== null ? a[0] : ".")],
  ["delete", 1, 1, (c, a) => deleteFile(c, a[0])],
]);

const JSON_NS = namespace("json", [
  ["parse", 1, 1, (c, a) => parseJsonText(c, expectString(a[0], "json.parse argument"), "json.parse text")],
  ["stringify", 1, 2, (c, a) => stringifyJson(c, a[0], indentArg(a[1]))],
]);

const YAML_NS = namespace("yaml", [
  ["parse", 1, 1, (c, a) => parseYamlText(c, expectString(a[0], "yaml.parse argument"), "yaml.parse text")],
  ["stringify", 1, 1, (c, a) => stringifyYaml(c, a[0])],
]);

const DATE_NS = namespace(
  "Date",
  [
    ["now", 0, 0, (c) => currentDate(c)],
    ["parse", 1, 1, (_c, a) => parseDate(a[0])],
  ],
  // `Date` with no argument is now; with one, a date from text, milliseconds or a date.
  ["Date", 0, 1, (c, a) => (a.length === 0 || a[0] === null ? currentDate(c) : parseDate(a[0]))],
);

/** Markdown helpers: values made safe for the markdown around them, tables and lists from data. */
const MD_NS = namespace("md", [
  ["text", 1, 1, (_c, a) => escapeInline(a[0])],
  ["cell", 1, 1, (_c, a) => tableCell(a[0])],
  ["code", 1, 1, (_c, a) => inlineCode(a[0])],
  ["url", 1, 1, (_c, a) => linkUrl(a[0])],
  ["link", 2, 2, (_c, a) => link(a[0], a[1])],
  ["html", 1, 1, (_c, a) => escapeHtml(a[0])],
  ["table", 1, 2, (_c, a) => markdownTable(a[0], a[1])],
  ["list", 1, 1, (_c, a) => markdownList(a[0])],
]);

/** Every namespace by name. */
export const NAMESPACES: ReadonlyMap<string, HostNamespace> = new Map([
  ["File", FILE],
  ["json", JSON_NS],
  ["yaml", YAML_NS],
  ["Date", DATE_NS],
  ["md", MD_NS],
]);

/** Names of the namespaces, for the parser. */
export const NAMESPACE_NAMES: readonly string[] = Object.freeze([...NAMESPACES.keys()]);

/**
 * `NS.member` as a function; a misspelt member is a "type" error with a suggestion
 * (`File has no function 'raed'; did you mean 'read'?`).
 */
export function namespaceMember(namespaceName: string, member: string): HostFunction {
  const ns = NAMESPACES.get(namespaceName);
  if (!ns) throw new RuntimeFault("undefined-name", `there is no builtin namespace '${namespaceName}'`);
  const found = ns.members.get(member);
  if (found) return found;
  throw new RuntimeFault(
    "type",
    `${namespaceName} has no function '${member}'${didYouMean(member, ns.members.keys())}`,
  );
}
