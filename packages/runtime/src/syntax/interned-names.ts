/**
 * Pooled-mode names: every identifier is interned straight from its source slice, so a
 * known name costs a hash and an in-place compare, never a substring.
 * @module
 */
import { Interner } from "@xmd/intern";
import { SEED_NAMES } from "./keywords.js";
import type { NameKey, NameTable } from "./names.js";

/** Pooled mode: every name is interned from the source slice; no substring on a hit. */
export class InternedNames implements NameTable {
  readonly interned = true;
  readonly interner = new Interner({ seed: SEED_NAMES });
  servedLookups = 0;

  idOfSlice(source: string, start: number, end: number): number {
    this.servedLookups++;
    return this.interner.internSlice(source, start, end);
  }
  keyOf(_source: string, _start: number, _end: number, id: number): NameKey {
    return id;
  }
  keyOfText(text: string): NameKey {
    return this.interner.intern(text);
  }
  textOf(key: NameKey): string {
    return typeof key === "number" ? this.interner.text(key) : key;
  }
  stats(): { distinct: number; lookups: number; hits: number; bytesSaved: number } {
    const s = this.interner.counts();
    return { distinct: s.distinct, lookups: s.lookups, hits: s.hits, bytesSaved: s.bytesSaved };
  }
}
