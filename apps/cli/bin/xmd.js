#!/usr/bin/env node
// The installed `xmd` command. Kept as plain JS so the bin exists before a build;
// all of the CLI lives in ../dist.
import { main } from "../dist/bin.js";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 70;
  },
);
