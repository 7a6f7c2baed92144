import { stem, tokenize } from "./text/tokens.js";

/** The shape of data/lexicon.json. */
export interface LexiconData {
  synonyms: string[][];
  related: string[][];
  stopwords: string[];
  lightWords: string[];
  titles: string[];
  orgWords: string[];
  unionWords: string[];
  unionNames: string[];
  employerWords: string[];
  workerNouns: string[];
  months: string[];
  weekdays: string[];
  numberWords: Record<string, number>;
  scaleWords: Record<string, number>;
  approxWords: Record<string, string>;
  speechVerbs: string[];
  reasonMarkers: string[];
  demandMarkers: string[];
  sourceMarkers: string[];
  relativeDays: Record<string, number>;
  placePrepositions: string[];
  notPlaces: string[];
  /** Last words of street and building names ("Fenwick Lane"): never a person. */
  placeSuffixes: string[];
  /** Pairs of qualifiers that exclude each other: a question about one never gets a figure about the other. */
  contrasts: string[][];
  /** Words before a number that make it a label ("Year 11"), not a quantity. */
  labelWords: string[];
  /** Phrases that put a figure in another period ("last year"). */
  otherTimeMarkers: string[];
  /** Words that end what a figure counts ("a 3 per cent rise earlier this year"). */
  timeAdverbs: string[];
  /** Words that make an organisation a campaign or public body rather than the employer. */
  bodyWords: string[];
  /** Common verbs: a counted noun phrase ends before one ("nurses struck", "passengers use the line"). */
  verbs: string[];
  /** Adjectives that end in -ly ("elderly residents"): not adverbs that end a counted noun. */
  lyAdjectives: string[];
  /** Words that are verbs and nouns ("strike", "work"): a figure may count them ("strike days"). */
  nounVerbs: string[];
  /** Words of a sentence about the future ("due to resume"): only such dates answer "when will". */
  futureMarkers: string[];
  /** Words of a question about the future ("when will they strike again?"). */
  futureQuestion: string[];
  /** Synonym groups (by first word) whose nouns name an event ("postponements"): counted by the figure whose verb it is. */
  eventConcepts: string[];
  /** Nouns for people in general: "how many patients are on the waiting list" is counted by the list. */
  peopleNouns: string[];
  /** Chat shorthand and contractions, expanded before anything else ("r": "are"). */
  shorthand: Record<string, string>;
  /** Words for workers in general: "how many staff" is answered by a count of any group of workers. */
  genericWorkers: string[];
  /** Words that ask about money: only money figures answer them. */
  moneyWords: string[];
  /** Units a question may count ("how many hours"), by figure unit. */
  unitWords: Record<string, string>;
  /** What a title says about its holder ("Cllr": council). */
  titleImplies: Record<string, string[]>;
}

const NEGATING_PREFIXES = new Set(["non", "un", "anti", "dis", "in", "ir", "il", "im", "no"]);

/** A word of text with the keys it can be matched by: its stem and the synonym concepts it belongs to. */
export interface Term {
  word: string;
  stem: string;
  keys: string[];
  capitalised: boolean;
  /** Index of the first token this term covers. */
  index: number;
  /** How many tokens it covers (a phrase such as "called off" covers two). */
  length: number;
  /** The stems of a phrase's words: a fact about "junior doctors" is also about "doctors". */
  parts: string[];
}

interface Phrase {
  stems: string[];
  concepts: string[];
}

/** Curated, article-independent word knowledge, indexed for fast lookup. */
export class Lexicon {
  readonly stopwords: ReadonlySet<string>;
  readonly lightStems: ReadonlySet<string>;
  readonly titles: ReadonlySet<string>;
  readonly orgWords: ReadonlySet<string>;
  readonly workerStems: ReadonlySet<string>;
  readonly genericWorkerStems: ReadonlySet<string>;
  readonly monthIndex: ReadonlyMap<string, number>;
  private readonly phrases = new Map<string, Phrase[]>();
  private readonly related = new Map<string, string[]>();
  private readonly contrasts = new Map<string, string[]>();
  /** The synonym concept of "strike": every fact of a strike story is about it. */
  readonly strikeConcept: string;

