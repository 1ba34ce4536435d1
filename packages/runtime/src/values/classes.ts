/**
 * Classes and their instances. A class is a callable value (calling it constructs); an
 * instance is a plain-ish object of its fields whose prototype names its class, so that
 * every object operation (`.keys`, `for key, value in`, `json.stringify`, `{...x}`) sees
 * the fields and nothing else, and the class is found without a table on the side.
 * @module
 */
import { Callable } from "./callable.js";

/** A constructor or a method as its class keeps it. */
export interface ClassMember {
  readonly name: string;
  /**
   * The compiled function; its first two parameters are hidden (the instance and the
   * class that declares it, for `super`), its declared parameters follow.
   */
  readonly fn: Callable;
  /** Parameters the code declares (the hidden two not counted). */
  readonly params: number;
  /** Callable only through `self` inside the methods of {@link owner}. */
  readonly isPrivate: boolean;
  /** The class whose body declares it. */
  readonly owner: ClassValue;
}

/** Where an instance's class is kept: on its prototype, under a key no document can write. */
const CLASS = Symbol("xmd.class");

/** A class made by a `class` statement. */
export class ClassValue extends Callable {
  /** Methods by name, this class's own. */
  private readonly own = new Map<string, ClassMember>();
  /** The constructor that runs for `Name(…)`: this class's own, or the nearest parent's. */
  ctor: ClassMember | null;
  /** The prototype of every instance: its chain ends at Object.prototype, like a `{}`'s. */
  readonly proto: object;

  constructor(
    readonly name: string,
    /** The class it extends, or null. */
    readonly parent: ClassValue | null,
  ) {
    super();
    this.ctor = parent?.ctor ?? null;
    this.proto = Object.create(Object.prototype, { [CLASS]: { value: this } });
  }

  /** Adds a method or (`isConstructor`) the constructor. */
  define(name: string, fn: Callable, params: number, isPrivate: boolean, isConstructor: boolean): void {
    const member: ClassMember = { name, fn, params, isPrivate, owner: this };
    if (isConstructor) this.ctor = member;
    else this.own.set(name, member);
  }

  /** The method `name` of this class or the nearest ancestor that has one. */
  find(name: string): ClassMember | undefined {
    for (let c: ClassValue | null = this; c !== null; c = c.parent) {
      const m = c.own.get(name);
      if (m !== undefined) return m;
    }
    return undefined;
  }

  /** Every method name this class's instances have, own and inherited (for "did you mean"). */
  methodNames(): string[] {
    const names = new Set<string>();
    for (let c: ClassValue | null = this; c !== null; c = c.parent)
      for (const name of c.own.keys()) names.add(name);
    return [...names];
  }

  /** A new instance with no fields yet. */
  instance(): Record<string, unknown> {
    return Object.create(this.proto) as Record<string, unknown>;
  }

  toJSON(): string {
    return `<class ${this.name}>`;
  }
}

/** The class `value` is an instance of, or null for anything else. */
export function classOf(value: unknown): ClassValue | null {
  if (typeof value !== "object" || value === null) return null;
  const proto = Object.getPrototypeOf(value) as { [CLASS]?: ClassValue } | null;
  return proto === null ? null : (proto[CLASS] ?? null);
}

/**
 * A method taken from an instance as a value (`set f d.greet`, with `greet` taking
 * arguments): calling it calls the method on that instance.
 */
export class BoundMethod extends Callable {
  readonly name: string;
  constructor(
    readonly self: object,
    readonly member: ClassMember,
  ) {
    super();
    this.name = `${member.owner.name}.${member.name}`;
  }
}
