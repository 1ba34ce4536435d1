/**
 * `put` into a YAML file by editing the parsed document rather than writing its value out
 * anew, so comments, key order, quoting, anchors and merge keys survive: only the changed
 * value (and keys it needs) is new text.
 * @module
 */
import type YAMLModule from "yaml";
import { yaml } from "./formats.js";
import { keepMergeKeysText, keepMergeKeyText } from "./yaml-keys.js";

type Doc = YAMLModule.Document.Parsed;

/** How an edited document is written: long lines are not folded, flow collections as `{a: 1}` and `[1, 2]`. */
const TO_STRING_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const;

function resolved(doc: Doc, node: unknown): unknown {
  return yaml().isAlias(node) ? node.resolve(doc) : node;
}

function isNullNode(node: unknown): boolean {
  return node === null || node === undefined || (yaml().isScalar(node) && node.value === null);
}

/** The pair of `map` whose key becomes the property `key` (merge keys never match). */
function ownPair(map: YAMLModule.YAMLMap, key: string): YAMLModule.Pair | undefined {
  const Y = yaml();
  return map.items.find((pair) => {
    const k = pair.key;
    if (!Y.isScalar(k) || typeof k.value === "symbol") return false;
    return (k.value === null ? "" : String(k.value)) === key;
  });
}

/** Gives a new value node the comments of the node it replaces (`key: old # note` keeps `# note`). */
function replaced(old: unknown, node: unknown): unknown {
  const Y = yaml();
  if (Y.isNode(old) && Y.isNode(node)) {
    node.comment = old.comment;
    node.commentBefore = old.commentBefore;
    node.spaceBefore = old.spaceBefore;
  }
  return node;
}

/** A node for plain data, its keys `<<` kept as text (see {@link keepMergeKeysText}). */
function dataNode(doc: Doc, plain: unknown): YAMLModule.Node {
  const node = doc.createNode(plain);
  keepMergeKeysText(yaml(), node, true);
  return node;
}

/** Sets `map[key]` to `node`: the existing pair keeps its key (and the comments on it), else a pair is added at the end. */
function setInMap(doc: Doc, map: YAMLModule.YAMLMap, key: string, node: unknown): void {
  const pair = ownPair(map, key);
  if (pair) pair.value = replaced(pair.value, node);
  else {
    const added = doc.createPair(key, node);
    keepMergeKeyText(yaml(), added.key, true);
    map.items.push(added);
  }
}

/**
 * Sets the value at `keyPath` in a YAML document to `plain` (plain data). `value` is the
 * document's value (`toJS`), already checked by the caller: every container on the path is a
 * map or a sequence, array indexes are at most the sequence's length (the length appends), and
 * no link is on the way. Missing maps are created; a key the map only has through a merge key
 * (`<<`) is first copied into the map, so the merged-from map is not changed.
 */
export function setInYamlDocument(
  doc: Doc,
  keyPath: readonly string[],
  plain: unknown,
  value: unknown,
): void {
  const Y = yaml();
  if (keyPath.length === 0 || isNullNode(doc.contents)) {
    doc.contents = dataNode(doc, keyPath.length === 0 ? plain : {}) as Doc["contents"];
    if (keyPath.length === 0) return;
    value = {};
  }
  let node: unknown = doc.contents;
  let js: unknown = value;
  for (let i = 0; i < keyPath.length; i++) {
    const key = keyPath[i]!;
    const last = i === keyPath.length - 1;
    const container = resolved(doc, node);
    const jsChild = (js as Record<string, unknown> | null)?.[key] ?? null;
    if (Y.isSeq(container)) {
      const index = Number(key);
      const existing = container.items[index];
      if (last || isNullNode(existing)) {
        const created = dataNode(doc, last ? plain : {});
        if (index === container.items.length) container.items.push(created);
        else container.items[index] = replaced(existing, created);
        if (last) return;
        node = created;
        js = {};
      } else {
        node = existing;
        js = jsChild;
      }
    } else if (Y.isMap(container)) {
      const pair = ownPair(container, key);
      if (last) {
        setInMap(doc, container, key, dataNode(doc, plain));
        return;
      }
      if (pair && !isNullNode(pair.value)) {
        node = pair.value;
        js = jsChild;
      } else {
        // missing, null, or only merged in: a map of its own (a copy of the merged value)
        const created = dataNode(doc, pair || jsChild === null ? {} : jsChild);
        setInMap(doc, container, key, created);
        node = created;
        js = pair ? {} : (jsChild ?? {});
      }
    } else {
      throw new Error(`internal: put met a ${typeof container} at ${keyPath.slice(0, i).join(".")}`);
    }
  }
}

/** The document as text after an edit. */
export function yamlDocumentText(doc: Doc): string {
  return doc.toString(TO_STRING_OPTIONS);
}
