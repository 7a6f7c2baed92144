import Fuse from "fuse.js";
import { MATCHER_DEFAULTS } from "./config.js";

/**
 * Typo tolerance: fuse.js proposes the nearest words of the article and lexicon, and a
 * Damerau-Levenshtein check keeps only real near-misses ("apointments", "inpatinet", "steven"),
 * never a word that merely contains the typed letters ("earn" is not "nearly").
 */
export class SpellingCorrector {
  private fuseIndex?: Fuse<string>;
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly vocabulary: ReadonlySet<string>,
    private readonly shortWords: ReadonlySet<string> = new Set(),
  ) {}

  /** Built on the first unknown word: most questions never need it, and start-up stays quick. */
  private get fuse(): Fuse<string> {
    this.fuseIndex ??= new Fuse([...this.vocabulary], {
      threshold: MATCHER_DEFAULTS.fuzzy.threshold,
      ignoreLocation: true,
      includeScore: true,
      minMatchCharLength: 3,
    });
    return this.fuseIndex;
  }

  knows(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** The word as typed when it is known, its correction when there is a close one, else undefined. */
  correct(word: string): string | undefined {
    if (this.vocabulary.has(word)) return word;
    if (/\d/.test(word)) return undefined;
    // Short words are too easily something else ("die" and "did" are one letter apart); shorthand handles "wer".
    if (word.length < MATCHER_DEFAULTS.fuzzy.minWordLength) return undefined;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const allowed = word.length <= 5 ? 1 : word.length <= 9 ? 2 : 3;
    let best: string | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const hit of this.fuse.search(word, { limit: 8 })) {
      const candidate = hit.item;
      if (Math.abs(candidate.length - word.length) > allowed) continue;
      // A typo keeps its first letter ("cost" is not "most"), and a longer word is not a typo of its own
      // beginning ("profit" is not "prof").
      if (candidate[0] !== word[0] || word.startsWith(candidate)) continue;
      // Never "correct" a content word into a stopword ("thin" is not "this").
      if (this.shortWords.has(candidate)) continue;
      const d = editDistance(word, candidate);
      if (d <= allowed && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, best ?? null);
    return best;
  }
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}
