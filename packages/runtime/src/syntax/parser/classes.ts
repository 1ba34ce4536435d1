/**
 * `class NAME [extends PARENT]` and its body: a constructor and methods, each a header
 * line (`constructor params`, `NAME params`, `private NAME params`) with an indented body.
 * Each member is a function whose first two parameters are hidden: `self`, the instance,
 * and the class that declares the member (what `super` and private methods are relative
 * to), so that the resolver binds `self` like any parameter, closures inside a method
 * capture it, and nothing else in the pipeline needs to know about classes to reach it.
 *
 * `class`, `extends`, `constructor`, `private`, `self` and `super` are not reserved: they
 * mean this only where a class is written, and stay ordinary names elsewhere.
 * @module
 */
import { ClassNode, MethodFlags, MethodNode } from "../node-fields.js";
import { N, NONE, type NodeId } from "../nodes.js";
import { T } from "../tokens.js";
import { BAIL, HOME_NAME, SELF_NAME } from "./base.js";
import { SetParser } from "./set.js";

const MEMBER_HINT =
  "a class body holds its constructor (`constructor params`) and methods (`NAME params`, `private NAME params`), each followed by an indented body";

/** Classes, on top of `set` and expressions; statements (above) parse the bodies. */
export abstract class ClassParser extends SetParser {
  /** A function's indented body, after its header line. */
  protected abstract functionBody(generator?: boolean): NodeId;
  /** After an error: skips to the start of the next statement (or member). */
  protected abstract recover(from: number): void;

  /**
   * `class NAME [extends PARENT]` and its indented members. Called only where `class` is
   * followed by a name (otherwise `class` is a variable: `class 5` calls it).
   */
  protected classDeclaration(start: number): NodeId {
    this.advance(); // class
    const nameTok = this.advance();
    if (this.isKeyword(nameTok)) this.fail("a keyword cannot name a class", undefined, nameTok);
    const nodes = this.unit.nodes;
    const n = this.node(N.ClassDecl, start);
    ClassNode.setName(nodes, n, this.nameNode(nameTok));
    let extendsParent = false;
    if (this.isText("extends")) {
      this.advance();
      if (!this.startsExpression()) this.fail("expected the class to extend after 'extends'");
      // A name alone is the class it holds (not a call of it: it is a callee when it is a class).
      const nameAlone = this.peek() === T.Ident && !this.isKeyword() && this.peek(1) === T.Newline;
      ClassNode.setParent(nodes, n, nameAlone ? this.nameNode(this.advance()) : this.expression());
      extendsParent = true;
    }
    if (this.peek() !== T.Newline)
      this.fail(
        `expected the end of the line after the ${extendsParent ? "parent class" : "class's name"} but found ${this.describe()}`,
        "write `class Dog` or `class Dog extends Animal`, with the constructor and methods indented below",
      );
    this.advance();
    if (this.peek() !== T.Indent)
      this.fail(
        `expected the class's constructor and methods, indented below it, but found ${this.describe()}`,
        MEMBER_HINT,
      );
    this.advance();
    const seen = new Set<string>();
    let last = NONE;
    while (this.peek() !== T.Dedent && this.peek() !== T.EOF) {
      if (this.peek() === T.Newline) {
        this.advance();
        continue;
      }
      const member = this.memberInto(extendsParent, seen);
      if (member === NONE) continue;
      if (last === NONE) ClassNode.setFirstMember(nodes, n, member);
      else nodes.setNext(last, member);
      last = member;
    }
    if (this.peek() === T.Dedent) this.advance();
    nodes.setEnd(n, this.prevEnd());
    this.optionalEndLine();
    return n;
  }

  /** One member; on an error, reports it and skips to the next member (NONE). */
  private memberInto(extendsParent: boolean, seen: Set<string>): NodeId {
    const saved = this.classContext;
    const depth = this.unit.depth;
    const functionDepth = this.functionDepth;
    const conditional = this.conditional;
    const from = this.pos;
    try {
      return this.member(extendsParent, seen);
    } catch (e) {
      if (e !== BAIL) throw e;
      this.unit.depth = depth;
      this.functionDepth = functionDepth;
      this.conditional = conditional;
      this.recover(from);
      return NONE;
    } finally {
      this.classContext = saved;
    }
  }

  /**
   * `constructor params`, `NAME params` or `private NAME params` (also `method NAME params`,
   * as the spec's module example writes it), then its body.
   */
  private member(extendsParent: boolean, seen: Set<string>): NodeId {
    const nodes = this.unit.nodes;
    const start = this.startOf();
    if (this.peek() !== T.Ident)
      this.fail(`expected a constructor or a method in the class but found ${this.describe()}`, MEMBER_HINT);
    let flags = 0;
    if (this.isText("private") && this.peek(1) === T.Ident) {
      this.advance();
      flags |= MethodFlags.Private;
    }
    // `method use` (the spec's module example writes methods so) is the method `use`.
    if (this.isText("method") && this.peek(1) === T.Ident) this.advance();
    const nameTok = this.expect(T.Ident, "a method name");
    if (this.isKeyword(nameTok))
      this.fail(`${this.describe(nameTok)} cannot name a method`, MEMBER_HINT, nameTok);
    const name = this.textAt(nameTok);
    const isConstructor = name === "constructor";
    if (isConstructor) {
      if (flags & MethodFlags.Private) this.fail("a constructor cannot be private", undefined, nameTok);
      flags |= MethodFlags.Constructor;
    }
    if (seen.has(name)) {
      this.fail(
        isConstructor
          ? "a class has one constructor, and this is its second"
          : `the method '${name}' is declared twice in this class`,
        "give the second one another name, or merge the two",
        nameTok,
      );
    }
    seen.add(name);
    const params = this.parameters(T.Newline);
    for (const p of params) {
      if (nodes.name(p) !== this.unit.names.keyOfText(SELF_NAME)) continue;
      let tok = this.pos - 1;
      while (tok > nameTok && this.startOf(tok) !== nodes.start(p)) tok--;
      this.fail(
        "'self' cannot be a parameter: in a constructor or method it is the instance",
        "give the parameter another name",
        tok,
      );
    }
    if (this.peek() !== T.Newline)
      this.fail(`expected the end of the line after the parameters but found ${this.describe()}`);
    const m = this.node(N.Method, start);
    nodes.setFlags(m, flags);
    const hidden = [
      this.hiddenName(SELF_NAME, this.startOf(nameTok), this.endOf(nameTok)),
      this.hiddenName(HOME_NAME, this.startOf(nameTok), this.endOf(nameTok)),
    ];
    this.classContext = { extends: extendsParent, isConstructor };
    const body = this.functionBody();
    nodes.setEnd(m, this.prevEnd());
    MethodNode.setInfo(nodes, m, this.addFunction(name, [...hidden, ...params], body, false, m));
    return m;
  }
}
