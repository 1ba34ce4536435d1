/**
 * Reserved words. They seed the interner in this order, so keyword N has intern id N
 * and the parser compares integers, never strings.
 * @module
 */
export const KEYWORDS = [
  "set",
  "if",
  "elif",
  "else",
  "then",
  "for",
  "in",
  "loop",
  "while",
  "break",
  "continue",
  "function",
  "return",
  "try",
  "catch",
  "throw",
  "and",
  "or",
  "not",
  "true",
  "false",
  "null",
  "end",
  "import",
  "export",
  "endif",
  "endfor",
] as const;

export const K = {
  set: 0,
  if: 1,
  elif: 2,
  else: 3,
  // biome-ignore lint/suspicious/noThenProperty: `then` is a keyword of XMD; K is never awaited.
  then: 4,
  for: 5,
  in: 6,
  loop: 7,
  while: 8,
  break: 9,
  continue: 10,
  function: 11,
  return: 12,
  try: 13,
  catch: 14,
  throw: 15,
  and: 16,
  or: 17,
  not: 18,
  true: 19,
  false: 20,
  null: 21,
  end: 22,
  import: 23,
  export: 24,
  endif: 25,
  endfor: 26,
} as const;

export const KEYWORD_COUNT = KEYWORDS.length;

/**
 * Words with a meaning only in one place (`loop 3 times`, `import a from "x"`, the
 * special forms `exec`, `get`, `put`). They are ordinary names elsewhere; seeding them
 * right after the keywords gives them fixed ids too.
 */
export const CONTEXTUAL = ["times", "from", "exec", "cmd", "get", "put", "print", "exists"] as const;
export const C = {
  times: KEYWORD_COUNT,
  from: KEYWORD_COUNT + 1,
  exec: KEYWORD_COUNT + 2,
  cmd: KEYWORD_COUNT + 3,
  get: KEYWORD_COUNT + 4,
  put: KEYWORD_COUNT + 5,
  print: KEYWORD_COUNT + 6,
  exists: KEYWORD_COUNT + 7,
} as const;

/** Everything the interner is seeded with, in id order. */
export const SEED_NAMES: readonly string[] = [...KEYWORDS, ...CONTEXTUAL];
