/**
 * Token kinds and the token buffer. Tokens are not objects: kind, span, intern id,
 * a numeric payload and flags live in parallel typed arrays that grow by doubling.
 * @module
 */

export const T = {
  EOF: 0,
  Newline: 1,
  Indent: 2,
  Dedent: 3,
  Ident: 4,
  Number: 5,
  String: 6,
  Template: 7,
  LParen: 10,
  RParen: 11,
  LBracket: 12,
  RBracket: 13,
  LBrace: 14,
  RBrace: 15,
  Comma: 16,
  Dot: 17,
  DotDot: 18,
  Colon: 19,
  Question: 20,
  Arrow: 21,
  Plus: 22,
  Minus: 23,
  Star: 24,
  Slash: 25,
  Percent: 26,
  Eq: 27,
  EqEq: 28,
  NotEq: 29,
  Lt: 30,
  Le: 31,
  Gt: 32,
  Ge: 33,
  AndAnd: 34,
  OrOr: 35,
  Bang: 36,
  PlusEq: 37,
  MinusEq: 38,
  Spread: 39,
  Error: 40,
  /** The rest of a line after `exec`: a command line, not XMD code. */
  Raw: 41,
  /** A regex literal, `/pattern/flags` (see `regex-literal.ts` for when `/` starts one). */
  Regex: 50,
} as const;

/** Human names for error messages ("expected ')' but found a newline"). */
export const TOKEN_NAMES: Record<number, string> = {
  [T.EOF]: "the end of the code",
  [T.Newline]: "the end of the line",
  [T.Indent]: "an indented block",
  [T.Dedent]: "the end of the block",
  [T.Ident]: "a name",
  [T.Number]: "a number",
  [T.String]: "a string",
  [T.Template]: "a template string",
  [T.LParen]: "'('",
  [T.RParen]: "')'",
  [T.LBracket]: "'['",
  [T.RBracket]: "']'",
  [T.LBrace]: "'{'",
  [T.RBrace]: "'}'",
  [T.Comma]: "','",
  [T.Dot]: "'.'",
  [T.DotDot]: "'..'",
  [T.Colon]: "':'",
  [T.Question]: "'?'",
  [T.Arrow]: "'=>'",
  [T.Plus]: "'+'",
  [T.Minus]: "'-'",
  [T.Star]: "'*'",
  [T.Slash]: "'/'",
  [T.Percent]: "'%'",
  [T.Eq]: "'='",
  [T.EqEq]: "'=='",
  [T.NotEq]: "'!='",
  [T.Lt]: "'<'",
  [T.Le]: "'<='",
  [T.Gt]: "'>'",
  [T.Ge]: "'>='",
  [T.AndAnd]: "'&&'",
  [T.OrOr]: "'||'",
  [T.Bang]: "'!'",
  [T.PlusEq]: "'+='",
  [T.MinusEq]: "'-='",
  [T.Spread]: "'...'",
  [T.Error]: "an unexpected character",
  [T.Raw]: "a command line",
  [T.Regex]: "a regex",
};

/** Token flag: whitespace stands between this token and the previous one on the same line. */
export const SPACE_BEFORE = 1;

/**
 * A growable columnar token list. One buffer is reused for every code piece of a
 * runtime (reset between uses), so lexing allocates only when a document is larger
 * than any before it.
 */
export class TokenBuffer {
  kind: Uint8Array;
  flags: Uint8Array;
  start: Uint32Array;
  end: Uint32Array;
  /**
   * Intern id of an identifier (or keyword id); -1 when not interned. For an EOF: the index
   * of the innermost bracket its code leaves open, or -1.
   */
  id: Int32Array;
  /** Value of a number token. */
  num: Float64Array;
  length = 0;
  /** Per `(`: 1 when `=>` follows its `)` (see {@link arrowAfterParen}); built on first use. */
  private arrows: Uint8Array | null = null;

  constructor(capacity = 256) {
    this.kind = new Uint8Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.start = new Uint32Array(capacity);
    this.end = new Uint32Array(capacity);
    this.id = new Int32Array(capacity);
    this.num = new Float64Array(capacity);
  }

  reset(): void {
    this.length = 0;
    this.arrows = null;
  }

  /** Tokens the buffer holds before it grows. */
  get capacity(): number {
    return this.kind.length;
  }

  /**
   * Whether the `(` at token `open` is closed on its line by a `)` followed by `=>`: the
   * start of a lambda's parameter list. The answers for every `(` come from one pass over
   * the tokens, so asking at each of a hundred thousand nested `(` stays linear.
   */
  arrowAfterParen(open: number): boolean {
    if (this.arrows === null) this.arrows = this.findArrows();
    return this.arrows[open] === 1;
  }

  private findArrows(): Uint8Array {
    const arrows = new Uint8Array(this.length);
    const open: number[] = [];
    const kind = this.kind;
    for (let j = 0; j < this.length; j++) {
      const k = kind[j];
      if (k === T.LParen) open.push(j);
      else if (k === T.RParen) {
        const o = open.pop();
        if (o !== undefined && kind[j + 1] === T.Arrow) arrows[o] = 1;
      } else if (k === T.Newline || k === T.EOF) open.length = 0;
    }
    return arrows;
  }

  push(kind: number, start: number, end: number, id: number, num: number, flags: number): number {
    this.arrows = null;
    const i = this.length;
    if (i === this.kind.length) this.grow();
    this.kind[i] = kind;
    this.start[i] = start;
    this.end[i] = end;
    this.id[i] = id;
    this.num[i] = num;
    this.flags[i] = flags;
    this.length = i + 1;
    return i;
  }

  private grow(): void {
    const capacity = this.kind.length * 2;
    const grow = <A extends Uint8Array | Uint32Array | Int32Array | Float64Array>(
      old: A,
      make: (n: number) => A,
    ): A => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.kind = grow(this.kind, (n) => new Uint8Array(n));
    this.flags = grow(this.flags, (n) => new Uint8Array(n));
    this.start = grow(this.start, (n) => new Uint32Array(n));
    this.end = grow(this.end, (n) => new Uint32Array(n));
    this.id = grow(this.id, (n) => new Int32Array(n));
    this.num = grow(this.num, (n) => new Float64Array(n));
  }
}
