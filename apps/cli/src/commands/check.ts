/**
 * `xmd check FILE…`: parse and resolve only, reporting every error (for editors and CI).
 * @module
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { formatError } from "@xmd/runtime";
import { EXIT, UsageError, useColor } from "../errors.js";

export async function checkCommand(files: string[]): Promise<number> {
  const { createRuntime } = await import("@xmd/runtime");
  const runtime = createRuntime();
  const color = useColor();
  let errors = 0;
  for (const file of files) {
    let source: string;
    try {
      source = readFileSync(resolve(file), "utf8");
    } catch {
      throw new UsageError(`no such file: ${file}`);
    }
    for (const error of runtime.check(source, { path: file })) {
      errors++;
      process.stderr.write(`${formatError(error, { color })}\n`);
    }
  }
  if (errors > 0)
    process.stderr.write(
      `${errors} error${errors === 1 ? "" : "s"} in ${files.length} file${files.length === 1 ? "" : "s"}\n`,
    );
  return errors > 0 ? EXIT.failed : EXIT.ok;
}
