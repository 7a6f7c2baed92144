/**
 * Builds the candidate pool from an article: the layout gives lines and their frames, the NLP
 * library gives sentences and words (sentences.ts), the readers give quantities and dates
 * (figures.ts), and the entity finders give people, organisations, places and quotes (names.ts).
 */
import type { Lexicon } from "../lexicon.js";
import type { FactStore } from "../store.js";
import { entry } from "../text/collections.js";
import { key } from "../text/terms.js";
import { type DayState, describeFromFacts, markRounded, sentenceCandidates } from "./figures.js";
import { mentionCandidates, namedCandidates } from "./names.js";
import { type Paraphrases, relatedTable } from "./related.js";
import { markOtherPeriods, readSentences } from "./sentences.js";
import { type Candidate, POOL_VERSION, type Pool } from "./types.js";

export function buildPool(
  article: string,
  store: FactStore,
  lexicon: Lexicon,
  paraphrases: Paraphrases = {},
): Pool {
  const drafts = readSentences(article);
  const sentences = drafts.map((d) => d.sentence);
  const candidates: Candidate[] = [];
  const days: DayState = {};
  drafts.forEach((d, s) => {
    sentenceCandidates(d, s, days, candidates);
  });
  markOtherPeriods(sentences);
  markRounded(candidates);
  describeFromFacts(candidates, store, sentences);
  candidates.push(...namedCandidates(store, sentences));
  candidates.push(...mentionCandidates(drafts, store));
  // A word the article also writes in lower case is a common word, not a name ("Council", "Union").
  const common = new Set(
    drafts.flatMap((d) => d.read.tokens.filter((t) => /^\p{Ll}/u.test(t.text)).map((t) => key(t.lower))),
  );
  for (const sentence of sentences) sentence.names = sentence.names.filter((n) => !common.has(n));
  const df: Record<string, number> = {};
  for (const s of sentences) for (const t of new Set([...s.terms, ...s.names])) df[t] = (df[t] ?? 0) + 1;
  const words = new Map<string, Set<string>>();
  for (const d of drafts)
    for (const t of d.read.tokens) {
      for (const w of [t.lower, t.lemma]) {
        const k = key(w);
        if (!df[k]) continue;
        entry(words, k, () => new Set<string>()).add(w);
      }
    }
  return {
    version: POOL_VERSION,
    sentences,
    candidates,
    df,
    related: relatedTable(words, lexicon, paraphrases),
  };
}
