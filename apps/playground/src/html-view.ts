/**
 * The rendered markdown as HTML, by markdown-it (CommonMark, with GFM tables and
 * strikethrough built in). Raw HTML in the output is shown as text, never parsed
 * (`html: false`), so a document cannot put markup or handlers into the page.
 * @module
 */
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** The HTML of a markdown text (safe to assign to `innerHTML`: markdown-it escapes all text). */
export function markdownToHtml(markdown: string): string {
  return md.render(markdown);
}
