/**
 * The server as an editor sees it: the built `dist/bin.js` started with `--stdio`, driven
 * over LSP by `vscode-languageserver-protocol`'s client connection (the JSON-RPC library
 * VS Code's own client uses), no mocks.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type CompletionItem,
  CompletionRequest,
  createProtocolConnection,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type DocumentSymbol,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  type InitializeResult,
  type Location,
  type MarkupContent,
  type Position,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node";

const here = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(here, "../dist/bin.js");

let server: ChildProcess;
let client: ProtocolConnection;
let init: InitializeResult;
let stderr = "";
const folder = mkdtempSync(join(tmpdir(), "xmd-lsp-"));
const uriOf = (name: string) => pathToFileURL(join(folder, name)).href;

/** Every diagnostics notification, by document, in the order they came. */
const published = new Map<string, PublishDiagnosticsParams[]>();
const waiters: {
  uri: string;
  test: (p: PublishDiagnosticsParams) => boolean;
  done: (p: PublishDiagnosticsParams) => void;
}[] = [];

/** The first diagnostics for `uri` (already received or still to come) that pass `test`. */
function diagnosticsFor(
  uri: string,
  test: (p: PublishDiagnosticsParams) => boolean,
): Promise<PublishDiagnosticsParams> {
  const seen = published.get(uri)?.find(test);
  if (seen !== undefined) return Promise.resolve(seen);
  return new Promise((done) => waiters.push({ uri, test, done }));
}

beforeAll(async () => {
  writeFileSync(join(folder, "lib.xmd"), "// a module\nexport function helper x\n  return x * 2\n");
  writeFileSync(join(folder, "data.json"), '{"n": 1}\n');
  mkdirSync(join(folder, "parts"));
  mkdirSync(join(folder, "sub"));
  writeFileSync(join(folder, "parts", "intro.md"), "# Intro\n");
  server = spawn(process.execPath, [BIN, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  server.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  client = createProtocolConnection(
    new StreamMessageReader(server.stdout as NodeJS.ReadableStream),
    new StreamMessageWriter(server.stdin as NodeJS.WritableStream),
  );
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
    for (const w of [...waiters])
      if (w.uri === p.uri && w.test(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done(p);
      }
  });
  client.listen();
  init = await client.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    capabilities: {},
    workspaceFolders: null,
  });
  await client.sendNotification(InitializedNotification.type, {});
});

afterAll(async () => {
  try {
    await client.sendRequest(ShutdownRequest.type);
    await client.sendNotification(ExitNotification.type);
  } finally {
    client.dispose();
    if (server.exitCode === null) await new Promise((done) => server.once("exit", done));
    rmSync(folder, { recursive: true, force: true });
  }
});

async function open(name: string, text: string, languageId = "xmd"): Promise<string> {
  const uri = uriOf(name);
  await client.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId, version: 1, text },
  });
  return uri;
}

/** The position of the `nth` occurrence of `what` in `text` (plus `delta` characters). */
function at(text: string, what: string, delta = 0, nth = 1): Position {
  let offset = -1;
  for (let i = 0; i < nth; i++) offset = text.indexOf(what, offset + 1);
  if (offset === -1) throw new Error(`'${what}' is not in the text`);
  const lines = text.slice(0, offset + delta).split("\n");
  return { line: lines.length - 1, character: (lines.at(-1) ?? "").length };
}

const hoverText = async (uri: string, position: Position) => {
  const h = await client.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  return h === null ? null : (h.contents as MarkupContent).value;
};
const labels = async (uri: string, position: Position) => {
  const items = (await client.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position,
  })) as CompletionItem[];
  return items.map((i) => i.label);
};
const definitionOf = async (uri: string, position: Position) =>
  (await client.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position })) as Location | null;

