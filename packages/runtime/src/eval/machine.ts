/**
 * The machine compiled code runs on: the operations closures call that are too large or
 * too rare to inline in each of them — calls and frames, globals, members and indexes,
 * operators on values other than two numbers, spreads — on top of the run state in
 * {@link EvalBase}. Closures receive the machine as their argument (see `compile/code.ts`),
 * so that a compiled document's closures serve every render.
 * @module
 */
import type { XmdError } from "../api/error.js";
import { hasMethod } from "../host/methods.js";
import { didYouMean } from "../host/suggest.js";
import { characterCount } from "../host/text.js";
import { localName, localNameHint } from "../syntax/local-names.js";
import { type NodeId, Op } from "../syntax/nodes.js";
import type { FunctionInfo } from "../syntax/unit.js";
import { enterBudget, leaveBudget } from "../values/budget.js";
import { Callable } from "../values/callable.js";
import { BoundMethod, type ClassMember, ClassValue, classOf } from "../values/classes.js";
import { RuntimeFault } from "../values/fault.js";
import { DONE, GeneratorValue } from "../values/generator.js";
import { isRegex } from "../values/regex.js";
import { Cell } from "./cell.js";
import { EvalBase, setOwn, withArticle } from "./eval-base.js";
import {
  BuiltinFunction,
  type HostFunction,
  type ModuleInstance,
  NamespaceValue,
  UserFunction,
} from "./functions.js";
import { MachineGenerator } from "./generator-run.js";
import { isValueStackOverflow } from "./temps.js";

/** Names of the arithmetic operators, for "cannot multiply a and b". */
const VERBS: Record<number, string> = {
  [Op.Sub]: "subtract",
  [Op.Mul]: "multiply",
  [Op.Div]: "divide",
  [Op.Mod]: "take the remainder of",
};

/** The machine: run state plus the out-of-line operations of compiled code. */
export class Machine extends EvalBase {
  /** The value of the last `return`, taken by the call that ran it. */
  returned: unknown = null;
  /** Builtins looked up so far, by name; made on first use (most renders call none). */
  private builtinCache: Map<string, unknown> | null = null;

  // ── modules ────────────────────────────────────────────────────────────────

  /** Runs a module's compiled top level (its functions are bound first, as hoisted). */
  runModule(module: ModuleInstance): void {
    const saved = this.module;
    const savedBase = this.base;
    const savedCells = this.cells;
    this.module = module;
    this.cells = [];
    const savedBudget = enterBudget(this.budget);
    try {
      module.code.main(this);
    } catch (e) {
      // Located here, while `module` and `at` still describe where it failed.
      throw this.toUserError(e);
    } finally {
      leaveBudget(savedBudget);
      this.module = saved;
      this.base = savedBase;
      this.cells = savedCells;
    }
  }

  // ── variables ──────────────────────────────────────────────────────────────

  /** A module global's value; a global never set is an error at `n`. */
  readGlobal(index: number, n: NodeId): unknown {
    const v = this.module.globalVars[index];
    const value = v === undefined || v === -1 ? undefined : this.vars.read(v);
    if (value === undefined) throw this.undefinedName(n);
    return value;
  }

  /** A module global's value, or `undefined` when it was never set (no error). */
  peekGlobal(index: number): unknown {
    const v = this.module.globalVars[index];
    return v === undefined || v === -1 ? undefined : this.vars.read(v);
  }

  /** The variable of a module global, made on first write. */
  globalVar(index: number): number {
    const vars = this.module.globalVars;
    let v = vars[index];
    if (v === undefined || v === -1) {
      v = this.vars.create();
      while (vars.length < index) vars.push(-1);
      vars[index] = v;
    }
    return v;
  }

  undefinedName(n: NodeId): XmdError {
    return this.undefinedNameAt(n, this.nodes.start(n), this.nodes.end(n));
  }

