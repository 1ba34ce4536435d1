/**
 * XMD highlighting for CodeMirror 6: markdown (CommonMark + GFM, from
 * `@codemirror/lang-markdown`) with three additions, each of which hands its inside to
 * a small stream tokenizer for native XMD code:
 * - ```` ```xmd ```` fences (through lang-markdown's `codeLanguages`);
 * - `<!-- xmd … -->` and `<!-- xmd:… -->` comments, as blocks and inline (their own node
 *   types, so the HTML highlighter that lang-markdown mounts on ordinary comments leaves
 *   them alone);
 * - `{{ … }}` in markdown text (`\{{` stays text: markdown's backslash escape takes it first).
 * @module
 */
import { markdown, markdownLanguage } from "@codemirror/lang-markdown";
import {
  HighlightStyle,
  type LanguageSupport,
  StreamLanguage,
  type StringStream,
} from "@codemirror/language";
import { parseMixed } from "@lezer/common";
import { tags } from "@lezer/highlight";
import type { MarkdownConfig } from "@lezer/markdown";

/** Reserved words of native XMD (the runtime's keyword list, plus the words of classes, generators and spans). */
export const XMD_KEYWORDS: ReadonlySet<string> = new Set([
  "set",
  "if",
  "elif",
  "else",
  "then",
  "for",
  "in",
  "loop",
  "times",
  "while",
  "break",
  "continue",
  "function",
  "return",
  "try",
  "catch",
  "throw",
  "and",
  "or",
  "not",
  "end",
  "import",
  "export",
  "from",
  "endif",
  "endfor",
  "endwhile",
  "endloop",
  "class",
  "extends",
  "constructor",
  "private",
  "yield",
  "destructure",
  "print",
  "exec",
  "cmd",
]);
const ATOMS: ReadonlySet<string> = new Set(["true", "false", "null", "self", "super"]);

/** Tokenizer state: inside a block comment or a backtick template that spans lines. */
interface XmdStreamState {
  inBlockComment: boolean;
  inTemplate: boolean;
}

function readString(stream: StringStream, quote: string): void {
  let escaped = false;
  for (let ch = stream.next(); ch !== undefined; ch = stream.next()) {
    if (ch === quote && !escaped) return;
    escaped = !escaped && ch === "\\";
  }
}

