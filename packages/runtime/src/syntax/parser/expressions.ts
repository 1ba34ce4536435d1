/**
 * Expressions: operators by precedence climbing over the one table in `precedence.ts`,
 * then operands — literals, names and calls without parentheses, lambdas and templates
 * (the special forms `exec`, `cmd`, `get`/`put` and `import` are `special-forms.ts`).
 * @module
 */

import { isJsStackOverflow } from "../../values/resource-limit.js";
import { hoistedFunctions } from "../hoisted.js";
import { escapedOpen } from "../interpolation.js";
import { C, K, KEYWORD_COUNT } from "../keywords.js";
import type { NameKey } from "../names.js";
import {
  BinaryNode,
  CallNode,
  FunctionNode,
  ImportExprNode,
  IndexNode,
  ListNode,
  MemberNode,
  MethodCallNode,
  PairNode,
  RangeNode,
  SelfAccessNode,
  SetExprNode,
  SetNode,
  SpreadNode,
  SuperForm,
  SuperNode,
  TernaryNode,
  UnaryNode,
} from "../node-fields.js";
import { CallForm, ImportExprForm, N, NONE, type NodeId, Op } from "../nodes.js";
import { T, type TokenBuffer } from "../tokens.js";
import type { ParseUnit } from "../unit.js";
import { BAIL, type ClassContext, type Dialect, HOME_NAME, SELF_NAME } from "./base.js";
import { giveTokenBuffer, lexInto } from "./buffers.js";
import { ADD, AND, CMP, COMPARE, LEVEL, MUL, NOT, OR, RANGE } from "./precedence.js";
import { REGEX_SLASH_HINT, regexNode } from "./regex.js";
import { SpecialFormParser } from "./special-forms.js";
import { unescapeString } from "./strings.js";

/** A function's locals until the resolver sets its own scope's map: one empty map for all. */
const NO_LOCALS: ReadonlyMap<NameKey, number> = new Map();

/** Expressions; also parses a lone expression (`{{ … }}`, a template's parts) on its own. */
export abstract class ExpressionParser extends SpecialFormParser {
  /**
   * Parses as inside a class's member (a template's parts in a method): `self` and
   * `super` mean there what they mean around the template.
   */
  enterClass(context: ClassContext | null): void {
    this.classContext = context;
  }

  /** Parses an expression filling the whole buffer (for `{{ … }}`). */
  parseLoneExpression(): NodeId {
    const e = this.expression();
    if (this.peek() !== T.EOF) this.fail(`expected the end of the expression but found ${this.describe()}`);
    return e;
  }

  /**
   * An expression. Binary operators are parsed by precedence climbing ({@link operators}):
   * one function for every level, so that a bracket costs the JavaScript stack four or
   * five frames (expression, operators, unary, primary), not one per precedence level.
   */
  expression(): NodeId {
    this.enter();
    const cond = this.operators(OR);
    if (this.peek() !== T.Question) {
      this.leave();
      return cond;
    }
    this.advance();
    const n = this.node(N.Ternary, this.unit.nodes.start(cond));
    TernaryNode.setCond(this.unit.nodes, n, cond);
    this.conditional++;
    TernaryNode.setIfTrue(this.unit.nodes, n, this.expression());
    this.conditional--;
    this.expect(T.Colon, "':' in the ternary `a ? b : c`");
    this.conditional++;
    TernaryNode.setIfFalse(this.unit.nodes, n, this.expression());
    this.conditional--;
    this.unit.nodes.setEnd(n, this.prevEnd());
    this.leave();
    return n;
  }

