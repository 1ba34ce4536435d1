/**
 * A compiled text run (see `document/text-runs.ts`): one closure that walks the run's
 * records in the document's piece buffer, copying text as the source's bytes and writing
 * each `{{ }}`'s value. A `{{ name }}` of a module global is read inline; any other name
 * or expression is a closure, made once per distinct name or per expression. Errors are
 * located at the piece they arise in (the records have no nodes of their own).
 * @module
 */
import { nameSpan } from "../document/text-runs.js";
import { NORMAL } from "../eval/eval-base.js";
import type { Machine } from "../eval/machine.js";
import { KIND_BITS, PieceKind } from "../markdown/piece-buffer.js";
import { OutputSink } from "../output/output-sink.js";
import type { NodeId } from "../syntax/nodes.js";
import type { SourceBytes } from "../syntax/source-bytes.js";
import { RuntimeFault } from "../values/fault.js";
import type { Expr, Stmt } from "./code.js";

const TEXT = PieceKind.Text;
const NAME = PieceKind.Name;
const KIND_MASK = (1 << KIND_BITS) - 1;

/** What a compiled run reads, besides the machine. */
export interface TextRunParts {
  /** The piece buffer's records, and the run's: from `first` up to `end`. */
  records: Int32Array;
  first: number;
  end: number;
  source: SourceBytes;
  /** By name index: the module global's index, or -1 when `nameCode` reads it (a builtin). */
  nameGlobals: Int32Array;
  nameCode: (Expr | null)[];
  /** The Name node of each name (for the name's text in an error). */
  nameNodes: NodeId[];
  /** By expression index: its closure, and its node (where its errors are located). */
  exprs: Expr[];
  exprNodes: NodeId[];
}

/**
 * Records a run must have for its names' texts to be kept while it runs (see
 * {@link textRun}): below that, making the list would cost more than it saves.
 */
const CACHED_RUN = 64;

/**
 * The closure of a text run. A run without expressions runs no code: nothing can change a
 * variable between its first `{{ name }}` and its last, so each name's text (a string as
 * it is, a number or truth value converted) is made once per run, not once per use, when
 * the run is long (a page of a hundred thousand `{{ name }}` of two names: two
 * conversions). Lists and objects are converted at every use, as their text counts
 * against the run's budget each time.
 */
export function textRun(parts: TextRunParts): Stmt {
  const { records, first, end, source, nameGlobals, nameCode, nameNodes, exprs, exprNodes } = parts;
  const cacheTexts = exprs.length === 0 && end - first >= 3 * CACHED_RUN;
  // The list of names' texts, kept for the run's next render (taken while in use: a run
  // with a list runs no code, but a render could start inside another through the host).
  let spare: (string | undefined)[] | null = null;
  return (m) => {
    const output = m.output;
    // Byte output of an ASCII source encoded whole: text offsets are byte offsets. (A
    // large source given as a string is copied a window at a time, by `output.source`.)
    const sink = output instanceof OutputSink && !source.windowed && source.ascii ? output : null;
    const bytes = sink !== null ? source.bytes : null;
    const toText = m.services.toText;
    const globals = m.module.globalVars;
    const vars = m.vars;
    let texts: (string | undefined)[] | null = null;
    if (cacheTexts) {
      texts = spare ?? new Array<string | undefined>(nameGlobals.length);
      spare = null;
    }
    let at = first;
    /** Whether the value of the `{{ }}` at `at` is being written (else it is being read). */
    let writing = false;
    try {
      for (; at < end; at += 3) {
        const record = records[at] as number;
        const kind = record & KIND_MASK;
        if (kind === TEXT) {
          if (sink !== null)
            sink.bytes(bytes as Uint8Array, records[at + 1] as number, records[at + 2] as number);
          else output.source(source, records[at + 1] as number, records[at + 2] as number);
          continue;
        }
        const index = record >> KIND_BITS;
        if (texts !== null) {
          const known = texts[index];
          if (known !== undefined) {
            writing = true;
            output.text(known);
            writing = false;
            continue;
          }
        }
        let v: unknown;
        if (kind === NAME) {
          const g = nameGlobals[index] as number;
          if (g >= 0) {
            const handle = globals[g];
            v = handle === undefined || handle === -1 ? undefined : vars.read(handle);
            if (v === undefined) throw undefinedName(m, nameNodes[index] as NodeId, records, at);
          } else v = (nameCode[index] as Expr)(m);
        } else {
          m.at = exprNodes[index] as NodeId;
          v = (exprs[index] as Expr)(m);
        }
        // Converting and writing can fail (the output limit): located at this `{{ }}`.
        writing = true;
        if (typeof v === "number" && texts === null) output.number(v);
        else {
          const text = typeof v === "string" ? v : toText(v);
          if (texts !== null && (typeof v !== "object" || v === null)) texts[index] = text;
          output.text(text);
        }
        writing = false;
      }
    } catch (e) {
      if (at >= end) throw m.toUserError(e);
      const start = records[at + 1] as number;
      const stop = records[at + 2] as number;
      // The output limit reached in a text is located at that text.
      if (((records[at] as number) & KIND_MASK) === TEXT) {
        if (e instanceof RuntimeFault) throw m.errorAt(e.code, e.message, start, stop, e.hint);
        throw m.toUserError(e);
      }
      if (writing) throw m.toUserErrorAt(e, start, stop);
      throw m.toUserError(e);
    }
    if (texts !== null) {
      // Emptied now, so that the kept list holds none of this render's texts.
      texts.fill(undefined);
      spare = texts;
    }
    return NORMAL;
  };
}

/** "'x' is not defined", at the name of the `{{ name }}` whose record is at `at`. */
function undefinedName(m: Machine, name: NodeId, records: Int32Array, at: number) {
  const span = nameSpan(m.module.unit.source, records[at + 1] as number, records[at + 2] as number);
  return m.undefinedNameAt(name, span.start, span.end);
}
