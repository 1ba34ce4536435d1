/**
 * Which limit a command that runs too long is stopped by when the command's own limit and
 * what is left of the document's are the same length: the document's. The defaults are
 * both 10 s, so this is the usual case; the clock is held still, so that no millisecond
 * passes between the document's start and the command's (with the real clock, whether one
 * had passed decided which limit the error named).
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCommand } from "../../src/host/exec.js";
import { fault, makeContext } from "./helpers.js";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a command's limit and the document's, equal", () => {
  it("stop the command by the document's limit, named with its flag", () => {
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now);
    const ctx = makeContext({ exec: { allow: true, timeoutMs: 300 }, deadline: now + 300 });
    const f = fault(() => runCommand(ctx, "sleep 5"));
    expect(f.code).toBe("limit");
    // The held clock reads no time as passed.
    expect(f.message).toBe(
      "time limit reached: command 'sleep' was stopped after 0 ms: the document's time limit ran out (limit timeoutMs)",
    );
    expect(f.hint).toBe("raise it with --timeout (limits.timeoutMs in the API)");
  });

  it("stop it by the command's own limit when that is a millisecond shorter", () => {
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now);
    const ctx = makeContext({ exec: { allow: true, timeoutMs: 299 }, deadline: now + 300 });
    const f = fault(() => runCommand(ctx, "sleep 5"));
    expect(f.code).toBe("limit");
    expect(f.message).toBe(
      "command 'sleep' timed out after 299 ms and was stopped (limit exec.timeoutMs: how long one command may run)",
    );
  });
});
