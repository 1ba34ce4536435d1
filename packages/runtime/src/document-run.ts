/**
 * One render of a document: its run state (the module cache, the import stack, the
 * context its modules share, the counters its stats come from) and the module loading
 * the evaluator asks of it — parse, resolve, compile, run, and imports of every kind.
 * `runtime.ts` makes one per render and releases it when the render is done.
 * @module
 */
import type { InternMark } from "@xmd/intern";
import { ValueStack } from "@xmd/stack";
import { XmdError, type XmdErrorCode } from "./api/error.js";
import type { Host } from "./api/host.js";
import type { Limits, RenderOptions, RuntimeOptions } from "./api/options.js";
import type { DocumentText, Runtime } from "./api/runtime.js";
import type { RunStats } from "./api/stats.js";
import type { UnitCode } from "./compile/code.js";
import { StatementCompiler } from "./compile/statements.js";
import { buildProgram, type Program } from "./document/build.js";
import { decodeDocument } from "./document/document-text.js";
import { frontMatterVars } from "./document/front-matter-vars.js";
import { inOrder, problemError, problemErrors } from "./document/problem-errors.js";
import { undefinedNameWarnings } from "./document/undefined-names.js";
import type { EvalServices, ModuleLoader } from "./eval/eval-base.js";
import { ModuleInstance } from "./eval/functions.js";
import { Machine } from "./eval/machine.js";
import type { TempStack } from "./eval/temps.js";
import type { VariableStore } from "./eval/variables.js";
import type { HostContext } from "./host/context.js";
import { extensionOf } from "./host/extension.js";
import { loadDataFile, readText } from "./host/files.js";
import { isRegularFile, locateImport } from "./host/imports.js";
import type { ChunkSource } from "./output/chunk-pool.js";
import type { Output } from "./output/output.js";
import { GlobalNames, Resolver } from "./resolve/resolver.js";
import { RunContext, type RunState, realRoot } from "./run-context.js";
import { poolSummaries } from "./stores.js";
import { ReadClock } from "./syntax/clock.js";
import { InternedNames } from "./syntax/interned-names.js";
import { LineMap } from "./syntax/location.js";
import type { NameTable } from "./syntax/names.js";
import { ImportNode } from "./syntax/node-fields.js";
import { N, type NodeId, type NodeMark, type NodeStore } from "./syntax/nodes.js";
import { newParseUnit, type ParseUnit } from "./syntax/unit.js";
import { raiseHint, timeLimitMessage } from "./values/budget.js";
import type { Callable } from "./values/callable.js";
import { RuntimeFault } from "./values/fault.js";
import { isJsStackOverflow, resourceLimit } from "./values/resource-limit.js";

/** Extensions of documents that run as XMD modules. */
const MODULE_EXTENSIONS = [".xmd", ".xm", ".md"];
const DATA_EXTENSIONS = [".json", ".yaml", ".yml"];
/** What a bare import name (`import Tasks`) may be, in the order tried. */
const IMPORT_EXTENSIONS = [...MODULE_EXTENSIONS, ...DATA_EXTENSIONS];

/** The language of a path, from its extension. */
export function langOf(path: string | undefined): "md" | "xmd" {
  const ext = path ? extensionOf(path).toLowerCase() : "";
  return ext === ".xmd" || ext === ".xm" ? "xmd" : "md";
}

/** A parsed and resolved document, ready to run (once, or many times when compiled). */
export interface PreparedDocument {
  unit: ParseUnit;
  program: Program;
  /** The document compiled to closures, once for every render. */
  code: UnitCode;
  globals: GlobalNames;
  /** Global index of each variable declared at compile time, by name. */
  varIndex: Map<string, number>;
  /** The variables the document's front matter defines. */
  frontVars: Record<string, unknown>;
  crlf: boolean;
  /**
   * The table of the document's global variables (`ModuleInstance.globalVars`) its last
   * render used, kept for the next (null while a render has it): a compiled document's
   * renders reuse one table instead of growing a new one each time (W1, a thousand
   * variables: 7 KiB of JS heap per render).
   */
  spareGlobalVars: number[] | null;
  /**
   * Whether the document's last output was mostly static markdown: its next `render()`
   * then joins strings rather than going through chunks (see `output/render-forms.ts`).
   */
  mostlyStatic: boolean;
}

