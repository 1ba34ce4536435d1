// What a page imports: the package by its name (resolved through its `exports`, with the
// bundler's `browser` condition), nothing from its folders.
export { createMemoryHost, createRuntime, formatError, XmdError } from "@xmd/runtime";
