/**
 * The memory host, through the browser entry (run here in Node: the entry has nothing of
 * Node in it, see ./bundle.test.ts): imports, data files, variables from data files,
 * writes, root confinement and exec, all against files kept in a map.
 */
import { describe, expect, it } from "vitest";
import {
  createMemoryHost,
  createRuntime,
  formatError,
  type Host,
  type RuntimeOptions,
  XmdError,
} from "../../src/browser.js";

function errorOf(run: () => unknown): XmdError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(XmdError);
    return e as XmdError;
  }
  throw new Error("expected an XmdError, but the render succeeded");
}

/** Renders the host's `/index.md` (or `path`) through a runtime on `host`. */
function renderIn(
  host: ReturnType<typeof createMemoryHost>,
  path = "/index.md",
  options: RuntimeOptions = {},
) {
  const runtime = createRuntime({ ...options, host });
  try {
    return runtime.render(host.files.get(path) ?? "", { path });
  } finally {
    runtime.dispose();
  }
}

describe("imports from a memory host", () => {
  it("imports a module's exports, a classic part in place, and a bare name by its extensions", () => {
    const host = createMemoryHost({
      "/index.md": [
        "```xmd",
        'import "lib/text.xmd"',
        "import Settings",
        "```",
        "{{text.shout(Settings.name)}}",
        '<!-- xmd:import "parts/footer.md" -->',
        "<!-- xmd import parts/footer.md -->",
        "",
      ].join("\n"),
      "/lib/text.xmd": 'function shout(s)\n  return s.upper() + "!"\nexport shout\n',
      "/Settings.json": '{ "name": "xmd" }',
      "/parts/footer.md": "— {{Settings.name}} footer\n",
    });
    const result = renderIn(host);
    expect(result.output).toBe("XMD!\n— xmd footer\n— xmd footer\n");
    expect(result.dependencies.sort()).toEqual(["/Settings.json", "/lib/text.xmd", "/parts/footer.md"]);
    expect(result.nondeterminism).toEqual({ exec: [], clock: false });
  });

  it("finds imports from the importing file's folder, and reports a missing one with the names it tried", () => {
    const host = createMemoryHost({
      "/docs/index.md": '```xmd\nimport "sub/a.xmd"\nprint a.value\n```\n',
      "/docs/sub/a.xmd": 'import "b.xmd"\nset value b.value + 1\nexport value\n',
      "/docs/sub/b.xmd": "set value 41\nexport value\n",
    });
    expect(renderIn(host, "/docs/index.md").output).toBe("42\n");
    host.files.set("/docs/index.md", "```xmd\nimport Missing\n```\n");
    const e = errorOf(() => renderIn(host, "/docs/index.md"));
    expect(e.code).toBe("file");
    expect(e.message).toContain("there is no Missing.xmd, Missing.xm, Missing.md");
  });

  it("sees the page's edits to the files between renders", () => {
    const host = createMemoryHost({ "/index.md": '<!-- xmd:import "part.md" -->\n', "/part.md": "one\n" });
    expect(renderIn(host).output).toBe("one\n");
    host.files.set("/part.md", "two\n");
    expect(renderIn(host).output).toBe("two\n");
    host.files.delete("/part.md");
    expect(errorOf(() => renderIn(host)).code).toBe("file");
  });

  it("reports an import cycle naming the files", () => {
    const host = createMemoryHost({
      "/index.md": '```xmd\nimport "a.xmd"\n```\n',
      "/a.xmd": 'import "b.xmd"\n',
      "/b.xmd": 'import "a.xmd"\n',
    });
    const e = errorOf(() => renderIn(host));
    expect(e.code).toBe("import-cycle");
    expect(e.message).toContain("a.xmd → b.xmd → a.xmd");
  });

  it("renders a document given by path with renderFile, relative to the host's working folder", () => {
    const host = createMemoryHost({ "site/page.md": "{{ 6 * 7 }}\n" }, { cwd: "/home/me" });
    expect(host.files.paths()).toEqual(["/home/me/site/page.md"]);
    const runtime = createRuntime({ host });
    expect(runtime.renderFile("site/page.md").output).toBe("42\n");
    const e = errorOf(() => runtime.renderFile("site/none.md"));
    expect(e.code).toBe("file");
    expect(e.message).toContain("no such file");
  });
});