  /**
   * Operators of precedence `min` and tighter, left-associative, loosest first:
   * `or`/`||`, `and`/`&&`, prefix `not` (binds looser than a comparison: `not a = b` is
   * `not (a = b)`), comparisons, one `..` (a range takes sums on both sides and does not
   * chain), `+ -`, `* / %`. The right side of `and`/`or` may not run.
   */
  private operators(min: number): NodeId {
    let left = min <= NOT && (this.isWord(K.not) || this.peek() === T.Bang) ? this.prefixNot() : this.unary();
    /** The loosest operator applied to `left` so far (an operand: tighter than any). */
    let leftLevel = MUL + 1;
    for (let links = 1; ; links++) {
      const k = this.peek();
      const level = k === T.Ident ? this.wordLevel() : (LEVEL[k] ?? 0);
      if (level === 0 || level < min || (level === RANGE && leftLevel <= RANGE)) return left;
      this.chainLink(links, this.pos);
      const opTok = this.advance();
      const nodes = this.unit.nodes;
      switch (level) {
        case OR:
        case AND: {
          this.conditional++;
          const right = this.operators(level === OR ? AND : NOT);
          this.conditional--;
          left = this.binary(level === OR ? N.Or : N.And, 0, left, right);
          break;
        }
        case CMP:
          if (!this.startsExpression())
            this.fail(
              `expected an expression after '${this.unit.source.slice(this.startOf(opTok), this.endOf(opTok))}' but found ${this.describe()}`,
            );
          left = this.binary(N.Binary, COMPARE[k] as number, left, this.operators(RANGE));
          break;
        case RANGE: {
          const n = this.node(N.Range, nodes.start(left));
          RangeNode.setFrom(nodes, n, left);
          RangeNode.setTo(nodes, n, this.operators(ADD));
          nodes.setEnd(n, this.prevEnd());
          left = n;
          break;
        }
        case ADD:
          if (!this.startsExpression())
            this.fail(
              `expected an expression after '${k === T.Plus ? "+" : "-"}' but found ${this.describe()}`,
            );
          left = this.binary(N.Binary, k === T.Plus ? Op.Add : Op.Sub, left, this.operators(MUL));
          break;
        default:
          if (!this.startsExpression())
            this.fail(`expected an expression after the operator but found ${this.describe()}`);
          left = this.binary(
            N.Binary,
            k === T.Star ? Op.Mul : k === T.Slash ? Op.Div : Op.Mod,
            left,
            this.unary(),
          );
      }
      leftLevel = level;
    }
  }

  /** The precedence of the word at the current token as an operator (`and`, `or`), or 0. */
  private wordLevel(): number {
    const id = this.tid[this.pos];
    return id === K.or ? OR : id === K.and ? AND : 0;
  }

  /** `not x` / `!x`: its operand is a comparison (or another `not`). */
  private prefixNot(): NodeId {
    const start = this.startOf();
    this.enter();
    this.advance();
    const n = this.node(N.Unary, start);
    UnaryNode.setOp(this.unit.nodes, n, Op.Not);
    UnaryNode.setOperand(this.unit.nodes, n, this.operators(NOT));
    this.unit.nodes.setEnd(n, this.prevEnd());
    this.leave();
    return n;
  }

  private unary(): NodeId {
    if (this.peek() === T.Minus) {
      const start = this.startOf();
      this.enter();
      this.advance();
      const operand = this.unary();
      this.leave();
      if (this.unit.nodes.kind(operand) === N.Num) {
        // `-5` is one literal, from its minus sign (where an error about it points) to its end.
        this.unit.nodes.setNum(operand, -this.unit.nodes.num(operand));
        this.unit.nodes.setStart(operand, start);
        this.unit.nodes.setEnd(operand, this.prevEnd());
        return operand;
      }
      const n = this.node(N.Unary, start);
      UnaryNode.setOp(this.unit.nodes, n, Op.Neg);
      UnaryNode.setOperand(this.unit.nodes, n, operand);
      return n;
    }
    if (this.peek() === T.Bang) return this.prefixNot();
    return this.postfix(this.primary());
  }

  private binary(kind: number, op: number, left: NodeId, right: NodeId): NodeId {
    const n = this.node(kind, this.unit.nodes.start(left));
    BinaryNode.setOp(this.unit.nodes, n, op);
    BinaryNode.setLeft(this.unit.nodes, n, left);
    BinaryNode.setRight(this.unit.nodes, n, right);
    return n;
  }

