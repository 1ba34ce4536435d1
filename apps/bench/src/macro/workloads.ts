/**
 * The macro workloads, generated deterministically, each with the same logical output
 * written for every engine: XMD, liquidjs, nunjucks, handlebars, eta, mustache, and a
 * hand-written JS function (the practical lower bound).
 * @module
 */

/** Templates of one workload, one per engine, plus the data they render. */
export interface Workload {
  id: string;
  title: string;
  /** XMD source and its dialect. */
  xmd: { source: string; lang: "md" | "xmd" };
  liquid: string;
  nunjucks: string;
  handlebars: string;
  eta: string;
  mustache: string;
  /** The data every engine renders. */
  data: Record<string, unknown>;
  /**
   * Mustache is logic-less: conditions and computed values are prepared in its view.
   * A function of the data, called inside every mustache render, so that mustache does
   * the same logical work per render as the engines that filter and compute in the template.
   */
  mustacheView: (data: Record<string, unknown>) => Record<string, unknown>;
  /** The hand-written renderer. */
  baseline: (data: Record<string, unknown>) => string;
}

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** W1: a 2,000-line document with 1,000 `{{var}}` drawn from 100 variables. */
export function w1Interpolate(scale = 1): Workload {
  const lines = Math.round(2000 * scale);
  const vars: Record<string, string> = {};
  for (let i = 0; i < 100; i++) vars[`v${i}`] = `value-${i}`;
  const random = rng(1);
  const picks: number[] = [];
  const parts = {
    xmd: [] as string[],
    liquid: [] as string[],
    hbs: [] as string[],
    eta: [] as string[],
    text: [] as (string | number)[],
  };
  for (let i = 0; i < lines; i++) {
    if (i % 2 === 0) {
      const v = Math.floor(random() * 100);
      picks.push(v);
      parts.xmd.push(`Line ${i}: the setting is {{v${v}}} today.`);
      parts.liquid.push(`Line ${i}: the setting is {{ v${v} }} today.`);
      parts.hbs.push(`Line ${i}: the setting is {{{v${v}}}} today.`);
      parts.eta.push(`Line ${i}: the setting is <%= it.v${v} %> today.`);
      parts.text.push(v);
    } else {
      const plain = `Line ${i}: plain markdown text with *emphasis* and a [link](https://example.invalid/${i}).`;
      parts.xmd.push(plain);
      parts.liquid.push(plain);
      parts.hbs.push(plain);
      parts.eta.push(plain);
      parts.text.push(plain);
    }
  }
  const join = (l: string[]) => `${l.join("\n")}\n`;
  return {
    id: "W1",
    title: "interpolate",
    xmd: { source: join(parts.xmd), lang: "md" },
    liquid: join(parts.liquid),
    nunjucks: join(parts.liquid),
    handlebars: join(parts.hbs),
    eta: join(parts.eta),
    mustache: join(parts.hbs),
    data: vars,
    mustacheView: (d) => d,
    baseline: (d) => {
      let out = "";
      for (let i = 0; i < parts.text.length; i++) {
        const p = parts.text[i] as string | number;
        out +=
          typeof p === "number" ? `Line ${i}: the setting is ${d[`v${p}`] as string} today.\n` : `${p}\n`;
      }
      return out;
    },
  };
}

interface RecordRow {
  name: string;
  qty: number;
  price: number;
}

/** W2: a list from 10,000 records with a per-item condition and a computed value. */
export function w2Loop(scale = 1): Workload {
  const n = Math.round(10_000 * scale);
  const random = rng(2);
  const records: RecordRow[] = Array.from({ length: n }, (_, i) => ({
    name: `item-${i}`,
    qty: Math.floor(random() * 10),
    price: Math.floor(random() * 40) / 2 + 0.5,
  }));
  return {
    id: "W2",
    title: "loop",
    xmd: {
      source:
        '# Orders\n\n<!-- xmd\nfor r in records\n    if r.qty > 5\n        print "- " + r.name + ": " + (r.qty * r.price)\n-->\n',
      lang: "md",
    },
    liquid:
      "# Orders\n\n{% for r in records %}{% if r.qty > 5 %}- {{ r.name }}: {{ r.qty | times: r.price }}\n{% endif %}{% endfor %}",
    nunjucks:
      "# Orders\n\n{% for r in records %}{% if r.qty > 5 %}- {{ r.name }}: {{ r.qty * r.price }}\n{% endif %}{% endfor %}",
    handlebars:
      "# Orders\n\n{{#each records}}{{#if (gt qty 5)}}- {{name}}: {{mul qty price}}\n{{/if}}{{/each}}",
    eta: "# Orders\n\n<% for (const r of it.records) { if (r.qty > 5) { %>- <%= r.name %>: <%= r.qty * r.price %>\n<% } } %>",
    mustache: "# Orders\n\n{{#shown}}- {{name}}: {{total}}\n{{/shown}}",
    data: { records },
    mustacheView: (d) => ({
      shown: (d.records as RecordRow[])
        .filter((r) => r.qty > 5)
        .map((r) => ({ name: r.name, total: r.qty * r.price })),
    }),
    baseline: (d) => {
      let out = "# Orders\n\n";
      for (const r of d.records as RecordRow[]) if (r.qty > 5) out += `- ${r.name}: ${r.qty * r.price}\n`;
      return out;
    },
  };
}

