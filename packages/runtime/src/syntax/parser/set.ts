/**
 * `set` in all its forms, and what it may assign to: a name, `name.key`, `name[expr]`.
 * @module
 */

import { K } from "../keywords.js";
import {
  CallNode,
  FunctionNode,
  IndexNode,
  ListNode,
  MemberNode,
  PairNode,
  SetNode,
} from "../node-fields.js";
import { CallForm, N, NONE, type NodeId, SetOp } from "../nodes.js";
import { T } from "../tokens.js";
import { ExpressionParser } from "./expressions.js";

/** `set` statements and `NAME += …` assignments. */
export class SetParser extends ExpressionParser {
  /**
   * `set` in all its forms. After `set TARGET`:
   * `= EXPR` / `+= EXPR` assign; a line break + indented lines make a multiline array or
   * object; `IDENT EXPR, …` (IDENT not a callee) makes an object; `EXPR, IDENT EXPR, …`
   * sets several variables; `EXPR, EXPR, …` makes an array.
   */
  protected setStatement(): NodeId {
    const start = this.startOf();
    this.advance();
    // The C tool's documents set a variable named `end` (`<!-- xmd:set end=7 -->`).
    const classicEnd = this.dialect === "classic" && this.isWord(K.end) && this.peek(1) === T.Eq;
    if (this.peek() !== T.Ident || (this.isKeyword() && !classicEnd)) {
      this.fail(
        `expected a variable name after 'set' but found ${this.describe()}`,
        "write it as `set name value`",
      );
    }
    const target = this.setTarget();
    const k = this.peek();
    if (k === T.Eq || k === T.PlusEq || k === T.MinusEq) return this.assignment(start, target);
    if (k === T.Newline && this.peek(1) === T.Indent) {
      this.advance();
      const value = this.multilineLiteral();
      return this.setNode(start, target, value);
    }
    if (k === T.Newline || k === T.EOF || k === T.Dedent) {
      this.fail(
        `expected a value after 'set ${this.unit.source.slice(this.unit.nodes.start(target), this.unit.nodes.end(target))}'`,
      );
    }
    const object = this.inlineObject();
    if (object !== NONE) return this.setNode(start, target, object);
    // `set more ...items, "new"`: a list that starts with a spread is a list even alone.
    const spreadFirst = this.peek() === T.Spread;
    const first = this.arrayItem();
    if (this.peek() !== T.Comma && !spreadFirst) return this.setNode(start, target, first);
    // `set a EXPR, name EXPR, …`: several variables. (Not `set a ...xs` with `k 1` on the next line.)
    if (this.peek() === T.Comma && this.startsObjectEntry(1)) {
      const head = this.setNode(start, target, first);
      let last = head;
      const multi = this.node(N.Block, start);
      ListNode.setFirst(this.unit.nodes, multi, head);
      while (this.peek() === T.Comma) {
        this.advance();
        const s = this.startOf();
        const name = this.nameNode(this.expect(T.Ident, "a variable name"));
        const value = this.expression();
        const set = this.setNode(s, name, value);
        this.unit.nodes.setNext(last, set);
        last = set;
      }
      this.unit.nodes.setEnd(multi, this.prevEnd());
      return multi;
    }
    return this.setNode(start, target, this.listFrom(first));
  }

  /**
   * What `put FILE.key` writes takes the value forms of `set`: `key value, …` makes an
   * object, `a, b, …` a list (`put what.count 1, 2, 3`).
   */
  protected override putValue(): NodeId {
    const object = this.inlineObject();
    if (object !== NONE) return object;
    const spreadFirst = this.peek() === T.Spread;
    const first = this.arrayItem();
    return this.peek() === T.Comma || spreadFirst ? this.listFrom(first) : first;
  }

  /** `key value, …` (or `...o, key value`) as an object after `set NAME`; NONE when the line is not one. */
  private inlineObject(): NodeId {
    if (this.startsObjectEntry()) {
      const keyTok = this.pos;
      const object = this.objectEntries(this.startOf(), false);
      return this.objectUnlessCall(keyTok, object);
    }
    if (this.peek() === T.Spread && this.laterItemIsObjectEntry(false))
      return this.objectEntries(this.startOf(), false);
    return NONE;
  }