  /** "'x' is not defined" for the name of Name node `n`, used at source[start, end) (a `{{ name }}` of a text run). */
  undefinedNameAt(n: NodeId, start: number, end: number): XmdError {
    const name = this.names.textOf(this.nodes.name(n));
    if (name === "self" || name === "super") {
      // Not reserved words: they mean the instance and its parent only inside a class.
      return this.errorAt(
        "undefined-name",
        name === "self"
          ? "'self' is only defined inside a class's constructor and methods"
          : "'super' is only defined inside the constructor and methods of a class that extends another",
        start,
        end,
        "declare a class (`class NAME`, see Classes in the language reference) and use it in its members",
      );
    }
    const key = this.nodes.name(n);
    const local = localName(this.module.unit, key);
    if (local !== null) {
      // A function's own name (a function declared in its body, a parameter, a variable
      // it sets): set, but seen only by that function.
      return this.errorAt(
        "undefined-name",
        `'${name}' is not defined here`,
        start,
        end,
        localNameHint(name, local),
      );
    }
    if (this.module.unit.callees.has(key)) {
      // A callee of the module that is not set yet: a class (or an import) further on.
      return this.errorAt(
        "undefined-name",
        `'${name}' is not defined yet`,
        start,
        end,
        `a class, an import or a lambda set to a name is defined when its line runs (only functions are hoisted): move ${name}'s definition above this line`,
      );
    }
    return this.errorAt(
      "undefined-name",
      `'${name}' is not defined`,
      start,
      end,
      `set it first (set ${name} …), or test for it with exists("${name}")`,
    );
  }

  /** A builtin function or namespace used by name, as a value. */
  builtin(name: string, n: NodeId): unknown {
    this.builtinCache ??= new Map();
    let value = this.builtinCache.get(name);
    if (value === undefined) {
      const fn = this.services.globals.get(name);
      const ns = this.services.namespaces.get(name);
      if (fn !== undefined) value = new BuiltinFunction(name, fn);
      else if (ns !== undefined) value = new NamespaceValue(name, ns.members, ns.call);
      else throw this.undefinedName(n);
      this.builtinCache.set(name, value);
    }
    return value;
  }

  /** `exists("name")`: whether a global of that name is set in the running module. */
  exists(name: string): boolean {
    const key = this.names.keyOfText(name);
    const index = this.module.globals.indexOf(key);
    if (index === undefined) return false;
    const v = this.module.globalVars[index];
    return v !== undefined && v !== -1 && this.vars.isSet(v);
  }

  // ── values ─────────────────────────────────────────────────────────────────

  /** A number for `what` (a range end, a loop count), else a type error at `n`. */
  numberFor(value: unknown, n: NodeId, what: string): number {
    if (typeof value === "number") return value;
    throw this.error("type", `${what} needs a number, got ${this.services.typeName(value)}`, n);
  }

  /** `x op y` when the two are not both numbers (compiled code does that case inline). */
  binary(op: number, x: unknown, y: unknown, n: NodeId): unknown {
    this.at = n;
    const s = this.services;
    switch (op) {
      case Op.Add:
        if (typeof x === "string" || typeof y === "string") {
          this.heapValues++;
          return this.joinText(s.toText(x), s.toText(y));
        }
        if (Array.isArray(x) && Array.isArray(y)) {
          this.budget.list(x.length + y.length, "joining lists");
          return x.concat(y);
        }
        if (typeof x === "number" && typeof y === "number") return x + y;
        if (x == null && typeof y === "number") return y;
        if (typeof x === "number" && y == null) return x;
        throw this.error(
          "type",
          `cannot add ${withArticle(s.typeName(x))} and ${withArticle(s.typeName(y))} (+ adds numbers, joins lists, and joins text when either side is text)`,
          n,
          "convert with string x or number x first",
        );
      case Op.Eq:
        return typeof x === "number" && typeof y === "number" ? x === y : s.looseEquals(x, y);
      case Op.NotEq:
        return typeof x === "number" && typeof y === "number" ? x !== y : !s.looseEquals(x, y);
      case Op.Lt:
      case Op.Le:
      case Op.Gt:
      case Op.Ge: {
        let a: number | string;
        let b: number | string;
        if (typeof x === "string" && typeof y === "string") {
          a = x;
          b = y;
        } else if (x instanceof Date && y instanceof Date) {
          a = x.getTime();
          b = y.getTime();
        } else if (typeof x === "number" && typeof y === "number") {
          a = x;
          b = y;
        } else {
          throw this.error("type", `cannot compare ${s.typeName(x)} with ${s.typeName(y)}`, n);
        }
        return op === Op.Lt ? a < b : op === Op.Le ? a <= b : op === Op.Gt ? a > b : a >= b;
      }
      default:
        if (typeof x === "number" && typeof y === "number") {
          return op === Op.Sub ? x - y : op === Op.Mul ? x * y : op === Op.Div ? x / y : x % y;
        }
        throw this.error(
          "type",
          `cannot ${VERBS[op] ?? "combine"} ${s.typeName(x)} and ${s.typeName(y)}: both must be numbers`,
          n,
        );
    }
  }

