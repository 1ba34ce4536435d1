/**
 * Where `{{ … }}` interpolations and template strings end, for the splitter (in
 * markdown text), the lexer (template strings) and the parser (their parts). One scanner
 * for all three, so that any expression, with strings, object literals and nested
 * templates, may stand inside `{{ }}` everywhere.
 *
 * The rules, as a scan from a start position:
 * - an interpolation's expression ends at the first `}}` outside strings, templates and
 *   the braces of object literals (a stray `}` at brace depth 0 is skipped, left for the
 *   parser to report); it fails at the end of the text, or when a template inside fails;
 * - a `"…"` or `'…'` string ends at its next unescaped quote;
 * - a `` `…` `` template ends at its next unescaped backtick, and its `{{ … }}` parts are
 *   interpolations (so templates nest).
 *
 * Done naively, an interpolation that never closes is searched for to the end of the text
 * from every `{{` (80,000 unclosed `{{` took half a minute), and nested templates are
 * scanned again at every level. {@link TextScanner} computes the same answers in time
 * linear in the text: every answer is a function of a position (and of the end of the
 * range, see below), so it is memoised at the positions where scans branch — braces,
 * quotes, backticks and backslashes — and a later scan that reaches such a position
 * jumps straight to the answer. Runs of plain characters between them are walked once
 * per position that leads into them. The scan keeps its own stack (no recursion), so
 * nesting depth costs no JavaScript stack.
 *
 * Answers depend on the end of the scanned range only through "the text ends here". A
 * success is valid for any end beyond the last character it looked at; a failure found
 * with end `e` holds for every end up to `e`. The memo records both, so the splitter
 * (whole regions), the lexer (code pieces) and the parser (template parts) share it.
 * @module
 */
import { ReadClock } from "./clock.js";

/** No answer: the construct never closes. */
const FAIL = -1;
/** Not in the memo (or not valid for this end). */
const UNKNOWN = -2;

// The scans. E: expression text at brace depth 0, returns the first `}` at depth 0.
// I: an interpolation's expression, returns the offset of its `}}`. T: template text,
// returns the offset after its closing backtick. QD / QS: a "…" / '…' string body,
// returns the offset after its closing quote.
const E = 0;
const I = 1;
const T = 2;
const QD = 3;
const QS = 4;

const NO_CLOCK = new ReadClock();

/** Answers "where does this interpolation / template end?" for one source text. */
export class TextScanner {
  /** At `{`, quotes and backticks: E from there. At `}`: I from the next offset. */
  private memoE: Int32Array | null = null;
  /** At `\` and `{{` inside template text: T from there. */
  private memoT: Int32Array | null = null;
  /** At `\` inside "…" strings. */
  private memoQD: Int32Array | null = null;
  /** At `\` inside '…' strings. */
  private memoQS: Int32Array | null = null;
  /** Suspended scans, three numbers each: scan, the offset it waits at, its pending base. */
  private frames: IntStack | null = null;
  /** Offsets whose memo entry the scan that visited them fills when it ends. */
  private pending: IntStack | null = null;

  constructor(
    readonly source: string,
    private readonly clock: ReadClock = NO_CLOCK,
  ) {}

  /**
   * The end of `{{ … }}` whose expression starts at `from`: the offset of the first `}}`
   * outside strings, templates and the braces of object literals; -1 if there is none
   * before `end`.
   */
  interpolationEnd(from: number, end: number): number {
    // Most expressions hold no brace, quote or backtick (`{{ name }}`): find their `}}`
    // with a plain loop. Text that runs to the end holds no later `{{` to start from
    // either, so failing here is not repeated; anything else goes to the full scan.
    const s = this.source;
    for (let p = from; p < end; p++) {
      const c = s.charCodeAt(p);
      if (c === 125) {
        if (p + 1 < end && s.charCodeAt(p + 1) === 125) {
          this.clock.add(p - from + 1, p);
          return p;
        }
      } else if (c === 123 || c === 34 || c === 39 || c === 96) return this.run(I, from, end);
    }
    this.clock.add(end - from + 1, end);
    return FAIL;
  }

  /**
   * Past the `` `…` `` template whose backtick is at `open`: the offset after its closing
   * backtick, or -1 if it never closes before `end`.
   */
  templateEnd(open: number, end: number): number {
    return this.run(T, open + 1, end);
  }