describe("data files in a memory host", () => {
  const people = '{ "alice": { "name": "Alice", "team": "@ teams.yaml core" } }';
  const teams = "# teams\ncore:\n  name: Core\n  size: 3\n";

  it("binds a data file to a variable (import, set … import) and reads it with get, following links", () => {
    const host = createMemoryHost({
      "/index.md": [
        "```xmd",
        'import "data/people.json"',
        'set t import "data/teams.yaml"',
        "```",
        '{{people.alice.name}} / {{t.core.name}} / {{get "data/people.json".alice.team.size}}',
        "",
      ].join("\n"),
      "/data/people.json": people,
      "/data/teams.yaml": teams,
    });
    expect(renderIn(host).output).toBe("Alice / Core / 3\n");
  });

  it("writes with put, File.write and File.delete into the files the page holds", () => {
    const host = createMemoryHost({
      "/index.md": [
        "```xmd",
        'put "data/teams.yaml".core.size 4',
        'put "out/state.json".done true',
        'File.write "out/note.txt", "hello"',
        'print File.exists("out/note.txt"), File.list("out").join(",")',
        'print File.delete("out/note.txt"), File.exists("out/note.txt")',
        "```",
        "",
      ].join("\n"),
      "/data/teams.yaml": teams,
    });
    expect(renderIn(host).output).toBe("true note.txt,state.json\ntrue false\n");
    // YAML is edited in place: its comment stays.
    expect(host.files.get("/data/teams.yaml")).toBe("# teams\ncore:\n  name: Core\n  size: 4\n");
    expect(JSON.parse(host.files.get("/out/state.json") as string)).toEqual({ done: true });
    expect(host.files.has("/out/note.txt")).toBe(false);
    expect(host.files.isFolder("/out")).toBe(true);
  });

  it("in a dry run, keeps writes in the overlay and leaves the files as they were", () => {
    const host = createMemoryHost({
      "/index.md": '```xmd\nFile.write "a.txt", "new"\nprint File.read("a.txt")\n```\n',
      "/a.txt": "old",
    });
    expect(renderIn(host, "/index.md", { dryRun: true }).output).toBe("new\n");
    expect(host.files.get("/a.txt")).toBe("old");
  });

  it("reports bad data with the file and line, and refuses a folder or a hidden file", () => {
    const host = createMemoryHost({
      "/index.md": '```xmd\nimport "bad.yaml"\n```\n',
      "/bad.yaml": "a: 1\na: 2\n",
      "/folder/x.txt": "x",
    });
    const bad = errorOf(() => renderIn(host));
    expect(bad.code).toBe("data");
    expect(bad.message).toContain('data file "bad.yaml"');
    host.files.set("/index.md", '```xmd\nprint File.read("folder")\n```\n');
    expect(errorOf(() => renderIn(host)).message).toContain('cannot read "folder": it is a folder');
    host.files.set("/index.md", '```xmd\nFile.write ".git/hooks/x", "y"\n```\n');
    expect(errorOf(() => renderIn(host)).message).toContain("hidden files or folders");
    expect(host.files.has("/.git/hooks/x")).toBe(false);
  });

  it("holds reads to maxReadBytes, as the Node host does", () => {
    const host = createMemoryHost({
      "/index.md": '```xmd\nprint File.read("big.txt")\n```\n',
      "/big.txt": "x".repeat(2000),
    });
    const e = errorOf(() => renderIn(host, "/index.md", { limits: { maxReadBytes: 1000 } }));
    expect(e.code).toBe("limit");
    expect(e.message).toContain('"big.txt" is too large: 2000 bytes');
  });
});

