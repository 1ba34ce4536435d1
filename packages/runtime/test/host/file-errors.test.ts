/**
 * What a failed read says: the reason for each error the system gives, in words, and what
 * a path that is not a regular file is.
 */
import { describe, expect, it } from "vitest";
import type { Host, HostStats } from "../../src/api/host.js";
import { readRegularFile } from "../../src/host/files.js";
import { readCap } from "../../src/host/host-limits.js";
import { DEFAULT_LIMITS } from "../../src/index.js";
import { fault } from "./helpers.js";

const CAP = readCap({ ...DEFAULT_LIMITS, maxReadBytes: 100 });

/** A host whose readFile does `read` with the check it is given. */
function hostThat(read: (check: (stats: HostStats) => number) => Uint8Array | null): Host {
  return { readFile: (_path: string, check: (stats: HostStats) => number) => read(check) } as unknown as Host;
}

const failing = (err: unknown) =>
  hostThat(() => {
    throw err;
  });
/** A host that hands `stats` to the read's check (which throws for every stats used here). */
const statOf = (stats: Partial<HostStats>) =>
  hostThat((check) => {
    check(stats as HostStats);
    return null;
  });

describe("a failed read", () => {
  it("says why in words for each error the system gives, and its code otherwise", () => {
    for (const [code, reason] of [
      ["ENOENT", "no such file"],
      ["EISDIR", "it is a folder"],
      ["ENOTDIR", "a part of the path is not a folder"],
      ["EACCES", "permission denied"],
      ["EPERM", "permission denied"],
      ["ENAMETOOLONG", "the path is too long for the system"],
      ["ELOOP", "it goes through a loop of symbolic links"],
      ["EIO", "the system refused (EIO)"],
    ]) {
      const err = Object.assign(new Error(`${code}: raw`), { code });
      expect(fault(() => readRegularFile(failing(err), "/r/a.txt", "a.txt", CAP)).message, code).toBe(
        `cannot read "a.txt": ${reason}`,
      );
    }
    expect(
      fault(() => readRegularFile(failing(new Error("disk on fire")), "/r/a.txt", "a.txt", CAP)).message,
    ).toBe('cannot read "a.txt": disk on fire');
  });

  it("names what a path is when it is not a regular file", () => {
    for (const [kind, shown] of [
      ["pipe", "a named pipe"],
      ["socket", "a socket"],
      ["device", "a device"],
      ["other", "not a regular file"],
    ]) {
      expect(
        fault(() => readRegularFile(statOf({ kind, size: 0 } as never), "/r/p", "p", CAP)).message,
        kind,
      ).toBe(`cannot read "p": it is ${shown}, and only regular files can be read`);
    }
    expect(fault(() => readRegularFile(statOf({ kind: "folder", size: 0 }), "/r/d", "d", CAP)).message).toBe(
      'cannot read "d": it is a folder',
    );
  });

  it("calls a file past the cap a file read that is too large", () => {
    expect(
      fault(() => readRegularFile(statOf({ kind: "file", size: 101 }), "/r/big", "big", CAP)).message,
    ).toBe('"big" is too large: 101 bytes, and a file read may be at most 100 bytes (limit maxReadBytes)');
  });
});
