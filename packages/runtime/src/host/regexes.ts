/**
 * What regexes do to text: test, match, replace, split — with JavaScript's results
 * (`"a1b".split(/(\d)/)` keeps the `1`, `$1` in a replacement is the first group, a
 * regex without `g` replaces its first match only) and RE2's linear-time matching.
 *
 * One match takes time linear in the text, and the text is at most `maxStringLength`
 * long. The operations that go through every match (`g`, `split`) take a step of the
 * run's budget per match, so the clock and heap are checked as they go; on a long text
 * the clock is read after every match, since finding one match may then take a while.
 * What they build is measured as it grows (maxStringLength, maxListItems).
 * @module
 */
import type { Matcher } from "re2js";
import { type Budget, budget } from "../values/budget.js";
import type { Regex } from "../values/regex.js";

/** Texts at least this long have the clock read after every match. */
const LONG_TEXT = 65_536;

/** Estimated bytes of one list item (as the budget counts them). */
const BYTES_PER_ITEM = 8;

/** A function to call once per match: a budget step, and on a long text a look at the clock. */
function perMatch(b: Budget, text: string): () => void {
  if (text.length < LONG_TEXT) return () => b.step();
  return () => {
    b.step();
    if (Date.now() > b.deadline) b.check();
  };
}

/** Adds `item` to `out`, a list being built, within maxListItems. */
function pushItem(b: Budget, out: unknown[], item: unknown, what: string): void {
  if (out.length >= b.limits.maxListItems) b.list(out.length + 1, what);
  b.note(BYTES_PER_ITEM);
  out.push(item);
}

/** Whether `re` matches somewhere in `text`. */
export function regexTest(re: Regex, text: string): boolean {
  return re.pattern.test(text);
}

/**
 * `re.match text`: without `g`, the first match and its groups, `[whole, group1, …]`
 * (a group that took no part is null); with `g`, every match (no groups). null when there
 * is none.
 */
export function regexMatch(re: Regex, text: string): string[] | (string | null)[] | null {
  const b = budget();
  const m = re.pattern.matcher(text);
  if (!re.global) {
    if (!m.find()) return null;
    const groups = m.groupCount();
    b.list(groups + 1, ".match");
    const out = new Array<string | null>(groups + 1);
    for (let g = 0; g <= groups; g++) out[g] = m.group(g);
    return out;
  }
  const step = perMatch(b, text);
  const out: string[] = [];
  while (m.find()) {
    step();
    pushItem(b, out, m.group() as string, ".match");
  }
  return out.length === 0 ? null : out;
}

/**
 * A replacement text, read once: literal pieces, and numbers for what a match puts in —
 * a group (1 …), the whole match (0), the text before it ({@link BEFORE}) or after it
 * ({@link AFTER}); a named group is its number.
 */
type Piece = string | number;
const BEFORE = -1;
const AFTER = -2;
/** A `$<name>` whose name is not a group: it inserts nothing. */
const NOTHING = -3;

/** JavaScript's rules for `$` in a replacement (String.prototype.replace's GetSubstitution). */
function readReplacement(by: string, re: Regex): Piece[] {
  if (!by.includes("$")) return [by];
  const groups = re.pattern.groupCount();
  const named = re.pattern.namedGroups();
  const hasNames = Object.keys(named).length > 0;
  const pieces: Piece[] = [];
  let text = "";
  const put = (piece: number): void => {
    if (text !== "") pieces.push(text);
    text = "";
    pieces.push(piece);
  };
  let i = 0;
  while (i < by.length) {
    const c = by[i] as string;
    const d = by[i + 1];
    if (c !== "$" || d === undefined) {
      text += c;
      i++;
      continue;
    }
    if (d === "$") {
      text += "$";
      i += 2;
    } else if (d === "&") {
      put(0);
      i += 2;
    } else if (d === "`") {
      put(BEFORE);
      i += 2;
    } else if (d === "'") {
      put(AFTER);
      i += 2;
    } else if (d >= "0" && d <= "9") {
      const two = Number(by.slice(i + 1, i + 3));
      const one = Number(d);
      if (/^[0-9]{2}$/.test(by.slice(i + 1, i + 3)) && two >= 1 && two <= groups) {
        put(two);
        i += 3;
      } else if (one >= 1 && one <= groups) {
        put(one);
        i += 2;
      } else {
        text += c;
        i++;
      }
    } else if (d === "<" && hasNames && by.indexOf(">", i + 2) !== -1) {
      const close = by.indexOf(">", i + 2);
      const name = by.slice(i + 2, close);
      put(Object.hasOwn(named, name) ? (named[name] as number) : NOTHING);
      i = close + 1;
    } else {
      text += c;
      i++;
    }
  }
  if (text !== "") pieces.push(text);
  return pieces;
}

/** The replacement for the match `m` has found in `text`. */
function expand(pieces: readonly Piece[], m: Matcher, text: string): string {
  if (pieces.length === 1 && typeof pieces[0] === "string") return pieces[0];
  let out = "";
  for (const piece of pieces) {
    if (typeof piece === "string") out += piece;
    else if (piece === BEFORE) out += text.slice(0, m.start());
    else if (piece === AFTER) out += text.slice(m.end());
    else if (piece !== NOTHING) out += m.group(piece) ?? "";
  }
  return out;
}

/**
 * `text.replace re by`: the first match (every match with `g`) replaced by `by`, in which
 * `$1` … `$99`, `$<name>`, `$&`, `` $` ``, `$'` and `$$` mean what they mean in JavaScript.
 */
export function regexReplace(re: Regex, text: string, by: string): string {
  const b = budget();
  const pieces = readReplacement(by, re);
  const m = re.pattern.matcher(text);
  const step = perMatch(b, text);
  let out = "";
  let last = 0;
  let found = false;
  while (m.find()) {
    step();
    found = true;
    out = b.append(out, text.slice(last, m.start()) + expand(pieces, m, text), ".replace");
    last = m.end();
    if (!re.global) break;
  }
  return found ? b.append(out, text.slice(last), ".replace") : text;
}

/**
 * `text.split re`, as JavaScript splits by a regex: the parts between matches, each
 * match's groups between them (null for a group that took no part), no empty part for
 * an empty match at the start or right after another match. `""` splits into `[]` when
 * the regex matches the empty text, else `[""]`.
 */
export function regexSplit(re: Regex, text: string): (string | null)[] {
  const b = budget();
  const size = text.length;
  if (size === 0) return re.pattern.test("") ? [] : [""];
  const m = re.pattern.matcher(text);
  const groups = m.groupCount();
  const step = perMatch(b, text);
  const out: (string | null)[] = [];
  let p = 0; // where the next part starts
  let q = 0; // where the next match is looked for
  while (q < size) {
    step();
    if (!m.find(q)) break;
    const start = m.start();
    const end = m.end();
    if (start >= size) break;
    if (end === p) {
      // An empty match where the last part ended splits nothing: look one character on
      // (a surrogate pair is one character, and so is a lone half).
      const c = text.charCodeAt(start);
      const next = text.charCodeAt(start + 1);
      q = start + (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1);
      continue;
    }
    pushItem(b, out, text.slice(p, start), ".split");
    for (let g = 1; g <= groups; g++) pushItem(b, out, m.group(g), ".split");
    p = end;
    q = end;
  }
  pushItem(b, out, text.slice(p), ".split");
  return out;
}