  /** `first, item, …` to the end of the line: a list (a trailing comma ends it). */
  private listFrom(first: NodeId): NodeId {
    const array = this.node(N.Array, this.unit.nodes.start(first));
    ListNode.setFirst(this.unit.nodes, array, first);
    let last = first;
    while (this.peek() === T.Comma) {
      this.advance();
      if (this.peek() === T.Newline || this.peek() === T.EOF) break; // trailing comma
      const item = this.arrayItem();
      this.unit.nodes.setNext(last, item);
      last = item;
    }
    this.unit.nodes.setEnd(array, this.prevEnd());
    return array;
  }

  /**
   * `set r add5 10`: an object `{add5: 10}` as written, unless `add5` holds a function
   * when it runs — then the call (a name set from a call's result is not known to be a
   * function before it runs, and the object must never be built silently in its place).
   * Only a one-entry object can be read as a call; with more entries, a function in the
   * first key is an error.
   */
  private objectUnlessCall(keyTok: number, object: NodeId): NodeId {
    const nodes = this.unit.nodes;
    const call = this.node(N.Call, nodes.start(object));
    CallNode.setCallee(nodes, call, this.nameNode(keyTok));
    CallNode.setForm(nodes, call, CallForm.ObjectIfNotFunction);
    CallNode.setFirstArg(nodes, call, object);
    nodes.setEnd(call, nodes.end(object));
    return call;
  }

