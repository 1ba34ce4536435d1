/**
 * Member reads, `r.name` (`compile/members.ts`). The readers are one piece of code written
 * several times over (so that V8 keeps type feedback per copy), and a name is read by
 * whichever copy it was given: every rule of a read is checked here through each copy, and
 * through the compiler's choice of copy for enough names that every copy reads some of
 * them, against a stand-in for the machine that answers what is not an own field of a
 * plain object.
 */
import { describe, expect, it } from "vitest";
import { memberRead, memberReadWith, READER_COPIES, readMember } from "../src/compile/members.js";
import { NamespaceValue } from "../src/eval/functions.js";
import type { Machine } from "../src/eval/machine.js";
import { createRuntime, XmdError } from "../src/index.js";
import type { NodeId } from "../src/syntax/nodes.js";
import { Callable } from "../src/values/callable.js";

/** What the stand-in machine answers for a member that is not an own field. */
const FROM_MACHINE = Symbol("from the machine");
const machine = { member: () => FROM_MACHINE } as unknown as Machine;
const node = 0 as NodeId;

/** A reading of `receiver.name`: through the closure the compiler makes for it, or through one copy. */
type Read = (receiver: unknown, name: string) => unknown;

/** Reads `receiver.name` through the closure the compiler makes for it. */
const read: Read = (receiver, name) => memberRead(() => receiver, name, node)(machine);

/** Reads `receiver.name` through copy `copy` of the reader. */
const readWith =
  (copy: number): Read =>
  (receiver, name) =>
    memberReadWith(copy, () => receiver, name, node)(machine);

/** A value that is not a plain object but has `name` as an own field. */
function withOwnField<T extends object>(value: T, name: string): T {
  return Object.assign(value, { [name]: "own field" });
}

class SomeCallable extends Callable {
  readonly name = "f";
}

/** Every rule of a member read, read by `read` with the name `name`. */
function readsByTheRules(read: Read, name: string): void {
  it("gives a plain object's own field, and null for one set to nothing", () => {
    expect(read({ [name]: 7 }, name)).toBe(7);
    expect(read({ [name]: undefined }, name)).toBeNull();
    expect(read({ [name]: null }, name)).toBeNull();
  });

  it("asks the machine for what a plain object does not have", () => {
    expect(read({}, name)).toBe(FROM_MACHINE);
  });

  it("asks the machine for null, lists, functions and namespaces, whatever their own fields", () => {
    expect(read(null, name)).toBe(FROM_MACHINE);
    expect(read(withOwnField([1, 2], name), name)).toBe(FROM_MACHINE);
    expect(read(withOwnField(new SomeCallable(), name), name)).toBe(FROM_MACHINE);
    expect(read(withOwnField(new NamespaceValue("ns", new Map()), name), name)).toBe(FROM_MACHINE);
    expect(read("text", name)).toBe(FROM_MACHINE);
  });

  it("gives an own field of an object with no prototype, or of an instance", () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare[name] = 3;
    expect(read(bare, name)).toBe(3);
    expect(read(withOwnField(new (class Thing {})(), name), name)).toBe("own field");
  });
}

describe.each(Array.from({ length: READER_COPIES }, (_, copy) => copy))("copy %i of the reader", (copy) => {
  readsByTheRules(readWith(copy), "someField");
});

// Sixteen names of sixteen lengths: read after one another, they are spread over all the
// copies (the first names a process reads each get a copy of their own; the rest share
// them by length and first letter).
const NAMES = Array.from({ length: 16 }, (_, i) => `a${"x".repeat(i)}Field`);

describe.each(NAMES)("a compiled read of .%s", (name) => {
  readsByTheRules(read, name);
});

describe("readMember", () => {
  it("gives own fields of objects only, null for one set to nothing, else what the machine finds", () => {
    expect(readMember(machine, { a: 1 }, "a", node)).toBe(1);
    expect(readMember(machine, { a: undefined }, "a", node)).toBeNull();
    expect(readMember(machine, { a: 1 }, "b", node)).toBe(FROM_MACHINE);
    expect(readMember(machine, null, "a", node)).toBe(FROM_MACHINE);
    expect(readMember(machine, 5, "a", node)).toBe(FROM_MACHINE);
    expect(readMember(machine, withOwnField([], "a"), "a", node)).toBe(FROM_MACHINE);
    expect(readMember(machine, withOwnField(new SomeCallable(), "a"), "a", node)).toBe(FROM_MACHINE);
    expect(readMember(machine, withOwnField(new NamespaceValue("ns", new Map()), "a"), "a", node)).toBe(
      FROM_MACHINE,
    );
  });
});

describe("member reads in documents", () => {
  const render = (source: string) => createRuntime().render(source, { lang: "xmd" }).output;

  it("do not give Object.prototype's members of a plain object", () => {
    expect(render('set o {"a": 1}\nprint o.toString = null\nprint o.constructor = null\n')).toBe(
      "true\ntrue\n",
    );
  });

  it("do not give a namespace's own fields", () => {
    let error: unknown;
    try {
      render("set ns json\nprint ns.name\n");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmdError);
    expect((error as XmdError).message).toBe("json has no member 'name'");
  });
});
