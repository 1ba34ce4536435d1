/**
 * One adapter per engine: compile a workload's template once, then render data; or
 * compile and render in one go. Every peer is configured to emit text as is (no HTML
 * escaping), as markdown needs.
 * @module
 */
import type { MemoryMode, OutputWriter, PoolSummary, RunStats, Runtime } from "@xmd/runtime";
import type { Workload } from "./workloads.js";

export type EngineId =
  | "xmd-pooled"
  | "xmd-heap"
  | "liquidjs"
  | "nunjucks"
  | "handlebars"
  | "eta"
  | "mustache"
  | "baseline";
export const ENGINES: EngineId[] = [
  "xmd-pooled",
  "xmd-heap",
  "liquidjs",
  "nunjucks",
  "handlebars",
  "eta",
  "mustache",
  "baseline",
];
export const PEERS: EngineId[] = ["liquidjs", "nunjucks", "handlebars", "eta", "mustache"];

/** A template compiled once. */
export interface Compiled {
  /** Renders the template with its workload's data. */
  render(): string;
  /** Drops what the engine keeps for this template (XMD: frees the tree; mustache: its cache). */
  release(): void;
  /** XMD only: AST nodes alive in the compiled document's own store (0 once released). */
  liveNodes?(): number;
  /** XMD: the compiled tree's own pools, as they are now. */
  pools?(): PoolSummary[];
  /**
   * XMD only, the byte path: renders the template with its workload's data, handing the
   * output to `write` a UTF-8 chunk at a time (`CompiledDocument.renderTo`); returns the
   * render's stats.
   */
  renderTo?(write: OutputWriter): RunStats;
}

/** XMD's runtime and what its last render reported, for the pool figures. */
export interface XmdProbe {
  runtime: Runtime;
  /** Statistics of the most recent render through this engine (compiled or one-shot). */
  lastStats: RunStats | null;
}

export interface Engine {
  id: EngineId;
  /** Compiles the template of `w` once; the result renders it again and again. */
  compile(w: Workload): Compiled;
  /**
   * Compiles (or parses) and renders `w` once, the way a one-shot user would (XMD:
   * `runtime.render`, which reuses the runtime's pools instead of giving the tree a store
   * of its own).
   */
  once(w: Workload): string;
  /**
   * XMD only, the byte path of `once`: `runtime.renderTo`, the output handed to `write` a
   * UTF-8 chunk at a time; returns the render's stats.
   */
  onceTo?(w: Workload, write: OutputWriter): RunStats;
  /** Empties the engine's template caches (mustache's); called outside any timing. */
  clearCaches(): void;
  /** Releases what the engine holds (XMD: dispose the runtime). */
  dispose(): void;
  /** XMD only. */
  xmd?: XmdProbe;
}

/** An engine without caches or a one-shot path of its own: `once` compiles, renders, releases. */
function plain(id: EngineId, compile: (w: Workload) => Compiled): Engine {
  return {
    id,
    compile,
    once: (w) => {
      const c = compile(w);
      const out = c.render();
      c.release();
      return out;
    },
    clearCaches: () => {},
    dispose: () => {},
  };
}

const nothing = () => {};

/**
 * Makes an engine. Each engine's library is imported here, on demand, so that a cold
 * start (W7) loads that engine alone.
 */
export async function makeEngine(id: EngineId): Promise<Engine> {
  switch (id) {
    case "xmd-pooled":
    case "xmd-heap": {
      const { createRuntime } = await import("@xmd/runtime");
      const memory: MemoryMode = id === "xmd-pooled" ? "pooled" : "heap";
      const runtime = createRuntime({ memory, limits: { maxIterations: 100_000_000, timeoutMs: 600_000 } });
      const probe: XmdProbe = { runtime, lastStats: null };
      return {
        id,
        xmd: probe,
        compile: (w) => {
          const doc = runtime.compile(w.xmd.source, { lang: w.xmd.lang, vars: Object.keys(w.data) });
          return {
            render: () => {
              const r = doc.render(w.data);
              probe.lastStats = r.stats;
              return r.output;
            },
            release: () => doc.release(),
            liveNodes: () => doc.nodeCount,
            pools: () => doc.pools(),
            renderTo: (write) => {
              const { stats } = doc.renderTo(write, w.data);
              probe.lastStats = stats;
              return stats;
            },
          };
        },
        once: (w) => {
          const r = runtime.render(w.xmd.source, { lang: w.xmd.lang, vars: w.data });
          probe.lastStats = r.stats;
          return r.output;
        },
        onceTo: (w, write) => {
          const { stats } = runtime.renderTo(w.xmd.source, write, { lang: w.xmd.lang, vars: w.data });
          probe.lastStats = stats;
          return stats;
        },
        clearCaches: nothing,
        dispose: () => runtime.dispose(),
      };
    }
    case "liquidjs": {
      const { Liquid } = await import("liquidjs");
      const liquid = new Liquid(); // cache: false by default, so parse does not memoise
      return plain(id, (w) => {
        const tpl = liquid.parse(w.liquid);
        return { render: () => liquid.renderSync(tpl, w.data) as string, release: nothing };
      });
    }
    case "nunjucks": {
      const { default: nunjucks } = await import("nunjucks");
      const env = new nunjucks.Environment(null, { autoescape: false });
      return plain(id, (w) => {
        const tpl = nunjucks.compile(w.nunjucks, env);
        return { render: () => tpl.render(w.data), release: nothing };
      });
    }
    case "handlebars": {
      const { default: Handlebars } = await import("handlebars");
      const handlebars = Handlebars.create();
      handlebars.registerHelper("gt", (a: number, b: number) => a > b);
      handlebars.registerHelper("mul", (a: number, b: number) => a * b);
      return plain(id, (w) => {
        const tpl = handlebars.compile(w.handlebars, { noEscape: true });
        return { render: () => tpl(w.data), release: nothing };
      });
    }
    case "eta": {
      const { Eta } = await import("eta");
      const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });
      return plain(id, (w) => {
        const fn = eta.compile(w.eta);
        return { render: () => eta.render(fn, w.data), release: nothing };
      });
    }
    case "mustache": {
      const { default: Mustache } = await import("mustache");
      const options = { escape: (s: string) => s } as never;
      return {
        ...plain(id, (w) => {
          // Mustache caches parsed templates by their text: parse once here, render from the cache.
          Mustache.parse(w.mustache);
          return {
            render: () => Mustache.render(w.mustache, w.mustacheView(w.data), {}, options),
            release: () => Mustache.clearCache(),
          };
        }),
        // One-shot: parse (into the cache) and render; callers clear the cache between runs.
        once: (w) => Mustache.render(w.mustache, w.mustacheView(w.data), {}, options),
        clearCaches: () => Mustache.clearCache(),
      };
    }
    case "baseline":
      return plain(id, (w) => ({ render: () => w.baseline(w.data), release: nothing }));
  }
}