/** W3: 50 sections × 20 rows × 5 cells, as markdown tables. */
export function w3Nested(scale = 1): Workload {
  const random = rng(3);
  const sectionCount = Math.max(1, Math.round(50 * scale));
  const sections = Array.from({ length: sectionCount }, (_, s) => ({
    title: `Section ${s + 1}`,
    rows: Array.from({ length: 20 }, () => Array.from({ length: 5 }, () => Math.floor(random() * 1000))),
  }));
  const header = "| A | B | C | D | E |\n| --- | --- | --- | --- | --- |\n";
  return {
    id: "W3",
    title: "nested",
    xmd: {
      source: [
        "for s in sections",
        '    print "## " + s.title',
        '    print "| A | B | C | D | E |"',
        '    print "| --- | --- | --- | --- | --- |"',
        "    for row in s.rows",
        '        set line "|"',
        "        for cell in row",
        '            set line line + " " + cell + " |"',
        "        print line",
        "",
      ].join("\n"),
      lang: "xmd",
    },
    liquid: `{% for s in sections %}## {{ s.title }}\n${header}{% for row in s.rows %}|{% for cell in row %} {{ cell }} |{% endfor %}\n{% endfor %}{% endfor %}`,
    nunjucks: `{% for s in sections %}## {{ s.title }}\n${header}{% for row in s.rows %}|{% for cell in row %} {{ cell }} |{% endfor %}\n{% endfor %}{% endfor %}`,
    handlebars: `{{#each sections}}## {{title}}\n${header}{{#each rows}}|{{#each this}} {{this}} |{{/each}}\n{{/each}}{{/each}}`,
    eta: `<% for (const s of it.sections) { %>## <%= s.title %>\n${header}<% for (const row of s.rows) { %>|<% for (const cell of row) { %> <%= cell %> |<% } %>\n<% } } %>`,
    mustache: `{{#sections}}## {{title}}\n${header}{{#rows}}|{{#.}} {{.}} |{{/.}}\n{{/rows}}{{/sections}}`,
    data: { sections },
    mustacheView: (d) => d,
    baseline: (d) => {
      let out = "";
      for (const s of d.sections as typeof sections) {
        out += `## ${s.title}\n${header}`;
        for (const row of s.rows) {
          let line = "|";
          for (const cell of row) line += ` ${cell} |`;
          out += `${line}\n`;
        }
      }
      return out;
    },
  };
}

/** Digits of a W4 document number: every document of every pass has the same length. */
const W4_ID_DIGITS = 8;

/**
 * W4: many small distinct documents, each parsed and rendered once (the batch / CLI case).
 * Documents are numbered from `offset`: two calls with disjoint ranges give documents no
 * engine has seen, with the same shape and size (numbers are zero-padded), so that a
 * second timed pass cannot hit a template cache or V8's code cache.
 */
