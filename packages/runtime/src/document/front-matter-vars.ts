/**
 * A document's front matter as variables: the YAML block at its top, parsed with the
 * data-file limits, its keys the document's variables.
 * @module
 */
import { parseYamlText } from "../host/formats.js";
import type { HostBudget } from "../host/host-limits.js";
import { isPlainObject } from "../host/text.js";
import { findFrontMatter } from "../markdown/front-matter.js";
import type { ParseUnit } from "../syntax/unit.js";
import { RuntimeFault } from "../values/fault.js";
import { problemError } from "./problem-errors.js";

/** What the front matter of a document gives a run. */
export interface FrontMatterVars {
  /** The variables it defines (none when there is no front matter). */
  vars: Record<string, unknown>;
  /** Where the block ends (0 without one): the text before is left out when stripping. */
  end: number;
}

/** The block's opening `---`: where an error that has no place of its own points. */
const OPENER = { start: 0, end: 3 };

/**
 * Reads the front matter of a markdown document. Its YAML must be a mapping (or empty);
 * a problem in it is a `data` error at the block, with the YAML library's message.
 */
export function frontMatterVars(unit: ParseUnit, budget: HostBudget): FrontMatterVars {
  const found = findFrontMatter(unit.source);
  if (found === null) return { vars: {}, end: 0 };
  const yamlText = unit.source.slice(found.yamlStart, found.yamlEnd);
  let data: unknown;
  try {
    data = parseYamlText(budget, yamlText, "the front matter");
  } catch (e) {
    if (!(e instanceof RuntimeFault)) throw e;
    // The YAML library counts lines from the block's first: point at the document's line.
    const at = /^(.*) at line (\d+), column (\d+)(: .*)?$/s.exec(e.message);
    // A limit (too large, too many tokens) keeps its code, as in a data file.
    if (at === null) {
      const code = e.code === "limit" ? "limit" : "data";
      throw problemError(unit, { ...OPENER, message: e.message, hint: e.hint, code });
    }
    const [, head, line, column, tail] = at;
    const start = found.yamlStart + offsetOf(yamlText, Number(line), Number(column));
    const end = Math.min(start + 1, found.yamlEnd);
    throw problemError(unit, { start, end, message: `${head}${tail ?? ""}`, hint: e.hint, code: "data" });
  }
  if (data === null || data === undefined) return { vars: {}, end: found.end };
  if (!isPlainObject(data)) {
    throw problemError(unit, {
      ...OPENER,
      message: "the front matter must be a YAML mapping of names to values",
      hint: "write one `name: value` per line between the `---` lines",
      code: "data",
    });
  }
  return { vars: data as Record<string, unknown>, end: found.end };
}

/** The offset of a 1-based line and column in `text` (clamped to its end). */
function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", at);
    if (nl === -1) return text.length;
    at = nl + 1;
  }
  return Math.min(at + Math.max(0, column - 1), text.length);
}