  private postfix(expr: NodeId): NodeId {
    const nodes = this.unit.nodes;
    for (let links = 1; ; links++) {
      const k = this.peek();
      if (k === T.Dot && this.kind[this.pos + 1] === T.Ident) {
        this.chainLink(links, this.pos);
        this.advance();
        const nameTok = this.advance();
        const name = this.unit.source.slice(this.startOf(nameTok), this.endOf(nameTok));
        const home = this.selfHome(expr);
        if (this.peek() === T.LParen && !this.spaceBefore()) {
          const call = this.node(N.MethodCall, nodes.start(expr));
          MethodCallNode.setReceiver(nodes, call, expr);
          nodes.setStr(call, name);
          MethodCallNode.setFirstArg(nodes, call, this.parenArguments());
          SelfAccessNode.setHome(nodes, call, home);
          nodes.setEnd(call, this.prevEnd());
          expr = call;
        } else if (this.startsArgument(this.pos)) {
          const call = this.node(N.MethodCall, nodes.start(expr));
          MethodCallNode.setReceiver(nodes, call, expr);
          nodes.setStr(call, name);
          MethodCallNode.setFirstArg(nodes, call, this.bareArguments());
          SelfAccessNode.setHome(nodes, call, home);
          nodes.setEnd(call, this.prevEnd());
          return call; // bare arguments run to the end of the expression
        } else {
          const m = this.node(N.Member, nodes.start(expr));
          MemberNode.setObject(nodes, m, expr);
          nodes.setStr(m, name);
          SelfAccessNode.setHome(nodes, m, home);
          expr = m;
        }
      } else if (k === T.LBracket && !this.spaceBefore()) {
        this.chainLink(links, this.pos);
        this.advance();
        const ix = this.node(N.Index, nodes.start(expr));
        IndexNode.setObject(nodes, ix, expr);
        IndexNode.setIndex(nodes, ix, this.expression());
        this.expect(T.RBracket, "']'");
        nodes.setEnd(ix, this.prevEnd());
        expr = ix;
      } else if (k === T.LParen && !this.spaceBefore()) {
        this.chainLink(links, this.pos);
        const call = this.node(N.Call, nodes.start(expr));
        CallNode.setCallee(nodes, call, expr);
        CallNode.setFirstArg(nodes, call, this.parenArguments());
        nodes.setEnd(call, this.prevEnd());
        expr = call;
      } else return expr;
    }
  }

  // ── arguments and list items ───────────────────────────────────────────────

  /** `( a, b )`: returns the first argument (linked by next) or NONE. */
  private parenArguments(): NodeId {
    this.expect(T.LParen, "'('");
    let first = NONE;
    let last = NONE;
    while (this.peek() !== T.RParen) {
      const arg = this.arrayItem();
      if (first === NONE) first = arg;
      else this.unit.nodes.setNext(last, arg);
      last = arg;
      if (this.peek() === T.Comma) this.advance();
      else if (this.peek() !== T.RParen)
        this.fail(`expected ',' or ')' in the argument list but found ${this.describe()}`);
    }
    this.advance();
    return first;
  }

  /** Arguments without parentheses: separated by commas or juxtaposition, to the end of the expression. */
  private bareArguments(): NodeId {
    const first = this.arrayItem();
    let last = first;
    for (;;) {
      if (this.peek() === T.Comma && this.startsArgumentAfterComma()) {
        this.advance();
      } else if (!this.startsArgument(this.pos)) break;
      const arg = this.arrayItem();
      this.unit.nodes.setNext(last, arg);
      last = arg;
    }
    return first;
  }

  /** A list item, an argument or a value: `...EXPR` (a spread) or an expression. */
  protected arrayItem(): NodeId {
    if (this.peek() === T.Spread) {
      const start = this.startOf();
      this.advance();
      const s = this.node(N.Spread, start);
      SpreadNode.setOperand(this.unit.nodes, s, this.expression());
      this.unit.nodes.setEnd(s, this.prevEnd());
      return s;
    }
    return this.expression();
  }

  // ── operands ───────────────────────────────────────────────────────────────

