/**
 * Regex values: a pattern and its flags, compiled once for RE2 (the re2js package), which
 * matches in time linear in the text — `/(a+)+$/` cannot backtrack for minutes on a long
 * line of `a`s as JavaScript's own engine does. A regex is immutable (there is no
 * `lastIndex`: the `g` flag only says that replacing and matching go through the whole
 * text), so one value may be shared by every place and every render that uses it.
 * @module
 */
import type { RE2JS, RE2JSException } from "re2js";
import { RuntimeFault } from "./fault.js";
import { platform } from "./platform.js";
import { LINEAR_HINT, RegexProblem, toRe2Syntax } from "./regex-syntax.js";

export { RegexProblem } from "./regex-syntax.js";

/**
 * The engine, from the platform (see ./platform.ts): the Node build loads it when the
 * first regex is made (most documents have none, and its module is larger than the rest
 * of what a render loads); the browser build has it bundled.
 */
function engine(): typeof import("re2js") {
  return platform().re2js();
}

/** The flags a regex may have, in the order they print. */
export const REGEX_FLAGS = "gimsu";

/** What each flag does, for the message about one that is not supported. */
const UNSUPPORTED_FLAGS: Record<string, string> = {
  y: "sticky matching (y) is not supported",
  d: "match indices (d) are not supported",
  v: "the v flag (set notation in classes) is not supported",
};

/**
 * A regex value: `/source/flags`. Its fields are private (`#`), not own properties, so
 * that code which walks an object's keys (a spread, `for key in`) finds none.
 */
export class Regex {
  readonly #source: string;
  readonly #flags: string;
  readonly #pattern: RE2JS;

  private constructor(source: string, flags: string, pattern: RE2JS) {
    this.#source = source;
    this.#flags = flags;
    this.#pattern = pattern;
  }

  /** The pattern as written between the slashes. */
  get source(): string {
    return this.#source;
  }

  /** The flags, in the order of {@link REGEX_FLAGS}. */
  get flags(): string {
    return this.#flags;
  }

  /** The compiled pattern. */
  get pattern(): RE2JS {
    return this.#pattern;
  }

  /** Whether replacing and matching go through the whole text (`g`), not only to the first match. */
  get global(): boolean {
    return this.flags.includes("g");
  }

  /** `/source/flags`, as the regex prints. */
  toString(): string {
    return `/${this.source}/${this.flags}`;
  }

  /** The regex of a literal's text, `/pattern/flags` (a {@link RegexProblem} as {@link compile}). */
  static fromLiteral(text: string): Regex {
    const close = text.lastIndexOf("/");
    return Regex.compile(text.slice(1, close), text.slice(close + 1));
  }

  /**
   * The regex for `source` and `flags`, compiled, or a {@link RegexProblem} that says what
   * cannot be used (offsets into `source`; flag problems point just past it).
   */
  static compile(source: string, flags: string): Regex {
    const key = `${flags}/${source}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const canonical = checkFlags(source, flags);
    let pattern: RE2JS;
    const { RE2JS, RE2JSException } = engine();
    try {
      pattern = RE2JS.compile(
        toRe2Syntax(source, canonical.includes("s")),
        (canonical.includes("i") ? RE2JS.CASE_INSENSITIVE : 0) |
          (canonical.includes("m") ? RE2JS.MULTILINE : 0) |
          (canonical.includes("s") ? RE2JS.DOTALL : 0),
      );
    } catch (e) {
      throw e instanceof RE2JSException ? engineProblem(source, e) : e;
    }
    const regex = new Regex(source, canonical, pattern);
    // A bounded cache: a literal is compiled when it is read and again when its code is
    // built, and a document may make the same regex in a loop.
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(key, regex);
    return regex;
  }
}

const CACHE_SIZE = 512;
const cache = new Map<string, Regex>();

/**
 * Empties the cache of compiled regexes. For mutation runs only (test/support/mutation-seed.ts):
 * there one process runs the tests again for each mutant, and a regex compiled before a
 * mutant of the translation was switched on would hide it from the test meant to catch it.
 */
// Stryker disable next-line all: the hook that keeps mutation runs honest; no test can see it.
export function forgetCompiledRegexes(): void {
  cache.clear();
}

/** The flags in the order they print; a problem for a flag given twice or not supported. */
function checkFlags(source: string, flags: string): string {
  let canonical = "";
  for (let k = 0; k < flags.length; k++) {
    const f = flags[k] as string;
    const at = source.length + 1 + k;
    if (!REGEX_FLAGS.includes(f)) {
      throw new RegexProblem(
        UNSUPPORTED_FLAGS[f] ?? `'${f}' is not a regex flag`,
        at,
        at + 1,
        "the flags are g (every match), i (ignore case), m (^ and $ at line ends), s (. matches line breaks) and u (accepted; matching is always by character)",
      );
    }
    if (flags.indexOf(f) !== k) throw new RegexProblem(`the flag '${f}' is given twice`, at, at + 1);
  }
  for (const f of REGEX_FLAGS) if (flags.includes(f)) canonical += f;
  return canonical;
}

/** RE2's complaint about a pattern, pointed at the part of the source it names when it can be found there. */
function engineProblem(source: string, e: RE2JSException): RegexProblem {
  if (e instanceof engine().RE2JSSyntaxException) {
    const what = e.getDescription();
    const part = e.getPattern() ?? "";
    const at = part === "" ? -1 : source.indexOf(part);
    const start = at === -1 ? 0 : at;
    const end = at === -1 ? source.length : at + part.length;
    return new RegexProblem(
      part === "" ? `invalid regex: ${what}` : `invalid regex: ${what}: ${part}`,
      start,
      end,
      hintFor(what),
    );
  }
  return new RegexProblem(`invalid regex: ${e.message}`, 0, source.length, "make the pattern smaller");
}

function hintFor(description: string): string | undefined {
  if (description.includes("repeat count"))
    return "a count in {n} or {n,m} may be at most 1000, and so may counts nested in each other multiplied together";
  if (description.includes("escape"))
    return "write the character without a backslash, or see which escapes exist under 'Regular expressions' in the language reference";
  if (description.includes("Perl syntax") || description.includes("named capture")) return LINEAR_HINT;
  if (description.includes("missing closing") || description.includes("unexpected )"))
    return "every ( needs a ) and every [ a ]; write \\( \\) \\[ for plain characters";
  if (description.includes("repetition operator"))
    return "a *, + or ? repeats what stands before it; write \\* \\+ \\? for plain characters";
  return undefined;
}

/** Host regexes (JavaScript RegExp values passed in by the API) as XMD regexes, made once each. */
const converted = new WeakMap<RegExp, Regex>();

/** True for a regex value: an XMD regex, or a RegExp given by the API. */
export function isRegex(value: unknown): value is Regex | RegExp {
  return value instanceof Regex || value instanceof RegExp;
}

/**
 * The XMD regex for a regex value. A RegExp from the API is compiled for RE2 on first use;
 * one RE2 cannot match (a backreference) is a runtime fault.
 */
export function toRegex(value: Regex | RegExp): Regex {
  if (value instanceof Regex) return value;
  let regex = converted.get(value);
  if (regex === undefined) {
    try {
      // Match indices (d) change nothing here: no XMD method returns them.
      regex = Regex.compile(value.source, value.flags.replace("d", ""));
    } catch (e) {
      if (!(e instanceof RegexProblem)) throw e;
      throw new RuntimeFault("runtime", `the regex ${String(value)} cannot be used: ${e.message}`, e.hint);
    }
    converted.set(value, regex);
  }
  return regex;
}
