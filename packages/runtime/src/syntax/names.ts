/**
 * How identifiers become keys. In pooled mode a name is its intern id (a small integer
 * compared in O(1)); in heap mode it is the sliced string itself — the A/B baseline
 * with no interning. Keywords have the same fixed ids in both modes.
 * @module
 */
import { SEED_NAMES } from "./keywords.js";

/** A name as the resolver keys it: an intern id (pooled) or the string (heap). */
export type NameKey = number | string;

export interface NameTable {
  /** True when names are interned ids. */
  readonly interned: boolean;
  /** Id of the keyword or contextual word at source[start,end), the intern id of any other name (pooled), or -1 (heap). */
  idOfSlice(source: string, start: number, end: number): number;
  /** The key of a name token. */
  keyOf(source: string, start: number, end: number, id: number): NameKey;
  /** The key of a name given as a string (variables passed in, builtins). */
  keyOfText(text: string): NameKey;
  /** The text of a key. */
  textOf(key: NameKey): string;
  /** Statistics for `--stats`; null in heap mode. */
  stats(): { distinct: number; lookups: number; hits: number; bytesSaved: number } | null;
  /** How many interned strings served a lookup (allocation accounting). */
  readonly servedLookups: number;
}

const SEED_IDS: ReadonlyMap<string, number> = new Map(SEED_NAMES.map((name, id) => [name, id]));

/** Heap mode: names are plain substrings; keywords found through a Map lookup on the slice. */
export class PlainNames implements NameTable {
  readonly interned = false;
  readonly servedLookups = 0;

  idOfSlice(source: string, start: number, end: number): number {
    return SEED_IDS.get(source.slice(start, end)) ?? -1;
  }
  keyOf(source: string, start: number, end: number, id: number): NameKey {
    return id >= 0 ? (SEED_NAMES[id] as string) : source.slice(start, end);
  }
  keyOfText(text: string): NameKey {
    return text;
  }
  textOf(key: NameKey): string {
    return typeof key === "number" ? (SEED_NAMES[key] as string) : key;
  }
  stats(): null {
    return null;
  }
}