  protected primary(): NodeId {
    const start = this.startOf();
    const nodes = this.unit.nodes;
    switch (this.peek()) {
      case T.Number: {
        const n = this.node(N.Num, start, this.endOf(this.pos));
        nodes.setNum(n, this.t.num[this.pos] as number);
        this.advance();
        return n;
      }
      case T.String: {
        const tok = this.advance();
        // In the classic dialect `{{ }}` in a "…" string is filled in, as the C tool did
        // (`<!-- xmd:set greeting = "Hello {{name}}" -->`).
        const inner = this.unit.source.indexOf("{{", this.startOf(tok) + 1);
        if (this.dialect === "classic" && inner !== -1 && inner < this.endOf(tok) - 1)
          return this.template(tok);
        const n = this.node(N.Str, start);
        nodes.setStr(
          n,
          unescapeString(
            this.unit.source,
            this.startOf(tok) + 1,
            Math.max(this.startOf(tok) + 1, this.endOf(tok) - 1),
          ),
        );
        return n;
      }
      case T.Template:
        return this.template(this.advance());
      case T.Regex: {
        const tok = this.advance();
        const n = regexNode(this.unit, start, this.endOf(tok));
        if (n === null) throw BAIL;
        return n;
      }
      case T.LParen: {
        if (this.t.arrowAfterParen(this.pos)) return this.lambda();
        this.advance();
        const e = this.expression();
        this.expect(T.RParen, "')'");
        return e;
      }
      case T.LBracket: {
        this.advance();
        const array = this.node(N.Array, start);
        let last = NONE;
        while (this.peek() !== T.RBracket) {
          const item = this.arrayItem();
          if (last === NONE) ListNode.setFirst(nodes, array, item);
          else nodes.setNext(last, item);
          last = item;
          if (this.peek() === T.Comma) this.advance();
          else if (this.peek() !== T.RBracket)
            this.fail(`expected ',' or ']' in the list but found ${this.describe()}`);
        }
        this.advance();
        nodes.setEnd(array, this.prevEnd());
        return array;
      }
      case T.LBrace:
        return this.braceObject();
      case T.Ident:
        return this.namePrimary();
      case T.Newline:
      case T.EOF:
      case T.Dedent:
        this.fail(`expected an expression but found ${this.describe()}`);
        break;
      default:
        this.fail(
          `expected an expression but found ${this.describe()}`,
          this.peek() === T.Slash ? REGEX_SLASH_HINT : undefined,
        );
    }
  }

