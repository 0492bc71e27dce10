/**
 * "Did you mean" support: Levenshtein edit distance and nearest-candidate ranking. Used for unknown
 * keys, unknown vary paths, unknown preset ids and unknown camera phrases, so every such error
 * names what the user most likely meant instead of guessing silently.
 */

/** Levenshtein distance between two strings (insert, delete, substitute each cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidates closest to `input`, best first. A candidate qualifies when its distance is at most
 * `maxRatio` of the longer string's length (so "motion_scor" finds "motion_score" but "zzz" finds nothing).
 */
export function closest(
  input: string,
  candidates: readonly string[],
  options: { limit?: number; maxRatio?: number } = {},
): string[] {
  const limit = options.limit ?? 3;
  const maxRatio = options.maxRatio ?? 0.5;
  const needle = input.toLowerCase();
  return [...new Set(candidates)]
    .map((candidate) => ({ candidate, distance: editDistance(needle, candidate.toLowerCase()) }))
    .filter(({ candidate, distance }) => distance <= Math.max(needle.length, candidate.length) * maxRatio)
    .sort((x, y) => x.distance - y.distance || x.candidate.localeCompare(y.candidate))
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** A hint sentence such as "did you mean `motion_score`?" or undefined when nothing is close. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const found = closest(input, candidates);
  if (found.length === 0) return undefined;
  return `did you mean ${found.map((c) => `\`${c}\``).join(' or ')}?`;
}