describe("the root and exec in a memory host", () => {
  it("refuses paths outside the root (the document's folder, or `root`), as the Node host does", () => {
    const host = createMemoryHost({
      "/site/index.md": '```xmd\nprint File.read("../secret.txt")\n```\n',
      "/secret.txt": "secret",
    });
    const e = errorOf(() => renderIn(host, "/site/index.md"));
    expect(e.code).toBe("outside-root");
    expect(e.message).toBe('path "../secret.txt" is outside the root /site');
    host.files.set("/site/index.md", '```xmd\nimport "/secret.txt"\n```\n');
    expect(errorOf(() => renderIn(host, "/site/index.md")).code).toBe("outside-root");
    host.files.set("/site/index.md", '```xmd\nprint File.read("../secret.txt")\n```\n');
    expect(renderIn(host, "/site/index.md", { root: "/" }).output).toBe("secret\n");
  });

  it("refuses every exec with exec-denied and a help line saying this host has none, whatever the policy", () => {
    const host = createMemoryHost({ "/index.md": "```xmd\nexec echo hi\n```\n" });
    for (const exec of [undefined, { allow: true }, { allow: ["echo"] }, { allow: true, shell: true }]) {
      const e = errorOf(() => renderIn(host, "/index.md", exec ? { exec } : {}));
      expect(e.code).toBe("exec-denied");
      expect(e.message).toBe("exec is not available in this host (memory): the document wants to run 'echo'");
      expect(formatError(e)).toContain("= help: exec is not available in this host");
    }
    host.files.set("/index.md", '```xmd\nprint cmd "ls " + "-l"\n```\n');
    expect(errorOf(() => renderIn(host, "/index.md", { exec: { allow: true } })).code).toBe("exec-denied");
  });

  it("lets try/catch see the refusal as a runtime error does", () => {
    const host = createMemoryHost({
      "/index.md": '```xmd\ntry\n  exec echo hi\ncatch err\n  print "caught: " + err\n```\n',
    });
    expect(renderIn(host).output).toBe(
      "caught: exec is not available in this host (memory): the document wants to run 'echo'\n",
    );
  });
});

describe("the browser entry's runtime", () => {
  it("renders on a new empty memory host by default, synchronously, with stats", () => {
    const runtime = createRuntime({ memory: "pooled" });
    const result = runtime.render('```xmd\nset names "An", "Binh"\n```\n{{names.length}} people\n');
    expect(result).not.toBeInstanceOf(Promise);
    expect(result.output).toBe("2 people\n");
    expect(result.stats.memory).toBe("pooled");
    expect(result.stats.allocations.poolShare).toBeGreaterThan(0);
    expect(result.stats.pools.length).toBeGreaterThan(0);
    expect(errorOf(() => runtime.render('```xmd\nimport "x.md"\n```\n')).message).toContain(
      'cannot read "x.md": no such file',
    );
    runtime.dispose();
    expect(runtime.inspect().live).toEqual({ nodes: 0, variables: 0, temporaries: 0 });
  });

  it("reads the host's clock for Date.now unless the runtime has a fixed one, and records it", () => {
    const memory = createMemoryHost({ "/index.md": "{{Date.now().year()}}\n" });
    // A host of one's own: the memory host with a clock stopped in 2001.
    const host: Host = { ...memory, name: "frozen", now: () => Date.UTC(2001, 0, 1) };
    const runtime = createRuntime({ host });
    const result = runtime.render("{{Date.now().year()}}\n", { path: "/index.md" });
    expect(result.output).toBe("2001\n");
    expect(result.nondeterminism.clock).toBe(true);
    const fixed = createRuntime({ host, now: Date.UTC(1999, 5, 1) }).render("{{Date.now().year()}}\n");
    expect(fixed.output).toBe("1999\n");
    expect(fixed.nondeterminism.clock).toBe(false);
  });

  it("runs a host's own exec after the policy allows the command, and never when it refuses it", () => {
    const ran: string[] = [];
    const host: Host = {
      ...createMemoryHost(),
      name: "scripted",
      exec: (command, context) => {
        context.nondeterminism.exec.push(command.line);
        ran.push(command.argv.join(" | "));
        return `ran ${command.argv[0]}`;
      },
    };
    const doc = '```xmd\nexec echo "a b" c\n```\n';
    const allowed = createRuntime({ host, exec: { allow: ["echo"] } }).render(doc);
    expect(allowed.output).toBe("ran echo\n");
    expect(allowed.nondeterminism.exec).toEqual(['echo "a b" c']);
    expect(ran).toEqual(["echo | a b | c"]);
    const denied = errorOf(() => createRuntime({ host }).render(doc));
    expect(denied.code).toBe("exec-denied");
    expect(denied.message).toContain("exec is disabled");
    expect(ran).toHaveLength(1);
  });
});

