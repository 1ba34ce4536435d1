#!/usr/bin/env node
/**
 * Checks the packages as users get them: packs every publishable package
 * (`pnpm release:dry`), lints each tarball with publint (strict) and
 * @arethetypeswrong/cli (the esm-only profile: the packages are ESM, and `require()`
 * reaches them through Node's require(esm), which attw does not model), then installs
 * the tarballs with npm into an empty folder outside the repository and uses them there:
 * `import` and `require` of each package, `npx xmd --version`, `npx xmd doc.md`,
 * `npx xmd-language-server --version`; and checks that the VS Code extension's .vsix is packed.
 *
 * Usage: node scripts/check-packages.mjs [--no-pack]
 * Ends with a line `N passed, N failed`; exits 1 when anything failed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const packDir = join(repo, ".pack");
const bin = (name) => join(repo, "node_modules/.bin", name);

let passed = 0;
let failed = 0;
/** Runs one check; a check fails by throwing, and its message is printed. */
function check(name, fn) {
  try {
    const detail = fn();
    passed++;
    console.log(`ok    ${name}${detail ? ` — ${detail}` : ""}`);
  } catch (error) {
    failed++;
    console.log(`FAIL  ${name}\n${String(error.message ?? error).replace(/^/gm, "      ")}`);
  }
}

