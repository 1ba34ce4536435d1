/**
 * The playground's build: a static site in `dist/` (relative URLs, so it works from any
 * folder and from `file:`-less static hosting), with the runtime in a chunk of its own
 * so its size can be measured, and a build error for any import of a Node module.
 */
import { builtinModules } from "node:module";
import { defineConfig, type Plugin } from "vite";

const NODE_BUILTINS = new Set(builtinModules);

/** Fails the build when anything the page bundles imports a Node built-in (`node:fs`, `path`, …). */
function noNodeModules(): Plugin {
  return {
    name: "xmd-playground:no-node-modules",
    enforce: "pre",
    resolveId(id, importer) {
      if (id.startsWith("node:") || NODE_BUILTINS.has(id)) {
        this.error(`${importer ?? "the page"} imports '${id}': the browser bundle must not use Node modules`);
      }
      return null;
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [noNodeModules()],
  build: {
    target: "es2022",
    sourcemap: false,
    // Browsers the page targets (ES2022) support <link rel="modulepreload">.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The XMD runtime and what it brings: measured for the README (scripts/size.mjs).
            {
              name: "xmd-runtime",
              test: /[\\/]packages[\\/](runtime|pool|intern|stack)[\\/]|[\\/]node_modules[\\/](@xmd|yaml|re2js)[\\/]/,
            },
            {
              name: "editor",
              test: /[\\/]node_modules[\\/](@codemirror|@lezer|@marijn|style-mod|w3c-keyname|crelt)[\\/]/,
            },
            {
              name: "markdown-it",
              test: /[\\/]node_modules[\\/](markdown-it|mdurl|uc\.micro|linkify-it|punycode\.js|entities)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