  constructor(readonly data: LexiconData) {
    this.stopwords = new Set(data.stopwords);
    // Number words are quantities, handled by dates and durations, never a subject on their own.
    // Generic words for workers ("staff", "crews") are matched through the story's own worker nouns, so they
    // need not be found word for word.
    this.lightStems = new Set(
      [...data.lightWords, ...Object.keys(data.numberWords), ...data.genericWorkers].map(stemPhrase),
    );
    this.titles = new Set(data.titles);
    this.orgWords = new Set(data.orgWords);
    this.workerStems = new Set(data.workerNouns.map(stemPhrase));
    this.genericWorkerStems = new Set(data.genericWorkers.map(stemPhrase));
    this.monthIndex = new Map(
      data.months.flatMap((m, i) => [[m, i + 1] as const, [m.slice(0, 3), i + 1] as const]),
    );
    for (const group of data.synonyms) {
      const concept = `~${stemPhrase(group[0] ?? "")}`;
      for (const phrase of group) this.addPhrase(phrase, concept);
    }
    this.strikeConcept = this.conceptOf("strike");
    for (const pair of data.contrasts) {
      const keys = pair.map((p) => this.conceptOf(p));
      for (const key of keys)
        this.contrasts.set(
          key,
          keys.filter((k) => k !== key),
        );
    }
    for (const pair of data.related) {
      const keys = pair.map((p) => this.conceptOf(p));
      for (const key of keys)
        this.related.set(
          key,
          keys.filter((k) => k !== key),
        );
    }
  }

  private addPhrase(phrase: string, concept: string): void {
    const stems = tokenize(phrase).map((t) => t.stem);
    const first = stems[0];
    if (!first) return;
    const list = this.phrases.get(first) ?? [];
    const existing = list.find((p) => p.stems.join(" ") === stems.join(" "));
    if (existing) {
      if (!existing.concepts.includes(concept)) existing.concepts.push(concept);
    } else list.push({ stems, concepts: [concept] });
    list.sort((a, b) => b.stems.length - a.stems.length);
    this.phrases.set(first, list);
  }

  /** The concept key a word or phrase belongs to, or its stem when it is in no synonym group. */
  conceptOf(phrase: string): string {
    const terms = this.terms(phrase);
    return terms[0]?.keys.find((k) => k.startsWith("~")) ?? stemPhrase(phrase);
  }

  /** Keys weakly related to a key ("cancelled" ~ "rescheduled"). */
  relatedKeys(key: string): readonly string[] {
    return this.related.get(key) ?? [];
  }

  /** Stems that exclude this one ("partially" for "fully"). */
  contrastsOf(stem: string): readonly string[] {
    return this.contrasts.get(stem) ?? [];
  }

  isStopword(word: string): boolean {
    return this.stopwords.has(word);
  }

  /** Tokens grouped into terms, longest synonym phrase first; stopwords are kept out unless keepStopwords. */
  terms(text: string, keepStopwords = false): Term[] {
    const tokens = tokenize(text);
    const terms: Term[] = [];
    for (let i = 0; i < tokens.length; ) {
      const token = tokens[i]!;
      const phrase = this.matchPhrase(
        tokens.map((t) => t.stem),
        i,
      );
      if (phrase && phrase.stems.length > 1) {
        const words = tokens.slice(i, i + phrase.stems.length).map((t) => t.word);
        terms.push({
          word: words.join(" "),
          stem: phrase.stems.join(" "),
          keys: [phrase.stems.join(" "), ...phrase.concepts],
          capitalised: token.capitalised,
          index: i,
          length: phrase.stems.length,
          parts: tokens
            .slice(i, i + phrase.stems.length)
            .filter((t) => !this.stopwords.has(t.word))
            .flatMap((t) => [t.stem, ...(this.matchPhrase([t.stem], 0)?.concepts ?? [])]),
        });
        i += phrase.stems.length;
        continue;
      }
      if (keepStopwords || !this.stopwords.has(token.word)) {
        const keys = [token.stem, ...(phrase?.concepts ?? [])];
        // "four hours" is found by "4 hour" and the reverse.
        const number = this.data.numberWords[token.word];
        if (number !== undefined) keys.push(String(number));
        // Hyphenated words also match by their parts ("final-year" ~ "final year"), but a negated word
        // never by what it negates ("non-urgent" is not "urgent").
        const pieces = token.word.split("-");
        const parts =
          pieces.length > 1 && !NEGATING_PREFIXES.has(pieces[0] ?? "")
            ? pieces.filter((w) => w.length > 2 && !this.stopwords.has(w)).map((w) => stem(w))
            : [];
        terms.push({
          word: token.word,
          stem: token.stem,
          keys,
          capitalised: token.capitalised,
          index: i,
          length: 1,
          parts,
        });
      }
      i += 1;
    }
    return terms;
  }

  private matchPhrase(stems: string[], at: number): Phrase | undefined {
    const candidates = this.phrases.get(stems[at] ?? "");
    if (!candidates) return undefined;
    return candidates.find((p) => p.stems.every((s, k) => stems[at + k] === s));
  }

  /** Framing words ("number", "affected") and any way of saying "the strike", which every fact of a strike story is about. */
  isLight(term: Term): boolean {
    return (
      this.lightStems.has(term.stem) ||
      this.stopwords.has(term.word) ||
      term.keys.includes(this.strikeConcept)
    );
  }
}

export function stemPhrase(phrase: string): string {
  return tokenize(phrase)
    .map((t) => t.stem)
    .join(" ");
}

export { stem };
