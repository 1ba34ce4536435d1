import { ValueStack } from "@xmd/stack";
import { XmdError } from "./api/error.js";
import type { Host } from "./api/host.js";
import {
  checkLimits,
  DEFAULT_LIMITS,
  type Limits,
  type RenderOptions,
  type RuntimeOptions,
} from "./api/options.js";
import type {
  BytesRenderResult,
  CompiledDocument,
  CompileOptions,
  DocumentText,
  OutputWriter,
  ParsedDocument,
  RenderInfo,
  RenderResult,
  Runtime,
  RuntimeState,
} from "./api/runtime.js";
import { DocumentRun, langOf, type PreparedDocument } from "./document-run.js";
import type { EvalServices } from "./eval/eval-base.js";
import type { HostFunction } from "./eval/functions.js";
import type { TempStack } from "./eval/temps.js";
import type { VariableStore } from "./eval/variables.js";
import { dataGet, dataPut } from "./host/data.js";
import { runCommand } from "./host/exec.js";
import { readRegularBytes } from "./host/files.js";
import { GLOBALS, NAMESPACES } from "./host/globals.js";
import { readCap } from "./host/host-limits.js";
import { callMethod, getMember } from "./host/methods.js";
import { isTruthy, looseEquals, toText, typeName } from "./host/text.js";
import { ChunkPool, type ChunkSource, FreshChunks } from "./output/chunk-pool.js";
import { asBytes, asText, type OutputForm, streamTo } from "./output/render-forms.js";
import { createStores, poolSummaries, type TreeStores, trimTree } from "./stores.js";
import type { NameTable } from "./syntax/names.js";
import type { NodeMark, NodeStore } from "./syntax/nodes.js";
import { RuntimeFault } from "./values/fault.js";
import { type Platform, usePlatform } from "./values/platform.js";

export { langOf };

/**
 * Creates a runtime on `host` (unless the options name another) for `platform`: what each
 * entry of the package (`index.ts` for Node, `browser.ts`) calls with its own defaults.
 */
export function createRuntimeOn(options: RuntimeOptions, host: Host, platform: Platform): Runtime {
  return new XmdRuntime(options, options.host ?? host, platform);
}

class XmdRuntime implements Runtime {
  readonly memory: "pooled" | "heap";
  readonly limits: Limits;
  private readonly names: NameTable;
  private readonly nodes: NodeStore;
  private readonly stack: TempStack;
  private readonly vars: VariableStore;
  private readonly checked: boolean;
  private readonly services: EvalServices;
  /** Output chunks: a pool that survives renders (pooled), or fresh chunks every time (heap). */
  private readonly chunks: ChunkSource;

  constructor(
    private readonly options: RuntimeOptions,
    /** The machine every run of this runtime touches. */
    private readonly host: Host,
    /** The build's libraries and heap access, made current at the start of every run. */
    private readonly platform: Platform,
  ) {
    this.memory = options.memory ?? "pooled";
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    checkLimits(this.limits);
    this.checked = options.checked ?? false;
    const stores = createStores(this.memory, this.limits, this.checked);
    this.names = stores.names;
    this.nodes = stores.nodes;
    this.stack = stores.stack;
    this.vars = stores.vars;
    this.chunks = this.memory === "pooled" ? new ChunkPool() : new FreshChunks();
    this.services = {
      toText,
      isTruthy,
      looseEquals,
      typeName,
      getMember,
      callMethod,
      globals: GLOBALS as ReadonlyMap<string, HostFunction>,
      namespaces: NAMESPACES as EvalServices["namespaces"],
      runCommand,
      dataGet,
      dataPut,
    };
  }

  renderFile(path: string, options: Omit<RenderOptions, "path"> = {}): RenderResult {
    usePlatform(this.platform);
    return this.render(readDocument(this.host, path, this.limits), { ...options, path });
  }

  checkFile(path: string, options: Omit<RenderOptions, "path"> = {}): XmdError[] {
    usePlatform(this.platform);
    let source: Uint8Array;
    try {
      source = readDocument(this.host, path, this.limits);
    } catch (e) {
      if (e instanceof XmdError) return [e];
      throw e;
    }
    return this.check(source, { ...options, path });
  }

  render(source: DocumentText, options: RenderOptions = {}): RenderResult {
    const run = this.newRun(this.names, this.nodes, options);
    return finish(run, source, asText(false), source.length);
  }

  renderBytes(source: DocumentText, options: RenderOptions = {}): BytesRenderResult {
    const run = this.newRun(this.names, this.nodes, options);
    return finish(run, source, asBytes(), source.length);
  }

  renderTo(source: DocumentText, write: OutputWriter, options: RenderOptions = {}): RenderInfo {
    const run = this.newRun(this.names, this.nodes, options);
    return finish(run, source, streamTo(write), source.length);
  }

  check(source: DocumentText, options: RenderOptions = {}): XmdError[] {
    const run = this.newRun(this.names, this.nodes, options);
    try {
      return run.parseOnly(source);
    } catch (e) {
      // A limit reached while parsing (a full pool) is a problem like the others.
      const error = run.userError(e);
      if (error instanceof XmdError) return [error];
      throw error;
    } finally {
      run.release();
    }
  }

