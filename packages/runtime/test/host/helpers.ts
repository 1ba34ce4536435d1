/** A fake host context over a temporary root, and lambdas written in JS for tests. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, expect } from "vitest";
import { DEFAULT_LIMITS, type ExecPolicy, type Limits } from "../../src/api/options.js";
import type { HostContext } from "../../src/host/context.js";
import { NODE_HOST } from "../../src/host/node/node-host.js";
import { Callable } from "../../src/values/callable.js";
import { RuntimeFault } from "../../src/values/fault.js";

/** A callable whose body is a JS function (stands in for an XMD lambda). */
export class JsFunction extends Callable {
  constructor(
    readonly name: string,
    readonly body: (...args: unknown[]) => unknown,
  ) {
    super();
  }
}

export function lambda(body: (...args: unknown[]) => unknown): JsFunction {
  return new JsFunction("lambda", body);
}

export interface TestContext extends HostContext {
  readonly nondeterminism: { exec: string[]; clock: boolean };
  /** Calls received through `call`. */
  calls: number;
}

const created: string[] = [];

afterAll(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder (realpath'd), removed after the test file. */
export function tempDir(prefix = "xmd-host-"): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(dir);
  return dir;
}

/** A fresh temporary root and a context whose document sits in it. */
export function makeContext(options: Parameters<typeof contextFor>[1] = {}): TestContext {
  return contextFor(tempDir(), options);
}

export function contextFor(
  root: string,
  options: {
    exec?: ExecPolicy;
    now?: number | null;
    baseDir?: string;
    deadline?: number;
    overlay?: Map<string, string | null>;
    limits?: Partial<Limits>;
  } = {},
): TestContext {
  const ctx: TestContext = {
    host: NODE_HOST,
    root,
    baseDir: options.baseDir ?? root,
    exec: options.exec ?? { allow: false },
    now: options.now === undefined ? null : options.now,
    nondeterminism: { exec: [], clock: false },
    dependencies: new Set(),
    deadline: options.deadline ?? Number.POSITIVE_INFINITY,
    overlay: options.overlay ?? null,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    written: { bytes: 0 },
    calls: 0,
    call(fn, args) {
      ctx.calls++;
      if (!(fn instanceof JsFunction)) throw new Error("test context can only call JsFunction");
      return fn.body(...args);
    },
  };
  return ctx;
}

/** Writes files (creating folders) under `dir`. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
}

/** The limits and deadline of a test context: the defaults, and no time limit. */
export const BUDGET = { limits: DEFAULT_LIMITS, deadline: Number.POSITIVE_INFINITY };

/** A budget of the default limits with `limits` over them, and a deadline (default: none). */
export function budget(limits: Partial<Limits>, deadline = Number.POSITIVE_INFINITY) {
  return { limits: { ...DEFAULT_LIMITS, ...limits }, deadline };
}

/** Runs `f`, expects a RuntimeFault, returns it. */
export function fault(f: () => unknown): RuntimeFault {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(RuntimeFault);
    return err as RuntimeFault;
  }
  throw new Error("expected a RuntimeFault, but nothing was thrown");
}
