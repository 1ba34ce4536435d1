/**
 * The interner: one stored copy of each distinct string, addressed by a dense integer id.
 *
 * Layout: an open-addressing (linear probing) hash table held in one typed array
 * (id and hash of each slot side by side), one plain array of strings indexed by id, and one typed
 * array of hashes indexed by id (to find a string's slot on rollback). The table never
 * holds tombstones: `rollback` removes entries with backward-shift deletion.
 * @module
 */
import { hashSlice, hashString } from "./hash.js";
import type { InternMark } from "./intern-mark.js";
import type { InternCounts, InternStats } from "./intern-stats.js";

/** Options for {@link Interner}. */
export interface InternerOptions {
  /**
   * Strings interned first, in order: `seed[k]` gets id `k`. They are permanent
   * (`rollback` never drops them), so code can compare ids against constants.
   * Duplicates are rejected with a `RangeError`.
   */
  seed?: readonly string[];
  /** How many distinct strings to make room for before the first growth. Default 64. */
  initialCapacity?: number;
  /**
   * Table load (`distinct / capacity`) above which the table doubles and rehashes.
   * Between 0.25 and 0.9; default 0.5 (short probes, 8 bytes of table per slot).
   */
  maxLoadFactor?: number;
}

/** What `mark()` hands out; only the interner that made it can read `owner` and `live`. */
class MarkToken {
  declare readonly __brand: "InternMark";
  live = true;
  constructor(
    readonly size: number,
    readonly owner: Interner,
  ) {}
}

/** Slot value meaning "empty". */
const EMPTY = -1;
/** Smallest table. */
const MIN_CAPACITY = 8;
/**
 * V8 represents a slice of 13 or more code units as a view into its parent string, which
 * keeps the whole parent alive. Stored slices at least this long are copied out first.
 */
const SLICED_STRING_MIN_LENGTH = 13;

/**
 * Maps strings to dense ids `0 .. size - 1` and back.
 *
 * - `intern(str)` / `internSlice(text, start, end)` return the id, inserting on a miss.
 * - `lookup(str)` / `lookupSlice(text, start, end)` return the id or `-1`, never inserting.
 * - `internSlice` and `lookupSlice` hash and compare the code units of the slice in place:
 *   a hit allocates nothing; only a miss creates the substring.
 * - `mark()` / `rollback(mark)` drop everything interned after a point (per-document
 *   names) and reuse those ids.
 *
 * @example
 * ```ts
 * const names = new Interner({ seed: ["if", "else"] });
 * names.intern("if");                        // 0 — seeded ids are fixed
 * const src = "set total = total + 1";
 * const a = names.internSlice(src, 4, 9);    // 2, "total" created once
 * names.internSlice(src, 12, 17) === a;      // true, no substring made
 * names.text(a);                             // "total"
 * ```
 */
export class Interner {
  /**
   * The hash table, two int32 per slot, interleaved so one probe touches one cache line:
   * `table[2 * slot]` is the id in that slot (or `EMPTY`), `table[2 * slot + 1]` its hash
   * (compared before the string). The slot count is a power of two.
   */
  private table: Int32Array;
  /** `capacity - 1`. */
  private mask: number;
  /** Grow before inserting when `count` reaches this. */
  private growAt: number;
  private readonly maxLoad: number;
  /** Id -> string for ids below `count`; slots above hold `""` after a rollback. */
  private readonly strings: string[];
  /** Id -> hash; may be longer than `count`. */
  private hashById: Int32Array;
  private count: number;
  private readonly seeded: number;
  /** Code units of all stored strings. */
  private heldUnits: number;
  private lookups: number;
  private hits: number;
  /** Code units of slice hits (substrings not created). */
  private savedUnits: number;
  /** Marks that may still be rolled back to, oldest first; their sizes never decrease. */
  private readonly marks: MarkToken[] = [];