/** One render: the module cache, the import stack, the context shared by its modules. */
export class DocumentRun implements ModuleLoader, RunState {
  private readonly pathOps: Host["path"];
  /** Files the run read (made at the first: most runs read none). */
  private files: Set<string> | null = null;
  readonly nondeterminism = { exec: [] as string[], clock: false };
  /** Bytes written to files by the run, every module counted (`limits.maxWriteBytes`). */
  readonly written = { bytes: 0 };
  private readonly path: string;
  private resolvedRoot: string | null = null;
  private readonly lang: "md" | "xmd";
  /** Exports of the modules imported so far, by path (made at the first import: most runs import none). */
  private modules: Map<string, Record<string, unknown>> | null = null;
  private readonly loading: string[] = [];
  private machine: Machine | null = null;
  private parseMs = 0;
  /** What this run parsed; their piece buffers go back for reuse when it is done (unless kept, see {@link keep}). */
  private programs: Program[] = [];
  /** The document's table of global variables while this run has it (see `PreparedDocument.spareGlobalVars`). */
  private globalTable: { prepared: PreparedDocument; table: number[] } | null = null;
  /** Where the run's output goes (opened by the form of the render, see `render-forms.ts`). */
  output: Output | null = null;
  private readonly internMark: InternMark | null;
  /** When the time limit runs out; the evaluator and host work (exec) both stop there. */
  readonly deadline: number;
  /** Dry-run writes (see {@link RuntimeOptions.dryRun}), shared by every module of the run. */
  readonly overlay: Map<string, string | null> | null;
  /** Allocation counters when the run began; the stores count for their whole life. */
  private readonly countsAtStart: {
    nodes: number;
    strings: number;
    interned: number;
    vars: number;
    lookups: number;
  };

  constructor(
    /** The machine the run touches. */
    readonly host: Host,
    private readonly names: NameTable,
    private readonly nodes: NodeStore,
    private readonly stack: TempStack,
    private readonly vars: VariableStore,
    /** The runtime's output chunks, for the byte forms of a render. */
    readonly chunks: ChunkSource,
    readonly limits: Limits,
    private readonly services: EvalServices,
    private readonly options: RuntimeOptions,
    private readonly render: RenderOptions,
    /** Set when the store holds a compiled tree that must outlive this run. */
    private readonly nodeMark: NodeMark | null = null,
  ) {
    this.pathOps = host.path;
    this.path = render.path ? host.path.resolve(host.cwd(), render.path) : "<stdin>";
    this.lang = render.lang ?? langOf(render.path);
    this.deadline = Date.now() + limits.timeoutMs;
    this.overlay = options.dryRun ? new Map() : null;
    // Names interned by this document are dropped when it is done; keywords stay.
    this.internMark = names instanceof InternedNames ? names.interner.mark() : null;
    this.countsAtStart = {
      nodes: nodes.counts.nodes,
      strings: nodes.counts.strings,
      interned: nodes.counts.internedStrings,
      vars: vars.created,
      lookups: names.servedLookups,
    };
  }

  /** Files the run read, modules and data (see {@link RunState.dependencies}). */
  get dependencies(): Set<string> {
    this.files ??= new Set();
    return this.files;
  }

  /** The files the run read, in the order it read them. */
  dependencyList(): string[] {
    return this.files === null ? [] : [...this.files];
  }

  /** The root with symlinks resolved, computed on the first file access (most renders touch no file). */
  get root(): string {
    if (this.resolvedRoot === null) {
      const root = this.pathOps.resolve(this.host.cwd(), this.options.root ?? this.documentDir);
      this.resolvedRoot = realRoot(this.host, root);
    }
    return this.resolvedRoot;
  }

  /**
   * The last line of defence, for failures outside the evaluator (which locates its own):
   * a full pool while parsing, a string too long while splitting. Located at the start of
   * the document; anything else is left to be reported as an internal error.
   */
  userError(e: unknown): unknown {
    if (e instanceof XmdError) return e;
    const file = this.displayPath();
    if (e instanceof RuntimeFault) return new XmdError(e.code, e.message, file, 1, 1, "", e.hint);
    if (isJsStackOverflow(e)) {
      return new XmdError("limit", "call depth exceeded: the JavaScript stack ran out", file, 1, 1, "");
    }
    const limit = resourceLimit(e, this.limits.maxPoolSlots);
    return limit === null ? e : new XmdError("limit", limit.message, file, 1, 1, "", limit.hint);
  }