  /**
   * The C tool's `set("name", value)`, an expression (`{{set("user", import("u.yaml"))}}`):
   * sets the variable the quoted name names, as `set name value` does, and is empty text.
   */
  private setCall(): NodeId {
    const start = this.startOf();
    const nodes = this.unit.nodes;
    this.advance(); // set
    this.advance(); // (
    const nameTok = this.expect(T.String, 'the variable\'s name in quotes (as in `set("total", 3)`)');
    const name = this.unit.source.slice(this.startOf(nameTok) + 1, this.endOf(nameTok) - 1);
    if (!/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name))
      this.fail(`'${name}' cannot be a variable name`, "name it with letters, digits and _", nameTok);
    const target = nodes.create(N.Name, this.startOf(nameTok) + 1, this.endOf(nameTok) - 1);
    const key = this.unit.names.keyOfText(name);
    nodes.setName(target, key);
    this.unit.setCallNames.push(key);
    if (this.dialect === "classic") this.unit.lenientNames?.add(target);
    this.expect(T.Comma, "',' after the variable's name");
    const set = this.node(N.Set, start);
    SetNode.setTarget(nodes, set, target);
    SetNode.setValue(nodes, set, this.expression());
    this.expect(T.RParen, "')'");
    nodes.setEnd(set, this.prevEnd());
    const n = this.node(N.SetExpr, start);
    SetExprNode.setSet(nodes, n, set);
    return n;
  }

  private braceObject(): NodeId {
    const start = this.startOf();
    const nodes = this.unit.nodes;
    this.advance();
    const object = this.node(N.Object, start);
    let last = NONE;
    while (this.peek() !== T.RBrace) {
      let pair: NodeId;
      if (this.peek() === T.Spread) pair = this.arrayItem();
      else {
        const keyTok = this.advance();
        const kk = this.kind[keyTok];
        if (kk !== T.Ident && kk !== T.String && kk !== T.Number)
          this.fail(`expected a key but found ${this.describe(keyTok)}`, undefined, keyTok);
        pair = this.node(N.Pair, this.startOf(keyTok));
        const raw = this.unit.source.slice(this.startOf(keyTok), this.endOf(keyTok));
        nodes.setStr(
          pair,
          kk === T.String
            ? unescapeString(this.unit.source, this.startOf(keyTok) + 1, this.endOf(keyTok) - 1)
            : raw,
        );
        if (this.peek() === T.Colon) {
          this.advance();
          PairNode.setValue(nodes, pair, this.expression());
        } else if (kk === T.Ident && (this.peek() === T.Comma || this.peek() === T.RBrace)) {
          PairNode.setValue(nodes, pair, this.nameNode(keyTok)); // {name} shorthand
        } else this.fail(`expected ':' after the key but found ${this.describe()}`);
        nodes.setEnd(pair, this.prevEnd());
      }
      if (last === NONE) ListNode.setFirst(nodes, object, pair);
      else nodes.setNext(last, pair);
      last = pair;
      if (this.peek() === T.Comma) this.advance();
      else if (this.peek() !== T.RBrace)
        this.fail(`expected ',' or '}' in the object but found ${this.describe()}`);
    }
    this.advance();
    nodes.setEnd(object, this.prevEnd());
    return object;
  }

  private namePrimary(): NodeId {
    const start = this.startOf();
    const nodes = this.unit.nodes;
    const id = this.tid[this.pos] as number;
    if (id >= 0 && id < KEYWORD_COUNT) {
      switch (id) {
        case K.true:
          this.advance();
          return this.node(N.True, start);
        case K.false:
          this.advance();
          return this.node(N.False, start);
        case K.null:
          this.advance();
          return this.node(N.Null, start);
        case K.import: {
          this.advance();
          const n = this.node(N.ImportExpr, start);
          this.noteImport(n);
          // Classic `set x = import "part.md"` takes the processed text, as the in-place
          // directive inserts it; native `set x import "mod.xmd"` takes the exports.
          if (this.dialect === "classic") ImportExprNode.setForm(nodes, n, ImportExprForm.Text);
          ImportExprNode.setPath(nodes, n, this.importPath(true));
          nodes.setEnd(n, this.prevEnd());
          return n;
        }
        case K.set:
          if (this.peek(1) === T.LParen && !this.spaceBefore(1)) return this.setCall();
          this.fail(`expected an expression but found ${this.describe()}`);
          break;
        case K.end:
          // The C tool's documents name a variable `end` (`<!-- xmd:for i in start..end -->`).
          if (this.dialect === "classic") break;
          this.fail(`expected an expression but found ${this.describe()}`);
          break;
        default:
          this.fail(`expected an expression but found ${this.describe()}`);
      }
    }
    if (this.kind[this.pos + 1] === T.Arrow) return this.lambda();
    if (this.classContext !== null && this.isText("super")) return this.superExpression();
    if ((id === C.exec || id === C.cmd) && this.peek(1) === T.LParen && !this.spaceBefore(1)) {
      // `exec("date +%Y")` / `cmd("…")`, as the C tool wrote them: the command in parentheses.
      if (!this.unit.callees.has(this.keyOf(this.pos))) return this.parenthesizedCommand();
    } else if (id === C.exec) return this.execExpression();
    if (id === C.cmd && this.startsArgument(this.pos + 1)) return this.cmdExpression();
    if ((id === C.get || id === C.put) && this.startsDataFile(this.pos + 1))
      return this.dataAccess(id === C.put);
    const tok = this.advance();
    const name = this.nameNode(tok);
    const isCallee =
      this.unit.callees.has(this.keyOf(tok)) || this.isBuiltinCallee(tok) || this.isGlobalBuiltin(tok);
    if (isCallee && this.startsArgument(this.pos) && !(this.peek() === T.LParen && !this.spaceBefore())) {
      const call = this.node(N.Call, start);
      CallNode.setCallee(nodes, call, name);
      CallNode.setFirstArg(nodes, call, this.bareArguments());
      nodes.setEnd(call, this.prevEnd());
      return call;
    }
    const parenNext = this.peek() === T.LParen && !this.spaceBefore();
    if (isCallee && this.isBuiltinCallee(tok) && id === C.print && !parenNext) {
      // `print` alone prints an empty line.
      const call = this.node(N.Call, start);
      CallNode.setCallee(nodes, call, name);
      return call;
    }
    if (parenNext) return name;
    if (!isCallee && this.startsArgument(this.pos) && !this.isWord(C.times)) {
      // `g 1` with `g` not known to be a function (`set g makeAdder 5`): decided when it
      // runs — a call if `g` holds a function, otherwise juxtaposed values.
      const call = this.node(N.Call, start);
      CallNode.setCallee(nodes, call, name);
      CallNode.setForm(nodes, call, CallForm.IfFunction);
      CallNode.setFirstArg(nodes, call, this.bareArguments());
      nodes.setEnd(call, this.prevEnd());
      return call;
    }
    if (isCallee && this.unit.callees.has(this.keyOf(tok))) {
      // A function's name alone where a value is expected: called if it was declared
      // with no parameters (`set r get_number`), the function itself otherwise.
      const call = this.node(N.Call, start);
      CallNode.setCallee(nodes, call, name);
      CallNode.setForm(nodes, call, CallForm.ValueOrCall);
      return call;
    }
    return name;
  }

  // ── self and super ─────────────────────────────────────────────────────────

  /**
   * `super args` (the parent's constructor, in a constructor) and `super.name args` (the
   * parent's method): arguments in parentheses, bare, or none.
   */
  private superExpression(): NodeId {
    const context = this.classContext as NonNullable<typeof this.classContext>;
    const start = this.startOf();
    const tok = this.advance();
    const nodes = this.unit.nodes;
    if (!context.extends) {
      this.fail(
        "'super' is only meaningful in a class that extends another",
        "write `class NAME extends PARENT` to have a parent whose constructor and methods `super` reaches",
        tok,
      );
    }
    const n = this.node(N.Super, start);
    if (this.peek() === T.Dot && !this.spaceBefore() && this.peek(1) === T.Ident) {
      this.advance();
      SuperNode.setForm(nodes, n, SuperForm.Method);
      nodes.setStr(n, this.textAt(this.advance()));
    } else if (!context.isConstructor) {
      this.fail(
        "`super …` calls the parent's constructor, which only a constructor can do",
        "in a method, call the parent's version of a method with `super.NAME args`",
        tok,
      );
    }
    if (this.peek() === T.LParen && !this.spaceBefore())
      SuperNode.setFirstArg(nodes, n, this.parenArguments());
    else if (this.startsArgument(this.pos)) SuperNode.setFirstArg(nodes, n, this.bareArguments());
    SuperNode.setSelf(nodes, n, this.hiddenName(SELF_NAME, start, this.endOf(tok)));
    SuperNode.setHome(nodes, n, this.hiddenName(HOME_NAME, start, this.endOf(tok)));
    nodes.setEnd(n, this.prevEnd());
    return n;
  }

  // ── functions ──────────────────────────────────────────────────────────────

  /** `x => e`, `(a, b) => e`, `() => e`. */
  private lambda(): NodeId {
    const start = this.startOf();
    const params = this.peek() === T.LParen ? this.parameters(T.Arrow) : [this.nameNode(this.advance())];
    this.expect(T.Arrow, "'=>'");
    const n = this.node(N.Lambda, start);
    this.functionDepth++;
    this.conditional++;
    const body = this.expression();
    this.conditional--;
    this.functionDepth--;
    this.unit.nodes.setEnd(n, this.prevEnd());
    FunctionNode.setInfo(this.unit.nodes, n, this.addFunction("lambda", params, body, true, n));
    return n;
  }

  /** Parameter names: `a b`, `a, b` or `(a, b)`, up to `until`. */
  protected parameters(until: number): NodeId[] {
    const params: NodeId[] = [];
    const parens = this.peek() === T.LParen;
    if (parens) this.advance();
    while (this.peek() !== (parens ? T.RParen : until) && this.peek() !== T.EOF) {
      if (this.peek() === T.Comma && params.length > 0) {
        this.advance();
        continue;
      }
      if (parens && this.parametersUnclosed()) {
        const expected = params.length > 0 ? "',' or ')' after the parameters" : "a parameter name or ')'";
        const close = "close the parameter list with ')' before the body";
        this.fail(`expected ${expected} but found ${this.describe()}`, close, this.pos, close);
      }
      const tok = this.expect(T.Ident, "a parameter name");
      if (this.isKeyword(tok)) this.fail("a keyword cannot be a parameter name", undefined, tok);
      const param = this.nameNode(tok);
      const key = this.unit.nodes.name(param);
      // The resolver gives each name one slot: a second parameter of a name would be unreachable.
      if (params.some((p) => this.unit.nodes.name(p) === key))
        this.fail(
          `the parameter '${this.unit.names.textOf(key)}' is named twice`,
          "give each parameter its own name",
          tok,
        );
      params.push(param);
      if (!parens && until !== T.Newline) break;
    }
    if (parens) this.expect(T.RParen, "')' after the parameters");
    return params;
  }

  /**
   * Whether the parameter list in parentheses ends here without its `)`: at the end of the
   * line (line breaks inside brackets are spaces, so that is the end of the code) or at a
   * keyword on a later line (`function f(a, b` with the body below: `return` is no name).
   */
  private parametersUnclosed(): boolean {
    const k = this.peek();
    if (k === T.Newline || k === T.Dedent) return true;
    if (k !== T.Ident || !this.isKeyword(this.pos)) return false;
    const between = this.unit.source.slice(this.prevEnd(), this.startOf());
    return between.includes("\n") || between.includes("\r");
  }

  protected addFunction(
    name: string,
    params: NodeId[],
    body: NodeId,
    exprBody: boolean,
    node: NodeId,
  ): number {
    const nodes = this.unit.nodes;
    const decls = exprBody ? [] : hoistedFunctions(nodes, ListNode.first(nodes, body));
    this.unit.functions.push({
      index: this.unit.functions.length,
      name,
      params,
      body,
      exprBody,
      node,
      frameSize: 0,
      locals: NO_LOCALS,
      captures: [],
      cellSlots: [],
      decls,
      generator: false,
    });
    return this.unit.functions.length - 1;
  }

  // ── templates ──────────────────────────────────────────────────────────────

  /** `` `Hi {{name}}!` ``: a Template node whose children are Str parts and expressions. */
  private template(tok: number): NodeId {
    const source = this.unit.source;
    const start = this.startOf(tok);
    const end = Math.max(start + 1, this.endOf(tok) - 1);
    const nodes = this.unit.nodes;
    const n = this.node(N.Template, start, this.endOf(tok));
    let last = NONE;
    const append = (part: NodeId) => {
      if (last === NONE) ListNode.setFirst(nodes, n, part);
      else nodes.setNext(last, part);
      last = part;
    };
    let p = start + 1;
    let textStart = p;
    while (p < end) {
      this.unit.clock.tick(p);
      if (source.charCodeAt(p) === 92) {
        p += escapedOpen(source, p, end) ? 3 : 2;
        continue;
      }
      if (source.startsWith("{{", p)) {
        const close = this.unit.scanner.interpolationEnd(p + 2, end);
        if (close === -1) break;
        if (p > textStart) {
          const s = nodes.create(N.Str, textStart, p);
          nodes.setStr(s, unescapeString(source, textStart, p));
          append(s);
        }
        append(
          parseExpressionWith(
            this.constructor as ExpressionParserClass,
            this.unit,
            p + 2,
            close,
            this.classContext,
          ),
        );
        p = close + 2;
        textStart = p;
        continue;
      }
      p++;
    }
    if (end > textStart) {
      const s = nodes.create(N.Str, textStart, end);
      nodes.setStr(s, unescapeString(source, textStart, end));
      append(s);
    }
    return n;
  }
}

