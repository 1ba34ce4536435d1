/**
 * The built page in headless Chromium: links, typing, diagnostics, memory modes, no
 * network, and the Content-Security-Policy. Waits are for what the page shows, never
 * for a time.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodeState, encodeState, encodeText } from "../../src/state.js";
import { launch, type StaticServer, serve } from "./harness.js";

let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/**
 * Every URL the page requested (any origin), and every console error it logged but the
 * Content-Security-Policy's reports of the page's own eval check at load.
 */
let requested: string[];
let consoleErrors: string[];

beforeAll(async () => {
  server = await serve();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  requested = [];
  consoleErrors = [];
  context.on("request", (request) => {
    requested.push(request.url());
  });
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().includes("Content Security Policy"))
      consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => {
    consoleErrors.push(String(error));
  });
});
afterEach(async () => {
  await context.close();
});

/** Opens the page at a fragment and waits for its first render. */
async function open(fragment = ""): Promise<void> {
  await page.goto(`${server.origin}/${fragment ? `#${fragment}` : ""}`);
  await page.waitForFunction(() => Number(document.body.dataset.renders ?? 0) >= 1);
}

/** The number of renders so far. */
async function renders(): Promise<number> {
  return Number(await page.evaluate(() => document.body.dataset.renders ?? 0));
}

/** Waits until the markdown output holds a text. */
async function outputContains(text: string): Promise<void> {
  await page.waitForFunction(
    (t) => document.querySelector("#markdown-output")?.textContent?.includes(t) === true,
    text,
  );
}

/** Replaces the shown file's text as typing would (one input event). */
async function replaceText(text: string): Promise<void> {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(text);
}

describe("the built page", () => {
  it("renders the document of a #src= link, as markdown and as HTML", async () => {
    await open(
      `src=${encodeText("# Sum\n\nOne and two make {{1 + 2}}.\n\n| a | b |\n| - | - |\n| {{2 * 3}} | x |\n")}`,
    );
    await outputContains("One and two make 3.");
    expect(await page.textContent("#html-output h1")).toBe("Sum");
    expect(await page.textContent("#html-output table td")).toBe("6");
    expect(consoleErrors).toEqual([]);
  });

  it("re-renders as the document is typed, and keeps the URL in step", async () => {
    await open(`src=${encodeText("start\n")}`);
    await outputContains("start");
    await replaceText("Total: {{20 + 2");
    await page.keyboard.type("0 + 20}}");
    await outputContains("Total: 60");
    const fragment = await page.evaluate(() => location.hash);
    expect(decodeState(fragment).state?.document).toBe("Total: {{20 + 20 + 20}}");
    expect(await page.textContent("#problem-count")).toBe("0");
  });

  it("shows a syntax error inline at its line and in the errors panel", async () => {
    await open(`src=${encodeText("fine\n")}`);
    await outputContains("fine");
    await replaceText('Intro\n\n```xmd\nset x 1\nif x =\n    print "x"\n```\n');
    const range = page.locator(".cm-lintRange-error");
    await range.first().waitFor();
    // The marked text is on line 5 (the editor draws one .cm-line per line here).
    const lineOfRange = await page.evaluate(() => {
      const lines = [...document.querySelectorAll(".cm-content .cm-line")];
      return lines.findIndex((line) => line.querySelector(".cm-lintRange-error") !== null) + 1;
    });
    expect(lineOfRange).toBe(5);
    const problem = page.locator("#problems li.problem").first();
    expect(await problem.getAttribute("data-line")).toBe("5");
    const text = await problem.textContent();
    expect(text).toContain("index.md:5:7");
    expect(text).toContain("error[syntax]");
    expect(await page.textContent("#problem-count")).toBe("1");
    // Hovering the marked text shows the message in the editor.
    await range.first().hover();
    await page.locator(".cm-tooltip-lint").waitFor();
    expect(await page.textContent(".cm-tooltip-lint")).toContain("error[syntax]");
  });

  it("puts an error in an imported file on that file's tab", async () => {
    const state = {
      document: "Before\n<!-- xmd:import part.md -->\nAfter\n",
      files: [{ name: "part.md", content: "ok\n{{ nope }}\n" }],
      options: { memory: "pooled" as const, strict: false, frontMatter: "keep" as const },
    };
    await open(encodeState(state));
    const problem = page.locator("#problems li.problem").first();
    await problem.waitFor();
    expect(await problem.getAttribute("data-file")).toBe("part.md");
    expect(await problem.getAttribute("data-line")).toBe("2");
    await page.click('.tab-name[data-file="part.md"]');
    await page.locator(".cm-lintRange-error").first().waitFor();
    expect(await page.textContent(".cm-lintRange-error")).toBe("nope");
  });

  it("re-renders when a data file's tab is edited, and imports a file added by its name", async () => {
    await open();
    await page.selectOption("#example", "table");
    await outputContains("| Atlas | 30 | 7 | 210 |");
    await page.click('.tab-name[data-file="inventory.yaml"]');
    await replaceText("store: Tiny\nreorderBelow: 1\nitems:\n  - name: Globe\n    price: 50\n    stock: 2\n");
    await outputContains("| Globe | 50 | 2 | 100 |");
    expect(await page.textContent("#markdown-output")).not.toContain("Atlas");

    await page.fill("#new-file-name", "notes/extra.md");
    await page.click('#add-file button[type="submit"]');
    await page.locator('.tab-name[data-file="notes/extra.md"][aria-pressed="true"]').waitFor();
    await replaceText("Extra part: {{1 + 1}}\n");
    await page.click(`.tab-name[data-file="index.md"]`);
    await page.click(".cm-content");
    await page.keyboard.press("Control+End");
    await page.keyboard.insertText('\n<!-- xmd:import "notes/extra.md" -->\n');
    await outputContains("Extra part: 2");
    const link = decodeState(await page.evaluate(() => location.hash)).state;
    expect(link?.files.map((f) => f.name)).toEqual(["inventory.yaml", "notes/extra.md"]);
  });

  it("shows both memory modes' statistics, and switching the mode changes them", async () => {
    await open(`src=${encodeText("<!-- xmd\nset xs 1, 2, 3\nfor x in xs\n    print x * 2\n-->\n")}`);
    await outputContains("6");
    const shown = () => page.getAttribute("#stats thead th[data-memory]", "data-memory");
    const shareOfShown = () =>
      page.evaluate(() => {
        const row = [...document.querySelectorAll("#stats tbody tr")].find(
          (tr) => tr.querySelector("th")?.textContent === "served by pools",
        );
        return row?.querySelector("td")?.textContent ?? "";
      });
    expect(await shown()).toBe("pooled");
    const pooledShare = await shareOfShown();
    expect(Number.parseFloat(pooledShare)).toBeGreaterThan(0);
    expect(await page.locator("#stats thead th[data-memory]").count()).toBe(2);

    const before = await renders();
    await page.check('input[name="memory"][value="heap"]');
    await page.waitForFunction((n) => Number(document.body.dataset.renders) > n, before);
    expect(await shown()).toBe("heap");
    expect(await shareOfShown()).toBe("0.0%");
    expect(await page.evaluate(() => location.hash)).toContain("memory=heap");
    await outputContains("6");
  });

  it("requests nothing from another origin, and works offline after loading", async () => {
    await open(`src=${encodeText("online {{40 + 2}}\n")}`);
    await outputContains("online 42");
    expect(requested.length).toBeGreaterThan(0);
    for (const url of requested) expect(url.startsWith(`${server.origin}/`)).toBe(true);
    const served = server.requests.length;
    const seen = requested.length;

    await context.setOffline(true);
    await replaceText("offline {{6 * 7}}\n");
    await outputContains("offline 42");
    await page.check('input[name="memory"][value="heap"]');
    await page.selectOption("#example", "dashboard");
    await outputContains("Operations dashboard");
    expect(requested.slice(seen)).toEqual([]);
    expect(server.requests.length).toBe(served);
    expect(consoleErrors).toEqual([]);
  });

  it("has a Content-Security-Policy that blocks eval, new Function and string timers", async () => {
    // Collect violations from before the page's own scripts run (its self-check tries eval at load).
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener("securitypolicyviolation", (e) => {
        seen.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await open();
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-eval");
    // The page's own code tried eval and new Function at load, and was refused.
    expect(await page.getAttribute("#csp-check", "data-blocked")).toBe("true");
    // A string timer set now is refused too, and never runs.
    await page.evaluate(() => {
      setTimeout("window.fromString = 1", 0);
    });
    await page.waitForFunction(() => (window as unknown as { violations: string[] }).violations.length >= 3);
    const outcome = await page.evaluate(() => ({
      ran: "fromString" in window,
      violations: (window as unknown as { violations: string[] }).violations,
    }));
    expect(outcome.ran).toBe(false);
    expect(outcome.violations.every((v) => v === "script-src eval")).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it("takes a screenshot of the dashboard example", async () => {
    await open();
    await page.selectOption("#example", "dashboard");
    await outputContains("Operations dashboard");
    const path = resolve(process.env.XMD_SCREENSHOT ?? "test-results/playground.png");
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await page.screenshot({ fullPage: false }));
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(png.length).toBeGreaterThan(10_000);
  });
});
