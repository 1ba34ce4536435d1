/**
 * Member reads, `r.name`. Most are a field of a record of the data or of an object the
 * document made, read once per loop step: `r.qty`, `r.name`, `r.price` ten thousand
 * times a render. Every member read is a closure made by the same code, so V8 keeps one
 * set of type feedback for all of them: the read `r[name]` in that code sees every name
 * of every document and becomes a megamorphic keyed load (a hash-table probe per read).
 * The readers below are the same code written {@link READERS}`.length` times, so that V8
 * keeps feedback per copy; a process's first names each get a copy of their own, whose
 * read then sees one name (and, over a list of records, one shape) and is as fast as a
 * property read in hand-written code. Later names share the copies. Measured on W2's
 * shape (three names over 10,000 records): 6–7 ns a read against 7–14 ns through one
 * shared closure.
 * @module
 */
import { NamespaceValue } from "../eval/functions.js";
import type { Machine } from "../eval/machine.js";
import type { NodeId } from "../syntax/nodes.js";
import { Callable } from "../values/callable.js";
import type { Expr } from "./code.js";

type Fields = Record<string, unknown> | null;
type Reader = (object: Expr, name: string, n: NodeId) => Expr;

/*
 * A plain object (a record of the data, an object the document made, an instance of a
 * document's class) with the key is read first: its constructor is `Object` (found on
 * Object.prototype; the data cannot hold the `Object` function itself) and its prototype
 * chain holds nothing but Object.prototype's keys (a class's prototype holds no string
 * keys: its methods are found by the class), so for a name Object.prototype does not have
 * (the only names these readers get) what the object gives is its own. Anything else,
 * and a key it does not have, goes to readMember.
 */
// biome-ignore format: the copies are the point (see the module note); one line each keeps them comparable.
const READERS: readonly Reader[] = [
  (object, name, n) => (m) => { const r = object(m) as Fields; if (r !== null && typeof r === "object" && r.constructor === Object) { const v = r[name]; if (v !== undefined) return v; } return readMember(m, r, name, n); },
  (object, name, n) => (m) => { const r = object(m) as Fields; if (r !== null && typeof r === "object" && r.constructor === Object) { const v = r[name]; if (v !== undefined) return v; } return readMember(m, r, name, n); },
  (object, name, n) => (m) => { const r = object(m) as Fields; if (r !== null && typeof r === "object" && r.constructor === Object) { const v = r[name]; if (v !== undefined) return v; } return readMember(m, r, name, n); },
  (object, name, n) => (m) => { const r = object(m) as Fields; if (r !== null && typeof r === "object" && r.constructor === Object) { const v = r[name]; if (v !== undefined) return v; } return readMember(m, r, name, n); },
  (object, name, n) => (m) => { const r = object(m) as Fields; if (r !== null && typeof r === "object" && r.constructor === Object) { const v = r[name]; if (v !== undefined) return v; } return readMember(m, r, name, n); },
  (object, name, n) => (m) => { const r = object(m) as Fields; if (r !== null && typeof r === "object" && r.constructor === Object) { const v = r[name]; if (v !== undefined) return v; } return readMember(m, r, name, n); },
  (object, name, n) => (m) => { const r = object(m) as Fields; if (r !== null && typeof r === "object" && r.constructor === Object) { const v = r[name]; if (v !== undefined) return v; } return readMember(m, r, name, n); },
  (object, name, n) => (m) => { const r = object(m) as Fields; if (r !== null && typeof r === "object" && r.constructor === Object) { const v = r[name]; if (v !== undefined) return v; } return readMember(m, r, name, n); },
];

/** Which copy each of the process's first names reads with (at most one entry per copy). */
const copies = new Map<string, number>();

function readerOf(name: string): Reader {
  let copy = copies.get(name);
  if (copy === undefined) {
    if (copies.size < READERS.length) {
      copy = copies.size;
      copies.set(name, copy);
    } else copy = (name.length + name.charCodeAt(0)) % READERS.length;
  }
  return READERS[copy] as Reader;
}

/** The closure of `object.name` (see the module note). */
export function memberRead(object: Expr, name: string, n: NodeId): Expr {
  // `r.toString`, `r.constructor`: a plain object would give Object.prototype's.
  if (name in Object.prototype) return (m) => readMember(m, object(m), name, n);
  return readerOf(name)(object, name, n);
}

/** How many copies of the reader there are. */
export const READER_COPIES = READERS.length;

/**
 * The closure of `object.name` made by copy `copy` (0 to {@link READER_COPIES} - 1) of the
 * reader, for a name Object.prototype does not have. Which copy a name gets depends on the
 * names read before it in the process; this is how each copy is checked on its own.
 */
export function memberReadWith(copy: number, object: Expr, name: string, n: NodeId): Expr {
  return (READERS[copy] as Reader)(object, name, n);
}

/**
 * `receiver.name` in general: an own field of an object (not of a list, a function or a
 * namespace, whose own fields are not members), else what the machine finds (a method, a
 * namespace's member, a builtin property such as a list's `length`, or an error).
 */
export function readMember(m: Machine, receiver: unknown, name: string, n: NodeId): unknown {
  if (
    receiver !== null &&
    typeof receiver === "object" &&
    !Array.isArray(receiver) &&
    !(receiver instanceof NamespaceValue) &&
    !(receiver instanceof Callable) &&
    Object.hasOwn(receiver, name)
  ) {
    // A key set to nothing (a hole spread into an object) reads as null.
    return (receiver as Record<string, unknown>)[name] ?? null;
  }
  return m.member(receiver, name, n);
}
