import type { Lexicon, Term } from "../lexicon.js";
import { MATCHER_DEFAULTS } from "./config.js";
import type { Bag, Entry, StoreIndex } from "./entries.js";
import type { ParsedQuestion } from "./question.js";

const SYNONYM_FACTOR = 0.9;
const PHRASE_HEAD_FACTOR = 0.8;

export interface Scored {
  entry: Entry;
  score: number;
  /** Every word that matters was found. */
  covered: boolean;
  /** The words that were not found. */
  missing: Term[];
  /** How much of the question's weight was found, ignoring the entry kind's own rules. */
  overlap: number;
}

export class Scorer {
  private readonly weights = new Map<string, number>();

  constructor(
    private readonly index: StoreIndex,
    private readonly lexicon: Lexicon,
  ) {}

  /** How much a question word weighs: rare words more, light words (number, affected...) little. */
  weightOf(term: Term): number {
    const cached = this.weights.get(term.stem);
    if (cached !== undefined) return cached;
    let weight: number = MATCHER_DEFAULTS.weights.lightTerm;
    if (!this.lexicon.isLight(term)) {
      const df = Math.max(...term.keys.map((k) => this.index.documentFrequency.get(k) ?? 0), 0);
      weight = 1 + 0.5 * (1 - Math.min(1, df / Math.max(1, this.index.sentenceCount)));
    }
    if (this.weights.size < 50_000) this.weights.set(term.stem, weight);
    return weight;
  }

  /** The weight a term reaches in a bag, through its stem, its synonyms or a weaker related concept. */
  matchIn(term: Term, bag: Bag): number {
    let best = 0;
    // A phrase ("pay rise") is also found, less surely, by its last word ("rise").
    // Not for time phrases: "last year" is not found by "year".
    const head =
      term.length > 1 &&
      !this.lexicon.isLight(term) &&
      !term.parts.slice(0, -1).some((p) => this.lexicon.lightStems.has(p))
        ? term.parts[term.parts.length - 1]
        : undefined;
    if (head) best = (bag.get(head) ?? 0) * PHRASE_HEAD_FACTOR;
    for (const key of term.keys) {
      // The words as typed beat a synonym of them.
      const direct = (bag.get(key) ?? 0) * (key === term.stem ? 1 : SYNONYM_FACTOR);
      if (direct > best) best = direct;
      for (const related of this.lexicon.relatedKeys(key)) {
        const weak = (bag.get(related) ?? 0) * MATCHER_DEFAULTS.weights.related;
        if (weak > best) best = weak;
      }
    }
    return best;
  }

  score(q: ParsedQuestion, entry: Entry, terms: Term[] = q.terms): Scored {
    let total = 0;
    let found = 0;
    const missing: Term[] = [];
    for (const term of terms) {
      const weight = this.weightOf(term);
      const m = this.matchIn(term, entry.bag);
      const light = this.lexicon.isLight(term);
      // Framing words ("how long", "number") help when found and cost nothing when not.
      if (light && m === 0) continue;
      total += weight;
      found += weight * m;
      if (m < MATCHER_DEFAULTS.termCoverage && !light) missing.push(term);
    }
    for (const term of q.optional) {
      const weight = this.weightOf(term) * MATCHER_DEFAULTS.weights.optionalTerm;
      total += weight;
      found += weight * this.matchIn(term, entry.bag);
    }
    const overlap = total > 0 ? found / total : 0;
    return { entry, score: overlap, covered: missing.length === 0, missing, overlap };
  }

  /** True when some key of the term is among the keys. */
  hits(term: Term, keys: ReadonlySet<string>): boolean {
    return term.keys.some((k) => keys.has(k));
  }
}

export function rank(scored: Scored[]): Scored[] {
  return scored.sort((a, b) => b.score - a.score || a.entry.order - b.entry.order);
}
