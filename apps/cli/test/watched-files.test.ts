/**
 * WatchedFiles with a stand-in for chokidar, so that the order of file-system events is
 * the test's to choose: here, the race a real watcher loses now and then under load.
 */
import { EventEmitter } from "node:events";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type FileEvent, WatchedFiles } from "../src/watch/watched-files.js";
import { cleanup, until, workspace } from "./support.js";

/** A watcher that reports nothing by itself; `emit("all", event, path)` plays an event. */
class StandInWatcher extends EventEmitter {
  readonly added: string[] = [];
  add(path: string): this {
    this.added.push(path);
    return this;
  }
  async close(): Promise<void> {}
}

afterEach(cleanup);

/** An empty workspace, and WatchedFiles on a stand-in watcher, recording what it reports. */
async function setUp() {
  const dir = workspace({ "keep.txt": "" });
  const watcher = new StandInWatcher();
  const events: [FileEvent, string][] = [];
  const files = await WatchedFiles.create(
    (event, path) => events.push([event, path]),
    (() => watcher) as unknown as typeof import("chokidar").watch,
  );
  return { dir, watcher, events, files };
}

describe("WatchedFiles", () => {
  it("reports a file written into an awaited folder before the folder's watch could see it", async () => {
    const { dir, watcher, events, files } = await setUp();
    const file = join(dir, "lib/deep/x.xmd");
    files.add(file);
    // mkdir -p: the first awaited folder appears, its file not written yet.
    mkdirSync(join(dir, "lib/deep"), { recursive: true });
    watcher.emit("all", "addDir", join(dir, "lib"));
    expect(events).toEqual([]);
    expect(watcher.added).toContain(join(dir, "lib/deep"));
    // The file is written, and the watcher (set up too late, ignoring what its first scan
    // finds) never reports it.
    writeFileSync(file, "export set x 7\n");
    await until(() => events.length > 0, 20_000, "the file reported");
    expect(events[0]).toEqual(["add", file]);
    await files.close();
  });

  it("reports a file that is there when its folder appears, once the folder is seen", async () => {
    const { dir, watcher, events, files } = await setUp();
    const file = join(dir, "lib/x.xmd");
    files.add(file);
    mkdirSync(join(dir, "lib"));
    writeFileSync(file, "export set x 7\n");
    watcher.emit("all", "addDir", join(dir, "lib"));
    expect(events).toEqual([["add", file]]);
    await files.close();
  });
});
