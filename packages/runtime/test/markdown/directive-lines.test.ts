/**
 * Whether an xmd comment stands alone on its line decides whether it takes the line with
 * it (a block: the line is gone from the output) or stays in the text (inline). A line of
 * several directives is a block line when only spaces and tabs stand between them; any
 * other text, an ordinary comment, or a comment that does not close on the line keeps the
 * line. The rows pin each of those cases.
 */
import { describe, expect, it } from "vitest";
import { failure, render as renderIn } from "../support/render.js";

/** The output of markdown `source` (in both memory modes). */
const render = (source: string) => renderIn(source, "md");

describe("a line of xmd comments", () => {
  it("is a block line when tabs stand after or between them, or before xmd", () => {
    expect(render("<!-- xmd set a 1 -->\t\nB\n")).toBe("B\n");
    expect(render("<!-- xmd set a 1 -->\t<!-- xmd set b 2 -->\nB {{a}}{{b}}\n")).toBe("B 12\n");
    expect(render("<!--\txmd print 1 -->\n")).toBe("1\n");
  });

  it("keeps its line when prose stands between two directives", () => {
    expect(render("<!-- xmd set a 1 -->see xmd: <!-- xmd set b 2 -->\nB {{a}}{{b}}\n")).toBe(
      "see xmd: \nB 12\n",
    );
  });

  it("keeps its line when an ordinary comment follows the directive", () => {
    expect(render("<!-- xmd set a 1 --> <!-- note -->\nB {{a}}\n")).toBe(" <!-- note -->\nB 1\n");
    expect(render("<!-- xmd print 1 --> <!-- note -->\nB\n")).toBe("1 <!-- note -->\nB\n");
  });

  it("keeps its line when a later xmd comment closes on another line, or never", () => {
    expect(render("<!-- xmd set a 1 --> <!-- xmd set b 2\n-->\nB {{a}}{{b}}\n")).toBe(" \nB 12\n");
    expect(render("<!-- xmd set a 1 --> <!-- xmd print 2\nB\n")).toBe(" <!-- xmd print 2\nB\n");
    // (An unclosed comment right after `<!--` is read as one, not as `<!--` at the text's start.)
    expect(render("  <!-- xmd set a 1 --> <!--xmd print 2\nB\n")).toBe("   <!--xmd print 2\nB\n");
  });

  it("starts afresh on the line after a line of several directives", () => {
    // The second line's directive is the first of its line, not a later one of the line above.
    expect(render("<!-- xmd set a 1 --> <!-- xmd set b 2 -->\n<!-- xmd print a --> text\n")).toBe("1 text\n");
  });
});

describe("an xmd comment in a markdown fence of an .xmd file", () => {
  it("does not close with a --> after the fence", () => {
    const source = '```markdown\nA <!-- xmd print 1\n```\nprint "-->"\n';
    expect(renderIn(source)).toBe("A <!-- xmd print 1\n-->\n");
    expect(failure('```markdown\n<!-- xmd print 1\n```\nprint "-->"\n').message).toBe(
      "this xmd comment is never closed",
    );
  });
});