  private displayPath(): string {
    return this.render.path ?? "<stdin>";
  }

  /** The host context of a module in `dir`, or of the document itself when `dir` is null. */
  private context(dir: string | null): HostContext {
    return new RunContext(this, dir, this.options);
  }

  /** The folder the document's relative paths start from (stdin: the working folder). */
  get documentDir(): string {
    return this.path === "<stdin>" ? this.host.cwd() : this.pathOps.dirname(this.path);
  }

  /** Calls back into XMD for a builtin (`map`, `filter`, …). */
  callFunction(fn: Callable, args: unknown[]): unknown {
    return (this.machine as Machine).callFunction(fn, args);
  }

  /**
   * A unit for a document or module text. A leading byte order mark is not part of the
   * text (as in CommonMark): it is dropped here, where every document, module and part is
   * read, so it neither hides a leading fence nor reaches the output.
   */
  private newUnit(text: string, file: string, bytes: Uint8Array | null = null): ParseUnit {
    const bom = text.charCodeAt(0) === 0xfeff;
    const source = bom ? text.slice(1) : text;
    let unit: ParseUnit | null = null;
    const clock = new ReadClock(this.deadline, (at) => {
      const lines = unit?.lines ?? new LineMap(source);
      const { line, column } = lines.position(at);
      return new XmdError(
        "limit",
        `${timeLimitMessage(this.limits.timeoutMs)}, while it was being read`,
        file,
        line,
        column,
        lines.frame(at, at + 1),
        raiseHint("timeoutMs"),
      );
    });
    unit = newParseUnit(source, {
      file,
      nodes: this.nodes,
      names: this.names,
      maxDepth: this.limits.maxNestingDepth,
      clock,
      strict: this.options.strict === true,
      // The mark's three bytes go with it.
      ...(bytes !== null ? { bytes: bom ? bytes.subarray(3) : bytes } : {}),
    });
    return unit;
  }

  /** Parses a unit; throws the first syntax problem as an XmdError. */
  private parse(unit: ParseUnit, lang: "md" | "xmd", skip = 0): Program {
    const t0 = performance.now();
    const program = buildProgram(unit, lang, skip);
    this.parseMs += performance.now() - t0;
    this.programs.push(program);
    // The first in the text: the lexer reports a piece's problems before the parser does.
    const first = inOrder(unit.problems)[0];
    if (first !== undefined) throw problemError(unit, first);
    return program;
  }

  parseOnly(source: DocumentText): XmdError[] {
    const { text, bytes } = decodeDocument(source);
    const unit = this.newUnit(text, this.displayPath(), bytes);
    const program = buildProgram(unit, this.lang);
    if (unit.problems.length > 0) return problemErrors(unit);
    // Variables passed in and front matter keys are set before the first line.
    const globals = new GlobalNames();
    const front = this.lang === "md" ? frontMatterVars(unit, this).vars : {};
    for (const name of [...Object.keys(front), ...Object.keys(this.render.vars ?? {})])
      globals.declare(this.names.keyOfText(name));
    const undeclared: NodeId[] = [];
    new Resolver(unit, globals, (key) => this.isBuiltin(key), undeclared).resolveModule([program.root]);
    return [...problemErrors(unit), ...this.missingImports(unit), ...undefinedNameWarnings(unit, undeclared)];
  }

  /**
   * Imports whose path is written out (not computed) and does not lead to a file inside
   * the root: what a check can know without running the document.
   */
  private missingImports(unit: ParseUnit): XmdError[] {
    const nodes = this.nodes;
    const ctx = this.context(null);
    const errors: XmdError[] = [];
    for (const n of unit.imports) {
      const pathNode = ImportNode.path(nodes, n); // an ImportExpr keeps its path in the same place
      if (nodes.kind(pathNode) !== N.Str) continue; // computed: known only when it runs
      const path = nodes.str(pathNode);
      let code: XmdErrorCode = "file";
      let message: string | null = null;
      let hint: string | undefined;
      try {
        // `@import(path)` is looked for as a render looks for it (see atImportTarget); a bare
        // name of another import that finds no file throws, naming every file it tried.
        const found =
          nodes.kind(n) === N.Import && ImportNode.fromRootToo(nodes, n)
            ? atImportTarget(ctx, path) !== null
            : isRegularFile(ctx, locateImport(ctx, path, IMPORT_EXTENSIONS));
        if (!found) message = `cannot import "${path}": there is no such file`;
      } catch (e) {
        if (!(e instanceof RuntimeFault)) throw e;
        code = e.code;
        message = e.message;
        hint = e.hint;
      }
      if (message !== null) {
        const { line, column } = unit.lines.position(nodes.start(n));
        const frame = unit.lines.frame(nodes.start(n), nodes.end(n));
        errors.push(new XmdError(code, message, unit.file, line, column, frame, hint));
      }
    }
    return errors;
  }

