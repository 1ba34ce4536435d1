/**
 * The byte forms of a render: `renderBytes` and `renderTo(write)` on the runtime and on a
 * compiled document, and documents given as bytes. Each must give exactly the bytes of
 * what `render` gives as a string.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRuntime, type MemoryMode, XmdError } from "../../src/index.js";
import { CHUNK_BYTES } from "../../src/output/chunk-pool.js";
import { LARGE_DOCUMENT } from "../../src/output/render-forms.js";

const encoder = new TextEncoder();
const decode = (bytes: Uint8Array) =>
  new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "xmd-bytes-"));
  roots.push(root);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** Chunks a render hands to its writer, copied. */
function collect(): { write: (bytes: Uint8Array) => void; chunks: Uint8Array[]; text: () => string } {
  const chunks: Uint8Array[] = [];
  return {
    chunks,
    write: (bytes) => chunks.push(bytes.slice()),
    text: () => chunks.map(decode).join(""),
  };
}

/** A document of many lines of static text and `{{ }}`, some of them not ASCII. */
function largeDocument(lines: number): string {
  const parts = ['<!-- xmd:set name = "Zoë 😀" -->', "<!-- xmd:set count = 42 -->"];
  for (let i = 1; i <= lines; i++)
    parts.push(`Line ${i}: Héllo {{name}}, you have {{count}} messages — filler.`);
  return `${parts.join("\n")}\n`;
}

const SAMPLES: [string, string, "md" | "xmd"][] = [
  ["markdown with {{ }}", "# Title\n\n{{ 6 * 7 }} and `{{ code }}` and \\{{ literal\n", "md"],
  ["code printing", 'set xs 1 .. 3\nfor x in xs\n    print "item " + x\n', "xmd"],
  ["text that is not ASCII", 'Grüße, {{ "naïve" }} — 日本語 😀\n', "md"],
  ["CRLF line ends", '```xmd\r\nprint "a"\r\nprint "b"\r\n```\r\nend\r\n', "md"],
  ["a byte order mark", '\ufeff<!-- xmd:set x = "y" -->\n{{x}}\n', "md"],
  ["nothing", "", "md"],
];