/** The tokenizer of native XMD code: one token per call, named by a highlight tag. */
export const xmdStreamParser = {
  name: "xmd",
  startState: (): XmdStreamState => ({ inBlockComment: false, inTemplate: false }),
  copyState: (s: XmdStreamState): XmdStreamState => ({ ...s }),
  token(stream: StringStream, state: XmdStreamState): string | null {
    if (state.inBlockComment) {
      if (stream.skipTo("*/")) {
        stream.pos += 2;
        state.inBlockComment = false;
      } else stream.skipToEnd();
      return "comment";
    }
    if (state.inTemplate) {
      readString(stream, "`");
      if (stream.current().endsWith("`")) state.inTemplate = false;
      return "string";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("//") || stream.peek() === "#") {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match("/*")) {
      state.inBlockComment = true;
      return "comment";
    }
    if (stream.match(/^xmd:?/)) return "meta";
    if (stream.match("{{") || stream.match("}}")) return "meta";
    const ch = stream.peek() ?? "";
    if (ch === '"' || ch === "'") {
      stream.next();
      readString(stream, ch);
      return "string";
    }
    if (ch === "`") {
      stream.next();
      readString(stream, "`");
      if (!stream.current().endsWith("`") || stream.current().length === 1) state.inTemplate = true;
      return "string";
    }
    if (stream.match(/^\d+(\.\d+)?/)) return "number";
    const word = stream.match(/^[A-Za-z_$][\w$]*\*?/) as RegExpMatchArray | null;
    if (word) {
      const text = word[0].replace(/\*$/, "");
      if (ATOMS.has(text)) return "atom";
      if (XMD_KEYWORDS.has(text)) return "keyword";
      if (/^[A-Z]/.test(text)) return "typeName";
      return stream.match(/^\s*\(/, false) ? "function" : "variableName";
    }
    if (stream.match(/^(=>|\.\.\.|\.\.|[=!<>]=?|&&|\|\||[-+*/%?:])/)) return "operator";
    stream.next();
    return "punctuation";
  },
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
};

/** Native XMD code as a CodeMirror language (used alone and nested in markdown). */
export const xmdCodeLanguage = StreamLanguage.define(xmdStreamParser);

/** A `<!-- xmd` opening (with or without the colon). */
const XMD_COMMENT_START = /^<!--\s*xmd\b/;

/**
 * The markdown extension: node types for XMD comments and `{{ }}`, their parsers, and
 * the nested parse of their insides as XMD code.
 */
export const xmdMarkdownExtension: MarkdownConfig = {
  defineNodes: [
    { name: "XmdComment", block: true },
    { name: "XmdInlineComment" },
    { name: "XmdMark", style: tags.processingInstruction },
    { name: "XmdInterpolation" },
  ],
  parseBlock: [
    {
      name: "XmdComment",
      before: "HTMLBlock",
      parse(cx, line) {
        if (!XMD_COMMENT_START.test(line.text.slice(line.pos))) return false;
        const from = cx.lineStart + line.pos;
        let searchFrom = line.pos + 4;
        let end: number;
        let closed = false;
        for (;;) {
          const at = line.text.indexOf("-->", searchFrom);
          if (at >= 0) {
            end = cx.lineStart + at + 3;
            closed = true;
            cx.nextLine();
            break;
          }
          const lineEnd = cx.lineStart + line.text.length;
          if (!cx.nextLine()) {
            end = lineEnd;
            break;
          }
          searchFrom = 0;
        }
        const marks = [cx.elt("XmdMark", from, from + 4)];
        if (closed) marks.push(cx.elt("XmdMark", end - 3, end));
        cx.addElement(cx.elt("XmdComment", from, end, marks));
        return true;
      },
    },
  ],
  parseInline: [
    {
      name: "XmdInlineComment",
      before: "HTMLTag",
      parse(cx, next, pos) {
        if (next !== 60 /* < */ || !XMD_COMMENT_START.test(cx.slice(pos, Math.min(cx.end, pos + 40))))
          return -1;
        const close = cx.slice(pos, cx.end).indexOf("-->", 4);
        if (close < 0) return -1;
        const end = pos + close + 3;
        return cx.addElement(
          cx.elt("XmdInlineComment", pos, end, [
            cx.elt("XmdMark", pos, pos + 4),
            cx.elt("XmdMark", end - 3, end),
          ]),
        );
      },
    },
    {
      name: "XmdInterpolation",
      before: "Emphasis",
      parse(cx, next, pos) {
        if (next !== 123 /* { */ || cx.char(pos + 1) !== 123) return -1;
        const close = cx.slice(pos, cx.end).indexOf("}}", 2);
        if (close < 0) return -1;
        const end = pos + close + 2;
        return cx.addElement(
          cx.elt("XmdInterpolation", pos, end, [
            cx.elt("XmdMark", pos, pos + 2),
            cx.elt("XmdMark", end - 2, end),
          ]),
        );
      },
    },
  ],
  wrap: parseMixed((node) => {
    const name = node.type.name;
    if (name === "XmdComment" || name === "XmdInlineComment") {
      const closed = node.node.lastChild !== node.node.firstChild;
      const to = closed ? node.to - 3 : node.to;
      return to > node.from + 4
        ? { parser: xmdCodeLanguage.parser, overlay: [{ from: node.from + 4, to }] }
        : null;
    }
    if (name === "XmdInterpolation" && node.to - node.from > 4) {
      return { parser: xmdCodeLanguage.parser, overlay: [{ from: node.from + 2, to: node.to - 2 }] };
    }
    return null;
  }),
};

/** Markdown with XMD: the language support to give an editor for `.md` documents and parts. */
export function xmdMarkdown(): LanguageSupport {
  return markdown({
    codeLanguages: (info) => (info.trim().toLowerCase() === "xmd" ? xmdCodeLanguage : null),
    base: markdownLanguage,
    extensions: [xmdMarkdownExtension],
    completeHTMLTags: false,
  });
}

/** Colours for what the XMD parts add (markdown and code keep CodeMirror's default style). */
export const xmdHighlightStyle = HighlightStyle.define([
  { tag: tags.processingInstruction, color: "#a626a4", fontWeight: "bold" },
  { tag: tags.meta, color: "#a626a4", fontWeight: "bold" },
]);
