#!/usr/bin/env node
// Packs the built extension into .pack/xmd-vscode-VERSION.vsix (beside the packages'
// tarballs that `pnpm release:dry` makes), with @vscode/vsce. The bundles carry every
// dependency, so none is packed (dependencies: false); .vscodeignore leaves the sources out.
import { mkdirSync, readFileSync } from "node:fs";
import { createVSIX } from "@vscode/vsce";

const here = new URL("..", import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(new URL("package.json", new URL("..", import.meta.url)), "utf8"));
const out = process.argv[2] ?? new URL("../../.pack/", new URL("..", import.meta.url)).pathname;
mkdirSync(out, { recursive: true });
const packagePath = `${out.replace(/\/?$/, "/")}${manifest.name}-${manifest.version}.vsix`;
await createVSIX({ cwd: here, packagePath, dependencies: false, allowMissingRepository: false });
console.log(packagePath);
