import { DataNode, ExecNode, PathNameNode } from "../node-fields.js";
import { N, NONE, type NodeId } from "../nodes.js";
import { SPACE_BEFORE, T } from "../tokens.js";
import { ParserBase } from "./base.js";

/** `exec`, `cmd`, `get`/`put` and import paths, under the expression parser that uses them. */
export abstract class SpecialFormParser extends ParserBase {
  abstract expression(): NodeId;
  protected abstract primary(): NodeId;

  /** `exec echo hi` (the rest of the line is the command) or `cmd EXPR`. */
  protected execExpression(): NodeId {
    const start = this.startOf();
    this.advance();
    const n = this.node(N.Exec, start);
    const nodes = this.unit.nodes;
    if (this.peek() === T.String || this.peek() === T.Template) {
      ExecNode.setCommand(nodes, n, this.expression());
      nodes.setEnd(n, this.prevEnd());
      return n;
    }
    if (this.peek() !== T.Raw) this.fail("expected a command after 'exec'", "write it as `exec echo hello`");
    const raw = this.advance();
    const text = this.node(N.Str, this.startOf(raw));
    nodes.setStr(text, this.unit.source.slice(this.startOf(raw), this.endOf(raw)));
    ExecNode.setCommand(nodes, n, text);
    nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /** `exec(EXPR)` / `cmd(EXPR)`: the command line in parentheses. */
  protected parenthesizedCommand(): NodeId {
    const start = this.startOf();
    this.advance(); // exec / cmd
    this.advance(); // (
    const n = this.node(N.Exec, start);
    ExecNode.setCommand(this.unit.nodes, n, this.expression());
    this.expect(T.RParen, "')' after the command");
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /** `cmd EXPR`: a command line computed by an expression (`cmd "git log -1 " + file`). */
  protected cmdExpression(): NodeId {
    const start = this.startOf();
    this.advance();
    const n = this.node(N.Exec, start);
    ExecNode.setCommand(this.unit.nodes, n, this.expression());
    this.unit.nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /** `get "data.json".a.b` and `put "data.yaml".a.b VALUE`. */
  protected dataAccess(isPut: boolean, fileOnly = false): NodeId {
    const start = this.startOf();
    if (!fileOnly) this.advance(); // get / put
    const nodes = this.unit.nodes;
    const n = this.node(isPut ? N.DataPut : N.DataGet, start);
    DataNode.setFile(
      nodes,
      n,
      this.kind[this.pos] === T.Ident ? this.nameNode(this.advance()) : this.primary(),
    );
    let last = NONE;
    while (this.peek() === T.Dot && !this.spaceBefore()) {
      this.advance();
      const keyTok = this.advance();
      if (this.kind[keyTok] !== T.Ident && this.kind[keyTok] !== T.Number)
        this.fail("expected a key after '.'", undefined, keyTok);
      const key = this.node(N.Str, this.startOf(keyTok));
      nodes.setStr(key, this.unit.source.slice(this.startOf(keyTok), this.endOf(keyTok)));
      if (last === NONE) DataNode.setFirstKey(nodes, n, key);
      else nodes.setNext(last, key);
      last = key;
    }
    if (isPut) {
      // `put "alice.json".scores "scores.yaml".alice` copies a value from another file.
      DataNode.setValue(
        nodes,
        n,
        this.startsDataFileKey(this.pos) ? this.dataAccess(false, true) : this.putValue(),
      );
    }
    nodes.setEnd(n, this.prevEnd());
    return n;
  }

  /** The value `put` writes: the set parser gives it the forms of `set`. */
  protected abstract putValue(): NodeId;

  /**
   * After `get`/`put`: a file as a string (`get "data.json".a`), or a variable that holds
   * one, with a key after it (`get what.boss`). A name must not be a function of the
   * document's (then `get x.y` is a call of it).
   */
  protected startsDataFile(i: number): boolean {
    if (this.kind[i] === T.String) return true;
    return (
      this.kind[i] === T.Ident &&
      !this.isKeyword(i) &&
      !this.unit.callees.has(this.keyOf(i - 1)) &&
      this.kind[i + 1] === T.Dot &&
      ((this.flags[i + 1] as number) & SPACE_BEFORE) === 0 &&
      (this.kind[i + 2] === T.Ident || this.kind[i + 2] === T.Number)
    );
  }

  /** `"scores.yaml".alice`: a data file's name (by its extension) with a key after it. */
  private startsDataFileKey(i: number): boolean {
    return (
      this.kind[i] === T.String &&
      /\.(json|ya?ml)["']$/i.test(this.textAt(i)) &&
      this.kind[i + 1] === T.Dot &&
      ((this.flags[i + 1] as number) & SPACE_BEFORE) === 0
    );
  }

  /**
   * A module path: a string, bare words like `Tasks` / `part.md` / `data/part.md`, or an
   * expression in parentheses (`import (file)`, for a path held in a variable). Where
   * `byVariable`, a lone word names a variable when one holding text is set when the import
   * runs (`set f "p.md"` / `set c import f`, as the C tool read it), the file otherwise.
   */
  protected importPath(byVariable = false): NodeId {
    // A string may be built: import "members/" + name + ".md"
    if (this.peek() === T.String || this.peek() === T.Template || this.peek() === T.LParen)
      return this.expression();
    const start = this.startOf();
    if (this.peek() === T.Newline || this.peek() === T.EOF) this.fail("expected a file to import");
    while (this.peek() !== T.Newline && this.peek() !== T.EOF && this.peek() !== T.Dedent) {
      if (this.spaceBefore() && this.startOf() !== start) break;
      this.advance();
    }
    const nodes = this.unit.nodes;
    const word = this.pos - 1;
    if (byVariable && this.startOf(word) === start && this.kind[word] === T.Ident && !this.isKeyword(word)) {
      const n = this.node(N.PathName, start);
      nodes.setStr(n, this.textAt(word));
      PathNameNode.setName(nodes, n, this.nameNode(word));
      return n;
    }
    const n = this.node(N.Str, start);
    nodes.setStr(n, this.unit.source.slice(start, this.prevEnd()));
    return n;
  }
}
