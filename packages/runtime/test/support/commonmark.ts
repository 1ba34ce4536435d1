/**
 * The splitter beside a real CommonMark parser (markdown-it): which `{{ }}` markers each
 * reads as text and which as code. Documents name their markers `{{m0}}`, `{{m1}}`, …
 */
import MarkdownIt from "markdown-it";
import { splitMarkdown } from "../../src/markdown/split.js";

const markdownIt = new MarkdownIt();

/** The markers `mN` that markdown-it reads as text, and those it reads as code. */
export function commonmarkMarkers(source: string): { text: Set<string>; code: Set<string> } {
  const text = new Set<string>();
  const code = new Set<string>();
  const find = (s: string, into: Set<string>) => {
    for (const m of s.matchAll(/\{\{(m\d+)\}\}/g)) into.add(m[1] as string);
  };
  for (const token of markdownIt.parse(source, {})) {
    if (token.type === "fence" || token.type === "code_block") find(token.content, code);
    else if (token.type === "inline") {
      // Text runs joined (markdown-it may cut `{{` and `}}` into tokens of their own).
      let run = "";
      for (const child of token.children ?? []) {
        if (child.type === "text") run += child.content;
        else {
          find(run, text);
          run = "";
          if (child.type === "code_inline") find(child.content, code);
        }
      }
      find(run, text);
    }
  }
  return { text, code };
}

/** The markers the splitter interpolates. */
export function splitterMarkers(source: string): Set<string> {
  const out = new Set<string>();
  for (const piece of splitMarkdown(source))
    if (piece.kind === "interp") out.add(source.slice(piece.exprStart, piece.exprEnd).trim());
  return out;
}