  private run(scan0: number, from: number, end: number): number {
    const s = this.source;
    const clock = this.clock;
    // Made on the first full scan: a document whose expressions are plain names needs none.
    this.frames ??= new IntStack();
    this.pending ??= new IntStack();
    const frames = this.frames;
    const pending = this.pending;
    frames.length = 0;
    pending.length = 0;
    let scan = scan0;
    let p = from;
    let base = 0;
    let result = 0;
    let returning = false;
    for (;;) {
      if (returning) {
        this.settle(scan, base, result, end);
        if (frames.length === 0) return result;
        base = frames.pop();
        p = frames.pop();
        scan = frames.pop();
        // Every scan fails when one it waits for fails.
        if (result === FAIL) continue;
        returning = false;
        if (scan === E) {
          // After a brace pair, or after a string or template.
          p = s.charCodeAt(p) === 123 ? result + 1 : result;
        } else if (scan === I) {
          const t = result; // a `}` at depth 0
          if (t + 1 < end && s.charCodeAt(t + 1) === 125) {
            result = t;
            returning = true;
            continue;
          }
          // A stray `}`: skipped; the answer from just after it is memoised at it.
          const known = this.lookup(this.memoE, t, I, end);
          if (known !== UNKNOWN) {
            result = known;
            returning = true;
            continue;
          }
          pending.push(t);
          p = t + 1;
        } else {
          // T, after an interpolation part: past its `}}`.
          p = result + 2;
        }
      }

      // Run the current scan from p until it finishes (returning) or waits for another.
      let next = -1; // the scan to start, if any
      let nextFrom = 0;
      switch (scan) {
        case I:
          next = E;
          nextFrom = p;
          break;
        case E:
          for (;;) {
            if (p >= end) {
              result = FAIL;
              returning = true;
              break;
            }
            const c = s.charCodeAt(p);
            if (c === 125) {
              result = p;
              returning = true;
              break;
            }
            if (c === 123 || c === 34 || c === 39 || c === 96) {
              const known = this.lookup(this.memoE, p, E, end);
              if (known !== UNKNOWN) {
                result = known;
                returning = true;
                break;
              }
              pending.push(p);
              next = c === 123 ? E : c === 96 ? T : c === 34 ? QD : QS;
              nextFrom = p + 1;
              break;
            }
            clock.tick(p);
            p++;
          }
          break;
        case T:
          for (;;) {
            if (p >= end) {
              result = FAIL;
              returning = true;
              break;
            }
            const c = s.charCodeAt(p);
            if (c === 96) {
              result = p + 1;
              returning = true;
              break;
            }
            if (c === 92 || (c === 123 && s.charCodeAt(p + 1) === 123)) {
              const known = this.lookup(this.memoT, p, T, end);
              if (known !== UNKNOWN) {
                result = known;
                returning = true;
                break;
              }
              pending.push(p);
              if (c === 92) {
                clock.tick(p);
                p += escapedOpen(s, p, end) ? 3 : 2;
                continue;
              }
              next = I;
              nextFrom = p + 2;
              break;
            }
            clock.tick(p);
            p++;
          }
          break;
        default: {
          // QD, QS
          const quote = scan === QD ? 34 : 39;
          const memo = scan === QD ? this.memoQD : this.memoQS;
          for (;;) {
            if (p >= end) {
              result = FAIL;
              returning = true;
              break;
            }
            const c = s.charCodeAt(p);
            if (c === quote) {
              result = p + 1;
              returning = true;
              break;
            }
            if (c === 92) {
              const known = this.lookup(memo, p, scan, end);
              if (known !== UNKNOWN) {
                result = known;
                returning = true;
                break;
              }
              pending.push(p);
              clock.tick(p);
              p += 2;
              continue;
            }
            clock.tick(p);
            p++;
          }
        }
      }
      if (next !== -1) {
        frames.push(scan);
        frames.push(p);
        frames.push(base);
        scan = next;
        p = nextFrom;
        base = pending.length;
        clock.tick(p);
      }
    }
  }

  /** The memoised answer of `scan` at `at`, if it holds for a range ending at `end`. */
  private lookup(memo: Int32Array | null, at: number, scan: number, end: number): number {
    if (memo === null) return UNKNOWN;
    const v = memo[at] as number;
    if (v === 0) return UNKNOWN;
    if (v < 0) return end <= -v - 1 ? FAIL : UNKNOWN;
    const r = v - 1;
    // The last character the answer looked at must lie inside this range.
    const last = scan === E ? r : scan === I ? r + 1 : r - 1;
    return last < end ? r : UNKNOWN;
  }

  /** Memoises `result` at every offset the scan that just ended waited or branched at. */
  private settle(scan: number, base: number, result: number, end: number): void {
    const pending = this.pending as IntStack;
    if (pending.length === base) return;
    const v = result === FAIL ? -(end + 1) : result + 1;
    const memo = this.memo(scan);
    const items = pending.items;
    for (let i = base; i < pending.length; i++) memo[items[i] as number] = v;
    pending.length = base;
  }

  private memo(scan: number): Int32Array {
    const size = this.source.length + 1;
    switch (scan) {
      case E:
      case I:
        this.memoE ??= new Int32Array(size);
        return this.memoE;
      case T:
        this.memoT ??= new Int32Array(size);
        return this.memoT;
      case QD:
        this.memoQD ??= new Int32Array(size);
        return this.memoQD;
      default:
        this.memoQS ??= new Int32Array(size);
        return this.memoQS;
    }
  }
}

/**
 * A stack of integers in a typed array: a hundred thousand nested braces suspend as many
 * scans, and their numbers take 12 bytes a scan here, not a growing array of boxed slots.
 */
class IntStack {
  items = new Int32Array(64);
  length = 0;
  push(v: number): void {
    if (this.length === this.items.length) {
      const grown = new Int32Array(this.items.length * 2);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.length++] = v;
  }
  pop(): number {
    return this.items[--this.length] as number;
  }
}

/** {@link TextScanner.interpolationEnd} on a text scanned once (tests and one-off callers). */
export function findInterpolationEnd(source: string, from: number, end: number): number {
  return new TextScanner(source).interpolationEnd(from, end);
}

/** {@link TextScanner.templateEnd} on a text scanned once: past the template at `p`, or -1. */
export function skipTemplate(source: string, p: number, end: number): number {
  return new TextScanner(source).templateEnd(p, end);
}

/**
 * Whether the backslash at `p` starts `\{{`, which in a template writes a literal `{{` as a
 * whole: its second brace does not open a `{{ }}` with a brace after it (`\{{{{x}}` is
 * `{{` and then the value of `x`), as in markdown text.
 */
export function escapedOpen(s: string, p: number, end: number): boolean {
  return p + 2 < end && s.charCodeAt(p + 1) === 123 && s.charCodeAt(p + 2) === 123;
}
