/**
 * Where the XMD grammars are, and their scope names, for tools that load TextMate
 * grammars themselves (Shiki, vscode-textmate, Monaco). A VS Code extension does not need
 * this module: it names the JSON files in its package.json (see the README).
 * @module
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const file = (name) => fileURLToPath(new URL(name, import.meta.url));

/** @type {import("./index.js").XmdGrammar[]} */
export const grammars = [
  {
    name: "xmd",
    scopeName: "source.xmd",
    path: file("./syntaxes/xmd.tmLanguage.json"),
    fileExtensions: [".xmd", ".xm"],
  },
  {
    name: "xmd-markdown",
    scopeName: "markdown.xmd.injection",
    path: file("./syntaxes/xmd-markdown.tmLanguage.json"),
    injectTo: ["text.html.markdown"],
  },
];

/** Path of the VS Code language configuration for .xmd files (comments, brackets, indentation). */
export const languageConfigurationPath = file("./language-configuration.json");

/** A grammar's JSON, parsed, by its name (`xmd` or `xmd-markdown`). */
export function readGrammar(name) {
  const grammar = grammars.find((g) => g.name === name);
  if (grammar === undefined)
    throw new Error(`no XMD grammar named '${name}' (there are: ${grammars.map((g) => g.name).join(", ")})`);
  return JSON.parse(readFileSync(grammar.path, "utf8"));
}