  negate(value: unknown, n: NodeId): number {
    if (typeof value === "number") return -value;
    throw this.error("type", `cannot negate ${this.services.typeName(value)}`, n);
  }

  /** `receiver.name`: a namespace member, an own property, or a builtin property (`len`). */
  member(receiver: unknown, name: string, n: NodeId, home: unknown = null): unknown {
    this.at = n;
    if (receiver instanceof ClassValue) throw this.classMemberError(receiver, name, n);
    if (receiver instanceof NamespaceValue) {
      const member = receiver.members.get(name);
      if (member === undefined) throw this.error("type", `${receiver.name} has no member '${name}'`, n);
      return this.callHost(member, []);
    }
    // (A function value's own fields, its compiled parts, are not members: `getMember` answers for it.)
    if (hasOwnField(receiver, name)) {
      return receiver[name] ?? null;
    }
    const cls = classOf(receiver);
    if (cls !== null) {
      const method = this.methodOf(cls, receiver as object, name, n, home);
      if (method !== null) {
        // A method that takes no parameters is called when named, as a function declared
        // without parameters is; one that takes some is the method, bound to the instance.
        if (method.params === 0) return this.callMember(method, receiver as object, []);
        this.heapValues++;
        return new BoundMethod(receiver as object, method);
      }
    }
    try {
      return this.services.getMember(this.module.ctx, receiver, name) ?? null;
    } catch (e) {
      throw this.fault(e);
    }
  }

  /** `container[key]`: null past the end or for a missing key. */
  readKey(container: unknown, key: unknown, at: NodeId): unknown {
    if (Array.isArray(container)) {
      if (typeof key !== "number")
        throw this.error("type", `a list index must be a number, got ${this.services.typeName(key)}`, at);
      return container[key] ?? null;
    }
    if (typeof container === "string") {
      if (typeof key !== "number")
        throw this.error("type", `a string index must be a number, got ${this.services.typeName(key)}`, at);
      return container[key] ?? null;
    }
    // (A function or class value's own fields are its compiled parts, not keys.)
    if (container !== null && typeof container === "object" && !(container instanceof Callable)) {
      const k = this.services.toText(key);
      return Object.hasOwn(container, k) ? ((container as Record<string, unknown>)[k] ?? null) : null;
    }
    throw this.error("type", `cannot index ${this.services.typeName(container)}`, at);
  }

  /** `set container[key] value`, `set container.key value`. */
  writeKey(container: unknown, key: unknown, value: unknown, target: NodeId): void {
    this.at = target;
    if (Array.isArray(container) && typeof key === "number") {
      if (!Number.isInteger(key) || key < 0)
        throw this.error("type", `list index must be a whole number ≥ 0, got ${key}`, target);
      if (key >= container.length) this.budget.index(key);
      container[key] = value;
    } else if (
      container !== null &&
      typeof container === "object" &&
      !Array.isArray(container) &&
      !(container instanceof Date) &&
      !(container instanceof Callable) &&
      !isRegex(container)
    ) {
      setOwn(container as Record<string, unknown>, this.services.toText(key), value);
    } else {
      throw this.error(
        "type",
        `cannot set '${this.services.toText(key)}' on ${this.services.typeName(container)}`,
        target,
      );
    }
  }

  /**
   * Appends the items `...value` spreads into a list or an argument list: a list's
   * items, or a string's characters (as `for` walks them), after checking the size the
   * list will have (maxListItems). One by one: a JavaScript spread (`push(...items)`)
   * passes every item on the JavaScript stack, which a long list overflows.
   */
  spreadInto(out: unknown[], value: unknown, at: NodeId): void {
    this.at = at;
    if (Array.isArray(value)) {
      this.budget.list(out.length + value.length, "this spread");
      for (let i = 0; i < value.length; i++) out.push(value[i]);
      return;
    }
    if (value instanceof GeneratorValue) {
      // Every value it yields; an endless one stops at maxListItems (or the time limit).
      for (let v = value.next(); v !== DONE; v = value.next()) {
        this.budget.list(out.length + 1, "this spread");
        out.push(v);
      }
      return;
    }
    if (typeof value === "string") {
      this.budget.list(out.length + characterCount(value, this.limits.maxListItems), "this spread");
      for (const ch of value) out.push(ch);
      return;
    }
    throw this.notSpreadable(value, at);
  }