describe.each(["pooled", "heap"] as MemoryMode[])("byte forms of a render (%s)", (memory) => {
  for (const [what, source, lang] of SAMPLES) {
    it(`give the bytes of render's string: ${what}`, () => {
      const runtime = createRuntime({ memory, checked: true });
      const expected = runtime.render(source, { lang }).output;
      expect(decode(runtime.renderBytes(source, { lang }).output)).toBe(expected);
      const out = collect();
      runtime.renderTo(source, out.write, { lang });
      expect(out.text()).toBe(expected);
      // The document given as its UTF-8 bytes.
      expect(runtime.render(encoder.encode(source), { lang }).output).toBe(expected);
      expect(decode(runtime.renderBytes(encoder.encode(source), { lang }).output)).toBe(expected);
      const compiled = runtime.compile(encoder.encode(source), { lang });
      expect(compiled.render().output).toBe(expected);
      expect(decode(compiled.renderBytes().output)).toBe(expected);
      const fromCompiled = collect();
      compiled.renderTo(fromCompiled.write);
      expect(fromCompiled.text()).toBe(expected);
      compiled.release();
      expect(runtime.inspect().pools.every((p) => p.live === 0)).toBe(true);
    });
  }

  it("compile a document given as bytes into its own copy: a caller may reuse its buffer", () => {
    const runtime = createRuntime({ memory });
    const buffer = encoder.encode("static {{ 1 + 1 }} text\n");
    const compiled = runtime.compile(buffer, { lang: "md" });
    buffer.fill(0x7a);
    expect(compiled.render().output).toBe("static 2 text\n");
    compiled.release();
  });

  it("stream a large output in chunks of at most 64 KiB, each whole characters, holding a few at a time", () => {
    const runtime = createRuntime({ memory, checked: true });
    const source = largeDocument(20_000);
    const expected = runtime.render(source, { lang: "md" }).output;
    const out = collect();
    const info = runtime.renderTo(source, out.write, { lang: "md" });
    expect(out.chunks.length).toBeGreaterThan(10);
    for (const chunk of out.chunks) expect(chunk.length).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(out.text()).toBe(expected);
    expect(info.stats.outputBytes).toBe(encoder.encode(expected).length);
    const chunks = runtime.inspect().pools.find((p) => p.name === "output-chunks");
    if (memory === "pooled") expect(chunks?.highWater).toBeLessThanOrEqual(2);
    else expect(chunks).toBeUndefined();
  });

  it("render a compiled document to a string through pooled chunks, a document rendered once by joining strings", () => {
    const runtime = createRuntime({ memory });
    const source = 'set row "|"\nfor i in 1..3\n    set row row + " " + i + " é |"\nprint row\n';
    const expected = "| 1 é | 2 é | 3 é |\n";
    const chunksTaken = () => runtime.inspect().pools.find((p) => p.name === "output-chunks")?.acquires ?? 0;
    const compiled = runtime.compile(source, { lang: "xmd" });
    const before = chunksTaken();
    expect(compiled.render().output).toBe(expected);
    if (memory === "pooled") expect(chunksTaken()).toBe(before + 1);
    const afterCompiled = chunksTaken();
    expect(runtime.render(source, { lang: "xmd" }).output).toBe(expected);
    expect(chunksTaken()).toBe(afterCompiled);
  });

  it("render a compiled page of mostly static markdown by joining strings once a render has shown it", () => {
    const runtime = createRuntime({ memory });
    const chunksTaken = () => runtime.inspect().pools.find((p) => p.name === "output-chunks")?.acquires ?? 0;
    const page = runtime.compile("# Títle\n\nA long paragraph of plain markdown text, {{ who }}.\n", {
      lang: "md",
      vars: ["who"],
    });
    const expected = (who: string) => `# Títle\n\nA long paragraph of plain markdown text, ${who}.\n`;
    const before = chunksTaken();
    expect(page.render({ who: "Zoë" }).output).toBe(expected("Zoë"));
    const afterFirst = chunksTaken();
    if (memory === "pooled") expect(afterFirst).toBe(before + 1);
    // The first output was mostly static: later renders join strings, with the same text.
    for (const who of ["Ann", "a much, much longer name than the page around it would suggest"])
      expect(page.render({ who }).output).toBe(expected(who));
    expect(chunksTaken()).toBe(afterFirst);
    // Its byte forms go through chunks as always.
    expect(decode(page.renderBytes({ who: "Ann" }).output)).toBe(expected("Ann"));
  });

  it("render a document of a MiB or more to the same string through pooled chunks", () => {
    const runtime = createRuntime({ memory });
    const lines = 20_000;
    const source = largeDocument(lines);
    expect(source.length).toBeGreaterThan(LARGE_DOCUMENT);
    const expected = Array.from(
      { length: lines },
      (_, i) => `Line ${i + 1}: Héllo Zoë 😀, you have 42 messages — filler.\n`,
    ).join("");
    expect(runtime.render(source, { lang: "md" }).output).toBe(expected);
    // Written into the output's 19 chunks and decoded a batch at a time as they fill: a
    // few chunks out at once.
    const chunks = runtime.inspect().pools.find((p) => p.name === "output-chunks");
    if (memory === "pooled") {
      expect(chunks?.acquires).toBe(Math.ceil(encoder.encode(expected).length / CHUNK_BYTES));
      expect(chunks?.highWater).toBeLessThanOrEqual(2);
    }
    // A byte order mark the document writes first is text, kept as it is.
    const bom = source.replace("Line 1:", '{{ "\\ufeff" }}Line 1:');
    expect(runtime.render(bom, { lang: "md" }).output).toBe(`\ufeff${expected}`);
    // Just under the size, the same document by the other path.
    const small = largeDocument(200);
    expect(small.length).toBeLessThan(LARGE_DOCUMENT);
    expect(runtime.render(small, { lang: "md" }).output).toBe(
      `${expected.split("\n").slice(0, 200).join("\n")}\n`,
    );
  });

  it("read a file as bytes: invalid UTF-8 reads as U+FFFD, as a string of the file would", () => {
    const root = project({});
    const path = join(root, "bad.md");
    writeFileSync(path, Buffer.from([0x61, 0xff, 0x62, 0x0a, 0xc3, 0xa9, 0x0a]));
    const runtime = createRuntime({ memory });
    expect(runtime.renderFile(path).output).toBe("a\ufffdb\né\n");
    expect(runtime.render(new Uint8Array([0x61, 0xff, 0x0a]), { lang: "md" }).output).toBe("a\ufffd\n");
  });

  it("discard a module's own output, however large, and capture a classic import as text", () => {
    const big = `${"x".repeat(100)}\n`.repeat(2_000); // 202 000 bytes: several chunks
    const root = project({
      "lib.xmd": `${`print "${"y".repeat(100)}"\n`.repeat(2_000)}export set v 7\n`,
      "part.md": big,
      "main.md":
        '<!-- xmd set m import "lib.xmd" -->\n<!-- xmd:set p = import "part.md" -->\n{{m.v}} {{p.length}}\n',
    });
    const runtime = createRuntime({ memory });
    const path = join(root, "main.md");
    const out = collect();
    runtime.renderTo(readFileSync(path), out.write, { path });
    expect(out.text()).toBe(`7 ${big.length}\n`);
    expect(runtime.renderFile(path).output).toBe(`7 ${big.length}\n`);
  });

  it("throw the document's error after what was written, and a writer's own error as it is", () => {
    const runtime = createRuntime({ memory, checked: true });
    const source = `${largeDocument(3_000)}{{ nope }}\n`;
    const out = collect();
    let error: unknown;
    try {
      runtime.renderTo(source, out.write, { lang: "md" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmdError);
    expect((error as XmdError).code).toBe("undefined-name");
    // What was written before the error is the start of the output.
    expect(out.chunks.length).toBeGreaterThan(0);
    const whole = runtime.render(largeDocument(3_000), { lang: "md" }).output;
    expect(whole.startsWith(out.text())).toBe(true);
    const failing = new Error("disk full");
    expect(() =>
      runtime.renderTo(largeDocument(3_000), () => {
        throw failing;
      }),
    ).toThrow(failing);
    expect(runtime.inspect().pools.every((p) => p.live === 0)).toBe(true);
  });

  it("stop at the output limit in the byte forms as in render", () => {
    const runtime = createRuntime({ memory, limits: { maxOutputBytes: 1000 } });
    const source = largeDocument(100);
    for (const run of [
      () => runtime.render(source, { lang: "md" }),
      () => runtime.renderBytes(source, { lang: "md" }),
      () => runtime.renderTo(source, () => {}, { lang: "md" }),
    ]) {
      expect(run).toThrow("output limit reached: more than 1000 bytes (limit maxOutputBytes)");
    }
  });
});

describe.each(["pooled", "heap"] as MemoryMode[])("a large document given as a string (%s)", (memory) => {
  /** 24,000 lines of ASCII around a classic loop, whose markdown is copied once per item. */
  function page(tail: string): { source: string; expected: string } {
    const lines = Array.from(
      { length: 24_000 },
      (_, i) => `Line ${i + 1}: Hello {{name}}, some filler text here.`,
    );
    const source = [
      '<!-- xmd:set name = "Ann" -->',
      ...lines.slice(0, 10_000),
      "<!-- xmd:for i in 1..3 -->",
      "Item {{i}} of a loop, its text copied again for every item.",
      "<!-- xmd:endfor -->",
      ...lines.slice(10_000),
      tail,
      "",
    ].join("\n");
    const filled = lines.map((l) => l.replace("{{name}}", "Ann"));
    const expected = [
      ...filled.slice(0, 10_000),
      ...[1, 2, 3].map((i) => `Item ${i} of a loop, its text copied again for every item.`),
      ...filled.slice(10_000),
      tail.replace("{{name}}", "Ann"),
      "",
    ].join("\n");
    return { source, expected };
  }

  it.each([
    ["all ASCII", "The end, {{name}}."],
    ["a character outside ASCII near the end", "Fin, {{name}} — à bientôt 😀."],
  ])("renders %s the same in every form, with text copied again by a loop", (_, tail) => {
    const { source, expected } = page(tail);
    expect(source.length).toBeGreaterThan(LARGE_DOCUMENT);
    const runtime = createRuntime({ memory });
    expect(runtime.render(source, { lang: "md" }).output).toBe(expected);
    expect(decode(runtime.renderBytes(source, { lang: "md" }).output)).toBe(expected);
    const out = collect();
    runtime.renderTo(source, out.write, { lang: "md" });
    expect(out.text()).toBe(expected);
    // The same document as bytes, where nothing is encoded.
    expect(runtime.render(encoder.encode(source), { lang: "md" }).output).toBe(expected);
    const doc = runtime.compile(source, { lang: "md" });
    for (let i = 0; i < 2; i++) expect(doc.render().output).toBe(expected);
  });
});