  /**
   * Creates an interner, interning `options.seed` (if any) as ids `0 .. seed.length - 1`.
   *
   * @param options - Seed strings, initial room and maximum load factor.
   * @throws RangeError if the seed has duplicates or an option is out of range.
   */
  constructor(options: InternerOptions = {}) {
    const seed = options.seed ?? [];
    const maxLoad = options.maxLoadFactor ?? 0.5;
    if (!(maxLoad >= 0.25 && maxLoad <= 0.9)) {
      throw new RangeError(`maxLoadFactor must be between 0.25 and 0.9, got ${maxLoad}`);
    }
    const room = options.initialCapacity ?? 64;
    if (!Number.isInteger(room) || room < 0) {
      throw new RangeError(`initialCapacity must be a non-negative integer, got ${room}`);
    }
    const wanted = Math.max(room, seed.length);
    let capacity = MIN_CAPACITY;
    while (Math.floor(capacity * maxLoad) < wanted) capacity *= 2;
    this.maxLoad = maxLoad;
    this.table = newTable(capacity);
    this.mask = capacity - 1;
    this.growAt = Math.floor(capacity * maxLoad);
    this.strings = [];
    this.hashById = new Int32Array(Math.max(MIN_CAPACITY, wanted));
    this.count = 0;
    this.heldUnits = 0;
    this.lookups = 0;
    this.hits = 0;
    this.savedUnits = 0;
    for (let k = 0; k < seed.length; k++) {
      const str = seed[k]!;
      const h = hashString(str);
      const found = this.findString(str, h);
      if (found >= 0) {
        throw new RangeError(`seed has a duplicate: ${JSON.stringify(str)} at ${found} and ${k}`);
      }
      this.insertAt(-1 - found, str, h);
    }
    this.seeded = seed.length;
  }

  /** Number of distinct strings held; ids are `0 .. size - 1`. */
  get size(): number {
    return this.count;
  }

  /** Number of seed strings (ids `0 .. seedCount - 1`, never rolled back). */
  get seedCount(): number {
    return this.seeded;
  }

  /**
   * Returns the id of `str`, interning it on a miss. The interner keeps `str` itself.
   *
   * @param str - Any string, including `""` and strings with lone surrogates.
   * @returns Its id, `0 <= id < size`.
   */
  intern(str: string): number {
    this.lookups++;
    const h = hashString(str);
    const found = this.findString(str, h);
    if (found >= 0) {
      this.hits++;
      return found;
    }
    return this.insertAt(-1 - found, str, h);
  }

  /**
   * Returns the id of `text.slice(start, end)` without creating that substring unless it
   * is new: the code units are hashed and compared in place. On a miss the substring is
   * created and stored (copied out of `text` when V8 would otherwise keep `text` alive
   * through it). Agrees with `intern(text.slice(start, end))`.
   *
   * @param text - The string holding the slice (e.g. a whole source file).
   * @param start - Index of the first code unit (inclusive).
   * @param end - Index after the last code unit (exclusive).
   * @returns Its id, `0 <= id < size`.
   * @throws RangeError unless `start`, `end` are integers with `0 <= start <= end <= text.length`.
   */
  internSlice(text: string, start: number, end: number): number {
    if ((start | 0) !== start || (end | 0) !== end || start < 0 || start > end || end > text.length) {
      throw sliceError(text, start, end);
    }
    this.lookups++;
    const h = hashSlice(text, start, end);
    const found = this.findSlice(text, start, end, h);
    if (found >= 0) {
      this.hits++;
      this.savedUnits += end - start;
      return found;
    }
    return this.insertAt(-1 - found, detachedSlice(text, start, end), h);
  }

  /**
   * Returns the id of `str`, or `-1` if it has not been interned. Never inserts.
   *
   * @param str - The string to look up.
   */
  lookup(str: string): number {
    this.lookups++;
    const found = this.findString(str, hashString(str));
    if (found >= 0) {
      this.hits++;
      return found;
    }
    return -1;
  }

  /**
   * Returns the id of `text.slice(start, end)`, or `-1`; never inserts and never creates
   * the substring.
   *
   * @param text - The string holding the slice.
   * @param start - Index of the first code unit (inclusive).
   * @param end - Index after the last code unit (exclusive).
   * @throws RangeError unless `start`, `end` are integers with `0 <= start <= end <= text.length`.
   */
  lookupSlice(text: string, start: number, end: number): number {
    if ((start | 0) !== start || (end | 0) !== end || start < 0 || start > end || end > text.length) {
      throw sliceError(text, start, end);
    }
    this.lookups++;
    const found = this.findSlice(text, start, end, hashSlice(text, start, end));
    if (found >= 0) {
      this.hits++;
      this.savedUnits += end - start;
      return found;
    }
    return -1;
  }

  /**
   * Whether `str` has been interned (`lookup(str) >= 0`).
   *
   * @param str - The string to look up.
   */
  has(str: string): boolean {
    return this.lookup(str) >= 0;
  }

  /**
   * The string with id `id`.
   *
   * @param id - An id returned by this interner and not rolled back since.
   * @throws RangeError if `id` is not in `0 .. size - 1`.
   */
  text(id: number): string {
    if ((id | 0) !== id || id < 0 || id >= this.count) {
      throw new RangeError(`no interned string has id ${id} (size ${this.count})`);
    }
    return this.strings[id]!;
  }