  /**
   * `...value` of anything but a list or a string is an error rather than one silent
   * item: `set copy ...user` most likely meant an object copy.
   */
  notSpreadable(value: unknown, at: NodeId): XmdError {
    const object = value !== null && typeof value === "object" && !(value instanceof Date) && !isRegex(value);
    return this.error(
      "type",
      `only a list or a string can be spread into a list or arguments, not ${withArticle(this.services.typeName(value))}`,
      at,
      object ? "to copy an object, spread it into an object: set copy {...value}" : undefined,
    );
  }

  // ── functions and calls ────────────────────────────────────────────────────

  makeFunction(info: FunctionInfo): UserFunction {
    this.heapValues++;
    const cells: Cell[] = [];
    for (const capture of info.captures) {
      cells.push(
        capture.fromLocal
          ? (this.stack.refAt(this.base + capture.index) as Cell)
          : (this.cells[capture.index] as Cell),
      );
    }
    return new UserFunction(info.name, info, this.module, cells);
  }

  /**
   * Calls a user function whose `argc` arguments are on top of the value stack (at most
   * its parameter count) and returns its result; the arguments are gone afterwards.
   * The frame is left to a `catch` to unwind if the body fails (see `frames`).
   */
  invoke(fn: UserFunction, argc: number): unknown {
    const stack = this.stack;
    const info = fn.info;
    if (info.generator) return this.startGenerator(fn, argc);
    if (++this.depth > this.limits.maxCallDepth) throw this.depthError();
    if ((++this.ticks & 1023) === 0) this.checkBudget(this.at);
    const body = fn.module.code.body(info);
    const argBase = stack.size - argc;
    let frame: number;
    try {
      frame = stack.pushFrame(info.frameSize);
    } catch (e) {
      if (isValueStackOverflow(e)) throw this.stackFullError();
      throw e;
    }
    this.frames.push(frame);
    this.frameSlots += info.frameSize;
    const base = stack.frameBase(frame);
    for (let i = 0; i < argc; i++) stack.set(base + i, stack.get(argBase + i));
    // Captured variables live in cells so closures share them.
    const cellSlots = info.cellSlots;
    if (cellSlots.length > 0) {
      const params = info.params.length;
      for (let i = 0; i < cellSlots.length; i++) {
        const slot = cellSlots[i] as number;
        stack.set(base + slot, new Cell(slot < params ? stack.get(base + slot) : null));
      }
      this.heapValues += cellSlots.length;
    }
    const savedBase = this.base;
    const savedCells = this.cells;
    const savedModule = this.module;
    this.base = base;
    this.cells = fn.cells;
    this.module = fn.module;
    const result = body(this);
    stack.popFrame(this.frames.pop() as number);
    stack.drop(stack.size - argBase);
    this.base = savedBase;
    this.cells = savedCells;
    this.module = savedModule;
    this.depth--;
    return result;
  }

  /**
   * Calling a `function*`: a generator holding the arguments, whose body has not started
   * (it runs as values are asked for, see `MachineGenerator`).
   */
  private startGenerator(fn: UserFunction, argc: number): MachineGenerator {
    const info = fn.info;
    const stack = this.stack;
    const locals: unknown[] = new Array(info.frameSize).fill(null);
    const argBase = stack.size - argc;
    for (let i = 0; i < argc; i++) locals[i] = stack.get(argBase + i);
    stack.drop(argc);
    const params = info.params.length;
    for (const slot of info.cellSlots) locals[slot] = new Cell(slot < params ? locals[slot] : null);
    this.heapValues += 1 + info.cellSlots.length;
    return new MachineGenerator(this, fn, locals);
  }