/** Runs a command; throws with its output when it exits non-zero. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited ${result.status ?? result.signal}\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

if (!process.argv.includes("--no-pack")) {
  rmSync(packDir, { recursive: true, force: true });
  execFileSync("pnpm", ["release:dry"], { cwd: repo, stdio: ["ignore", "ignore", "inherit"] });
}
const tarballs = readdirSync(packDir)
  .filter((f) => f.endsWith(".tgz"))
  .sort();
const manifests = [
  "packages/pool",
  "packages/intern",
  "packages/stack",
  "packages/runtime",
  "packages/grammar",
  "packages/remark",
  "packages/vite-plugin",
  "packages/language-server",
  "apps/cli",
].map((dir) => JSON.parse(readFileSync(join(repo, dir, "package.json"), "utf8")));
check("every publishable package is packed", () => {
  const expected = manifests
    .map((m) => `${m.name.replace("@", "").replace("/", "-")}-${m.version}.tgz`)
    .sort();
  if (JSON.stringify(expected) !== JSON.stringify(tarballs))
    throw new Error(`expected ${expected.join(", ")}; found ${tarballs.join(", ")}`);
  return tarballs.join(", ");
});

for (const tarball of tarballs) {
  const path = join(packDir, tarball);
  check(`publint --strict ${tarball}`, () => {
    const out = run(bin("publint"), ["run", "--strict", path]);
    if (!out.includes("All good!")) throw new Error(out);
  });
  check(`attw --profile esm-only ${tarball}`, () => {
    const out = run(bin("attw"), ["--profile", "esm-only", "--format", "json", "--no-color", path]);
    const report = JSON.parse(out);
    const problems = (report.analysis?.problems ?? []).filter(
      (p) => !["node10", "node16-cjs"].includes(p.resolutionKind),
    );
    if (problems.length > 0) throw new Error(JSON.stringify(problems, null, 2));
  });
}

// A user's project: an empty folder outside the repository, the tarballs installed by npm.
const user = mkdtempSync(join(tmpdir(), "xmd-user-"));
try {
  writeFileSync(join(user, "package.json"), `${JSON.stringify({ name: "user-project", private: true })}\n`);
  check("npm install of the tarballs into an empty project", () => {
    run("npm", ["install", "--no-audit", "--no-fund", ...tarballs.map((t) => join(packDir, t))], {
      cwd: user,
    });
  });

  // What each package must do once loaded, the same through import and require.
  const uses = {
    "@xmd/pool": `const p = new m.StructPool({ name: "t", fields: { x: "u32" } });
      const h = p.acquire(); p.set(h, "x", 42); return p.get(h, "x");`,
    "@xmd/intern": `const i = new m.Interner(); return i.intern("total") === i.internSlice("set total", 4, 9);`,
    "@xmd/stack": `const s = new m.ValueStack(); s.pushNumber(20); s.pushNumber(22);
      return s.popNumber() + s.popNumber();`,
    "@xmd/runtime": `const r = m.createRuntime(); try { return r.render("# {{6 * 7}}\\n").output; } finally { r.dispose(); }`,
    "@xmd/grammar": `return m.grammars.map((g) => m.readGrammar(g.name).scopeName).join(" ");`,
    // The plugin wraps a processor's parser; a stand-in processor whose parser makes one text node.
    "@xmd/remark": `const processor = { parser: (doc) => ({ type: "root", children: [{ type: "text", value: doc }] }) };
      m.default.call(processor);
      return processor.parser("# {{6 * 7}}\\n", { cwd: process.cwd(), path: "", data: {} }).children[0].value;`,
    "@xmd/vite-plugin": `const plugin = m.default(); plugin.configResolved({ root: process.cwd() });
      const context = { addWatchFile() {}, error(e) { throw new Error(e.message); } };
      return plugin.transform.handler.call(context, "# {{6 * 7}}\\n", process.cwd() + "/page.md").code;`,
    "@xmd/language-server": `return typeof m.startServer;`,
    xmd: `return typeof m.main;`,
  };
  const expected = {
    "@xmd/pool": 42,
    "@xmd/intern": true,
    "@xmd/stack": 42,
    "@xmd/runtime": "# 42\n",
    "@xmd/grammar": "source.xmd markdown.xmd.injection",
    "@xmd/remark": "# 42\n",
    "@xmd/vite-plugin": "# 42\n",
  };
  for (const [name, body] of Object.entries(uses)) {
    const want = expected[name] ?? "function";
    for (const how of ["import", "require"]) {
      check(`${how}("${name}") in the user's project`, () => {
        const load =
          how === "import"
            ? `const m = await import(${JSON.stringify(name)});`
            : `const m = require(${JSON.stringify(name)});`;
        const file = join(user, how === "import" ? "use.mjs" : "use.cjs");
        writeFileSync(file, `${load}\nconst use = () => { ${body} };\nconsole.log(JSON.stringify(use()));\n`);
        const out = run(process.execPath, [file], { cwd: user });
        if (JSON.stringify(want) !== out.trim())
          throw new Error(`got ${out.trim()}, expected ${JSON.stringify(want)}`);
        return out.trim();
      });
    }
  }

  const cli = manifests.find((m) => m.name === "xmd");
  check("npx xmd --version", () => {
    const out = run("npx", ["--no-install", "xmd", "--version"], { cwd: user }).trim();
    if (out !== cli.version) throw new Error(`printed ${out}, expected ${cli.version}`);
    return out;
  });
  check("npx xmd doc.md renders a document", () => {
    writeFileSync(
      join(user, "doc.md"),
      '```xmd\nset team ["An", "Binh"]\n```\n# {{team.length}} people\n\n{{team.join(", ")}}\n',
    );
    const out = run("npx", ["--no-install", "xmd", "doc.md"], { cwd: user });
    if (out !== "# 2 people\n\nAn, Binh\n") throw new Error(`printed ${JSON.stringify(out)}`);
  });
  const server = manifests.find((m) => m.name === "@xmd/language-server");
  check("npx xmd-language-server --version", () => {
    const out = run("npx", ["--no-install", "xmd-language-server", "--version"], { cwd: user }).trim();
    if (out !== server.version) throw new Error(`printed ${out}, expected ${server.version}`);
    return out;
  });
} finally {
  rmSync(user, { recursive: true, force: true });
}

// The VS Code extension, packed by `pnpm release:dry` beside the tarballs (its contents
// are checked by apps/vscode's tests).
const extension = JSON.parse(readFileSync(join(repo, "apps/vscode/package.json"), "utf8"));
check("the VS Code extension is packed", () => {
  const vsix = `${extension.name}-${extension.version}.vsix`;
  if (!readdirSync(packDir).includes(vsix)) throw new Error(`no ${vsix} in .pack/`);
  return vsix;
});

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
