/**
 * The browser build as a bundler makes it: `@xmd/runtime` resolved through the package's
 * own `exports` with the `browser` condition (rolldown, platform "browser"), everything
 * bundled, minified. Shared by the bundle test and `scripts/browser-bundle-size.mjs`'s figure.
 */
import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { rolldown } from "rolldown";

/** A module that imports the package by its name, as a page would. */
export const ENTRY = fileURLToPath(new URL("./page-entry.ts", import.meta.url));

/** What one bundle is: its code, and the modules it still imports from outside. */
export interface Bundle {
  code: string;
  /** Imports left outside the bundle (none for a browser build). */
  imports: string[];
  /** Everything rolldown warned about (an unresolved `node:` import would be one). */
  warnings: string[];
  bytes: number;
  gzipBytes: number;
}

export async function bundleForBrowser(): Promise<Bundle> {
  const warnings: string[] = [];
  const build = await rolldown({
    input: ENTRY,
    platform: "browser",
    logLevel: "warn",
    onLog: (_level, log) => {
      warnings.push(log.message);
    },
  });
  try {
    const { output } = await build.generate({ format: "esm", minify: true });
    const chunks = output.filter((o) => o.type === "chunk");
    const code = chunks.map((c) => c.code).join("\n");
    const imports = chunks.flatMap((c) => [...c.imports, ...c.dynamicImports]);
    const bytes = Buffer.byteLength(code, "utf8");
    return { code, imports, warnings, bytes, gzipBytes: gzipSync(code, { level: 9 }).length };
  } finally {
    await build.close();
  }
}

/** Node's built-in modules, each as `fs` and `node:fs`. */
export const NODE_BUILTINS: readonly string[] = [
  ...new Set(builtinModules.flatMap((name) => [name, name.startsWith("node:") ? name : `node:${name}`])),
];

/** The Node built-ins the code imports or requires (by a static `import`/`export … from`, `import()` or `require()`). */
export function builtinsUsedBy(code: string): string[] {
  const found = new Set<string>();
  const specifier = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'`]([^"'`]+)["'`]/g;
  for (const m of code.matchAll(specifier)) {
    const name = m[1]!;
    if (NODE_BUILTINS.includes(name) || NODE_BUILTINS.includes(name.split("/")[0]!)) found.add(name);
  }
  return [...found].sort();
}
