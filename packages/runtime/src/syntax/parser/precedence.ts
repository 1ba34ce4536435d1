/**
 * The one precedence table of binary operators (the language reference's, loosest
 * first), read by the expression parser's precedence climbing.
 * @module
 */
import { Op } from "../nodes.js";
import { T } from "../tokens.js";

/** Precedence levels of binary operators, loosest first (0: not an operator). */
export const OR = 1;
export const AND = 2;
/** Prefix `not`: looser than a comparison, tighter than `and`. */
export const NOT = 3;
export const CMP = 4;
export const RANGE = 5;
export const ADD = 6;
export const MUL = 7;

/** The level of an operator token (`and` and `or` are words: see `wordLevel`). */
export const LEVEL: Record<number, number> = {
  [T.OrOr]: OR,
  [T.AndAnd]: AND,
  [T.Eq]: CMP,
  [T.EqEq]: CMP,
  [T.NotEq]: CMP,
  [T.Lt]: CMP,
  [T.Le]: CMP,
  [T.Gt]: CMP,
  [T.Ge]: CMP,
  [T.DotDot]: RANGE,
  [T.Plus]: ADD,
  [T.Minus]: ADD,
  [T.Star]: MUL,
  [T.Slash]: MUL,
  [T.Percent]: MUL,
};

/** Comparison operators: their Op. */
export const COMPARE: Record<number, number> = {
  [T.Eq]: Op.Eq,
  [T.EqEq]: Op.Eq,
  [T.NotEq]: Op.NotEq,
  [T.Lt]: Op.Lt,
  [T.Le]: Op.Le,
  [T.Gt]: Op.Gt,
  [T.Ge]: Op.Ge,
};