  /** Parses and resolves without running (for {@link Runtime.parse}); throws on syntax errors. */
  parseAndResolve(source: DocumentText): void {
    const { text, bytes } = decodeDocument(source);
    const unit = this.newUnit(text, this.displayPath(), bytes);
    const program = this.parse(unit, this.lang);
    new Resolver(unit, new GlobalNames(), (key) => this.isBuiltin(key)).resolveModule([program.root]);
  }

  private isBuiltin(key: number | string): boolean {
    const name = this.names.textOf(key);
    return (
      name === "print" ||
      name === "exists" ||
      this.services.globals.has(name) ||
      this.services.namespaces.has(name)
    );
  }

  execute(source: DocumentText): void {
    const vars = this.render.vars ?? {};
    this.run(this.prepare(source, Object.keys(vars)), vars);
  }

  /**
   * Parses, resolves and compiles the document. `declared` are the names of the variables
   * renders will pass: declared before resolving, so that `set NAME` in a function assigns
   * them. `kept`: the document outlives this run (`compile()`), and so do its pieces.
   */
  prepare(source: DocumentText, declared: readonly string[], kept = false): PreparedDocument {
    const { text, bytes } = decodeDocument(source);
    const unit = this.newUnit(text, this.displayPath(), bytes);
    const front = this.lang === "md" ? frontMatterVars(unit, this) : { vars: {}, end: 0 };
    const program = this.parse(unit, this.lang, this.options.frontMatter === "strip" ? front.end : 0);
    if (kept) this.keep(program);
    const globals = new GlobalNames();
    const varIndex = new Map<string, number>();
    for (const name of [...Object.keys(front.vars), ...declared])
      if (!varIndex.has(name)) varIndex.set(name, globals.declare(this.names.keyOfText(name)));
    new Resolver(unit, globals, (key) => this.isBuiltin(key)).resolveModule([program.root]);
    const code = new StatementCompiler(unit, this.services.globals).module(program);
    return {
      unit,
      program,
      code,
      globals,
      varIndex,
      frontVars: front.vars,
      crlf: unit.source.includes("\r\n"),
      spareGlobalVars: null,
      mostlyStatic: false,
    };
  }

  /** Runs a prepared document with these variables; its output goes to {@link output}. */
  run(prepared: PreparedDocument, vars: Record<string, unknown>, shared = false): void {
    const { unit } = prepared;
    // A compiled document's names are shared by all its renders; in-place imports and
    // new variables must not add to them, so each render declares into its own layer.
    const globals = shared ? prepared.globals.layer() : prepared.globals;

    const machine = new Machine(
      this.nodes,
      this.names,
      this.stack,
      this.vars,
      this.limits,
      this.services,
      this,
      this.deadline,
      this.output,
    );
    this.machine = machine;
    if (prepared.crlf) machine.newline = "\r\n";
    const table = prepared.spareGlobalVars ?? [];
    prepared.spareGlobalVars = null;
    // A variable of the last render: unset here (its pool slot was released with that render).
    table.fill(-1);
    this.globalTable = { prepared, table };
    const module = new ModuleInstance(unit, prepared.code, globals, this.path, this.context(null), table);
    machine.module = module;
    // The front matter's variables, then those given from outside, which win.
    this.setVars(prepared, module, prepared.frontVars);
    this.setVars(prepared, module, vars);
    if (this.path !== "<stdin>") this.loading.push(this.path);
    // Errors are made the user's by runModule (located) and by finish(), which calls this.
    machine.runModule(module);
  }

  /** Sets the module's globals named in `given` to their values there. */
  private setVars(prepared: PreparedDocument, module: ModuleInstance, given: Record<string, unknown>): void {
    for (const name in given) {
      if (!Object.hasOwn(given, name)) continue;
      const index = prepared.varIndex.get(name) ?? module.globals.declare(this.names.keyOfText(name));
      let v = module.globalVars[index];
      if (v === undefined || v === -1) {
        v = this.vars.create();
        module.globalVars[index] = v;
      }
      this.vars.write(v, given[name]);
    }
  }