  /**
   * Marks the current point, for a later {@link Interner.rollback}. Marks nest: a rollback
   * to a mark makes every mark taken after it invalid. Taking a mark again at the same
   * size returns the same mark, so one mark per document costs nothing over time.
   *
   * @returns The mark.
   */
  mark(): InternMark {
    const top = this.marks[this.marks.length - 1];
    if (top !== undefined && top.size === this.count) return top;
    const token = new MarkToken(this.count, this);
    this.marks.push(token);
    return token;
  }

  /**
   * Drops every string interned after `mark`; their ids will be handed out again, densely,
   * to the next new strings. Seeded strings and everything before the mark keep their ids.
   * The mark stays valid (roll back to it again after the next document); marks taken
   * after it do not. Costs O(strings dropped) (each is removed with backward-shift
   * deletion); the table is not rebuilt and does not shrink.
   *
   * @param mark - A value from this interner's `mark()`.
   * @throws RangeError if `mark` is from another interner, or was invalidated by a rollback
   *   to an earlier mark.
   */
  rollback(mark: InternMark): void {
    const token = mark as unknown as MarkToken;
    if (!(token instanceof MarkToken) || token.owner !== this) {
      throw new RangeError("cannot roll back to a mark from another interner (or not from mark())");
    }
    if (!token.live) {
      throw new RangeError(
        `cannot roll back to the mark at size ${token.size}: an earlier rollback went below it`,
      );
    }
    // Marks taken after this one are gone with the strings after it.
    while (this.marks[this.marks.length - 1] !== token) (this.marks.pop() as MarkToken).live = false;
    const to = token.size;
    const table = this.table;
    const mask = this.mask;
    const strings = this.strings;
    for (let id = this.count - 1; id >= to; id--) {
      let i = this.hashById[id]! & mask;
      while (table[2 * i] !== id) i = (i + 1) & mask;
      this.removeSlot(i);
      this.heldUnits -= strings[id]!.length;
      strings[id] = ""; // release the string; keep the array's capacity for the next document
    }
    this.count = to;
  }

  /**
   * Gives back the room an interner that is done growing does not need: the hash table
   * shrinks to the smallest power of two that holds the strings at a load of at most
   * `maxLoadFactor` (if that is smaller than it is; trim never grows it), and the per-id
   * arrays shrink to the strings held. For a name table
   * that is kept but no longer filled (a parsed or compiled document's): growth doubles
   * the table at a load of `maxLoadFactor` of the constructor (0.5), so up to three
   * quarters of it can be empty. Ids, strings and marks stay valid; interning again
   * works and grows the table back (the first insertion past the constructor's load
   * factor doubles it). O(size).
   *
   * @param maxLoadFactor - The highest load the trimmed table may have, 0.25..0.9 (default
   *   0.75: a probe for a present string stays short; lookups of absent strings are rare
   *   once a table is kept).
   * @returns Bytes of typed arrays given back (0 if nothing could shrink).
   * @throws RangeError if `maxLoadFactor` is out of range.
   */
  trim(maxLoadFactor = 0.75): number {
    if (!(maxLoadFactor >= 0.25 && maxLoadFactor <= 0.9)) {
      throw new RangeError(`maxLoadFactor must be between 0.25 and 0.9, got ${maxLoadFactor}`);
    }
    const before = this.table.byteLength + this.hashById.byteLength;
    let capacity = MIN_CAPACITY;
    while (Math.floor(capacity * maxLoadFactor) < this.count) capacity *= 2;
    if (capacity < this.mask + 1) this.rehash(capacity);
    const ids = Math.max(MIN_CAPACITY, this.count);
    if (ids < this.hashById.length) this.hashById = this.hashById.slice(0, ids);
    // Slots past `count` hold "" after a rollback; the next insertion pushes again.
    if (this.strings.length > this.count) this.strings.length = this.count;
    return before - (this.table.byteLength + this.hashById.byteLength);
  }

  /** The counters and table size, in O(1): everything in {@link stats} but the probe figures. */
  counts(): InternCounts {
    const capacity = this.mask + 1;
    return {
      distinct: this.count,
      seeded: this.seeded,
      lookups: this.lookups,
      hits: this.hits,
      misses: this.lookups - this.hits,
      bytesHeld: this.heldUnits * 2,
      bytesSaved: this.savedUnits * 2,
      capacity,
      loadFactor: this.count / capacity,
    };
  }

  /** A snapshot of counters and table shape; scans the table for probe lengths (O(capacity)). */
  stats(): InternStats {
    const capacity = this.mask + 1;
    let probeSum = 0;
    let probeMax = 0;
    for (let i = 0; i < capacity; i++) {
      if (this.table[2 * i] === EMPTY) continue;
      const probes = ((i - (this.table[2 * i + 1]! & this.mask)) & this.mask) + 1;
      probeSum += probes;
      if (probes > probeMax) probeMax = probes;
    }
    return { ...this.counts(), probeMean: this.count === 0 ? 0 : probeSum / this.count, probeMax };
  }

