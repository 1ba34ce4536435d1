/**
 * The examples the page offers: each a complete state (document, files, options).
 * Every one renders without an error (the unit tests render each through the runtime).
 * @module
 */
import { DEFAULT_OPTIONS, type PlaygroundState } from "./state.js";

/** One entry of the examples menu. */
export interface Example {
  /** Stable id (the menu's value). */
  id: string;
  /** What the menu shows. */
  title: string;
  state: PlaygroundState;
}

const readme = `---
title: tinyqueue
---
<!-- xmd
set pkg import "package.json"
set features
    "a binary heap in an array, no pointers",
    "push and pop in O(log n)",
    "zero dependencies",

function badge label value
    return "\`" + label + " " + value + "\`"
-->
# {{pkg.name}} {{badge "v", pkg.version}}

{{pkg.description}}

## Install

\`\`\`xmd
print "\`\`\`sh"
print "npm install " + pkg.name + "@" + pkg.version
print "\`\`\`"
\`\`\`

## Features

\`\`\`xmd
for i, f in features
    print (i + 1) + ". " + f
\`\`\`

## Scripts

| script | runs |
| --- | --- |
\`\`\`xmd
for name, command in pkg.scripts
    print "| \`" + name + "\` | \`" + command + "\` |"
\`\`\`

{{pkg.keywords.length}} keywords: {{pkg.keywords.join ", "}}. Licensed {{pkg.license}}.
`;

const readmePackage = `{
  "name": "tinyqueue",
  "version": "3.1.0",
  "description": "The smallest and simplest priority queue.",
  "license": "ISC",
  "keywords": ["queue", "heap", "priority"],
  "scripts": {
    "test": "node --test",
    "bench": "node bench.js",
    "lint": "eslint ."
  }
}
`;

const table = `<!-- xmd
set inventory import "inventory.yaml"
set items inventory.items
set total items.reduce((sum, i) => sum + i.price * i.stock, 0)
-->
# {{inventory.store}}: stock on hand

| Item | Price | Stock | Value |
| --- | ---: | ---: | ---: |
\`\`\`xmd
for item in items.slice().sort((a, b) => b.price * b.stock - a.price * a.stock)
    set flag item.stock < inventory.reorderBelow ? " ⚠️" : ""
    print \`| {{item.name}}{{flag}} | {{item.price}} | {{item.stock}} | {{item.price * item.stock}} |\`
\`\`\`
| **Total** | | **{{items.reduce((s, i) => s + i.stock, 0)}}** | **{{total}}** |

Items marked ⚠️ are below the reorder level of {{inventory.reorderBelow}}.
`;

const inventory = `store: Corner Books
reorderBelow: 5
items:
  - name: Notebook
    price: 4
    stock: 40
  - name: Fountain pen
    price: 25
    stock: 3
  - name: Atlas
    price: 30
    stock: 7
  - name: Bookmark
    price: 1
    stock: 120
`;

const dashboard = `<!-- xmd
set services import "data/services.yaml"
set down services.filter(s => s.status != "up")
-->
# Operations dashboard

<!-- xmd import "parts/summary.md" -->

## Services

<!-- xmd:for s in services -->
<!-- xmd:set service = s -->
<!-- xmd:import "parts/service.md" -->
<!-- xmd:endfor -->
`;

const dashboardSummary = `**{{services.length - down.length}} of {{services.length}} services up.**

<!-- xmd:if down.length > 0 -->
> Needs attention: {{down.map(s => s.name).join(", ")}}
<!-- xmd:endif -->
`;

const dashboardService = `- {{service.status = "up" ? "✔" : "✖"}} **{{service.name}}**, p95 {{service.p95}} ms, owner {{service.owner}}
`;

const dashboardServices = `- name: api
  status: up
  p95: 120
  owner: Lan
- name: search
  status: degraded
  p95: 900
  owner: Minh
- name: billing
  status: up
  p95: 80
  owner: An
`;

const classic = `<!-- xmd:set name = "World" -->
<!-- xmd:set env = "staging" -->
<!-- xmd:set steps = ["build", "test", "deploy"] -->
# Hello {{name}}!

<!-- xmd:if env == "prod" -->
Deploying to **production**: be careful.
<!-- xmd:elif env == "staging" -->
Deploying to **staging**.
<!-- xmd:else -->
Local run.
<!-- xmd:endif -->

Steps:
<!-- xmd:for step in steps -->
- [ ] {{step}}
<!-- xmd:endfor -->

<!-- xmd:
set out = ""
set i = 0
while i < 3
    set i = i + 1
    out += "ping " + i + "\\n"
print(out)
-->
<!-- xmd:if debug -->
Debug build.
<!-- xmd:else -->
Release build: \`debug\` was never set, and a classic directive reads it as null. Tick **strict** to make that an error.
<!-- xmd:endif -->
`;

/** The examples, in menu order (the first is what a page without a link opens). */
export const EXAMPLES: readonly Example[] = [
  {
    id: "readme",
    title: "README with computed parts",
    state: {
      document: readme,
      files: [{ name: "package.json", content: readmePackage }],
      options: { ...DEFAULT_OPTIONS, frontMatter: "strip" },
    },
  },
  {
    id: "table",
    title: "Table from YAML",
    state: {
      document: table,
      files: [{ name: "inventory.yaml", content: inventory }],
      options: { ...DEFAULT_OPTIONS },
    },
  },
  {
    id: "dashboard",
    title: "Dashboard importing parts",
    state: {
      document: dashboard,
      files: [
        { name: "data/services.yaml", content: dashboardServices },
        { name: "parts/summary.md", content: dashboardSummary },
        { name: "parts/service.md", content: dashboardService },
      ],
      options: { ...DEFAULT_OPTIONS },
    },
  },
  {
    id: "classic",
    title: "Classic directives",
    state: { document: classic, files: [], options: { ...DEFAULT_OPTIONS } },
  },
];

/** A copy of an example's state (the page edits what it gets). */
export function exampleState(id: string): PlaygroundState | null {
  const example = EXAMPLES.find((e) => e.id === id);
  if (!example) return null;
  return {
    document: example.state.document,
    files: example.state.files.map((f) => ({ ...f })),
    options: { ...example.state.options },
  };
}
