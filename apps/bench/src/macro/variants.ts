/**
 * Source variants for compile+render: the same template with a comment that is unique
 * per iteration and renders to nothing.
 *
 * Why: peers turn templates into JS with `new Function` (eta, handlebars, nunjucks) and
 * V8 caches compiled code by source text, and mustache caches parsed templates by text.
 * Timing "compile+render" on the same text again and again would time those caches, not
 * a compile. A different text each time makes every compile a real one.
 * @module
 */
import type { Workload } from "./workloads.js";

/**
 * `w` with a comment carrying `n` appended to every peer's template, in that engine's own
 * comment syntax; the output is unchanged. XMD's source is left as it is: the runtime
 * keeps no cache of sources or compiled code (each `render` lexes, parses and resolves),
 * and an appended XMD comment would add a code piece the original does not have.
 */
export function withUniqueComment(w: Workload, n: number): Workload {
  const tag = `variant ${n}`;
  return {
    ...w,
    liquid: `${w.liquid}{% comment %}${tag}{% endcomment %}`,
    nunjucks: `${w.nunjucks}{# ${tag} #}`,
    handlebars: `${w.handlebars}{{!-- ${tag} --}}`,
    eta: `${w.eta}<% /* ${tag} */ %>`,
    mustache: `${w.mustache}{{! ${tag} }}`,
  };
}
