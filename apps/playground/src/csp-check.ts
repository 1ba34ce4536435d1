/**
 * The page checks its own Content-Security-Policy: the runtime never evaluates strings
 * as code, so the page can forbid it, and says so. This module tries once, at load.
 * @module
 */

/** Whether evaluating a string as JavaScript is refused here (`eval` and `Function` both). */
export function stringCodeIsBlocked(): boolean {
  const tries = [
    // biome-ignore lint/security/noGlobalEval: the check is that the page's CSP refuses it.
    () => globalThis.eval("0"),
    () => new globalThis.Function("return 0")(),
  ];
  return tries.every((attempt) => {
    try {
      attempt();
      return false;
    } catch {
      return true;
    }
  });
}
