/**
 * Duplicate keys in a YAML document, found in one pass with a set per map. The YAML library's
 * own check (`uniqueKeys`) compares every key of a map with every other: 20 000 keys took
 * 3 s and 200 000 more than ten minutes. This check also catches keys that differ in YAML but
 * become the same property in an object (`1:` and `"1":`), which would otherwise lose one
 * value without a word.
 * @module
 */
import type YAMLModule from "yaml";

/** A repeated key: its text as an object property, where it repeats and where it first was (offsets). */
export interface DuplicateKey {
  readonly key: string;
  readonly offset: number;
  readonly firstOffset: number;
}

/**
 * The property name a scalar key becomes in an object (as the library names it: null is
 * ""), or null for a key that is not compared: a merge key (`<<`, which may repeat) or a
 * collection used as a key.
 */
function propertyName(yaml: typeof YAMLModule, key: unknown): string | null {
  if (!yaml.isScalar(key)) return null;
  const value = key.value;
  if (typeof value === "symbol") return null;
  return value === null ? "" : String(value);
}

/**
 * The first key that repeats within one map of `root`, in document order of maps visited; null
 * when none does. `tick` is called once per node visited (the caller's clock checks).
 */
export function findDuplicateKey(
  yaml: typeof YAMLModule,
  root: unknown,
  tick: () => void = () => {},
): DuplicateKey | null {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    tick();
    if (yaml.isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const name = propertyName(yaml, pair.key);
        if (name !== null) {
          const offset = (pair.key as YAMLModule.Scalar).range?.[0] ?? -1;
          const first = seen.get(name);
          if (first !== undefined) return { key: name, offset, firstOffset: first };
          seen.set(name, offset);
        } else if (yaml.isCollection(pair.key)) pending.push(pair.key);
        pending.push(pair.value);
      }
    } else if (yaml.isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (yaml.isPair(node)) {
      pending.push(node.key, node.value);
    }
  }
  return null;
}

/**
 * Marks every key `<<` under `node` as text (see {@link keepMergeKeyText}).
 */
export function keepMergeKeysText(yaml: typeof YAMLModule, node: unknown, withTag: boolean): void {
  yaml.visit(node as YAMLModule.Node, {
    Pair(_, pair) {
      keepMergeKeyText(yaml, pair.key, withTag);
    },
  });
}

/**
 * Marks `key` as text if it is `<<`. The data has such a key as an ordinary key (a merge was
 * already applied when it was read), but written plain it would be read back as a merge key:
 * `<<: 1` is then an error, and `<<: {a: 1}` silently becomes `a: 1`. Quoted, it is text; in
 * a document that reads merge keys, the library also needs the string tag named, or it
 * writes the key with its merge tag (`!!str "<<"`).
 */
export function keepMergeKeyText(yaml: typeof YAMLModule, key: unknown, withTag: boolean): void {
  if (!yaml.isScalar(key) || key.value !== "<<") return;
  key.type = "QUOTE_DOUBLE";
  if (withTag) key.tag = "tag:yaml.org,2002:str";
}