  private cycleCheck(abs: string): void {
    const at = this.loading.indexOf(abs);
    if (at !== -1) {
      const chain = [...this.loading.slice(at), abs].map((p) => relativeName(this.root, p)).join(" → ");
      throw new RuntimeFault(
        "import-cycle",
        `import cycle: ${chain}`,
        "break the cycle by moving shared code into a third file",
      );
    }
  }

  importValue(from: ModuleInstance, path: string): unknown {
    return this.valueOf(from, locateImport(from.ctx, path, IMPORT_EXTENSIONS));
  }

  importInPlace(from: ModuleInstance, path: string, machine: Machine, fromRootToo = false): void {
    if (!fromRootToo) {
      this.runInPlace(from, locateImport(from.ctx, path, IMPORT_EXTENSIONS), path, machine);
      return;
    }
    const abs = atImportTarget(from.ctx, path);
    if (abs === null)
      throw new RuntimeFault(
        "file",
        `cannot import "${path}": there is no such file in the document's folder or from the root`,
        "@import(path) is read from the document's folder, then from the root (--root), where the C tool read it from the folder it ran in",
      );
    this.runInPlace(from, abs, path, machine);
  }

  importText(from: ModuleInstance, path: string, machine: Machine): unknown {
    const abs = locateImport(from.ctx, path, IMPORT_EXTENSIONS);
    if (DATA_EXTENSIONS.includes(this.pathOps.extname(abs).toLowerCase())) return this.valueOf(from, abs);
    const mark = machine.outputMark();
    try {
      this.runInPlace(from, abs, path, machine);
    } catch (e) {
      machine.takeOutputSince(mark);
      throw e;
    }
    return machine.takeOutputSince(mark);
  }

  /** Data for a data file, the exports of a module (run once per document run). */
  private valueOf(from: ModuleInstance, abs: string): unknown {
    const ext = this.pathOps.extname(abs).toLowerCase();
    if (DATA_EXTENSIONS.includes(ext)) {
      this.dependencies.add(abs);
      return loadDataFile(from.ctx, abs);
    }
    const cached = this.modules?.get(abs);
    if (cached !== undefined) return cached;
    this.cycleCheck(abs);
    const source = readText(from.ctx, abs);
    this.dependencies.add(abs);
    const unit = this.newUnit(source, relativeName(this.root, abs));
    const program = this.parse(unit, langOf(abs));
    const globals = new GlobalNames();
    new Resolver(unit, globals, (key) => this.isBuiltin(key)).resolveModule([program.root]);
    const code = new StatementCompiler(unit, this.services.globals).module(program);
    const module = new ModuleInstance(unit, code, globals, abs, this.context(this.pathOps.dirname(abs)));
    const machine = this.machine as Machine;
    // A module's own output is not part of the document.
    const mark = machine.outputMark();
    this.loading.push(abs);
    try {
      machine.runModule(module);
    } finally {
      this.loading.pop();
      machine.takeOutputSince(mark);
    }
    this.modules ??= new Map();
    this.modules.set(abs, module.exports);
    return module.exports;
  }

  /** Runs the part at `abs` sharing `from`'s variables; its output goes where the machine's goes. */
  private runInPlace(from: ModuleInstance, abs: string, path: string, machine: Machine): void {
    const ext = this.pathOps.extname(abs).toLowerCase();
    if (!MODULE_EXTENSIONS.includes(ext)) {
      throw new RuntimeFault(
        "file",
        `only .md, .xmd and .xm files can be imported in place, not ${path}`,
        'use `set data import "file"` for data',
      );
    }
    this.cycleCheck(abs);
    const source = readText(from.ctx, abs);
    this.dependencies.add(abs);
    const unit = this.newUnit(source, relativeName(this.root, abs));
    const program = this.parse(unit, langOf(abs));
    // The part shares the caller's variables: same global names, same variable table.
    new Resolver(unit, from.globals, (key) => this.isBuiltin(key)).resolveModule([program.root]);
    const code = new StatementCompiler(unit, this.services.globals).module(program);
    const part = new ModuleInstance(
      unit,
      code,
      from.globals,
      abs,
      this.context(this.pathOps.dirname(abs)),
      from.globalVars,
    );
    this.loading.push(abs);
    try {
      machine.runModule(part);
    } finally {
      this.loading.pop();
    }
  }

