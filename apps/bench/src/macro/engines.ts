/**
 * One adapter per engine: compile a workload's template once, then render data.
 * Every peer is configured to emit text as is (no HTML escaping), as markdown needs.
 * @module
 */
import type { createRuntime, MemoryMode } from "@xmd/runtime";
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

/** A compiled template: render it with its data. */
export type Render = () => string;

export interface Engine {
  id: EngineId;
  /** Compiles the template of `w` once; the result renders it (again and again). */
  compile(w: Workload): Render;
  /**
   * Parses and renders `w` once, the way a one-shot user would (XMD: `render`, which
   * reuses the runtime's pools instead of giving the tree stores of its own).
   * Engines without it compile and render.
   */
  once?(w: Workload): string;
  /** Releases what the engine holds (XMD: dispose the runtime). */
  dispose?(): void;
  /** XMD only: the runtime, for statistics. */
  runtime?: ReturnType<typeof createRuntime>;
}

/**
 * Makes an engine. Each engine's library is imported here, on demand, so that a cold
 * start (W6) loads that engine alone.
 */
export async function makeEngine(id: EngineId): Promise<Engine> {
  switch (id) {
    case "xmd-pooled":
    case "xmd-heap": {
      const { createRuntime } = await import("@xmd/runtime");
      const memory: MemoryMode = id === "xmd-pooled" ? "pooled" : "heap";
      const runtime = createRuntime({ memory, limits: { maxIterations: 100_000_000, timeoutMs: 600_000 } });
      return {
        id,
        runtime,
        compile: (w) => {
          const doc = runtime.compile(w.xmd.source, { lang: w.xmd.lang, vars: Object.keys(w.data) });
          return () => doc.render(w.data).output;
        },
        once: (w) => runtime.render(w.xmd.source, { lang: w.xmd.lang, vars: w.data }).output,
        dispose: () => runtime.dispose(),
      };
    }
    case "liquidjs": {
      const { Liquid } = await import("liquidjs");
      const liquid = new Liquid();
      return {
        id,
        compile: (w) => {
          const tpl = liquid.parse(w.liquid);
          return () => liquid.renderSync(tpl, w.data) as string;
        },
      };
    }
    case "nunjucks": {
      const { default: nunjucks } = await import("nunjucks");
      const env = new nunjucks.Environment(null, { autoescape: false });
      return {
        id,
        compile: (w) => {
          const tpl = nunjucks.compile(w.nunjucks, env);
          return () => tpl.render(w.data);
        },
      };
    }
    case "handlebars": {
      const { default: Handlebars } = await import("handlebars");
      const handlebars = Handlebars.create();
      handlebars.registerHelper("gt", (a: number, b: number) => a > b);
      handlebars.registerHelper("mul", (a: number, b: number) => a * b);
      return {
        id,
        compile: (w) => {
          const tpl = handlebars.compile(w.handlebars, { noEscape: true });
          return () => tpl(w.data);
        },
      };
    }
    case "eta": {
      const { Eta } = await import("eta");
      const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });
      return {
        id,
        compile: (w) => {
          const fn = eta.compile(w.eta);
          return () => eta.render(fn, w.data);
        },
      };
    }
    case "mustache": {
      const { default: Mustache } = await import("mustache");
      return {
        id,
        compile: (w) => {
          // Mustache caches parsed templates by their text; parse once here, then render.
          Mustache.parse(w.mustache);
          return () => Mustache.render(w.mustache, w.mustacheView, {}, { escape: (s: string) => s } as never);
        },
      };
    }
    case "baseline":
      return { id, compile: (w) => () => w.baseline(w.data) };
  }
}