describe("the README's Hosts example", () => {
  it("renders, and renders the page's edit", () => {
    const host = createMemoryHost({
      "/index.md": '```xmd\nimport "data/team.yaml"\n```\n<!-- xmd:import "parts/hello.md" -->\n',
      "/data/team.yaml": "lead: An\n",
      "/parts/hello.md": "Hello from {{team.lead}}\n",
    });
    const xmd = createRuntime({ host, memory: "pooled" });
    expect(xmd.render(host.files.get("/index.md") as string, { path: "/index.md" }).output).toBe(
      "Hello from An\n",
    );
    host.files.set("/data/team.yaml", "lead: Binh\n");
    expect(xmd.render(host.files.get("/index.md") as string, { path: "/index.md" }).output).toBe(
      "Hello from Binh\n",
    );
  });
});

describe("MemoryFiles", () => {
  it("keeps folders as a disk does, and refuses a file where a folder must be", () => {
    const host = createMemoryHost({ "a/b/c.txt": "c", "/top.txt": new Uint8Array([104, 105]) });
    expect(host.files.paths()).toEqual(["/a/b/c.txt", "/top.txt"]);
    expect(host.files.get("/top.txt")).toBe("hi");
    expect(host.files.list("/")).toEqual(["a", "top.txt"]);
    expect(host.files.list("/a")).toEqual(["b"]);
    expect(host.files.delete("/a/b/c.txt")).toBe(true);
    expect(host.files.isFolder("/a/b")).toBe(true);
    expect(host.files.lookup("/a/b")).toEqual({ kind: "folder", size: 0 });
    expect(host.files.lookup("/top.txt/x")).toBe("ENOTDIR");
    expect(host.files.lookup("/none")).toBe("ENOENT");
    expect(() => host.files.set("/top.txt/x", "y")).toThrow(/"\/top.txt" is a file/);
    expect(() => host.files.set("/top.txt/x/y", "y")).toThrow(/"\/top.txt" is a file, not a folder/);
    expect(() => host.files.set("/a", "y")).toThrow(/is a folder/);
    expect(host.files.delete("/a")).toBe(true);
    expect(host.files.isFolder("/a")).toBe(false);
    expect(host.files.delete("/a")).toBe(false);
    host.files.clear();
    expect(host.files.size).toBe(0);
    expect(host.files.isFolder("/")).toBe(true);
  });

  it("deletes a folder's own files and folders only, and empties the root but keeps it", () => {
    const host = createMemoryHost({ "/a/x.md": "x", "/a/sub/y.md": "y", "/ab/z.md": "z", "/a.md": "w" });
    expect(host.files.delete("/a")).toBe(true);
    expect(host.files.paths()).toEqual(["/a.md", "/ab/z.md"]);
    expect([host.files.isFolder("/a"), host.files.isFolder("/a/sub"), host.files.isFolder("/ab")]).toEqual([
      false,
      false,
      true,
    ]);
    expect(host.files.delete("/")).toBe(true);
    expect(host.files.size).toBe(0);
    expect(host.files.isFolder("/")).toBe(true);
    expect(host.files.list("/")).toEqual([]);
  });

  it("says in each error what stands at which path", () => {
    const host = createMemoryHost({ "/d/f.txt": "1" }, { cwd: "/d" });
    const messageOf = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return [(e as { code?: string }).code, (e as Error).message];
      }
      return "no error";
    };
    expect(host.cwd()).toBe("/d");
    expect(host.files.get("f.txt")).toBe("1");
    expect(messageOf(() => host.stat("none"))).toEqual(["ENOENT", 'no such file or folder: "/d/none"']);
    expect(messageOf(() => host.readdir("f.txt"))).toEqual(["ENOTDIR", '"/d/f.txt" is not a folder']);
    expect(messageOf(() => host.unlink("/d"))).toEqual(["EISDIR", '"/d" is a folder']);
    expect(messageOf(() => host.writeFile("/d", "x"))).toEqual(["EISDIR", '"/d" is a folder']);
    expect(messageOf(() => host.writeFile("/e/f.txt", "x"))).toEqual(["ENOENT", 'no folder "/e"']);
    expect(messageOf(() => host.writeFile("f.txt/g.txt", "x"))).toEqual([
      "ENOTDIR",
      '"/d/f.txt" is not a folder',
    ]);
    expect(messageOf(() => host.files.set("/d", "x"))).toEqual(["EISDIR", '"/d" is a folder']);
    expect(messageOf(() => host.files.mkdir("f.txt"))).toEqual(["EEXIST", '"/d/f.txt" is a file']);
    expect(messageOf(() => host.files.mkdir("f.txt/x"))).toEqual([
      "ENOTDIR",
      '"/d/f.txt" is a file, not a folder',
    ]);
    expect(messageOf(() => host.readlink("f.txt"))).toEqual(["EINVAL", '"/d/f.txt" is not a symbolic link']);
    host.writeFile("g.txt", "new");
    expect(host.files.get("/d/g.txt")).toBe("new");
    host.unlink("g.txt");
    expect(host.files.has("/d/g.txt")).toBe(false);
  });

  it("stores a copy of the bytes it is given", () => {
    const bytes = new Uint8Array([120]);
    const host = createMemoryHost({ "/x": bytes });
    bytes[0] = 121;
    expect(host.files.get("/x")).toBe("x");
    const read = host.files.bytes("/x") as Uint8Array;
    read[0] = 122;
    expect(host.files.get("/x")).toBe("x");
  });

  it("answers the host's file questions with the codes a disk gives", () => {
    const host = createMemoryHost({ "/d/f.txt": "12345" });
    expect(host.stat("/d/f.txt")).toEqual({ kind: "file", size: 5 });
    expect(host.realpath("/d/../d/f.txt")).toBe("/d/f.txt");
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (e) {
        return (e as { code?: string }).code;
      }
      return "no error";
    };
    expect(codeOf(() => host.stat("/d/none"))).toBe("ENOENT");
    expect(codeOf(() => host.realpath("/d/f.txt/x"))).toBe("ENOTDIR");
    expect(codeOf(() => host.readdir("/d/f.txt"))).toBe("ENOTDIR");
    expect(codeOf(() => host.unlink("/d"))).toBe("EISDIR");
    expect(codeOf(() => host.writeFile("/d", "x"))).toBe("EISDIR");
    expect(codeOf(() => host.writeFile("/e/f.txt", "x"))).toBe("ENOENT");
    expect(codeOf(() => host.mkdir("/d/f.txt"))).toBe("EEXIST");
    expect(codeOf(() => host.readlink("/d/f.txt"))).toBe("EINVAL");
    expect(host.readFile("/d/f.txt", () => 4)).toBeNull();
    expect(new TextDecoder().decode(host.readFile("/d/f.txt", () => 5) as Uint8Array)).toBe("12345");
    expect(host.exec).toBeUndefined();
    expect(host.env).toEqual({});
  });
});
