// Fixtures shared by the tests of ./mutate.mjs and ./mutation-inputs.mjs: a temporary
// workspace to write files into, and a mutant of a baseline with a given status.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** A writer of files below `root`, making their folders. */
export function writerIn(root) {
  return (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
}

/** A mutant as a baseline records it (one location, one mutator), with this status. */
export function mutant(id, status) {
  return {
    id: String(id),
    mutatorName: "BooleanLiteral",
    replacement: "false",
    location: { start: { line: 1, column: 18 }, end: { line: 1, column: 19 } },
    status,
  };
}