/** A class of parser that can parse a lone expression. */
export type ExpressionParserClass = new (
  unit: ParseUnit,
  t: TokenBuffer,
  dialect: Dialect,
) => ExpressionParser;

/**
 * Parses source[start, end) as one expression (for `{{ … }}` and template parts) with a
 * parser of class `Parser`: the whole parser's class (a template's parts take the class of
 * the parser that met the template), so that every parser object V8 sees has one shape
 * and the parser's property reads stay monomorphic.
 */
export function parseExpressionWith(
  Parser: ExpressionParserClass,
  unit: ParseUnit,
  start: number,
  end: number,
  /** Where in a class the expression is (a template's part in a method), or null. */
  classContext: ClassContext | null = null,
): NodeId {
  const tokens = lexInto(unit, start, end, false);
  const depth = unit.depth;
  try {
    const parser = new Parser(unit, tokens, "native");
    parser.enterClass(classContext);
    try {
      return parser.parseLoneExpression();
    } catch (e) {
      const reached = unit.depth;
      unit.depth = depth;
      if (isJsStackOverflow(e)) parser.stackRanOut(reached);
      else if (e !== BAIL) throw e;
      return unit.nodes.create(N.Null, start, end);
    }
  } finally {
    giveTokenBuffer(tokens);
  }
}
