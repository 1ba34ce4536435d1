/**
 * "Did you mean …?" for misspelt member and builtin names.
 * @module
 */

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/**
 * The candidate closest to `name` within `maxDistance` edits (case-insensitive match first),
 * or null. Ties go to the earlier candidate.
 */
export function closestName(name: string, candidates: Iterable<string>, maxDistance = 2): string | null {
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    const d = candidate.toLowerCase() === lower ? 0 : editDistance(name, candidate);
    // Very short names would match almost anything: require the distance to be less than the length.
    if (d < bestDistance && d < Math.max(name.length, 2)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `; did you mean 'upper'?` or the empty string. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const best = closestName(name, candidates);
  return best === null ? "" : `; did you mean '${best}'?`;
}
