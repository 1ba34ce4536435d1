/**
 * Folders of files on disk for tests that render, import or read files: each made fresh
 * under the system's temporary folder, all removed after the test file's tests.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";

/**
 * A maker of project folders for one test file (call it at the file's top level, where it
 * registers the clean-up). The maker writes `files` (paths relative to the folder, parent
 * folders made as needed) into a fresh folder named from `prefix` and returns its path.
 */
export function projectFolders(prefix: string): (files?: Record<string, string>) => string {
  const roots: string[] = [];
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });
  return (files = {}) => {
    const root = mkdtempSync(join(tmpdir(), prefix));
    roots.push(root);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, name)), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    return root;
  };
}
