#!/usr/bin/env node
// Builds the extension folder as VS Code loads it (and `vsce package` packs it):
// - syntaxes/ and language-configuration.json, copied from @xmd/grammar;
// - dist/extension.cjs, the extension (vscode-languageclient, the preview's runtime), and
//   dist/server.cjs, the language server (@xmd/language-server and the runtime), each one
//   CommonJS file with everything it needs, as the .vsix carries no node_modules. Only
//   `vscode`, which VS Code provides, stays outside.
// The runtime loads `yaml` and `re2js` on first use through createRequire(import.meta.url),
// which a bundler cannot follow: the plugin below turns those calls into plain require()
// calls, which it bundles.
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { rolldown } from "rolldown";

const here = new URL("..", import.meta.url);
const at = (path) => new URL(path, here).pathname;
const require = createRequire(import.meta.url);

rmSync(at("dist"), { recursive: true, force: true });
mkdirSync(at("syntaxes"), { recursive: true });
for (const name of ["xmd.tmLanguage.json", "xmd-markdown.tmLanguage.json"])
  copyFileSync(require.resolve(`@xmd/grammar/${name}`), at(`syntaxes/${name}`));
copyFileSync(require.resolve("@xmd/grammar/language-configuration.json"), at("language-configuration.json"));

const lazyRequire = {
  name: "xmd-lazy-require",
  transform(code) {
    if (!code.includes("createRequire(import.meta.url)")) return null;
    const out = code.replace(/createRequire\(import\.meta\.url\)\((["'][^"']+["'])\)/g, "require($1)");
    return out === code ? null : { code: out, map: null };
  },
};

for (const entry of ["extension", "server"]) {
  const bundle = await rolldown({
    input: at(`src/${entry}.ts`),
    platform: "node",
    external: ["vscode"],
    plugins: [lazyRequire],
    logLevel: "warn",
  });
  await bundle.write({
    file: at(`dist/${entry}.cjs`),
    format: "cjs",
    comments: { legal: true, jsdoc: false, annotation: false },
  });
  await bundle.close();
}
