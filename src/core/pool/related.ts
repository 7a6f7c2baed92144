/**
 * What a reader may say instead of the article's own words, worked out once per article: the
 * strike lexicon's synonym groups, WordNet's synonyms and derived forms (absent / absence,
 * close / closure) and word-vector neighbours. Vector neighbours get a low weight and are
 * marked, because they put siblings together (nurses / doctors), which must never fill a scope.
 */

import type { Lexicon } from "../lexicon.js";
import { entry } from "../text/collections.js";
import { key } from "../text/terms.js";

/** Curated and precomputed word knowledge, read from data/ at ingest only. */
export interface Paraphrases {
  /** Word → synonyms and derived forms (data/wordnet.json). */
  wordnet?: Record<string, string[]>;
  /** Word → nearest words by embedding, with cosine (data/neighbours.json). */
  neighbours?: Record<string, Array<[string, number]>>;
}

export const LINK = { lexicon: 0.9, wordnet: 0.75, vector: 0.45 } as const;

/**
 * For every word key a question may use, the article keys it can stand for and how strongly.
 * articleWords maps each article key to the surface words and lemmas it was made from.
 */
export function relatedTable(
  articleWords: Map<string, Set<string>>,
  lexicon: Lexicon,
  knowledge: Paraphrases = {},
): Record<string, Array<[string, number]>> {
  const table = new Map<string, Map<string, number>>();
  const link = (questionKey: string, articleKey: string, weight: number) => {
    if (!questionKey || questionKey === articleKey) return;
    const row = entry(table, questionKey, () => new Map<string, number>());
    if ((row.get(articleKey) ?? 0) < weight) row.set(articleKey, weight);
  };
  const phraseKey = (phrase: string) =>
    phrase
      .toLowerCase()
      .split(/[\s-]+/)
      .map(key)
      .join(" ");

  for (const group of lexicon.data.synonyms) {
    const keys = group.map(phraseKey);
    const present = keys.filter(
      (k) => articleWords.has(k) || (k.includes(" ") && k.split(" ").every((p) => articleWords.has(p))),
    );
    for (const q of keys) for (const a of present) link(q, a, LINK.lexicon);
  }
  const { wordnet, neighbours } = knowledge;
  for (const [articleKey, words] of articleWords) {
    for (const w of words) {
      for (const r of wordnet?.[w] ?? []) link(phraseKey(r), articleKey, LINK.wordnet);
      for (const [r, cos] of neighbours?.[w] ?? [])
        if (cos >= 0.6) link(key(r), articleKey, LINK.vector * cos);
    }
  }
  // Both directions for WordNet: "closure" in a question finds "closed", and "closed" finds "closure".
  if (wordnet) {
    const reverse = reverseIndex(wordnet);
    for (const [articleKey, words] of articleWords)
      for (const w of words)
        for (const q of reverse.get(w) ?? []) link(phraseKey(q), articleKey, LINK.wordnet);
  }
  const out: Record<string, Array<[string, number]>> = {};
  for (const [q, row] of table) out[q] = [...row].sort((a, b) => b[1] - a[1]).slice(0, 8);
  return out;
}

let reversed: { of: Record<string, string[]>; index: Map<string, string[]> } | undefined;

/** Word → the WordNet entries that list it, built once per table. */
function reverseIndex(wordnet: Record<string, string[]>): Map<string, string[]> {
  if (reversed?.of === wordnet) return reversed.index;
  const index = new Map<string, string[]>();
  for (const [q, rel] of Object.entries(wordnet))
    for (const r of rel) {
      entry(index, r, () => [] as string[]).push(q);
    }
  reversed = { of: wordnet, index };
  return index;
}
