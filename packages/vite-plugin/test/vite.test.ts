/**
 * The plugin in real Vite: `build()` of the fixture site in test/fixtures/site (a `.md`
 * page and a `.xmd` file that import a part and read a YAML file), `build({ watch })`
 * rebuilding when the part changes, and the dev server re-rendering a page after its
 * part changes.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, createServer, type Plugin, type Rolldown } from "vite";
import { afterEach, describe, expect, it, vi } from "vitest";
import xmd, { type XmdViteOptions } from "../src/index.js";
import type notesModule from "./fixtures/site/docs/notes.xmd";

const fixture = join(dirname(fileURLToPath(import.meta.url)), "fixtures/site");

const renderedPage =
  "# Widget\n\n## About Widget\n\nWidget has had 2 releases.\n\n- version 2.0\n- version 2.1\n";
const renderedNotes = "# Notes on Widget\n- 2.0\n- 2.1\n";

/**
 * What a markdown page plugin does after XMD (as VitePress's does): takes the `.md` text
 * and makes a module of it. It records the text it was handed.
 */
function markdownModule(seen: Map<string, string>): Plugin {
  return {
    name: "markdown-module",
    transform(code, id) {
      if (!id.endsWith(".md")) return null;
      seen.set(id, code);
      return { code: `export default ${JSON.stringify(code)};`, map: null };
    },
  };
}

/** A copy of the fixture site in a temporary folder, for tests that change its files. */
const copies: string[] = [];
function copyOfSite(): string {
  const dir = mkdtempSync(join(tmpdir(), "xmd-vite-"));
  cpSync(fixture, dir, { recursive: true });
  copies.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Builds `entry` of the site in `root` as an ES library, in memory; returns the bundle's chunks. */
async function buildSite(root: string, entry: string, plugins: Plugin[]) {
  const result = (await build({
    root,
    configFile: false,
    logLevel: "silent",
    plugins,
    build: { write: false, minify: false, lib: { entry, formats: ["es"] } },
  })) as Rolldown.RolldownOutput[];
  return result[0]!.output;
}

describe("vite build", () => {
  it("renders XMD in .md before the markdown plugin sees it, and .xmd files as modules", async () => {
    const seen = new Map<string, string>();
    // The markdown plugin comes first in the list: the XMD plugin still runs before it.
    const [chunk] = await buildSite(fixture, "main.js", [markdownModule(seen), xmd()]);
    expect(seen.get(join(fixture, "docs/page.md"))).toBe(renderedPage);
    const code = (chunk as Rolldown.OutputChunk).code;
    expect(code).toContain(JSON.stringify(renderedPage));
    expect(code).toContain(JSON.stringify(renderedNotes));
    expect(code).not.toContain("xmd:import");
    // client.d.ts types an `.xmd` import as the rendered markdown.
    const typed: typeof notesModule = renderedNotes;
    expect(typeof typed).toBe("string");
  });

  it("passes options to the runtime: variables, include, root", async () => {
    const seen = new Map<string, string>();
    const root = copyOfSite();
    writeFileSync(join(root, "docs/vars.md"), "# {{who}} in {{place}}\n");
    writeFileSync(join(root, "docs/vue.md"), "Vue: {{ $frontmatter.title }}\n");
    writeFileSync(
      join(root, "main.js"),
      'import a from "./docs/vars.md";\nimport b from "./docs/vue.md";\nexport { a, b };\n',
    );
    const options: XmdViteOptions = {
      vars: (path) => ({ who: "An", place: path.endsWith("vars.md") ? "vars" : "other" }),
      include: (path) => !path.endsWith("vue.md"),
    };
    await buildSite(root, "main.js", [xmd(options), markdownModule(seen)]);
    expect(seen.get(join(root, "docs/vars.md"))).toBe("# An in vars\n");
    expect(seen.get(join(root, "docs/vue.md"))).toBe("Vue: {{ $frontmatter.title }}\n");

    const outside = buildSite(root, "docs/page.md", [xmd({ root: "docs" }), markdownModule(seen)]);
    await expect(outside).rejects.toThrow(/outside-root/);
  });

  it("fails with the XMD error, its location and code frame", async () => {
    const failure = buildSite(fixture, "docs/undefined.md", [xmd(), markdownModule(new Map())]);
    const error = await failure.then(
      () => {
        throw new Error("the build succeeded");
      },
      (e: { errors?: unknown[] }) => (e.errors?.[0] ?? e) as Record<string, unknown>,
    );
    expect(error.plugin).toBe("xmd");
    expect(error.id).toBe(join(fixture, "docs/undefined.md"));
    expect(error.loc).toEqual({ file: join(fixture, "docs/undefined.md"), line: 3, column: 10 });
    expect(error.frame).toContain("> 3 | Total: {{totl + 1}}");
    expect(error.message).toContain("error[undefined-name]: 'totl' is not defined");
    expect(error.message).toContain("= help: set it first");
  });

  it("locates an error inside an imported part in the part, noting the import", async () => {
    const root = copyOfSite();
    writeFileSync(join(root, "parts/intro.md"), "Broken: {{nothing}}\n");
    const error = await buildSite(root, "docs/page.md", [xmd(), markdownModule(new Map())]).then(
      () => {
        throw new Error("the build succeeded");
      },
      (e: { errors?: unknown[] }) => (e.errors?.[0] ?? e) as Record<string, unknown>,
    );
    expect(error.loc).toEqual({ file: join(root, "parts/intro.md"), line: 1, column: 11 });
    expect(error.message).toContain(`= note: imported from ${join(root, "docs/page.md")}:8:1`);
  });
});

describe("watch mode", () => {
  it("build({ watch }) rebuilds when a part the page imports changes", async () => {
    const root = copyOfSite();
    const outputs: string[] = [];
    const capture: Plugin = {
      name: "capture",
      generateBundle(_options, bundle) {
        for (const item of Object.values(bundle)) if (item.type === "chunk") outputs.push(item.code);
      },
    };
    const watcher = (await build({
      root,
      configFile: false,
      logLevel: "silent",
      plugins: [xmd(), markdownModule(new Map()), capture],
      build: {
        write: false,
        minify: false,
        watch: {},
        lib: { entry: "docs/page.md", formats: ["es"] },
      },
    })) as Rolldown.RolldownWatcher;
    try {
      await vi.waitFor(() => expect(outputs.length).toBeGreaterThan(0), { timeout: 50_000, interval: 100 });
      expect(outputs.at(-1)).toContain("Widget has had 2 releases.");
      writeFileSync(join(root, "parts/intro.md"), "## Changed {{product}}\n");
      await vi.waitFor(() => expect(outputs.at(-1)).toContain("## Changed Widget"), {
        timeout: 50_000,
        interval: 100,
      });
    } finally {
      await watcher.close();
    }
  });

  it("the dev server re-renders a page after a part it imports changes", async () => {
    const root = copyOfSite();
    const server = await createServer({
      root,
      configFile: false,
      logLevel: "silent",
      server: { hmr: false, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
      plugins: [xmd()],
    });
    try {
      const first = await server.transformRequest("/docs/notes.xmd");
      expect(first?.code).toContain(JSON.stringify(renderedNotes));
      const part = join(root, "data/site.yaml");
      writeFileSync(part, readFileSync(part, "utf8").replace("Widget", "Gadget"));
      await vi.waitFor(
        async () => {
          const next = await server.transformRequest("/docs/notes.xmd");
          expect(next?.code).toContain("# Notes on Gadget");
        },
        { timeout: 50_000, interval: 200 },
      );
    } finally {
      await server.close();
    }
  });
});
