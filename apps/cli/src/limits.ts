/**
 * The runtime limits the command line sets: one table gives each its flag, its config key
 * (the flag's name in camelCase), the runtime limit it sets and its default, so that the
 * flags, the config file, the help and the README's table cannot drift apart.
 *
 * The defaults are copies of the runtime's `DEFAULT_LIMITS` (test/defaults.test.ts keeps
 * them equal): the main thread never loads the runtime, yet sizes render threads (stack,
 * heap) and caps stdin from them.
 * @module
 */
import type { Limits } from "@xmd/runtime";

/** The runtime's defaults, copied (see the module note). */
export const DEFAULTS = {
  maxIterations: 1_000_000,
  maxCallDepth: 1_000,
  maxNestingDepth: 1_000,
  maxOutputBytes: 64 * 1024 * 1024,
  timeoutMs: 10_000,
  maxPoolSlots: 4 * 1024 * 1024,
  maxListItems: 10_000_000,
  maxStringLength: 64 * 1024 * 1024,
  maxMemoryMb: 2048,
  maxReadBytes: 64 * 1024 * 1024,
  maxWriteBytes: 64 * 1024 * 1024,
} as const satisfies Limits;

/** Config keys (and commander's names for the flags) of the limits. */
export type LimitKey =
  | "maxIterations"
  | "maxDepth"
  | "maxNesting"
  | "maxOutput"
  | "timeout"
  | "maxMemory"
  | "maxPoolSlots"
  | "maxListItems"
  | "maxStringLength"
  | "maxRead"
  | "maxWrite";

/** One limit as the command line sees it. */
export interface LimitFlag {
  /** Config key; commander's name for the flag. */
  key: LimitKey;
  /** The flag, e.g. `--max-read`. */
  flag: string;
  /** What it takes, e.g. `<bytes>`. */
  value: string;
  /** The runtime limit it sets. */
  limit: keyof Limits;
  /** Help text, without the default. */
  description: string;
  /** The default as the help shows it. */
  shown: string;
  /** The highest value the runtime takes, where there is one. */
  max?: number;
}

/** Every limit flag, in the order the help lists them. */
export const LIMIT_FLAGS: readonly LimitFlag[] = [
  {
    key: "maxIterations",
    flag: "--max-iterations",
    value: "<n>",
    limit: "maxIterations",
    description: "stop after this many loop iterations",
    shown: "1000000",
  },
  {
    key: "maxDepth",
    flag: "--max-depth",
    value: "<n>",
    limit: "maxCallDepth",
    description: "stop at this call depth (renders get a stack that fits it)",
    shown: "1000",
  },
  {
    key: "maxNesting",
    flag: "--max-nesting",
    value: "<n>",
    limit: "maxNestingDepth",
    description: "levels code may nest: brackets, blocks, operator chains",
    shown: "1000",
  },
  {
    key: "maxOutput",
    flag: "--max-output",
    value: "<bytes>",
    limit: "maxOutputBytes",
    description: "stop after this much output",
    shown: "64 MiB",
  },
  {
    key: "timeout",
    flag: "--timeout",
    value: "<ms>",
    limit: "timeoutMs",
    description: "stop a document that runs longer",
    shown: "10000",
  },
  {
    key: "maxMemory",
    flag: "--max-memory",
    value: "<MB>",
    limit: "maxMemoryMb",
    description: "heap one render (one render thread) may use, in megabytes",
    shown: "2048",
  },
  {
    key: "maxPoolSlots",
    flag: "--max-pool-slots",
    value: "<n>",
    limit: "maxPoolSlots",
    description: "syntax nodes, and variables, one document may have (at most the default)",
    shown: "4194304",
    max: DEFAULTS.maxPoolSlots,
  },
  {
    key: "maxListItems",
    flag: "--max-list-items",
    value: "<n>",
    limit: "maxListItems",
    description: "items in one list (entries in one object)",
    shown: "10000000",
  },
  {
    key: "maxStringLength",
    flag: "--max-string-length",
    value: "<n>",
    limit: "maxStringLength",
    description: "characters in one string",
    shown: "67108864",
  },
  {
    key: "maxRead",
    flag: "--max-read",
    value: "<bytes>",
    limit: "maxReadBytes",
    description: "size of one file read: the document, an import, a data file, File.read",
    shown: "64 MiB",
  },
  {
    key: "maxWrite",
    flag: "--max-write",
    value: "<bytes>",
    limit: "maxWriteBytes",
    description: "bytes a document may write to files, all writes together",
    shown: "64 MiB",
  },
];

/** Values of the limit flags (as commander parses them) or config keys. */
export type LimitValues = { [K in LimitKey]?: string | number };

/** The value of `--NAME VALUE` or `--NAME=VALUE` in a raw command line (the last one wins), before parsing. */
export function rawFlag(argv: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === name) value = argv[i + 1];
    else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
  });
  return value;
}

/** A positive whole number from a raw flag, or undefined (it is validated later). */
export function rawPositiveInt(argv: readonly string[], name: string): number | undefined {
  const n = Number(rawFlag(argv, name));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
