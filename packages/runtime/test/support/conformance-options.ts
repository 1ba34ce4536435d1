/** The few CLI flags the conformance corpus uses (`NAME.args`), as runtime options. */
import type { RuntimeOptions } from "../../src/index.js";

export function optionsFromArgs(args: string[]): RuntimeOptions {
  const options: RuntimeOptions = {};
  for (const arg of args) {
    if (arg === "--allow-exec") options.exec = { ...options.exec, allow: true };
    else if (arg.startsWith("--allow-exec="))
      options.exec = { ...options.exec, allow: arg.slice("--allow-exec=".length).split(",") };
    else if (arg === "--strip-front-matter") options.frontMatter = "strip";
    else if (arg === "--strict") options.strict = true;
    else if (arg === "--exec-shell") options.exec = { allow: options.exec?.allow ?? false, shell: true };
    else throw new Error(`conformance runner: unsupported argument ${arg}`);
  }
  return options;
}
