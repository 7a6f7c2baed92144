import type { Lexicon, Term } from "../lexicon.js";
import type {
  DateFact,
  DurationFact,
  FactStore,
  FigureFact,
  OrganisationFact,
  PersonFact,
  QuoteFact,
  ReasonFact,
  SentenceRecord,
  SpeakerFact,
} from "../store.js";
import { MATCHER_DEFAULTS } from "./config.js";

/** How much the sentences before a fact count, nearest first: the story's thread runs back a few sentences. */
const LEAD_WEIGHT = 0.4;
const BACK_WEIGHTS = [0.5, 0.3, 0.2];
const BACK_WEIGHTS_PRONOUN = [0.7, 0.4, 0.3, 0.2];
const PRONOUN_START = /^["“]?(?:they|he|she|it|this|these|those|we|their|his|her)\b/i;

/** Everything the matcher can answer with, each with the weighted words that find it. */
export type Entry =
  | {
      kind: "figure";
      fact: FigureFact;
      bag: Bag;
      headKeys: Set<string>;
      ownHeadKeys: Set<string>;
      /** Keys of the figure's own words (counts, predicate, clause), for qualifiers that exclude each other. */
      ownKeys: Set<string>;
      /** Keys of each qualifier word ("outpatient"), to tell list items apart. */
      qualifierKeys: string[][];
      /** Other figures of the same unit stand in its list. */
      hasSiblings: boolean;
      order: number;
    }
  | { kind: "quote"; fact: QuoteFact; speaker: SpeakerFact; bag: Bag; headKeys: Set<string>; order: number }
  | { kind: "person"; fact: PersonFact; bag: Bag; headKeys: Set<string>; order: number }
  | { kind: "organisation"; fact: OrganisationFact; bag: Bag; headKeys: Set<string>; order: number }
  | { kind: "date"; fact: DateFact; bag: Bag; headKeys: Set<string>; order: number }
  | { kind: "duration"; fact: DurationFact; bag: Bag; headKeys: Set<string>; order: number }
  | { kind: "reason"; fact: ReasonFact; bag: Bag; headKeys: Set<string>; order: number }
  | { kind: "sentence"; fact: SentenceRecord; bag: Bag; headKeys: Set<string>; order: number };

export type EntryKind = Entry["kind"];

/** Key (stem or synonym concept) -> best weight it carries for an entry. */
export type Bag = Map<string, number>;

export interface StoreIndex {
  entries: Entry[];
  sentenceById: Map<string, SentenceRecord>;
  sentenceOrder: Map<string, number>;
  figureById: Map<string, FigureFact>;
  speakerById: Map<string, SpeakerFact>;
  /** How many sentences each key appears in: rarer words weigh more. */
  documentFrequency: Map<string, number>;
  sentenceCount: number;
  /** Every word of the article and the lexicon, for typo correction. */
  vocabulary: Set<string>;
}

export function indexStore(store: FactStore, lexicon: Lexicon): StoreIndex {
  const w = MATCHER_DEFAULTS.weights;
  const story = store.sentences.filter((s) => !s.isCrossReference);
  const sentenceById = new Map(store.sentences.map((s) => [s.id, s]));
  const sentenceOrder = new Map(story.map((s, i) => [s.id, i]));
  const figureById = new Map(store.figures.map((f) => [f.id, f]));
  const speakerById = new Map(store.speakers.map((s) => [s.id, s]));
  const aliasText = aliasExpander(store);

  // "its members", "staff": in a strike story they are the strikers the figures count.
  const strikers = [
    ...new Set(
      store.figures
        .map((f) => f.head)
        .filter((h) => lexicon.workerStems.has(lexicon.terms(h)[0]?.stem ?? "")),
    ),
  ];
  const strikerKeys = strikers.flatMap((h) => lexicon.terms(h)[0]?.keys ?? []);
  // The same sentences are read for many facts: tokenise each once.
  const termCache = new Map<string, Term[]>();
  const termsOf = (text: string): Term[] => {
    let terms = termCache.get(text);
    if (!terms) {
      terms = lexicon.terms(aliasText(text));
      termCache.set(text, terms);
    }
    return terms;
  };
  const add = (bag: Bag, text: string, weight: number) => {
    for (const term of termsOf(text)) {
      for (const key of [...term.keys, ...term.parts]) if ((bag.get(key) ?? 0) < weight) bag.set(key, weight);
      if (lexicon.genericWorkerStems.has(term.stem)) {
        for (const key of strikerKeys) if ((bag.get(key) ?? 0) < weight / 2) bag.set(key, weight / 2);
      }
    }
  };
  const keysOf = (text: string) => new Set(lexicon.terms(text).flatMap((t) => t.keys));
  const neighbours = (sentenceId: string, bag: Bag) => {
    const at = sentenceOrder.get(sentenceId) ?? 0;
    const next = story[at + 1];
    // A sentence that opens with a pronoun ("They are asking for ...") is about the sentences before it.
    const pronounLed = PRONOUN_START.test(story[at]?.text ?? "");
    const decay = pronounLed ? BACK_WEIGHTS_PRONOUN : BACK_WEIGHTS;
    decay.forEach((weight, k) => {
      const before = story[at - 1 - k];
      if (before) add(bag, before.text, weight);
    });
    if (next) add(bag, next.text, w.nextSentence);
    // Words inside a quote are the speaker's: "we have made a fair offer" is the council's offer.
    const speaker = speakerOf.get(sentenceId);
    if (speaker) add(bag, speaker, w.sentence);
  };
  const sentenceText = (id: string) => sentenceById.get(id)?.text ?? "";
  const lead = story[0]?.text ?? "";
  const speakerOf = new Map<string, string>();
  for (const quote of store.quotes) {
    const speaker = speakerById.get(quote.speakerId);
    if (speaker)
      for (const id of quote.sentenceIds) speakerOf.set(id, `${speaker.name} ${speaker.keywords.join(" ")}`);
  }
  const order = (id: string) => sentenceOrder.get(id) ?? 0;

  const entries: Entry[] = [];
  const figureBags = new Map<string, Bag>();
  const figureEntries = new Map<string, { headKeys: Set<string> }>();
  for (const fact of store.figures) {
    // A rounded headline figure is answered by the precise figure it stands for.
    if (fact.roundsId) continue;
    const bag: Bag = new Map();
    neighbours(fact.sentenceId, bag);
    add(bag, sentenceText(fact.sentenceId), w.sentence);
    const parent = fact.parentId ? figureById.get(fact.parentId) : undefined;
    // A list item is a part of its parent: everything the parent's words say holds for it too.
    const parentBag = parent ? figureBags.get(parent.id) : undefined;
    for (const [key, weight] of parentBag ?? []) {
      if ((bag.get(key) ?? 0) < weight * w.parent) bag.set(key, weight * w.parent);
    }
    const rounded = fact.roundedById ? figureById.get(fact.roundedById) : undefined;
    if (rounded) add(bag, sentenceText(rounded.sentenceId), w.own);
    add(bag, `${fact.clause} ${fact.counts} ${fact.date?.text ?? ""} ${fact.places.join(" ")}`, w.own);
    // The head noun decides what a figure counts; the rounded headline's head names it too.
    figureBags.set(fact.id, bag);
    const ownHeadKeys = headKeysOf(fact, lexicon);
    const headKeys = new Set(ownHeadKeys);
    // (Not when the headline counts two things together: "2,600 lectures and seminars" are not all lectures.)
    if (rounded && !rounded.compound)
      for (const k of lexicon.terms(rounded.head)[0]?.keys ?? []) headKeys.add(k);
    // A list item that counts what its parent counts is named by everything that names the parent.
    const parentEntry = parent ? figureEntries.get(parent.id) : undefined;
    if (parentEntry && parent?.head === fact.head) for (const k of parentEntry.headKeys) headKeys.add(k);
    const ownKeys = new Set(
      lexicon
        .terms(`${fact.counts} ${fact.predicate ?? ""} ${fact.clause}`)
        .flatMap((t) => [...t.keys, ...t.parts]),
    );
    // What tells a list item from its parent: its qualifiers, or else the words of its own clause that
    // the parent's words lack ("receive care visits in their own homes").
    const qualifierWords = fact.qualifiers.length
      ? fact.qualifiers
      : parentBag
        ? lexicon
            .terms(fact.clause)
            .filter((t) => !lexicon.isLight(t) && !t.keys.some((k) => (parentBag.get(k) ?? 0) >= 0.9))
            .map((t) => t.word)
        : [];
    const qualifierKeys = qualifierWords
      .filter((w) => !lexicon.isStopword(w))
      .map((w) => lexicon.terms(w)[0]?.keys ?? [])
      .filter((keys) => keys.length > 0);
    const hasSiblings = store.figures.some(
      (g) => g !== fact && g.group === fact.group && g.unit === fact.unit,
    );
    figureEntries.set(fact.id, { headKeys });
    entries.push({
      kind: "figure",
      fact,
      bag,
      headKeys,
      ownHeadKeys,
      ownKeys,
      qualifierKeys,
      hasSiblings,
      order: order(fact.sentenceId),
    });
  }
  for (const fact of store.quotes) {
    const speaker = speakerById.get(fact.speakerId);
    if (!speaker) continue;
    const bag: Bag = new Map();
    add(bag, fact.context, w.sentence);
    add(bag, fact.text, w.own);
    const headKeys = keysOf(`${speaker.keywords.join(" ")} ${speaker.name}`);
    for (const key of headKeys) bag.set(key, w.own);
    entries.push({ kind: "quote", fact, speaker, bag, headKeys, order: order(fact.sentenceIds[0] ?? "") });
  }
  for (const fact of store.people) {
    const bag: Bag = new Map();
    add(bag, sentenceText(fact.sentenceId), w.sentence);
    const ownText = `${fact.aliases.join(" ")} ${fact.title ?? ""} ${fact.role ?? ""} ${fact.organisation ?? ""}`;
    add(bag, ownText, w.own);
    entries.push({
      kind: "person",
      fact,
      bag,
      headKeys: keysOf(fact.aliases.join(" ")),
      order: order(fact.sentenceId),
    });
  }
  for (const fact of store.organisations) {
    const bag: Bag = new Map();
    for (const s of story)
      if (s.text.includes(fact.name) || (fact.acronym && s.text.includes(fact.acronym)))
        add(bag, s.text, w.sentence);
    add(bag, `${fact.name} ${fact.acronym ?? ""} ${fact.kind}`, w.own);
    entries.push({
      kind: "organisation",
      fact,
      bag,
      headKeys: keysOf(`${fact.name} ${fact.acronym ?? ""}`),
      order: order(fact.sentenceId),
    });
  }
  for (const fact of store.dates) {
    const bag: Bag = new Map();
    // The story's opening names its main event: a date, length or reason is about it unless said otherwise.
    add(bag, lead, LEAD_WEIGHT);
    neighbours(fact.sentenceId, bag);
    add(bag, sentenceText(fact.sentenceId), w.sentence);
    add(bag, `${fact.clause} ${fact.text}`, w.own);
    entries.push({ kind: "date", fact, bag, headKeys: new Set(), order: order(fact.sentenceId) });
  }
  for (const fact of store.durations) {
    const bag: Bag = new Map();
    // The story's opening names its main event: a date, length or reason is about it unless said otherwise.
    add(bag, lead, LEAD_WEIGHT);
    neighbours(fact.sentenceId, bag);
    add(bag, sentenceText(fact.sentenceId), w.sentence);
    add(bag, `${fact.clause}`, w.own);
    entries.push({ kind: "duration", fact, bag, headKeys: new Set(), order: order(fact.sentenceId) });
  }
  for (const fact of store.reasons) {
    const bag: Bag = new Map();
    // The story's opening names its main event: a date, length or reason is about it unless said otherwise.
    add(bag, lead, LEAD_WEIGHT);
    neighbours(fact.sentenceId, bag);
    // A reason or demand is what its sentence is about: the whole sentence counts as its own words.
    add(bag, fact.clause, w.own);
    entries.push({ kind: "reason", fact, bag, headKeys: new Set(), order: order(fact.sentenceId) });
  }
  for (const fact of story) {
    const bag: Bag = new Map();
    neighbours(fact.id, bag);
    add(bag, fact.text, w.own);
    entries.push({ kind: "sentence", fact, bag, headKeys: new Set(), order: order(fact.id) });
  }

  const documentFrequency = new Map<string, number>();
  const vocabulary = new Set<string>();
  for (const s of story) {
    const keys = new Set<string>();
    for (const term of lexicon.terms(aliasText(s.text), true)) {
      for (const k of term.keys) keys.add(k);
      for (const word of term.word.split(/[\s-]+/))
        if (word.length >= 3 && !/\d/.test(word)) vocabulary.add(word);
      if (term.word.includes("-")) vocabulary.add(term.word);
    }
    for (const k of keys) documentFrequency.set(k, (documentFrequency.get(k) ?? 0) + 1);
  }
  for (const group of lexicon.data.synonyms)
    for (const phrase of group) for (const word of phrase.split(/\s+/)) vocabulary.add(word.toLowerCase());
  for (const word of [...lexicon.data.stopwords, ...lexicon.data.lightWords, ...lexicon.data.months])
    vocabulary.add(word);
  return {
    entries,
    sentenceById,
    sentenceOrder,
    figureById,
    speakerById,
    documentFrequency,
    sentenceCount: story.length,
    vocabulary,
  };
}

/**
 * Keys of the head noun, and of a phrase that holds it ("waiting list"): "bin lorries" count lorries,
 * not bins, and "pupils eligible for free school" count pupils, not schools.
 */
function headKeysOf(fact: FigureFact, lexicon: Lexicon): Set<string> {
  const head = lexicon.terms(fact.head)[0];
  const keys = new Set(head?.keys ?? []);
  if (!head) return keys;
  for (const term of lexicon.terms(fact.counts)) {
    if (term.length > 1 && term.parts.includes(head.stem)) for (const k of term.keys) keys.add(k);
  }
  return keys;
}

/** Adds an organisation's acronym wherever its name appears and the reverse, so "BMA" finds "British Medical Association". */
function aliasExpander(store: FactStore): (text: string) => string {
  const pairs = store.organisations.filter((o) => o.acronym).map((o) => [o.name, o.acronym!] as const);
  return (text) => {
    let extra = "";
    for (const [name, acronym] of pairs) {
      if (text.includes(name)) extra += ` ${acronym}`;
      else if (new RegExp(`\\b${acronym}\\b`).test(text)) extra += ` ${name}`;
    }
    return extra ? `${text} ${extra}` : text;
  };
}