  protected assignment(start: number, target: NodeId): NodeId {
    const op = this.peek();
    this.advance();
    const n = this.node(N.Set, start);
    SetNode.setTarget(this.unit.nodes, n, target);
    SetNode.setOp(
      this.unit.nodes,
      n,
      op === T.PlusEq ? SetOp.Add : op === T.MinusEq ? SetOp.Sub : SetOp.Assign,
    );
    SetNode.setValue(this.unit.nodes, n, this.expression());
    if (op === T.Eq) this.nameLambda(target, SetNode.value(this.unit.nodes, n));
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  private setNode(start: number, target: NodeId, value: NodeId): NodeId {
    const n = this.node(N.Set, start);
    SetNode.setTarget(this.unit.nodes, n, target);
    SetNode.setValue(this.unit.nodes, n, value);
    this.nameLambda(target, value);
    return n;
  }

  /** `set double x => x * 2`: the lambda is `double` in messages and when printed. */
  private nameLambda(target: NodeId, value: NodeId): void {
    const nodes = this.unit.nodes;
    if (nodes.kind(target) !== N.Name || nodes.kind(value) !== N.Lambda) return;
    const info = this.unit.functions[FunctionNode.info(nodes, value)];
    if (info !== undefined) info.name = this.unit.source.slice(nodes.start(target), nodes.end(target));
  }

  /** `name`, `name.key`, `name[expr]` chains: what `set` may assign to. */
  protected setTarget(): NodeId {
    let target = this.nameNode(this.advance());
    for (let links = 1; ; links++) {
      const k = this.peek();
      if (k === T.Dot && !this.spaceBefore() && this.peek(1) === T.Ident) {
        this.chainLink(links, this.pos);
        this.advance();
        const nameTok = this.advance();
        const m = this.node(N.Member, this.unit.nodes.start(target));
        MemberNode.setObject(this.unit.nodes, m, target);
        this.unit.nodes.setStr(m, this.unit.source.slice(this.startOf(nameTok), this.endOf(nameTok)));
        target = m;
      } else if (k === T.LBracket && !this.spaceBefore()) {
        this.chainLink(links, this.pos);
        this.advance();
        const ix = this.node(N.Index, this.unit.nodes.start(target));
        IndexNode.setObject(this.unit.nodes, ix, target);
        IndexNode.setIndex(this.unit.nodes, ix, this.expression());
        this.expect(T.RBracket, "']'");
        this.unit.nodes.setEnd(ix, this.prevEnd());
        target = ix;
      } else return target;
    }
  }

  /** True when the token at `offset` is a non-callee name followed by something that starts a value. */
  private startsObjectEntry(offset = 0): boolean {
    const i = this.pos + offset;
    if (this.kind[i] !== T.Ident || this.isKeyword(i)) return false;
    if (this.unit.callees.has(this.keyOf(i)) || this.isBuiltinCallee(i) || this.isGlobalBuiltin(i))
      return false;
    return this.startsArgument(i + 1);
  }

  /**
   * After a spread that starts a `set` line, or the indented lines under `set NAME`: whether
   * a later item is `key value`, which makes them an object (`set merged ...user, country
   * "VN"`) rather than a list. Items are split by commas, and in `multiline` by line breaks too.
   */
  private laterItemIsObjectEntry(multiline: boolean): boolean {
    let depth = 0;
    for (let i = this.pos; ; i++) {
      const k = this.kind[i];
      this.unit.clock.tick(this.tstart[i] as number);
      if (k === T.EOF || k === T.Dedent || (k === T.Newline && !multiline)) return false;
      if (k === T.LParen || k === T.LBracket || k === T.LBrace) depth++;
      else if (k === T.RParen || k === T.RBracket || k === T.RBrace) depth--;
      else if ((k === T.Comma || k === T.Newline) && depth === 0 && this.startsObjectEntry(i + 1 - this.pos))
        return true;
    }
  }

  // ── multiline lists and objects ────────────────────────────────────────────

  /** The indented lines under `set NAME`: array items or `key value` pairs, comma separated. */
  private multilineLiteral(): NodeId {
    const start = this.startOf();
    this.expect(T.Indent, "an indented block");
    const isObject =
      this.startsObjectEntry() || (this.peek() === T.Spread && this.laterItemIsObjectEntry(true));
    const n = isObject ? this.objectEntries(start, true) : this.arrayEntries(start);
    if (this.peek() === T.Dedent) this.advance();
    else this.fail(`expected the end of the list but found ${this.describe()}`);
    return n;
  }

  private skipListBreaks(): void {
    while (this.peek() === T.Newline) this.advance();
  }

  private arrayEntries(start: number): NodeId {
    const array = this.node(N.Array, start);
    let last = NONE;
    this.skipListBreaks();
    while (this.peek() !== T.Dedent && this.peek() !== T.EOF) {
      const item = this.arrayItem();
      if (last === NONE) ListNode.setFirst(this.unit.nodes, array, item);
      else this.unit.nodes.setNext(last, item);
      last = item;
      if (this.peek() === T.Comma) this.advance();
      else if (this.peek() !== T.Newline && this.peek() !== T.Dedent)
        this.fail(`expected ',' or the end of the line after the item but found ${this.describe()}`);
      this.skipListBreaks();
    }
    this.unit.nodes.setEnd(array, this.prevEnd());
    return array;
  }

  /** `key value, key value` (inline) or one pair per line (multiline). */
  private objectEntries(start: number, multiline: boolean): NodeId {
    const object = this.node(N.Object, start);
    let last = NONE;
    for (;;) {
      if (multiline) this.skipListBreaks();
      if (multiline && (this.peek() === T.Dedent || this.peek() === T.EOF)) break;
      let pair: NodeId;
      if (this.peek() === T.Spread) {
        pair = this.arrayItem();
      } else {
        const keyTok = this.expect(T.Ident, "a key name");
        pair = this.node(N.Pair, this.startOf(keyTok));
        this.unit.nodes.setStr(pair, this.unit.source.slice(this.startOf(keyTok), this.endOf(keyTok)));
        PairNode.setValue(this.unit.nodes, pair, this.expression());
        this.unit.nodes.setEnd(pair, this.prevEnd());
      }
      if (last === NONE) ListNode.setFirst(this.unit.nodes, object, pair);
      else this.unit.nodes.setNext(last, pair);
      last = pair;
      if (this.peek() === T.Comma) {
        this.advance();
        if (!multiline && (this.peek() === T.Newline || this.peek() === T.EOF)) break;
        continue;
      }
      if (multiline && this.peek() === T.Newline) continue;
      if (multiline && this.peek() !== T.Dedent && this.peek() !== T.EOF)
        this.fail(`expected ',' or the end of the line after the entry but found ${this.describe()}`);
      break;
    }
    this.unit.nodes.setEnd(object, this.prevEnd());
    return object;
  }
}
