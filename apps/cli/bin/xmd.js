#!/usr/bin/env node
// The installed `xmd` command. Kept as plain JS so the bin exists before a build;
// all of the CLI lives in ../dist. The render thread (when the command line renders a
// document) starts before the rest of the CLI loads: see src/early-start.ts.
import { startEarly } from "../dist/early-start.js";

startEarly(process.argv.slice(2));
const { main } = await import("../dist/bin.js");

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 70;
  },
);