describe("the XMD language server over stdio", () => {
  it("answers initialize with its capabilities", () => {
    expect(init.serverInfo?.name).toBe("xmd-language-server");
    expect(init.capabilities).toMatchObject({
      hoverProvider: true,
      definitionProvider: true,
      documentSymbolProvider: true,
      completionProvider: { triggerCharacters: expect.arrayContaining(["."]) },
    });
  });

  it("publishes a syntax error at its range, and clears it when the text is fixed", async () => {
    const text = "set total 0\nfunction add a, b\n  return a + * b\nprint add(1, 2)\n";
    const uri = await open("broken.xmd", text);
    const first = await diagnosticsFor(uri, (p) => p.version === 1);
    expect(first.diagnostics).toHaveLength(1);
    const [d] = first.diagnostics;
    expect(d?.range).toEqual({ start: { line: 2, character: 13 }, end: { line: 2, character: 14 } });
    expect(d).toMatchObject({ severity: 1, code: "syntax", source: "xmd" });
    expect(d?.message).toContain("expected an expression but found '*'");

    // An incremental change that removes the stray `* `.
    await client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 2, character: 13 }, end: { line: 2, character: 15 } }, text: "" },
      ],
    });
    const fixed = await diagnosticsFor(uri, (p) => p.version === 2);
    expect(fixed.diagnostics).toEqual([]);

    // Broken again, as a whole-text change: the error is back, on the new line.
    await client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [{ text: "set x 1\n\nset y = x +\n" }],
    });
    const again = await diagnosticsFor(uri, (p) => p.version === 3);
    expect(again.diagnostics.map((x) => x.range.start)).toEqual([{ line: 2, character: 11 }]);
  });

  it("reports every syntax error of a document, not only the first", async () => {
    const uri = await open("two.xmd", "set a 1 +\nset b 2\nprint (3\nset c = ]\n");
    const { diagnostics } = await diagnosticsFor(uri, () => true);
    expect(diagnostics.map((d) => d.range.start)).toEqual([
      { line: 0, character: 9 },
      { line: 3, character: 0 },
    ]);
  });

  it("publishes a name never set as a warning at the name", async () => {
    const uri = await open("typo.xmd", "set total 1\nprint totl\n");
    const { diagnostics } = await diagnosticsFor(uri, () => true);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      severity: 2,
      code: "undefined-name",
      range: { start: { line: 1, character: 6 }, end: { line: 1, character: 10 } },
    });
    expect(diagnostics[0]?.message).toContain("'totl' is never set in this document");
  });

  it("places an error in a markdown document's xmd fence on the line of the file", async () => {
    const text = "# Notes\n\nSome text.\n\n```xmd\nset a 1\nset b = a +\n```\n\n{{ a }}\n";
    const uri = await open("notes.md", text, "markdown");
    const { diagnostics } = await diagnosticsFor(uri, () => true);
    expect(diagnostics.map((d) => [d.code, d.range.start])).toEqual([["syntax", { line: 6, character: 11 }]]);
  });

  it("reports an import of a file that is not there, over the import", async () => {
    const text = 'import helper from "lib.xmd"\nimport "missing.xmd"\nprint helper(1)\n';
    const uri = await open("imports.xmd", text);
    const { diagnostics } = await diagnosticsFor(uri, () => true);
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([
      ["file", { start: { line: 1, character: 0 }, end: { line: 1, character: 20 } }],
    ]);
    expect(diagnostics[0]?.message).toContain('cannot import "missing.xmd"');
  });

  it("lets a document import from anywhere in the workspace folder, its root", async () => {
    // The root is the folder the client opened (as `xmd --root` sets it), not the document's own folder.
    const text = 'import helper from "../lib.xmd"\nimport "../../outside.xmd"\n';
    const uri = await open("sub/page.xmd", text);
    const { diagnostics } = await diagnosticsFor(uri, () => true);
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([["outside-root", 1]]);
  });

  it("clears a document's diagnostics when it is closed", async () => {
    const uri = await open("closing.xmd", "set x = (\n");
    await diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
    await client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    const cleared = await diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
    expect(cleared.diagnostics).toEqual([]);
  });

  const program = [
    'import helper from "lib.xmd"',
    "import data",
    "set total 0",
    "function add a, b",
    "  set sum a + b",
    "  return sum",
    "class Dog",
    "  constructor name",
    "    set self.name name",
    "  bark",
    '    return self.name + " says woof"',
    "set n len([1, 2])",
    'print add(total, n), "abc".upper, File.read("data.json"), helper(2)',
    "",
  ].join("\n");

  it("hovers a builtin with its signature and doc, and a variable with its declaration", async () => {
    const uri = await open("program.xmd", program);
    const len = await hoverText(uri, at(program, "len(", 1));
    expect(len).toContain("len x");
    expect(len).toContain("The length of a string or a list");
    expect(await hoverText(uri, at(program, "total,", 2))).toContain("set total 0");
    expect(await hoverText(uri, at(program, "sum", 0, 2))).toMatch(/set sum a \+ b[\s\S]*variable/);
    expect(await hoverText(uri, at(program, "add(total"))).toContain("function add a, b");
    expect(await hoverText(uri, at(program, "upper", 1))).toContain("The text in upper case");
    expect(await hoverText(uri, at(program, "read(", 1))).toContain("File.read path");
    expect(await hoverText(uri, at(program, "function", 1))).toContain("Declares a function");
    expect(await hoverText(uri, at(program, "woof", 1))).toBeNull(); // inside a string: no name there
  });

  it("completes names, builtins and keywords; members and methods after a dot", async () => {
    const text = `${program}set t to\nprint File.\nprint "x".\nset d Dog "Rex"\nfunction f q\n  print \n`;
    const uri = await open("complete.xmd", text);
    const names = await labels(uri, at(text, "set t to", 8));
    expect(names).toEqual(
      expect.arrayContaining(["total", "add", "Dog", "helper", "data", "n", "len", "map", "File", "for"]),
    );
    expect(names).not.toContain("sum"); // a local of add
    expect(await labels(uri, at(text, "File.", 5))).toEqual(["read", "write", "exists", "list", "delete"]);
    expect(await labels(uri, at(text, '"x".', 4))).toEqual(
      expect.arrayContaining(["upper", "trim", "push", "keys"]),
    );
    // Inside a function: its parameters too.
    expect(await labels(uri, at(text, "  print \n", 8))).toEqual(expect.arrayContaining(["q", "total"]));
  });

  it("completes import paths from the document's folder", async () => {
    const text = 'import "\nimport helper from "parts/\nimport da\n';
    const uri = await open("paths.xmd", text);
    const quoted = await labels(uri, at(text, 'import "', 8));
    expect(quoted).toEqual(expect.arrayContaining(["lib.xmd", "data.json", "parts/"]));
    expect(quoted).not.toContain("paths.xmd"); // not itself
    expect(await labels(uri, at(text, '"parts/', 7))).toEqual(["intro.md"]);
    expect(await labels(uri, at(text, "import da", 9))).toEqual(expect.arrayContaining(["data", "lib"]));
  });

  it("goes to the definition of a function, a variable, an imported name and an import's file", async () => {
    const uri = await open("defs.xmd", program);
    const fn = await definitionOf(uri, at(program, "add(total", 1));
    expect(fn).toEqual({ uri, range: { start: at(program, "add a, b"), end: at(program, "add a, b", 3) } });
    const local = await definitionOf(uri, at(program, "return sum", 8));
    expect(local?.range.start).toEqual(at(program, "sum a + b"));
    // An imported function: its declaration in lib.xmd (line 2, `helper`).
    const imported = await definitionOf(uri, at(program, "helper(2)", 1));
    expect(imported).toEqual({
      uri: uriOf("lib.xmd"),
      range: { start: { line: 1, character: 16 }, end: { line: 1, character: 22 } },
    });
    // The path of an import, and a module bound by a bare import: the file.
    expect((await definitionOf(uri, at(program, '"lib.xmd"', 3)))?.uri).toBe(uriOf("lib.xmd"));
    expect((await definitionOf(uri, at(program, "import data", 8)))?.uri).toBe(uriOf("data.json"));
    // A method through self.
    const method = await definitionOf(uri, at(program, "self.name +", 6));
    expect(method).toBeNull(); // `name` is a field, not a method
    expect(await definitionOf(uri, at(program, "len(", 1))).toBeNull(); // a builtin has no declaration
  });

  it("lists the document's symbols as a tree", async () => {
    const uri = await open("symbols.xmd", program);
    const symbols = (await client.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => [s.name, s.kind])).toEqual([
      ["helper", 2],
      ["data", 2],
      ["total", 13],
      ["add", 12],
      ["Dog", 5],
      ["n", 13],
    ]);
    const dog = symbols.find((s) => s.name === "Dog");
    expect(dog?.children?.map((c) => [c.name, c.kind])).toEqual([
      ["constructor", 9],
      ["bark", 6],
    ]);
    expect(symbols.find((s) => s.name === "add")?.children?.map((c) => c.name)).toEqual(["sum"]);
    expect(symbols.find((s) => s.name === "add")?.selectionRange.start).toEqual(at(program, "add a, b"));
  });

  it("answers for XMD inside markdown only in its code and {{ }}", async () => {
    const text = "# Report\n\nThe len of it.\n\n```xmd\nset count len([1])\n```\n\nCount: {{ count }}\n";
    const uri = await open("report.md", text, "markdown");
    expect(await hoverText(uri, at(text, "len of", 1))).toBeNull(); // prose
    expect(await hoverText(uri, at(text, "len([", 1))).toContain("len x");
    const def = await definitionOf(uri, at(text, "{{ count", 4));
    expect(def?.range.start).toEqual(at(text, "count len"));
    expect(await labels(uri, at(text, "The len", 3))).toEqual([]);
  });

  it("keeps serving after all this (no errors on its stderr)", () => {
    expect(stderr).toBe("");
  });
});
