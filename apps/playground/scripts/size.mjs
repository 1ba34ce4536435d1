#!/usr/bin/env node
/**
 * Measures the built page (`dist/`): each JavaScript and CSS chunk's bytes, gzipped bytes
 * (zlib level 9) and brotli bytes, the XMD runtime's chunk (`xmd-runtime-*.js`: the
 * runtime, @xmd/pool, @xmd/intern, @xmd/stack, yaml, re2js, pathe) named apart.
 * Prints a table and writes `dist/sizes.json`; exits 1 when there is no runtime chunk or
 * any chunk imports a Node module, so a build that would not work in a browser fails.
 *
 * Usage: node scripts/size.mjs
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dist = resolve(dirname(fileURLToPath(import.meta.url)), "../dist");
const assets = join(dist, "assets");
const chunks = readdirSync(assets)
  .filter((name) => /\.(js|css)$/.test(name))
  .sort()
  .map((name) => {
    const bytes = readFileSync(join(assets, name));
    return {
      file: `assets/${name}`,
      chunk: name.replace(/-[\w-]{8}\.(js|css)$/, ".$1"),
      bytes: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const problems = [];
for (const c of chunks) {
  const text = readFileSync(join(dist, c.file), "utf8");
  if (/\bfrom\s*["']node:|\bimport\s*\(\s*["']node:|__vite-browser-external/.test(text))
    problems.push(`${c.file} imports a Node module`);
}
const runtime = chunks.find((c) => c.chunk === "xmd-runtime.js");
if (!runtime) problems.push("no xmd-runtime chunk: see the codeSplitting groups in vite.config.ts");

console.log("chunk                      bytes        gzip      brotli");
for (const c of chunks)
  console.log(
    `${c.chunk.padEnd(22)}${kb(c.bytes).padStart(12)}${kb(c.gzip).padStart(12)}${kb(c.brotli).padStart(12)}`,
  );
const total = chunks.reduce(
  (t, c) => ({ bytes: t.bytes + c.bytes, gzip: t.gzip + c.gzip, brotli: t.brotli + c.brotli }),
  {
    bytes: 0,
    gzip: 0,
    brotli: 0,
  },
);
console.log(
  `${"total".padEnd(22)}${kb(total.bytes).padStart(12)}${kb(total.gzip).padStart(12)}${kb(total.brotli).padStart(12)}`,
);
writeFileSync(join(dist, "sizes.json"), `${JSON.stringify({ chunks, total }, null, 2)}\n`);
for (const p of problems) console.error(`size: ${p}`);
if (problems.length > 0) process.exit(1);