  /** Calls an XMD function from a builtin (map, filter, sort …) or a method stored in an object. */
  callFunction(fn: Callable, args: unknown[]): unknown {
    if (fn instanceof UserFunction) {
      // Arguments past the function's parameters are ignored, as missing ones are null.
      const argc = Math.min(args.length, fn.info.params.length);
      for (let i = 0; i < argc; i++) this.stack.push(args[i]);
      return this.invoke(fn, argc);
    }
    if (fn instanceof BuiltinFunction) return this.callHost(fn.fn, args);
    if (fn instanceof ClassValue) return this.construct(fn, args);
    if (fn instanceof BoundMethod) return this.callMember(fn.member, fn.self, args);
    throw new RuntimeFault("type", `${this.services.typeName(fn)} is not a function`);
  }

  callHost(fn: HostFunction, args: unknown[]): unknown {
    let result: unknown;
    try {
      result = fn(this.module.ctx, args);
    } catch (e) {
      throw this.fault(e);
    }
    // One builtin call can take long (a join of millions, a command): check the clock
    // after each, not only every 1024 loop steps.
    this.checkClock(this.at);
    return result ?? null;
  }

  /** Calls a value that is not a user function with evaluated arguments: a builtin or a callable namespace. */
  callValue(fn: unknown, args: unknown[], what: string, callee: NodeId): unknown {
    if (fn instanceof BuiltinFunction) return this.callHost(fn.fn, args);
    if (fn instanceof NamespaceValue && fn.call) return this.callHost(fn.call, args);
    if (fn instanceof ClassValue) return this.construct(fn, args);
    if (fn instanceof BoundMethod) return this.callMember(fn.member, fn.self, args);
    throw this.error("type", `${what} is ${withArticle(this.services.typeName(fn))}, not a function`, callee);
  }

  /** `receiver.name(args)`: a namespace member, a function stored in an object, or a builtin method. */
  callMethod(receiver: unknown, name: string, args: unknown[], n: NodeId, home: unknown = null): unknown {
    this.at = n;
    if (receiver instanceof ClassValue) throw this.classMemberError(receiver, name, n);
    if (receiver instanceof NamespaceValue) {
      const member = receiver.members.get(name);
      if (member === undefined) throw this.error("type", `${receiver.name} has no member '${name}'`, n);
      return this.callHost(member, args);
    }
    if (hasOwnField(receiver, name)) {
      const fn = receiver[name];
      if (fn instanceof Callable) {
        try {
          return this.callFunction(fn, args);
        } catch (e) {
          throw this.fault(e);
        }
      }
    }
    const cls = classOf(receiver);
    if (cls !== null && !Object.hasOwn(receiver as object, name)) {
      const method = this.methodOf(cls, receiver as object, name, n, home);
      if (method !== null) return this.callMember(method, receiver as object, args);
    }
    let result: unknown;
    try {
      result = this.services.callMethod(this.module.ctx, receiver, name, args);
    } catch (e) {
      throw this.fault(e);
    }
    this.checkClock(n);
    return result ?? null;
  }

  // ── classes ────────────────────────────────────────────────────────────────

  /** `Name(args)`: a new instance, its constructor (its own or the nearest parent's) run on it. */
  construct(cls: ClassValue, args: unknown[]): object {
    this.heapValues++;
    const self = cls.instance();
    if (cls.ctor !== null) this.callMember(cls.ctor, self, args);
    return self;
  }

  /**
   * Runs a constructor or method on `self`: the instance and the class that declares it
   * go first, in the hidden parameters, then the arguments it declares (extra ones are
   * ignored and missing ones are null, as for any function).
   */
  callMember(member: ClassMember, self: object, args: unknown[]): unknown {
    const stack = this.stack;
    stack.push(self);
    stack.push(member.owner);
    const argc = Math.min(args.length, member.params);
    for (let i = 0; i < argc; i++) stack.push(args[i]);
    return this.invoke(member.fn as UserFunction, argc + 2);
  }

  /** `super args` (`name` null) and `super.name args`: the parent of `home`'s, on `self`. */
  superCall(self: object, home: ClassValue, name: string | null, args: unknown[], n: NodeId): unknown {
    this.at = n;
    const parent = home.parent as ClassValue;
    if (name === null) {
      if (parent.ctor !== null) this.callMember(parent.ctor, self, args);
      return null;
    }
    const method = parent.find(name);
    if (method === undefined) {
      throw this.error(
        "type",
        `${parent.name} has no method '${name}'${didYouMean(name, publicMethods(parent))}`,
        n,
        "super.NAME calls a method of the parent class",
      );
    }
    if (method.isPrivate) throw this.privateError(method, n);
    return this.callMember(method, self, args);
  }

