/**
 * W6 by hand: the fastest single-purpose renderer of W6's document we could write in plain
 * JavaScript, the floor the W6 in-process row is read against. It knows the document's
 * shape (`<!-- xmd:set name = value -->` lines at the top, then text with `{{ name }}`)
 * and nothing of XMD: no language, no limits, no errors beyond "this is not that shape".
 *
 * How it renders, and why this way: of the forms tried (a regular expression's `replace`,
 * `+=` of slices, slices joined with `Array.prototype.join`, the whole page encoded and
 * copied into one output array, a `Buffer` of the page copied with `Buffer.copy`), this
 * one was the fastest cold on the bench machine (the bench README gives the figures). It
 * finds `{{` with `indexOf` on the string, encodes the page 64 KiB at a time into one
 * window (`encodeInto`), copies text and values into a 1 MiB batch, and decodes each full
 * batch (`TextDecoder`); the decoded batches are joined with `+`. That is the shape of
 * XMD's own path for a large document, so the ratio between the two is what XMD's
 * language, limits and tree cost on this page.
 *
 * ASCII only (what W6 is): text offsets are then byte offsets. Anything else throws.
 * @module
 */

/** Bytes of the page encoded at a time. */
const WINDOW = 1 << 16;
/** Bytes of output decoded into one string at a time. */
const BATCH = 1 << 20;

/** A `<!-- xmd:set NAME = VALUE -->` line at `at`: a quoted text or a bare word. */
const SET_LINE = /<!-- xmd:set (\w+) = (?:"([^"\n]*)"|([^\s"]+)) -->\n/y;

/** Renders W6's document (see the module note). */
export function w6ByHand(source: string): string {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const values = new Map<string, Uint8Array>();
  let p = 0;
  for (;;) {
    SET_LINE.lastIndex = p;
    const m = SET_LINE.exec(source);
    if (m === null) break;
    values.set(m[1] as string, encoder.encode(m[2] ?? m[3]));
    p = SET_LINE.lastIndex;
  }

  const window = new Uint8Array(WINDOW);
  let windowStart = -1;
  let windowEnd = -1;
  const batch = new Uint8Array(BATCH);
  let filled = 0;
  let out = "";
  const flush = () => {
    out += decoder.decode(batch.subarray(0, filled));
    filled = 0;
  };
  /** Copies source[from, to) as bytes. */
  const copy = (from: number, to: number) => {
    while (from < to) {
      if (from < windowStart || from >= windowEnd) {
        const r = encoder.encodeInto(source.slice(from, from + WINDOW), window);
        if (r.read !== r.written) throw new Error("w6ByHand: ASCII documents only");
        windowStart = from;
        windowEnd = from + r.written;
      }
      const stop = Math.min(to, windowEnd, from + BATCH - filled);
      batch.set(window.subarray(from - windowStart, stop - windowStart), filled);
      filled += stop - from;
      from = stop;
      if (filled === BATCH) flush();
    }
  };
  for (let open = source.indexOf("{{", p); open !== -1; open = source.indexOf("{{", p)) {
    const close = source.indexOf("}}", open + 2);
    if (close === -1) break;
    copy(p, open);
    const name = source.slice(open + 2, close).trim();
    const value = values.get(name);
    if (value === undefined) throw new Error(`w6ByHand: {{ ${name} }} has no value`);
    if (filled + value.length > BATCH) flush();
    batch.set(value, filled);
    filled += value.length;
    p = close + 2;
  }
  copy(p, source.length);
  flush();
  return out;
}