export function w4ManyDocs(count = 1000, offset = 0): Workload[] {
  if (offset + count > 10 ** W4_ID_DIGITS) throw new RangeError("W4 document number out of range");
  const docs: Workload[] = [];
  for (let k = 0; k < count; k++) {
    const i = String(offset + k).padStart(W4_ID_DIGITS, "0");
    const items = [`alpha-${i}`, "beta", "gamma"];
    const data = { name: `user${i}`, items };
    docs.push({
      id: "W4",
      title: "many-docs",
      xmd: {
        source: `# Note ${i}\n\nHello {{name}}, {{items.length}} items:\n\n\`\`\`xmd\nfor it in items\n    print "- " + it\n\`\`\`\nEnd of note ${i}.\n`,
        lang: "md",
      },
      liquid: `# Note ${i}\n\nHello {{ name }}, {{ items.size }} items:\n\n{% for it in items %}- {{ it }}\n{% endfor %}End of note ${i}.\n`,
      nunjucks: `# Note ${i}\n\nHello {{ name }}, {{ items.length }} items:\n\n{% for it in items %}- {{ it }}\n{% endfor %}End of note ${i}.\n`,
      handlebars: `# Note ${i}\n\nHello {{name}}, {{items.length}} items:\n\n{{#each items}}- {{this}}\n{{/each}}End of note ${i}.\n`,
      eta: `# Note ${i}\n\nHello <%= it.name %>, <%= it.items.length %> items:\n\n<% for (const x of it.items) { %>- <%= x %>\n<% } %>End of note ${i}.\n`,
      mustache: `# Note ${i}\n\nHello {{name}}, {{items.length}} items:\n\n{{#items}}- {{.}}\n{{/items}}End of note ${i}.\n`,
      data,
      mustacheView: (d) => d,
      baseline: (d) =>
        `# Note ${i}\n\nHello ${d.name as string}, ${(d.items as string[]).length} items:\n\n${(d.items as string[]).map((x) => `- ${x}\n`).join("")}End of note ${i}.\n`,
    });
  }
  return docs;
}

/** W5: a 1 MB XMD program to parse and keep (functions, loops, data, strings). */
export function w5LargeProgram(targetBytes = 1024 * 1024): string {
  const random = rng(5);
  const chunks: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const a = Math.floor(random() * 100);
    const chunk = [
      `// section ${i}`,
      `set config_${i} name "module ${i}", size ${a}, enabled ${a % 2 === 0}`,
      `set items_${i} ${a}, ${a + 1}, ${a + 2}, "label ${i}"`,
      `function compute_${i} x y`,
      `    set total x * ${a} + y`,
      `    if total > ${a * 10}`,
      `        return total - config_${i}.size`,
      "    elif total = 0",
      '        return "zero"',
      `    for v in items_${i}`,
      "        set total total + 1",
      "    return total",
      `set result_${i} compute_${i} ${a}, ${i}`,
      `set text_${i} \`Result {{result_${i}}} for {{config_${i}.name}}\``,
      "",
    ].join("\n");
    chunks.push(chunk);
    size += chunk.length;
  }
  return chunks.join("\n");
}

/** W6's document: two classic `set` directives, then one line per number. */
export interface LargeDocument {
  /** The XMD source (markdown with classic directives). */
  source: string;
  /** Values the two directives set. */
  name: string;
  count: number;
  /** Lines after the directives. */
  lines: number;
  /** What the document renders to (the hand-written baseline). */
  expected: () => string;
}

/**
 * Names of five letters and counts of two digits, so that the document's size does not
 * depend on the seed: every seed gives the same shape and the same byte count.
 */
const W6_NAMES = ["World", "Alice", "Grace", "Linus", "Edgar", "Niels"];

/**
 * W6: a large document — `lines` lines of `Line N: Hello {{name}}, you have {{count}}
 * messages and this is filler text.` (N from 1) under two classic directives,
 * `<!-- xmd:set name = "…" -->` and `<!-- xmd:set count = … -->`, as docs/language.md
 * writes them. 100,000 lines make 8,088,955 bytes (8.09 MB); the seed picks the two
 * values, never the size.
 */
export function w6LargeDocument(lines = 100_000, seed = 6): LargeDocument {
  const random = rng(seed);
  const name = W6_NAMES[Math.floor(random() * W6_NAMES.length)] as string;
  const count = 10 + Math.floor(random() * 90);
  const parts = [`<!-- xmd:set name = "${name}" -->`, `<!-- xmd:set count = ${count} -->`];
  for (let i = 1; i <= lines; i++)
    parts.push(`Line ${i}: Hello {{name}}, you have {{count}} messages and this is filler text.`);
  // The final newline comes from an empty last part: one flat string, as a file read from
  // disk is. (`join + "\n"` made a rope, which the first character read flattened: an
  // 8 MB copy inside the timed render that a document read from a file never pays.)
  parts.push("");
  return {
    source: parts.join("\n"),
    name,
    count,
    lines,
    expected: () => {
      const out: string[] = [];
      for (let i = 1; i <= lines; i++)
        out.push(`Line ${i}: Hello ${name}, you have ${count} messages and this is filler text.\n`);
      return out.join("");
    },
  };
}

/** Output comparison rule: trailing whitespace of lines and of the document is ignored. */
export function normalize(text: string): string {
  return text
    .split("\n")
    .map((l) => l.replace(/\s+$/, ""))
    .join("\n")
    .replace(/\n+$/, "");
}