  /**
   * The method `name` of an instance of `cls`, when it has one (null: not a method,
   * maybe a builtin one such as `.keys`); a private one only for `self.name` inside its
   * own class (`home`). A name that is neither a field, a method nor an object method is an
   * error here, where a plain object's missing key would be null: an instance's members
   * are known, so a misspelt one is a mistake worth a suggestion.
   */
  private methodOf(
    cls: ClassValue,
    self: object,
    name: string,
    n: NodeId,
    home: unknown,
  ): ClassMember | null {
    const method = cls.find(name);
    if (method !== undefined) {
      if (method.isPrivate && method.owner !== home) throw this.privateError(method, n);
      return method;
    }
    if (hasMethod(self, name)) return null;
    const fields = Object.keys(self);
    const methods = publicMethods(cls);
    throw this.error(
      "type",
      `${cls.name} has no field or method '${name}'${didYouMean(name, [...fields, ...methods])}`,
      n,
      `its fields: ${listed(fields)}; its methods: ${listed(methods)}`,
    );
  }

  private privateError(method: ClassMember, n: NodeId): XmdError {
    const owner = method.owner.name;
    return this.error(
      "type",
      `'${method.name}' is a private method of ${owner}`,
      n,
      `only ${owner}'s own constructor and methods can call it, as self.${method.name}`,
    );
  }

  /** `Animal.speak`: a class has no members of its own. */
  private classMemberError(cls: ClassValue, name: string, n: NodeId): XmdError {
    const isMethod = cls.find(name) !== undefined;
    const methods = isMethod ? [] : publicMethods(cls);
    return this.error(
      "type",
      isMethod
        ? `'${name}' is a method of ${cls.name}'s instances, not of the class ${cls.name}`
        : `the class ${cls.name} has no member '${name}'${didYouMean(name, methods)}`,
      n,
      isMethod
        ? `make an instance first: set x ${cls.name}(…), then x.${name}`
        : `a class has no members of its own; its instances' methods: ${listed(methods)}`,
    );
  }

  /** Runs an external command (`exec`) and returns what it printed. */
  exec(command: string, n: NodeId): string {
    this.at = n;
    try {
      return this.services.runCommand(this.module.ctx, command);
    } catch (e) {
      throw this.fault(e);
    }
  }

  /** `print` and a command's output as a statement: a line of its own unless the piece is inline. */
  emitLine(text: string): void {
    // Two writes, not `text + newline`: on the byte path that string would be garbage.
    this.emit(text);
    if (!this.inline) this.emit(this.newline);
  }

  /** Ends a line written in parts, unless the piece is inline. */
  endLine(): void {
    if (!this.inline) this.emit(this.newline);
  }

  /**
   * Restores the activation a `try` saved after its body failed: unwinds the frames the
   * failed code pushed, in order, then its temporaries.
   */
  unwind(
    frames: number,
    size: number,
    depth: number,
    base: number,
    cells: readonly Cell[],
    module: ModuleInstance,
    inline: boolean,
  ): void {
    const stack = this.stack;
    while (this.frames.length > frames) stack.popFrame(this.frames.pop() as number);
    if (stack.size > size) stack.drop(stack.size - size);
    this.depth = depth;
    this.base = base;
    this.cells = cells;
    this.module = module;
    this.inline = inline;
  }
}

/** The methods of `cls`'s instances that code outside the class may call. */
/**
 * Whether `receiver` is an object (not a list or a function, whose own fields are its
 * compiled parts) with a field `name` of its own: what a member read and a method call
 * look at before the builtin methods.
 */
function hasOwnField(receiver: unknown, name: string): receiver is Record<string, unknown> {
  return (
    receiver !== null &&
    typeof receiver === "object" &&
    !Array.isArray(receiver) &&
    !(receiver instanceof Callable) &&
    Object.hasOwn(receiver, name)
  );
}

function publicMethods(cls: ClassValue): string[] {
  return cls.methodNames().filter((name) => cls.find(name)?.isPrivate === false);
}

/** Names for a help line: `a, b, c`, at most ten, or `none`. */
function listed(names: readonly string[]): string {
  if (names.length === 0) return "none";
  return names.length <= 10 ? names.join(", ") : `${names.slice(0, 10).join(", ")}, …`;
}