  /** Name table and node store for a tree that outlives renders (which release theirs). */
  private ownStores(source: DocumentText): TreeStores {
    // Pages sized to the document (about one node per 4 characters), so that a thousand
    // small compiled documents do not hold a thousand 4096-slot pages.
    const pageSize = Math.min(4096, Math.max(64, 2 ** Math.ceil(Math.log2(source.length / 4 + 1))));
    return createStores(this.memory, this.limits, this.checked, pageSize);
  }

  private newRun(
    names: NameTable,
    nodes: NodeStore,
    options: RenderOptions,
    nodeMark: NodeMark | null = null,
  ): DocumentRun {
    usePlatform(this.platform);
    return new DocumentRun(
      this.host,
      names,
      nodes,
      this.stack,
      this.vars,
      this.chunks,
      this.limits,
      this.services,
      this.options,
      options,
      nodeMark,
    );
  }

  parse(source: DocumentText, options: RenderOptions = {}): ParsedDocument {
    const { names, nodes } = this.ownStores(source);
    const started = performance.now();
    const run = this.newRun(names, nodes, options);
    try {
      run.parseAndResolve(source);
    } catch (e) {
      nodes.releaseAll();
      throw run.userError(e);
    }
    trimTree({ names, nodes });
    const stats = run.stats(started);
    return {
      get nodeCount() {
        return nodes.live;
      },
      pools: () => poolSummaries(nodes),
      stats,
      release: () => nodes.releaseAll(),
    };
  }

  compile(text: DocumentText, options: CompileOptions = {}): CompiledDocument {
    // The kept tree copies its static text from the document's bytes at every render: a
    // copy of them is its own, so a caller that reuses its buffer cannot change the output.
    const source = typeof text === "string" ? text : text.slice();
    const { names, nodes } = this.ownStores(source);
    const { vars: declared, ...where } = options;
    const declaredNames = Array.isArray(declared) ? declared : Object.keys(declared ?? {});
    const run = this.newRun(names, nodes, where);
    let prepared: PreparedDocument;
    try {
      prepared = run.prepare(source, declaredNames, true);
    } catch (e) {
      // As render() reports it: a full pool while parsing is a limit, not a crash.
      nodes.releaseAll();
      throw run.userError(e);
    }
    trimTree({ names, nodes });
    let released = false;
    const renderAs = <R>(vars: Record<string, unknown>, form: OutputForm<R>): R => {
      if (released) throw new Error("render() after release(): compile the document again");
      // The variables go to run() as they are: the run's options need only say where.
      const run = this.newRun(names, nodes, where, nodes.mark());
      return finish(run, prepared, form, prepared.unit.source.length, vars);
    };
    return {
      get nodeCount() {
        return nodes.live;
      },
      pools: () => poolSummaries(nodes),
      render: (vars: Record<string, unknown> = {}) => renderAs(vars, asText(!prepared.mostlyStatic)),
      renderBytes: (vars: Record<string, unknown> = {}) => renderAs(vars, asBytes()),
      renderTo: (write: OutputWriter, vars: Record<string, unknown> = {}) => renderAs(vars, streamTo(write)),
      release: () => {
        released = true;
        nodes.releaseAll();
      },
    };
  }

  inspect(): RuntimeState {
    const pools = poolSummaries(this.nodes, this.vars, this.chunks);
    const stack = this.stack instanceof ValueStack ? this.stack.stats() : null;
    return {
      memory: this.memory,
      pools,
      stack: stack && { bytesPerSlot: stack.bytesPerSlot, bytes: stack.bytes },
      live: { nodes: this.nodes.live, variables: this.vars.live, temporaries: this.stack.size },
    };
  }

  dispose(): void {
    this.nodes.releaseAll();
    this.vars.releaseAll();
    this.stack.reset();
    if (this.chunks instanceof ChunkPool) this.chunks.clear();
  }
}

/**
 * Runs a document in `run` — a text, parsed for this run, or a compiled document with
 * `vars` — its output taken in `form`, and packs the result; the run's slots and output
 * chunks are released whatever happens. (What to run is passed as data, not as a closure:
 * a compiled document's render would make one every time.)
 */
function finish<R>(
  run: DocumentRun,
  document: DocumentText | PreparedDocument,
  form: OutputForm<R>,
  sourceLength: number,
  vars: Record<string, unknown> = {},
): R {
  const started = performance.now();
  try {
    run.output = form.open(run.chunks, run.limits.maxOutputBytes, sourceLength);
    try {
      if (typeof document === "string" || document instanceof Uint8Array) run.execute(document);
      else run.run(document, vars, true);
    } catch (e) {
      throw run.userError(e);
    }
    const info: RenderInfo = {
      stats: run.stats(started),
      dependencies: run.dependencyList(),
      nondeterminism: run.nondeterminism,
    };
    return form.end(info);
  } finally {
    run.release();
  }
}

/**
 * A document's text, read as every file is (see {@link readRegularBytes}): a regular file of
 * at most `maxReadBytes`. A file that cannot be read is an XmdError like any other problem.
 */
function readDocument(host: Host, path: string, limits: Limits): Uint8Array {
  try {
    return readRegularBytes(host, path, path, readCap(limits));
  } catch (e) {
    if (e instanceof RuntimeFault) throw new XmdError(e.code, e.message, path, 1, 1, "", e.hint);
    throw e;
  }
}
