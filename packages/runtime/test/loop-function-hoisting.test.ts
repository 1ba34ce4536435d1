/**
 * A function declared inside a loop's body is hoisted like any other: it is bound when the
 * module starts, so a call above the loop works (see syntax/hoisted.ts).
 */
import { describe, expect, it } from "vitest";
import { render } from "./support/render.js";

describe("a function declared in a loop's body", () => {
  it("can be called above a for loop", () => {
    expect(render("print g()\nfor i in [1]\n    function g\n        return 7\n")).toBe("7\n");
  });

  it("can be called above a while loop", () => {
    expect(render("print g()\nwhile false\n    function g\n        return 8\n")).toBe("8\n");
  });

  it("can be called above a loop", () => {
    expect(render("print g()\nloop 0 times\n    function g\n        return 9\n")).toBe("9\n");
  });
});