  /** Id of `str` if present, else `-1 - slot` of the empty slot where it would go. */
  private findString(str: string, h: number): number {
    const table = this.table;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const id = table[2 * i]!;
      if (id === EMPTY) return -1 - i;
      if (table[2 * i + 1] === h && this.strings[id] === str) return id;
      i = (i + 1) & mask;
    }
  }

  /** Like `findString`, comparing the slice's code units in place. */
  private findSlice(text: string, start: number, end: number, h: number): number {
    const table = this.table;
    const mask = this.mask;
    const length = end - start;
    let i = h & mask;
    for (;;) {
      const id = table[2 * i]!;
      if (id === EMPTY) return -1 - i;
      if (table[2 * i + 1] === h) {
        const s = this.strings[id]!;
        if (s.length === length) {
          let k = 0;
          while (k < length && s.charCodeAt(k) === text.charCodeAt(start + k)) k++;
          if (k === length) return id;
        }
      }
      i = (i + 1) & mask;
    }
  }

  /** Stores `str` (hash `h`) as the next id, at `slot` unless the table must grow first. */
  private insertAt(slot: number, str: string, h: number): number {
    const id = this.count;
    if (id >= this.growAt) {
      this.grow();
      slot = h & this.mask;
      while (this.table[2 * slot] !== EMPTY) slot = (slot + 1) & this.mask;
    }
    this.table[2 * slot] = id;
    this.table[2 * slot + 1] = h;
    if (id === this.hashById.length) {
      const bigger = new Int32Array(id * 2);
      bigger.set(this.hashById);
      this.hashById = bigger;
    }
    this.hashById[id] = h;
    if (id < this.strings.length) this.strings[id] = str;
    else this.strings.push(str);
    this.heldUnits += str.length;
    this.count = id + 1;
    return id;
  }

  /**
   * Empties `slot` with backward-shift deletion: later entries of the same cluster move
   * back into the hole when their home slot allows, so no probe chain is broken and no
   * tombstone is left.
   */
  private removeSlot(slot: number): void {
    const table = this.table;
    const mask = this.mask;
    let hole = slot;
    let j = slot;
    for (;;) {
      j = (j + 1) & mask;
      const id = table[2 * j]!;
      if (id === EMPTY) break;
      const h = table[2 * j + 1]!;
      // The entry at j may move to the hole if its home is not inside (hole, j].
      if (((j - (h & mask)) & mask) >= ((j - hole) & mask)) {
        table[2 * hole] = id;
        table[2 * hole + 1] = h;
        hole = j;
      }
    }
    table[2 * hole] = EMPTY;
  }

  /** Doubles the table (see {@link rehash}). */
  private grow(): void {
    this.rehash((this.mask + 1) * 2);
  }

  /**
   * Moves every entry into a table of `capacity` slots (a power of two that holds them all),
   * walking the old table in slot order (entries land in the new table in nearly ascending
   * order, which is cache-friendly). `growAt` follows the constructor's load factor, so a
   * table trimmed above it grows at the next insertion.
   */
  private rehash(capacity: number): void {
    const old = this.table;
    const mask = capacity - 1;
    const table = newTable(capacity);
    for (let s = 0; s < old.length; s += 2) {
      const id = old[s]!;
      if (id === EMPTY) continue;
      const h = old[s + 1]!;
      let i = h & mask;
      while (table[2 * i] !== EMPTY) i = (i + 1) & mask;
      table[2 * i] = id;
      table[2 * i + 1] = h;
    }
    this.table = table;
    this.mask = mask;
    this.growAt = Math.floor(capacity * this.maxLoad);
  }
}

/**
 * `text.slice(start, end)`, as a string that does not keep `text` alive. A plain slice of
 * 13+ code units is a V8 "sliced string" pointing into `text`; storing it would pin the
 * whole source in memory for as long as the interner lives. Concatenating and slicing
 * again makes V8 flatten into a fresh buffer first.
 */
function detachedSlice(text: string, start: number, end: number): string {
  if (end - start < SLICED_STRING_MIN_LENGTH || (start === 0 && end === text.length)) {
    return text.slice(start, end);
  }
  return ` ${text.slice(start, end)}`.slice(1);
}

/** An empty table of `capacity` slots. */
function newTable(capacity: number): Int32Array {
  const table = new Int32Array(2 * capacity);
  for (let i = 0; i < table.length; i += 2) table[i] = EMPTY;
  return table;
}

function sliceError(text: string, start: number, end: number): RangeError {
  return new RangeError(
    `slice [${start}, ${end}) is not inside a string of length ${text.length} (need integers 0 <= start <= end <= length)`,
  );
}