  stats(started: number): RunStats {
    const nodes = this.nodes;
    const machine = this.machine;
    const pooled = nodes.pooled;
    // An expression's intermediate values are locals of the compiled closures: no requests.
    const temps = 0;
    const frameSlots = machine?.frameSlots ?? 0;
    const at = this.countsAtStart;
    const variables = this.vars.created - at.vars + frameSlots;
    const nameLookups = this.names.servedLookups - at.lookups;
    const other = machine?.heapValues ?? 0;
    const nodeCount = nodes.counts.nodes - at.nodes;
    const requested = {
      node: nodeCount,
      variable: variables,
      temporary: temps,
      string: nodes.counts.strings - at.strings + (pooled ? nameLookups : 0),
      other,
    };
    const served = pooled
      ? {
          node: nodeCount,
          variable: variables,
          temporary: temps,
          string: nodes.counts.internedStrings - at.interned + nameLookups,
          other: 0,
        }
      : { node: 0, variable: 0, temporary: 0, string: 0, other: 0 };
    const total =
      requested.node + requested.variable + requested.temporary + requested.string + requested.other;
    const servedTotal = served.node + served.variable + served.temporary + served.string;
    const pools = poolSummaries(nodes, this.vars, this.chunks);
    const stack = this.stack instanceof ValueStack ? this.stack.stats() : null;
    const runMs = performance.now() - started - this.parseMs;
    return {
      memory: pooled ? "pooled" : "heap",
      allocations: { requested, pooled: served, poolShare: total === 0 ? 0 : servedTotal / total },
      pools,
      intern: this.names.stats(),
      stack: stack && {
        highWater: stack.highWater,
        frames: stack.framesPushed,
        growths: stack.growths,
        bytesPerSlot: stack.bytesPerSlot,
        bytes: stack.bytes,
      },
      parseMs: this.parseMs,
      runMs: Math.max(0, runMs),
      outputBytes: this.output?.byteLength ?? 0,
    };
  }

  /**
   * Keeps `program` for later runs (a compiled document): {@link release} will not give its
   * pieces back, and they are cut to size before its text runs are compiled over them.
   */
  private keep(program: Program): void {
    program.pieces.trim();
    this.programs = this.programs.filter((p) => p !== program);
  }

  /** Returns every slot the run acquired. */
  release(): void {
    if (this.globalTable !== null) {
      const prepared = this.globalTable.prepared;
      // What this output was tells how the next render to a string should build its.
      if (this.output !== null) prepared.mostlyStatic = this.output.staticShare() > 0.5;
      prepared.spareGlobalVars = this.globalTable.table;
      this.globalTable = null;
    }
    for (const program of this.programs) program.pieces.release();
    this.programs = [];
    this.output?.release();
    if (this.nodeMark !== null) this.nodes.rollback(this.nodeMark);
    else this.nodes.releaseAll();
    this.vars.releaseAll();
    this.stack.reset();
    if (this.internMark !== null && this.names instanceof InternedNames) {
      this.names.interner.rollback(this.internMark);
    }
  }
}

function relativeName(root: string, abs: string): string {
  // The root `/` (a memory host's, or a disk's) ends with its separator already.
  const prefix = root.endsWith("/") ? root : `${root}/`;
  return abs.startsWith(prefix) ? abs.slice(prefix.length) : abs;
}

/**
 * The file the C tool's `@import(path)` names (see `ImportNode.fromRootToo`): beside the
 * document, else from the root; null when neither holds it. Renders and `check()` both
 * look for it here, so that they agree.
 */
function atImportTarget(ctx: HostContext, path: string): string | null {
  const beside = locateImportOrNull(ctx, path);
  return beside !== null || ctx.root === ctx.baseDir ? beside : locateImportOrNull(ctx, path, ctx.root);
}

/**
 * {@link locateImport} from `fromDir`, or null when the path names no regular file there
 * (an error of another kind, such as a path outside the root, is thrown).
 */
function locateImportOrNull(ctx: HostContext, path: string, fromDir: string = ctx.baseDir): string | null {
  try {
    const abs = locateImport(ctx, path, IMPORT_EXTENSIONS, fromDir);
    return isRegularFile(ctx, abs) ? abs : null;
  } catch (e) {
    if (e instanceof RuntimeFault && e.code === "file") return null;
    throw e;
  }
}
