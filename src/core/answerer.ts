import type { Answer, AnswerFact } from "./answer.js";
import { Composer, capitalise, nounAfter, speakerLine } from "./compose.js";
import { ConversationMemory, type ConversationState } from "./conversation.js";
import { addDays } from "./ingest/dates.js";
import { type Lexicon, stem, type Term } from "./lexicon.js";
import * as compute from "./match/compute.js";
import { MATCHER_DEFAULTS } from "./match/config.js";
import { type Entry, type EntryKind, indexStore, type StoreIndex } from "./match/entries.js";
import {
  type ParsedQuestion,
  type QuestionKind,
  QuestionParser,
  type QuestionPatterns,
} from "./match/question.js";
import { rank, type Scored, Scorer } from "./match/score.js";
import { SpellingCorrector } from "./match/spelling.js";
import { MESSAGES } from "./messages.js";
import type { DurationFact, FactStore, FigureFact, QuoteFact, SpeakerFact } from "./store.js";

type EntryOf<K extends EntryKind> = Extract<Entry, { kind: K }>;

/** How much each kind of fact is preferred for open "what/which/who" questions. */
const OPEN_PRIORS: Record<EntryKind, number> = {
  figure: 1,
  quote: 0.9,
  person: 1,
  organisation: 0.9,
  date: 0.85,
  duration: 0.85,
  reason: 0.9,
  sentence: 0.95,
};

/** A second sentence this close to the best one is shown too: together they usually answer better. */
const RUNNER_UP_MARGIN = 0.1;

/** Control and invisible format characters (zero-width, bidi overrides): folded to spaces. */
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/** The question-answering brain: parses, matches against the fact store, composes an Answer. */
export class Answerer {
  readonly index: StoreIndex;
  private readonly scorer: Scorer;
  private readonly parser: QuestionParser;
  private readonly composer: Composer;
  private readonly memory: ConversationMemory;
  /** Sentences that speak of an offer ("had offered a 4 per cent rise"). */
  private readonly offerSentences: Set<string>;
  private readonly peopleStems: Set<string>;
  /** The paragraph number up to which the story is still telling its main event. */
  private readonly leadParagraphs: number;
  /** Synonym concepts that name events ("postponements" ~ postponed). */
  private readonly eventKeys: Set<string>;
  /** Sentences inside verbatim quotes. */
  private readonly quotedSentences: Set<string>;
  private exampleCandidates: string[] = [];
  private checkedExamples?: string[];
  private checkingExamples = false;

  constructor(
    readonly store: FactStore,
    private readonly lexicon: Lexicon,
    patterns: QuestionPatterns,
    private readonly now: () => number = Date.now,
  ) {
    this.index = indexStore(store, lexicon);
    this.scorer = new Scorer(this.index, lexicon);
    this.parser = new QuestionParser(
      patterns,
      lexicon,
      new SpellingCorrector(this.index.vocabulary, lexicon.stopwords),
    );
    this.composer = new Composer(this.index);
    this.quotedSentences = new Set(
      store.quotes.filter((q) => q.verbatim && q.text.length > 40).flatMap((q) => q.sentenceIds),
    );
    const storyParagraphs = [
      ...new Set(store.sentences.filter((s) => !s.isCrossReference).map((s) => s.paragraph)),
    ];
    this.leadParagraphs = storyParagraphs[2] ?? storyParagraphs[storyParagraphs.length - 1] ?? 0;
    this.peopleStems = new Set(lexicon.data.peopleNouns.map((w) => lexicon.terms(w)[0]?.stem ?? w));
    this.eventKeys = new Set(lexicon.data.eventConcepts.map((w) => lexicon.conceptOf(w)));
    const offerKeys = new Set(lexicon.terms("offer").flatMap((t) => t.keys));
    this.offerSentences = new Set(
      store.sentences
        .filter((s) => lexicon.terms(s.text).some((t) => t.keys.some((k) => offerKeys.has(k))))
        .map((s) => s.id),
    );
    this.memory = new ConversationMemory(
      MATCHER_DEFAULTS.context.ttlMs,
      MATCHER_DEFAULTS.context.maxConversations,
    );
  }

  /** Example questions shown with help and unknown answers; the bot checks it can answer each. */
  setExampleCandidates(candidates: string[]): void {
    this.exampleCandidates = candidates;
    this.checkedExamples = undefined;
  }

  /**
   * The candidates the bot really answers, checked on first use rather than at start-up. While they
   * are being checked (the check asks questions, which may want suggestions) the list is empty.
   */
  private get examples(): string[] {
    if (this.checkedExamples) return this.checkedExamples;
    if (this.checkingExamples) return [];
    this.checkingExamples = true;
    try {
      this.checkedExamples = this.exampleCandidates.filter(
        (q) => this.ask(q, `\u0000examples:${q}`).status === "answered",
      );
    } finally {
      this.checkingExamples = false;
    }
    return this.checkedExamples;
  }

  /**
   * What the reading engine leaves to this class: empty and over-long input, greetings and help,
   * the headline figures, the list of quotes and the summary. Undefined for a question about the story.
   */
  route(input: string): Answer | undefined {
    const text = sanitize(input);
    if (!text || text.length > MATCHER_DEFAULTS.maxQuestionLength) return this.ask(input, "\u0000route");
    const kind = this.parser.parse(text).kind;
    if (kind === "help" || kind === "stats" || kind === "quotes-list")
      return this.dispatch(this.parser.parse(text), undefined).answer;
    return undefined;
  }

  ask(input: string, conversationId = "default"): Answer {
    const text = sanitize(input);
    if (!text)
      return this.composer.answer("help", "empty", MESSAGES.empty, { suggestions: this.suggestions() });
    if (text.length > MATCHER_DEFAULTS.maxQuestionLength) {
      return this.composer.answer(
        "unknown",
        "too-long",
        MESSAGES.tooLong(MATCHER_DEFAULTS.maxQuestionLength),
        {
          suggestions: this.suggestions(),
        },
      );
    }
    const now = this.now();
    const context = this.memory.get(conversationId, now);
    const q = this.parser.parse(text);
    this.resolveFollowUp(q, context);
    const result = this.dispatch(q, context);
    const state: ConversationState = {
      question: q,
      quotesGiven: context?.quotesGiven ?? [],
      at: now,
    };
    if (context?.speakerId) state.speakerId = context.speakerId;
    if (context?.personId) state.personId = context.personId;
    if (result.entry) {
      state.entry = result.entry;
      this.rememberSubject(state, result.entry);
    } else if (context?.entry && result.answer.status !== "answered") state.entry = context.entry;
    if (result.answer.status === "answered" || !context) this.memory.set(conversationId, state);
    return result.answer;
  }

  private rememberSubject(state: ConversationState, entry: Entry): void {
    if (entry.kind === "quote") {
      state.speakerId = entry.speaker.id;
      state.quotesGiven = [...state.quotesGiven.filter((id) => id !== entry.fact.id), entry.fact.id];
      state.personId = entry.speaker.personIds[0];
    } else if (entry.kind === "person") {
      state.personId = entry.fact.id;
      state.speakerId = this.store.speakers.find((s) => s.personIds.includes(entry.fact.id))?.id;
    }
  }

  /** Pronouns take the last subject; short or "and ...?" messages continue the last question. */
  private resolveFollowUp(q: ParsedQuestion, context: ConversationState | undefined): void {
    if (!context) return;
    if (q.personPronoun) {
      const speaker = context.speakerId ? this.index.speakerById.get(context.speakerId) : undefined;
      const person = this.store.people.find((p) => p.id === (context.personId ?? speaker?.personIds[0]));
      const name = person?.name ?? speaker?.name;
      if (name) q.terms.push(...this.lexicon.terms(name));
    }
    const weakKind: QuestionKind[] = ["keyword", "what", "open", "yes-no"];
    const contentTerms = q.terms.filter((t) => !this.lexicon.isLight(t));
    const elliptical =
      q.isFollowUp || (weakKind.includes(q.kind) && contentTerms.length <= 1 && q.unknownWords.length === 0);
    // "why?", "and when?": nothing but a question word continues the last question too.
    const bare = contentTerms.length === 0 && q.unknownWords.length === 0;
    if (!elliptical && !bare && !q.groupPronoun && !q.personPronoun) return;
    const previous = context.question;
    const have = new Set(q.terms.map((t) => t.stem));
    q.optional = [...previous.terms, ...previous.optional].filter((t) => !have.has(t.stem));
    if (!elliptical) return;
    q.isFollowUp = true;
    if (weakKind.includes(q.kind)) q.kind = previous.kind;
    // "and outpatient?" names a qualifier, not what is counted: stay near the last fact instead.
    q.countNoun = [];
    if (context.entry) q.near = context.entry;
    const relative = Object.entries(this.lexicon.data.relativeDays).find(([phrase]) =>
      q.text.includes(phrase),
    );
    const lastFigure = context.entry?.kind === "figure" ? context.entry.fact : undefined;
    if (relative && lastFigure?.date?.month && lastFigure.date.day) {
      const d = addDays({ month: lastFigure.date.month, day: lastFigure.date.day }, relative[1]);
      q.date = { month: d.month, day: d.day, text: relative[0] };
      const phrase = new Set(this.lexicon.terms(relative[0]).map((t) => t.stem));
      q.terms = q.terms.filter((t) => !phrase.has(t.stem));
    }
    if (!q.date && previous.date && !relative) q.date = previous.date;
    // "and on the 19th?": the month of the last question.
    if (q.date && !q.date.month && previous.date?.month) q.date = { ...q.date, month: previous.date.month };
  }

  private dispatch(
    q: ParsedQuestion,
    context: ConversationState | undefined,
  ): { answer: Answer; entry?: Entry } {
    switch (q.kind) {
      case "help":
        return { answer: this.help() };
      case "stats":
        return { answer: this.stats() };
      case "quotes-list":
        return { answer: this.quotes() };
      case "summary":
        return this.open(q);
      case "quote-more":
        return this.nextQuote(context);
      case "quote":
      case "who-said":
        return this.quote(q);
      case "who-is":
        return this.whoIs(q);
      case "which-org":
        return this.whichOrganisation(q);
      case "source":
        return this.best(q, ["reason"], (e) => e.kind !== "reason" || e.fact.kind === "source", true);
      case "why": {
        // "Why are they striking?" names nothing but the strike: the article's stated reason, else its demand.
        if (q.terms.every((t) => this.lexicon.isLight(t)) && q.optional.length === 0) {
          const reasons = this.index.entries.filter((e): e is EntryOf<"reason"> => e.kind === "reason");
          const first =
            reasons.find((e) => e.fact.kind === "reason") ?? reasons.find((e) => e.fact.kind === "demand");
          if (first)
            return {
              answer: this.answerWith(
                { entry: first, score: 0.8, covered: true, missing: [], overlap: 0.8 },
                [],
              ),
              entry: first,
            };
        }
        return this.best(q, ["reason"], (e) => e.kind !== "reason" || e.fact.kind !== "source", true);
      }
      case "demand":
        return this.best(
          q,
          ["reason", "figure"],
          (e) => e.kind !== "reason" || e.fact.kind === "demand",
          true,
        );
      case "offer":
        {
          // "What pay rise was offered": the pay, the rise and the offer frame the question.
          const framing = new Set(this.lexicon.terms("pay rise offer increase").flatMap((t) => t.keys));
          q.terms = q.terms.filter((t) => !t.keys.some((k) => framing.has(k)));
          if (q.terms.length === 0) {
            // Nothing but the frame: the article's first offer is the answer.
            const first = this.index.entries.find((e) => this.isOfferFigure(e));
            if (first)
              return {
                answer: this.answerWith(
                  { entry: first, score: 0.8, covered: true, missing: [], overlap: 0.8 },
                  [],
                ),
                entry: first,
              };
          }
        }
        // An offer is answered by a figure said in the same breath as the offer.
        return this.best(q, ["figure"], (e) => this.isOfferFigure(e), true);
      case "when":
        return this.when(q);
      case "how-long":
        return this.howLong(q);
      case "difference":
      case "ratio":
        return this.twoFigures(q);
      case "percent":
        return this.percent(q);
      case "sum":
        return this.sum(q);
      case "average":
        return this.average(q);
      case "count":
        return this.best(q, ["figure"], () => true, false);
      case "describe": {
        // "How thin was staffing?": the adjective frames the question; the subject is what follows.
        const framing = q.text.match(/^how (\w+) (?:is|are|was|were)\b/)?.[1];
        if (framing) q.terms = q.terms.filter((t) => t.word !== framing);
        return this.best(q, ["sentence", "quote"], () => true, false);
      }
      case "who":
        return this.best(q, ["person", "organisation", "quote", "sentence"], () => true, false);
      case "open":
        return this.open(q);
      case "yes-no":
        // A yes/no question is settled by a sentence of the article.
        return this.best(q, ["sentence", "figure"], () => true, false);
      default:
        // A question about money is answered by a money figure or not at all.
        if (q.asksMoney) return this.best(q, ["figure"], () => true, false);
        return (
          this.entityNamed(q) ??
          this.best(
            q,
            ["figure", "quote", "person", "organisation", "date", "duration", "reason", "sentence"],
            () => true,
            false,
          )
        );
    }
  }

  // ---- scoring and choosing -------------------------------------------------------------

  private candidates(q: ParsedQuestion, kinds: EntryKind[], accept: (e: Entry) => boolean): Scored[] {
    const out: Scored[] = [];
    for (const entry of this.index.entries) {
      if (!kinds.includes(entry.kind) || !accept(entry)) continue;
      const scored = this.scorer.score(q, entry);
      if (!this.fits(q, entry)) scored.covered = false;
      // With a short list of kinds the first is what the question asks for ("what are they asking for": a demand).
      const prior = kinds.length > 2 ? OPEN_PRIORS[entry.kind] : entry.kind === kinds[0] ? 1.1 : 1;
      scored.score = scored.score * prior + this.bonus(q, entry);
      out.push(scored);
    }
    return rank(out);
  }

  /** Rules a fact must meet beyond its words: what a count counts, its date and its place. */
  private fits(q: ParsedQuestion, entry: Entry): boolean {
    if (entry.kind !== "figure") return true;
    const f = entry.fact;
    // "operations and appointments" names two heads; a figure must fit one, and a figure that counts two
    // things together ("1,390 operations and appointments") answers only a question that names both.
    const heads = countHeads(q.countNoun).filter(
      (h) => !this.lexicon.isLight(h) || this.lexicon.genericWorkerStems.has(h.stem),
    );
    if (heads.length && !heads.some((h) => this.headFits(h, entry, q))) return false;
    if (f.compound && heads.length === 1 && heads[0] && this.scorer.hits(heads[0], entry.headKeys))
      return false;
    // (A demand or an offer may be money or a percentage: "what are they demanding on overtime money?")
    if (q.asksMoney && f.unit !== "money" && q.kind !== "demand" && q.kind !== "offer") return false;
    if (q.ordinalDay && !f.date?.day) return false;
    if (q.date) {
      if (f.date?.month && q.date.month && f.date.month !== q.date.month) return false;
      if (q.date.day && f.date?.day !== q.date.day) return false;
    }
    const placesAsked = q.places ?? this.placesIn(q);
    if (
      placesAsked.length &&
      !placesAsked.some((p) => f.places.some((fp) => fp === p || fp.startsWith(`${p} `)))
    )
      return false;
    if (
      q.kind === "count" &&
      f.unit === "percent" &&
      /\bhow many\b/.test(q.text) &&
      !/\b(percent|per cent|%)\b/.test(q.text)
    )
      return false;
    // "fully closed" never gets the "partially closed" figure.
    const own = entry.ownKeys;
    const askedKeys = new Set(q.terms.flatMap((t) => t.keys));
    for (const t of [...q.terms, ...q.countNoun]) {
      // "inpatient and outpatient" asks about both sides: neither rules the other out.
      const excluded = t.keys.some((k) =>
        this.lexicon.contrastsOf(k).some((c) => own.has(c) && !askedKeys.has(c)),
      );
      if (excluded && !t.keys.some((k) => own.has(k))) return false;
    }
    return true;
  }

  /** The main strike is told first: a date or length from the opening paragraphs is about it. */
  private earlyBonus(entry: Entry): number {
    if (entry.kind !== "date" && entry.kind !== "duration") return 0;
    const paragraph = this.index.sentenceById.get(entry.fact.sentenceId)?.paragraph ?? 99;
    return paragraph <= this.leadParagraphs ? 0.1 : 0;
  }

  /** A fact from another period ("last year, 19 schools") answers only when that period is asked. */
  private otherPeriodPenalty(q: ParsedQuestion, text: string): number {
    const lower = text.toLowerCase();
    const marker = this.lexicon.data.otherTimeMarkers.find((m) => lower.includes(m));
    return marker && !q.text.includes(marker) ? -0.1 : 0;
  }

  /** What a count asks about is what the figure counts; "staff" is any workers; "hours" is a unit. */
  private headFits(head: Term, entry: EntryOf<"figure">, q?: ParsedQuestion): boolean {
    if (this.scorer.hits(head, entry.headKeys)) return true;
    // "How many patients are on the waiting list?": people counted by the list the question names.
    if (
      q &&
      this.peopleStems.has(head.stem) &&
      q.terms.some((t) => t !== head && !this.lexicon.isLight(t) && this.scorer.hits(t, entry.headKeys))
    )
      return true;
    // "postponements", "cancellations": an event, counted by the figure whose verb it is.
    if (head.keys.some((k) => this.eventKeys.has(k) && entry.ownKeys.has(k))) return true;
    const unit = this.lexicon.data.unitWords[head.word];
    if (unit) return entry.fact.unit === unit;
    if (this.lexicon.genericWorkerStems.has(head.stem))
      return [...entry.headKeys].some((k) => this.lexicon.workerStems.has(k));
    // "How many paramedics has it lost?" is answered by "45 experienced staff": the story's workers.
    if (this.lexicon.workerStems.has(head.stem) && this.lexicon.genericWorkerStems.has(stem(entry.fact.head)))
      return true;
    return false;
  }

  /** The article's places a question names, worked out once per question. */
  private placesIn(q: ParsedQuestion): string[] {
    const known = this.store.places.filter((p) => q.terms.some((t) => t.word === p.toLowerCase()));
    // "across England", "in Manchester": a place the question names after a preposition, even one the
    // article only mentions inside a name ("NHS England"), must be where the figure is.
    const preps = this.lexicon.data.placePrepositions.filter((p) => p !== "from").join("|");
    const named = [
      ...q.raw.matchAll(
        new RegExp(
          `\\b(?:${preps})\\s+(?:the\\s+whole\\s+of\\s+)?(\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}\\p{Ll}+)?)`,
          "gu",
        ),
      ),
    ]
      .map((m) => m[1]!)
      .filter(
        (p) =>
          !this.lexicon.monthIndex.has(p.toLowerCase()) &&
          !this.lexicon.data.notPlaces.includes(p.toLowerCase()),
      )
      .filter((p) => !this.store.organisations.some((o) => o.name === p));
    q.places = [...new Set([...known, ...named])];
    return q.places;
  }

  private bonus(q: ParsedQuestion, entry: Entry): number {
    if (entry.kind === "duration" || entry.kind === "reason" || entry.kind === "sentence") {
      const id = entry.kind === "sentence" ? entry.fact.id : entry.fact.sentenceId;
      // A demand says why, less directly than a stated reason.
      const demand = entry.kind === "reason" && entry.fact.kind === "demand" && q.kind === "why" ? -0.1 : 0;
      return (
        demand +
        this.earlyBonus(entry) +
        this.otherPeriodPenalty(q, this.index.sentenceById.get(id)?.text ?? "")
      );
    }
    if (entry.kind === "date") {
      // The strike's span ("June 2 to 6") answers "when" better than one day inside it.
      const span = entry.fact.end ? 0.15 : 0;
      return (
        span +
        this.earlyBonus(entry) +
        this.otherPeriodPenalty(q, this.index.sentenceById.get(entry.fact.sentenceId)?.text ?? "")
      );
    }
    if (entry.kind !== "figure") return 0;
    const f = entry.fact;
    let bonus = 0;
    if (f.approx) bonus -= 0.02;
    if (f.roundsId) bonus -= 0.05;
    if (!q.date && f.date?.day) bonus -= 0.08;
    if (q.date?.day && f.date?.day === q.date.day) bonus += 0.1;
    // "on the first day" / "the second day": the earliest or latest dated figure of its list.
    const ordinal = q.text.match(/\b(first|opening|second|last|final) day\b/)?.[1];
    if (ordinal && f.date?.day) {
      const dated = this.store.figures
        .filter((g) => g.group === f.group && g.date?.day)
        .map((g) => g.date!.day!);
      const wanted = ordinal === "first" || ordinal === "opening" ? Math.min(...dated) : Math.max(...dated);
      if (f.date.day === wanted) bonus += 0.15;
    }
    if (f.isTotal) bonus += 0.03;
    if (f.roundedById) bonus += 0.03;
    // A number inside a quote ("one carer for 20 residents") is colour; the reported figures are the facts.
    if (this.quotedSentences.has(f.sentenceId)) bonus -= 0.05;
    // A list item whose own qualifier ("recycling", "outpatient") was not asked about is not the one meant.
    // ... and one whose qualifier was asked about ("security staff") is the one meant.
    if (entry.hasSiblings && entry.qualifierKeys.length) {
      const asked = new Set([...q.terms, ...q.optional].flatMap((t) => [...t.keys, ...t.parts]));
      bonus += entry.qualifierKeys.some((keys) => keys.some((k) => asked.has(k))) ? 0.1 : -0.06;
    }
    bonus += this.otherPeriodPenalty(q, f.clause);
    const near = q.near?.kind === "figure" ? q.near.fact : undefined;
    if (
      near &&
      near !== f &&
      (near.group === f.group || near.parentId === f.parentId || near.head === f.head)
    )
      bonus += 0.1;
    if (near === f) bonus -= 0.1;
    // The figure's own noun named, not only its rounded headline's.
    if (
      q.terms.some(
        (t) =>
          !this.lexicon.isLight(t) &&
          !this.lexicon.genericWorkerStems.has(t.stem) &&
          this.scorer.hits(t, entry.ownHeadKeys),
      )
    )
      bonus += 0.1;
    return bonus;
  }

  /** The best fact of the preferred kinds; falls back to sentences when allowed; else "doesn't say". */
  private best(
    q: ParsedQuestion,
    kinds: EntryKind[],
    accept: (e: Entry) => boolean,
    sentenceFallback: boolean,
  ): { answer: Answer; entry?: Entry } {
    const ranked = this.candidates(q, kinds, accept).filter((s) => s.covered);
    const top = ranked[0];
    if (top && top.score >= MATCHER_DEFAULTS.answerCutoff) {
      const clarify = this.clarification(q, ranked);
      if (clarify) return { answer: clarify };
      return { answer: this.answerWith(top, ranked), entry: top.entry };
    }
    if (sentenceFallback) {
      const sentences = this.candidates(q, ["sentence"], () => true).filter((s) => s.covered);
      const s = sentences[0];
      if (s && s.score >= MATCHER_DEFAULTS.answerCutoff)
        return { answer: this.answerWith(s, sentences), entry: s.entry };
    }
    return { answer: this.unknown(q, kinds) };
  }

  private clarification(q: ParsedQuestion, ranked: Scored[]): Answer | undefined {
    const [a, b] = ranked;
    if (!a || !b || a.entry.kind !== "figure" || b.entry.kind !== "figure") return undefined;
    if (a.score - b.score >= MATCHER_DEFAULTS.clarifyMargin || q.date) return undefined;
    if (!["count", "what", "keyword"].includes(q.kind)) return undefined;
    const fa = a.entry.fact;
    const fb = b.entry.fact;
    if (fa.value === fb.value || fa.roundsId === fb.id || fb.roundsId === fa.id || fa.unit !== fb.unit)
      return undefined;
    // A part and its whole are not rivals: the better match is the one meant.
    if (fa.parentId === fb.id || fb.parentId === fa.id) return undefined;
    // Only items of one list are true rivals ("695 on January 18" or "703 the following day").
    const sameList = fa.group === fb.group || (fa.parentId !== undefined && fa.parentId === fb.parentId);
    if (!sameList) return undefined;
    const options = [fa, fb];
    return this.composer.answer(
      "clarify",
      "clarify",
      `${MESSAGES.clarify} ${options.map((f) => `${this.composer.figureValue(f)} ${f.counts}${f.date ? ` (${f.date.text})` : ""}`).join(", or ")}?`,
      {
        facts: options.map((f) => this.composer.figureFact(f)),
        sourceIds: options.map((f) => f.sentenceId),
        confidence: a.score,
        suggestions: options.map((f) => this.exampleFor(f)),
      },
    );
  }

  private answerWith(top: Scored, ranked: Scored[]): Answer {
    const e = top.entry;
    const confidence = Math.min(1, top.score);
    switch (e.kind) {
      case "figure":
        return this.composer.answer("answered", "figure", this.composer.figureStatement(e.fact), {
          facts: [this.composer.figureFact(e.fact)],
          sourceIds: [e.fact.sentenceId],
          confidence,
        });
      case "quote":
        return this.quoteAnswer(e, confidence);
      case "person":
        return this.composer.answer("answered", "person", this.composer.personStatement(e.fact), {
          facts: [
            { kind: "person", label: e.fact.name, value: e.fact.role ?? "", sourceId: e.fact.sentenceId },
          ],
          sourceIds: [e.fact.sentenceId],
          confidence,
        });
      case "organisation":
        return this.composer.answer("answered", "organisation", this.composer.organisationStatement(e.fact), {
          facts: [
            {
              kind: "organisation",
              label: e.fact.name,
              value: e.fact.acronym ?? e.fact.kind,
              sourceId: e.fact.sentenceId,
            },
          ],
          sourceIds: [e.fact.sentenceId],
          confidence,
        });
      case "date": {
        const sameSentence = this.store.dates.filter((d) => d.sentenceId === e.fact.sentenceId);
        const text =
          sameSentence.length > 1
            ? `${sameSentence.map((d) => (d.start?.day && !/\d/.test(d.text) ? `${d.text} (${this.composer.dateStatement(d).split(".")[0]})` : d.text)).join(" and ")}. From the article: "${this.index.sentenceById.get(e.fact.sentenceId)?.text ?? ""}"`
            : this.composer.dateStatement(e.fact);
        return this.composer.answer("answered", "date", text, {
          facts: sameSentence.map((d) => ({
            kind: "date" as const,
            label: "Date",
            value: d.text,
            sourceId: d.sentenceId,
          })),
          sourceIds: [e.fact.sentenceId],
          confidence,
        });
      }
      case "duration":
        return this.composer.answer("answered", "duration", this.composer.durationStatement(e.fact), {
          facts: [
            {
              kind: "duration",
              label: "Duration",
              value: `${e.fact.days} days`,
              sourceId: e.fact.sentenceId,
            },
          ],
          sourceIds: [e.fact.sentenceId],
          confidence,
        });
      case "reason":
        return this.composer.answer("answered", e.fact.kind, this.composer.reasonStatement(e.fact), {
          facts: [
            {
              kind: "reason",
              label: capitalise(e.fact.kind),
              value: e.fact.text,
              sourceId: e.fact.sentenceId,
            },
          ],
          sourceIds: [e.fact.sentenceId],
          confidence,
        });
      case "sentence": {
        // A close runner-up sentence usually completes the picture ("who went on strike?": two groups).
        const runnerUp = ranked.find(
          (s) =>
            s.entry !== e &&
            s.entry.kind === "sentence" &&
            s.covered &&
            top.score - s.score < RUNNER_UP_MARGIN,
        );
        const chosen = [e.fact, ...(runnerUp?.entry.kind === "sentence" ? [runnerUp.entry.fact] : [])].sort(
          (a, b) => (this.index.sentenceOrder.get(a.id) ?? 0) - (this.index.sentenceOrder.get(b.id) ?? 0),
        );
        return this.composer.answer("answered", "sentence", chosen.map((s) => s.text).join(" "), {
          facts: chosen.map((s) => ({
            kind: "sentence" as const,
            label: "From the article",
            value: s.text,
            sourceId: s.id,
          })),
          sourceIds: chosen.map((s) => s.id),
          confidence,
        });
      }
    }
  }

  private quoteAnswer(e: EntryOf<"quote">, confidence: number): Answer {
    return this.composer.answer("answered", "quote", this.composer.quoteStatement(e.fact, e.speaker), {
      facts: [{ kind: "quote", label: e.speaker.name, value: e.fact.text, sourceId: e.fact.sentenceIds[0] }],
      sourceIds: e.fact.sentenceIds,
      confidence,
    });
  }

  // ---- kinds of question -----------------------------------------------------------------

  private quote(q: ParsedQuestion): { answer: Answer; entry?: Entry } {
    const speakerTerms = q.terms.filter((t) => !this.isSpeechWord(t));
    const speakers = this.matchSpeakers(speakerTerms);
    // Once a speaker is found, words that describe speakers ("official", "company") are not the topic.
    const describesSpeaker = (t: Term) =>
      speakers.length > 0 &&
      (q.unknownWords.includes(t.word) || this.parser.patterns.orgQuestionWords.includes(t.word));
    const topicTerms = speakerTerms.filter(
      (t) => !speakers.some((s) => this.speakerHit(t, s)) && !describesSpeaker(t),
    );
    const quotes = this.index.entries.filter(
      (e): e is EntryOf<"quote"> =>
        e.kind === "quote" && (speakers.length === 0 || speakers.includes(e.speaker)),
    );
    if (quotes.length === 0) {
      const named = q.unknownWords.length ? ` ${q.unknownWords.join(" ")}` : "";
      return {
        answer: this.composer.answer(
          "unknown",
          "quote",
          `${MESSAGES.noQuotes}${named ? ` (${named.trim()})` : ""} ${this.speakerHint()}`,
          { suggestions: this.suggestions() },
        ),
      };
    }
    if (
      speakers.length === 0 &&
      q.kind === "quote" &&
      topicTerms.some((t) => !this.lexicon.isLight(t)) &&
      q.kind !== "quote"
    ) {
      return { answer: this.unknown(q, ["quote"]) };
    }
    const ranked = rank(
      quotes.map((entry) => {
        const s = this.scorer.score({ ...q, terms: topicTerms }, entry, topicTerms);
        // Prefer full quotes over a word or two in scare quotes.
        s.score += Math.min(0.1, entry.fact.text.length / 2000) + (entry.fact.verbatim ? 0.02 : 0);
        return s;
      }),
    );
    const top =
      ranked.find((s) => s.covered) ??
      (topicTerms.every((t) => this.lexicon.isLight(t)) ? ranked[0] : undefined);
    if (!top) return { answer: this.unknown(q, ["quote"]) };
    if (speakers.length === 0 && !top.covered) return { answer: this.unknown(q, ["quote"]) };
    return {
      answer: this.quoteAnswer(top.entry as EntryOf<"quote">, Math.min(1, top.score)),
      entry: top.entry,
    };
  }

  private nextQuote(context: ConversationState | undefined): { answer: Answer; entry?: Entry } {
    const speaker = context?.speakerId ? this.index.speakerById.get(context.speakerId) : undefined;
    if (!speaker) return { answer: this.quotes() };
    const theirs = this.quoteEntries().filter(
      (e) =>
        e.speaker.personIds.join() === speaker.personIds.join() &&
        (speaker.personIds.length > 0 || e.speaker === speaker),
    );
    const next = theirs.find((e) => !context?.quotesGiven.includes(e.fact.id));
    if (!next) {
      // Nothing new: say so, and give the last quote again rather than nothing.
      const last = theirs[theirs.length - 1];
      if (!last) return { answer: this.quotes() };
      const answer = this.quoteAnswer(last, 1);
      answer.text = `That's everything the article quotes from ${speaker.name}. ${answer.text}`;
      return { answer, entry: last };
    }
    return { answer: this.quoteAnswer(next, 1), entry: next };
  }

  /** "What is the BMA?", "Powis": a question that is nothing but a name gets who or what that is. */
  private entityNamed(q: ParsedQuestion): { answer: Answer; entry?: Entry } | undefined {
    const content = q.terms.filter((t) => !this.lexicon.isLight(t));
    if (content.length === 0 || content.length > 4 || q.unknownWords.length) return undefined;
    const entities = this.index.entries.filter((e) => e.kind === "person" || e.kind === "organisation");
    const named = entities.find((e) => content.every((t) => this.scorer.hits(t, e.headKeys)));
    if (!named) return undefined;
    return {
      answer: this.answerWith({ entry: named, score: 1, covered: true, missing: [], overlap: 1 }, []),
      entry: named,
    };
  }

  private whoIs(q: ParsedQuestion): { answer: Answer; entry?: Entry } {
    const nameTerms = q.terms.filter((t) => !this.lexicon.isLight(t) && !/^~role$/.test(t.keys[1] ?? ""));
    const people = this.index.entries.filter((e): e is EntryOf<"person"> => e.kind === "person");
    const hits = people
      .map((e) => ({ e, n: nameTerms.filter((t) => this.scorer.hits(t, e.headKeys)).length }))
      .filter((x) => x.n > 0)
      .sort((a, b) => b.n - a.n);
    const person = hits[0]?.e;
    // "Who are Vivek Trivedi and Robert Laurenson?": each of them.
    const named = hits.filter((x) => x.n === hits[0]?.n).map((x) => x.e);
    if (named.length > 1 && q.unknownWords.length === 0) {
      const answer = this.answerWith(
        { entry: named[0]!, score: 1, covered: true, missing: [], overlap: 1 },
        [],
      );
      answer.text = named.map((e) => this.composer.personStatement(e.fact)).join(" ");
      answer.sources = this.composer.sources(named.map((e) => e.fact.sentenceId));
      return { answer, entry: named[0]! };
    }
    if (person && q.unknownWords.length === 0)
      return {
        answer: this.answerWith({ entry: person, score: 1, covered: true, missing: [], overlap: 1 }, []),
        entry: person,
      };
    if (person) return { answer: this.unknown(q, ["person"]) };
    // "Who's the Unite guy?" asks for a person; "what does UCU stand for?" for the organisation.
    const wantsPerson = this.parser.patterns.personWords.some((w) => new RegExp(`\\b${w}\\b`).test(q.text));
    const entity = wantsPerson ? undefined : this.entityNamed(q);
    if (entity) return entity;
    // "Who's the Unite guy?", "who runs the residents' association?": a person by role or organisation.
    const byRole = people.filter((e) => {
      const keys = new Set(
        this.lexicon
          .terms(`${e.fact.role ?? ""} ${e.fact.organisation ?? ""}`)
          .flatMap((t) => [...t.keys, ...t.parts]),
      );
      return nameTerms.length > 0 && nameTerms.every((t) => t.keys.some((k) => keys.has(k)));
    });
    const only = byRole.length === 1 ? byRole[0] : undefined;
    if (only)
      return {
        answer: this.answerWith({ entry: only, score: 0.9, covered: true, missing: [], overlap: 0.9 }, []),
        entry: only,
      };
    // "Who is the spokesperson?" or "who is UHS?": speakers and organisations by their words.
    return this.entityNamed(q) ?? this.best(q, ["organisation", "quote"], () => true, true);
  }

  private whichOrganisation(q: ParsedQuestion): { answer: Answer; entry?: Entry } {
    const patterns = this.parser.patterns;
    const wantsUnion = patterns.unionWords.some((w) => q.text.includes(w));
    const wantsEmployer = patterns.employerWords.some((w) => new RegExp(`\\b${w}\\b`).test(q.text));
    const kind = wantsUnion ? "union" : wantsEmployer ? "employer" : undefined;
    const orgs = this.index.entries.filter(
      (e): e is EntryOf<"organisation"> => e.kind === "organisation" && (!kind || e.fact.kind === kind),
    );
    if (orgs.length === 0) return this.best(q, ["sentence"], () => true, false);
    const orgWords = new Set(patterns.orgQuestionWords);
    const terms = q.terms.filter((t) => !orgWords.has(t.word) && !orgWords.has(t.stem));
    const ranked = rank(orgs.map((e) => this.scorer.score({ ...q, terms }, e, terms)));
    const top = ranked.find((s) => s.covered) ?? (orgs.length === 1 ? ranked[0] : undefined);
    if (!top) return { answer: this.unknown(q, ["organisation"]) };
    const e = top.entry as EntryOf<"organisation">;
    const sentence = this.index.sentenceById.get(e.fact.sentenceId)?.text ?? "";
    const answer = this.answerWith({ ...top, score: Math.max(top.score, 0.8) }, []);
    answer.text = `${this.composer.organisationStatement(e.fact)} From the article: "${sentence}"`;
    return { answer, entry: e };
  }

  private isOfferFigure(e: Entry): boolean {
    return (
      e.kind === "figure" &&
      (e.fact.unit === "percent" || e.fact.unit === "money") &&
      this.offerSentences.has(e.fact.sentenceId)
    );
  }

  /**
   * A date answers "when"; a sentence without one would not. "When will ... again?" is answered only by
   * a date the article puts in the future, and a day inside a stated span gives way to the span.
   */
  private when(q: ParsedQuestion): { answer: Answer; entry?: Entry } {
    const has = (text: string, words: string[]) =>
      words.some((w) => new RegExp(`\\b${w}\\b`, "i").test(text));
    const future = has(q.text, this.lexicon.data.futureQuestion);
    // "next", "again": the question's tense, not its subject.
    if (future) q.terms = q.terms.filter((t) => !this.lexicon.data.futureQuestion.includes(t.word));
    const sentence = (e: Entry) =>
      this.index.sentenceById.get(e.kind === "date" ? e.fact.sentenceId : "")?.text ?? "";
    const accept = (e: Entry) => !future || has(sentence(e), this.lexicon.data.futureMarkers);
    // "When's the next strike?": in a question about the future, the strike itself must be what the date is of.
    const strictly = (x: Scored) => !future || q.terms.every((t) => this.scorer.matchIn(t, x.entry.bag) >= 1);
    const ranked = this.candidates(q, ["date"], accept).filter((s) => s.covered && strictly(s));
    const top = ranked[0];
    if (!top || top.score < MATCHER_DEFAULTS.answerCutoff || top.entry.kind !== "date")
      return { answer: this.unknown(q, ["date"]) };
    const topDate = top.entry.fact;
    const day = topDate.start;
    const span = ranked.find(
      (s) =>
        s.entry.kind === "date" &&
        s.entry.fact.end &&
        s.entry.fact.start &&
        day &&
        !topDate.end &&
        top.score - s.score < 0.25 &&
        inSpan(day, s.entry.fact.start, s.entry.fact.end),
    );
    const chosen = span ?? top;
    return { answer: this.answerWith(chosen, ranked), entry: chosen.entry };
  }

  private howLong(q: ParsedQuestion): { answer: Answer; entry?: Entry } {
    const durations = this.candidates(q, ["duration"], () => true).filter((s) => s.covered);
    const explicit = durations.filter((s) => s.entry.kind === "duration" && !s.entry.fact.derived);
    const best = durations[0];
    const pick = explicit[0] && best && best.score - explicit[0].score < 0.1 ? explicit[0] : best;
    if (pick && pick.score >= MATCHER_DEFAULTS.answerCutoff)
      return { answer: this.answerWith(pick, durations), entry: pick.entry };
    // "How many hours a week do they work?" asks for a figure in hours, not the strike's length.
    return this.best(q, ["figure"], () => true, false);
  }

  private figureCandidates(q: ParsedQuestion, terms: Term[]): Scored[] {
    const figures = this.index.entries.filter((e) => e.kind === "figure");
    return rank(
      figures.map((e) => {
        const s = this.scorer.score({ ...q, terms }, e, terms);
        if (!this.fits({ ...q, terms }, e)) s.covered = false;
        s.score += this.bonus({ ...q, terms }, e);
        return s;
      }),
    );
  }

  /** "How many more X than Y", "the difference between X and Y", "the ratio of X to Y". */
  private twoFigures(q: ParsedQuestion): { answer: Answer; entry?: Entry } {
    const split = q.text.match(
      /^(.*?)\b(?:than|and|to|versus|vs|outnumbers?|outnumbered|exceeds?|exceeded|miss|missed|beat)\b(.*)$/,
    );
    if (!split) return this.best(q, ["figure"], () => true, false);
    const left = this.lexicon.terms(
      split[1]!.replace(/\b(how many|how much|more|fewer|less|difference|between|ratio|of|times)\b/g, " "),
    );
    const right = this.lexicon.terms(split[2]!);
    const shared = q.countNoun.length ? q.countNoun : right.filter((t) => !this.lexicon.isLight(t)).slice(-1);
    const noCount = { ...q, countNoun: [] };
    // Two figures of one list or of one kind: a child and its sibling, or two with the same head.
    const comparable = (x: FigureFact, y: FigureFact) =>
      x !== y &&
      x.unit === y.unit &&
      (x.group === y.group || (x.parentId !== undefined && x.parentId === y.parentId) || x.head === y.head);
    let pair: [FigureFact, FigureFact] | undefined;
    for (const a of this.figureCandidates(noCount, left)
      .filter((s) => s.covered && s.overlap > 0)
      .slice(0, 5)) {
      if (a.entry.kind !== "figure") continue;
      const fa = a.entry.fact;
      const aKeys = new Set(this.lexicon.terms(`${fa.clause} ${fa.counts}`).flatMap((t) => t.keys));
      const distinguishing = right.filter(
        (t) => !t.keys.some((k) => aKeys.has(k)) && !this.lexicon.isLight(t),
      );
      const b = this.figureCandidates(noCount, distinguishing.length ? distinguishing : right).find(
        (s) => s.covered && s.entry.kind === "figure" && comparable(fa, s.entry.fact),
      );
      if (b?.entry.kind === "figure") {
        pair = [fa, b.entry.fact];
        break;
      }
    }
    if (!pair || shared.length === 0) return { answer: this.unknown(q, ["figure"]) };
    const [fa, fb] = pair;
    const result = q.kind === "ratio" ? compute.ratio(fa, fb) : compute.difference(fa, fb);
    return { answer: this.computed(q.kind, result, [fa, fb]) };
  }

  private percent(q: ParsedQuestion): { answer: Answer; entry?: Entry } {
    const stated = this.candidates(
      q,
      ["figure"],
      (e) => e.kind === "figure" && e.fact.unit === "percent",
    ).filter((s) => s.covered);
    if (stated[0] && stated[0].score >= MATCHER_DEFAULTS.answerCutoff)
      return { answer: this.answerWith(stated[0], stated), entry: stated[0].entry };
    const parts = q.text.match(/\bof (?:the |all |those |these )?(.+?) (?:were|was|are|is|had|have)\b(.*)$/);
    const partTerms = parts ? this.lexicon.terms(parts[2]!) : q.terms;
    const part = this.figureCandidates({ ...q, countNoun: [] }, partTerms).find(
      (s) => s.covered && s.entry.kind === "figure" && s.entry.fact.parentId,
    );
    if (part?.entry.kind !== "figure") return { answer: this.unknown(q, ["figure"]) };
    const whole = this.index.figureById.get(part.entry.fact.parentId!);
    if (!whole) return { answer: this.unknown(q, ["figure"]) };
    return {
      answer: this.computed("percent", compute.share(part.entry.fact, whole), [part.entry.fact, whole]),
      entry: part.entry,
    };
  }

  private sum(q: ParsedQuestion): { answer: Answer; entry?: Entry } {
    const ranked = this.candidates(q, ["figure"], () => true).filter((s) => s.covered);
    const top = ranked[0];
    if (top?.entry.kind !== "figure") return { answer: this.unknown(q, ["figure"]) };
    const best = top.entry.fact;
    if (best.isTotal) return { answer: this.answerWith(top, ranked), entry: top.entry };
    const group = this.store.figures.filter(
      (f) => f.group === best.group && f.unit === best.unit && !f.roundsId,
    );
    if (group.length < 2) return { answer: this.answerWith(top, ranked), entry: top.entry };
    const parent = best.parentId ? this.index.figureById.get(best.parentId) : undefined;
    const answer = this.computed("sum", compute.sum(group, parent), group);
    if (parent && parent.value === group.reduce((n, f) => n + f.value, 0)) {
      answer.text += ` That is the ${parent.raw} ${parent.counts} the article gives as the whole.`;
    }
    return { answer, entry: top.entry };
  }

  private average(q: ParsedQuestion): { answer: Answer; entry?: Entry } {
    const perPhrase =
      q.text.match(
        /\b(?:per|each|every|a) ((?:[a-z-]+ ){0,2}?[a-z-]+)(?=\s*(?:[?.!,]|$| of| on| during| in| when| while| at))/,
      )?.[1] ?? "";
    const per = perPhrase.split(" ").pop();

    if (per && !/^(day|days|daily)$/.test(per)) return this.perUnit(q, per);
    // A figure the article already gives per day ("each striker gave up £87 a day") is the answer as it stands.
    const stated = this.candidates(
      q,
      ["figure"],
      (e) => e.kind === "figure" && /\b(?:a|per|each|every) (?:day|shift)\b(?!'s)/.test(e.fact.clause),
    ).filter((s) => s.covered)[0];
    if (stated && stated.score >= MATCHER_DEFAULTS.answerCutoff)
      return { answer: this.answerWith(stated, []), entry: stated.entry };
    const perWords = new Set(perPhrase.split(" "));
    const terms = q.terms.filter(
      (t) => !/^(on average|average|mean|day|days|daily|per)$/.test(t.word) && !perWords.has(t.word),
    );
    const figure = this.figureCandidates(q, terms).find(
      (s) =>
        s.covered &&
        s.entry.kind === "figure" &&
        (s.entry.fact.unit === "count" || s.entry.fact.unit === "money"),
    );
    if (figure?.entry.kind !== "figure") return { answer: this.unknown(q, ["figure"]) };
    const fig = figure.entry;
    // Figures given day by day ("212 on March 7, 198 the following day..."): their mean is the daily average.
    const daily = this.store.figures.filter(
      (f) => f.group === fig.fact.group && f.date?.day && f.unit === fig.fact.unit,
    );
    if (fig.fact.date?.day && daily.length > 1) {
      return { answer: this.computed("average", compute.mean(daily), daily), entry: fig };
    }
    const durations = this.index.entries.filter((e): e is EntryOf<"duration"> => e.kind === "duration");
    const shared = (d: EntryOf<"duration">) => {
      let n = 0;
      for (const [key, weight] of d.bag) if (weight >= 0.7) n += Math.min(weight, fig.bag.get(key) ?? 0);
      return n + (d.fact.derived ? 0 : 0.5);
    };
    // The duration the question names ("each collection day") beats the one that merely fits.
    const named = (d: EntryOf<"duration">) =>
      this.lexicon.terms(d.fact.text).some((t) => perWords.has(t.word)) ? 1 : 0;
    const duration = durations.sort((a, b) => named(b) - named(a) || shared(b) - shared(a))[0];
    if (!duration) return this.best(q, ["figure"], () => true, false);
    return {
      answer: this.computed("average", compute.perDay(fig.fact, duration.fact), [fig.fact], duration.fact),
      entry: fig,
    };
  }

  /** "How many pupils per school": one figure divided by another whose head is the unit. */
  private perUnit(q: ParsedQuestion, unit: string): { answer: Answer; entry?: Entry } {
    const unitTerm = this.lexicon.terms(unit)[0];
    if (!unitTerm) return { answer: this.unknown(q, ["figure"]) };
    const terms = q.terms.filter(
      (t) => t.stem !== unitTerm.stem && !/^(on average|average|mean|per)$/.test(t.word),
    );
    const numerator = this.figureCandidates(q, terms).find(
      (s) => s.covered && s.entry.kind === "figure" && !this.scorer.hits(unitTerm, s.entry.headKeys),
    );
    const divisor = this.index.entries
      .filter(
        (e): e is EntryOf<"figure"> =>
          e.kind === "figure" &&
          e !== numerator?.entry &&
          this.scorer.hits(unitTerm, e.headKeys) &&
          e.fact.unit === "count",
      )
      .sort(
        (a, b) =>
          Number(Boolean(a.fact.parentId)) - Number(Boolean(b.fact.parentId)) ||
          Number(Boolean(b.fact.roundedById)) - Number(Boolean(a.fact.roundedById)),
      )[0];
    if (numerator?.entry.kind !== "figure" || !divisor) return { answer: this.unknown(q, ["figure"]) };
    const result = compute.ratio(numerator.entry.fact, divisor.fact);
    result.text = `${result.shown.replace(/ to 1$/, "")} ${numerator.entry.fact.counts} per ${unitTerm.word} on average: ${numerator.entry.fact.raw} ÷ ${divisor.fact.raw} ${divisor.fact.counts} = ${result.shown.replace(/ to 1$/, "")}.`;
    return {
      answer: this.computed("average", result, [numerator.entry.fact, divisor.fact]),
      entry: numerator.entry,
    };
  }

  private computed(
    intent: string,
    result: compute.Computation,
    figures: FigureFact[],
    duration?: DurationFact,
  ): Answer {
    const facts: AnswerFact[] = [
      { kind: "computed", label: result.label, value: result.shown },
      ...figures.map((f) => this.composer.figureFact(f)),
    ];
    if (duration)
      facts.push({
        kind: "duration",
        label: "Duration",
        value: `${duration.days} days`,
        sourceId: duration.sentenceId,
      });
    return this.composer.answer("answered", intent, result.text, {
      facts,
      sourceIds: [...figures.map((f) => f.sentenceId), ...(duration ? [duration.sentenceId] : [])],
      confidence: 0.9,
    });
  }

  private open(q: ParsedQuestion): { answer: Answer; entry?: Entry } {
    const subject = q.terms.filter((t) => !this.lexicon.isLight(t));
    if (subject.length === 0) return { answer: this.summary() };
    const sentences = this.index.entries.filter((e): e is EntryOf<"sentence"> => e.kind === "sentence");
    const about = sentences.filter(
      (e) =>
        subject.every((t) => this.scorer.matchIn(t, e.bag) >= 0.4) &&
        subject.some((t) => this.scorer.matchIn(t, e.bag) >= 1),
    );
    if (about.length === 0) return { answer: this.unknown(q, ["sentence"]) };
    const chosen = about.slice(0, 4);
    return {
      answer: this.composer.answer("answered", "summary", chosen.map((e) => e.fact.text).join(" "), {
        facts: chosen.map((e) => ({
          kind: "sentence" as const,
          label: "From the article",
          value: e.fact.text,
          sourceId: e.fact.id,
        })),
        sourceIds: chosen.map((e) => e.fact.id),
        confidence: 0.8,
      }),
      entry: chosen[0],
    };
  }

  // ---- whole-article answers ---------------------------------------------------------------

  help(): Answer {
    const text = `I answer questions about the article "${this.store.title}" with the figures, quotes, people, dates and reasons it gives, and I say so when it doesn't say. Try: ${this.suggestions().join(" / ")}`;
    return this.composer.answer("help", "help", text, { suggestions: this.suggestions() });
  }

  stats(): Answer {
    const figures = this.headlineFigures();
    const durations = this.store.durations.filter((d) => !d.derived).slice(0, 2);
    const lines = [
      ...figures.map(
        (f) => `${this.composer.figureValue(f)} ${f.counts}${f.date ? ` (${f.date.text})` : ""}`,
      ),
      ...durations.map((d) => {
        const when = this.store.dates.filter((x) => x.sentenceId === d.sentenceId).map((x) => x.text);
        const noun = nounAfter(d.text, this.index.sentenceById.get(d.sentenceId)?.text ?? "");
        return `${capitalise(d.text)} ${noun}${when.length ? ` (${when.join(", ")})` : ""}`.replace(
          /\s+\(/,
          " (",
        );
      }),
    ];
    return this.composer.answer(
      "answered",
      "stats",
      `The headline figures: ${lines.map((l) => `• ${l}`).join("\n")}`.replace(": •", ":\n•"),
      {
        facts: figures.map((f) => this.composer.figureFact(f)),
        sourceIds: figures.map((f) => f.sentenceId),
        suggestions: this.suggestions(),
      },
    );
  }

  headlineFigures(): FigureFact[] {
    return this.store.figures.filter((f) => !f.roundsId).slice(0, 10);
  }

  quotes(speakerName?: string): Answer {
    const entries = this.quoteEntries();
    let chosen = entries;
    if (speakerName?.trim()) {
      const terms = this.parser.parse(speakerName).terms;
      const speakers = this.matchSpeakers(terms);
      chosen = entries.filter((e) => speakers.includes(e.speaker));
      if (chosen.length === 0) {
        return this.composer.answer("unknown", "quotes", `${MESSAGES.noQuotes} ${this.speakerHint()}`, {
          suggestions: this.suggestions(),
        });
      }
    }
    if (chosen.length === 0) return this.composer.answer("unknown", "quotes", "The article quotes nobody.");
    const bySpeaker = new Map<SpeakerFact, QuoteFact[]>();
    for (const e of chosen) bySpeaker.set(e.speaker, [...(bySpeaker.get(e.speaker) ?? []), e.fact]);
    const text = [...bySpeaker.entries()]
      .map(
        ([s, qs]) =>
          `${speakerLine(s)}: ${qs.map((q) => (q.verbatim ? `"${q.text}"` : `(reported) ${q.text}`)).join(" ")}`,
      )
      .join("\n");
    return this.composer.answer("answered", "quotes", text, {
      facts: chosen.map((e) => ({
        kind: "quote" as const,
        label: e.speaker.name,
        value: e.fact.text,
        sourceId: e.fact.sentenceIds[0],
      })),
      sourceIds: chosen.flatMap((e) => e.fact.sentenceIds),
    });
  }

  summary(): Answer {
    const lead = this.store.sentences.filter((s) => !s.isCrossReference).slice(0, 3);
    return this.composer.answer("answered", "summary", lead.map((s) => s.text).join(" "), {
      facts: lead.map((s) => ({
        kind: "sentence" as const,
        label: "From the article",
        value: s.text,
        sourceId: s.id,
      })),
      sourceIds: lead.map((s) => s.id),
      confidence: 0.9,
      suggestions: this.suggestions(),
    });
  }

  speakerNames(): string[] {
    return this.store.speakers
      .filter((s) => this.store.quotes.some((q) => q.speakerId === s.id))
      .map((s) => s.name);
  }

  // ---- unknown ------------------------------------------------------------------------------

  /** "The article doesn't say", plus the nearest facts it does give; off-topic gets a pointer instead. */
  unknown(q: ParsedQuestion, kinds: EntryKind[]): Answer {
    const known = q.terms.filter((t) => !this.lexicon.isLight(t));
    const nearbyKinds: EntryKind[] = kinds.includes("figure") ? ["figure"] : ["figure", "sentence"];
    const nearby = rank(
      this.index.entries
        .filter((e) => nearbyKinds.includes(e.kind))
        .map((e) => {
          const s = this.scorer.score(q, e);
          s.score = s.overlap + (e.kind === "figure" && this.sameSortOfThing(q, e) ? 0.3 : 0);
          return s;
        })
        .filter((s) => s.overlap > 0.1),
    ).slice(0, 2);
    // On topic: something asked is in the article, if only the strike itself ("how many junior doctors
    // went on strike?" is about this story even when junior doctors are not).
    const strikeWords = q.terms.filter((t) => t.keys.includes(this.lexicon.strikeConcept));
    const onTopic =
      known.length === 0 ||
      [...known, ...strikeWords].some((t) =>
        this.index.entries.some((e) => this.scorer.matchIn(t, e.bag) >= 1),
      );
    if (!onTopic || nearby.length === 0) {
      return this.composer.answer(
        "unknown",
        "off-topic",
        `${MESSAGES.offTopic} It is about: "${this.store.title}" Try: ${this.suggestions().join(" / ")}`,
        {
          suggestions: this.suggestions(),
        },
      );
    }
    const lines = nearby.map((s) =>
      s.entry.kind === "figure"
        ? this.composer.figureStatement(s.entry.fact)
        : s.entry.kind === "sentence"
          ? s.entry.fact.text
          : "",
    );
    const asked =
      /^(how|what|who|when|why|which|where)\b/i.test(q.raw) && q.raw.length < 90
        ? ` ${lowerFirst(q.raw.replace(/[?.!\s]+$/, ""))}`
        : "";
    const lead = asked ? `${MESSAGES.notInArticle.replace(/\.$/, "")}${asked}.` : MESSAGES.notInArticle;
    const figures = nearby.map((s) => s.entry).filter((e): e is EntryOf<"figure"> => e.kind === "figure");
    return this.composer.answer(
      "unknown",
      "not-in-article",
      `${lead} ${MESSAGES.nearby} ${lines.join(" ")}`,
      {
        facts: figures.map((e) => this.composer.figureFact(e.fact)),
        sourceIds: nearby.map((s) =>
          s.entry.kind === "figure"
            ? s.entry.fact.sentenceId
            : s.entry.kind === "sentence"
              ? s.entry.fact.id
              : "",
        ),
        confidence: 0,
        suggestions: [...figures.map((e) => this.exampleFor(e.fact)), ...this.suggestions()].slice(
          0,
          MATCHER_DEFAULTS.maxSuggestions,
        ),
      },
    );
  }

  /** People asked about (junior doctors) are nearest to figures about people (nurses), not appointments. */
  private sameSortOfThing(q: ParsedQuestion, e: EntryOf<"figure">): boolean {
    const head = q.countNoun[q.countNoun.length - 1];
    if (!head) return false;
    const isWorker = (stem: string) => this.lexicon.workerStems.has(stem);
    const askedWorkers =
      isWorker(head.stem) ||
      q.countNoun.some((t) => isWorker(t.stem)) ||
      isWorker(q.countNoun.map((t) => t.stem).join(" "));
    const factWorkers = [...e.headKeys].some(isWorker);
    return askedWorkers === factWorkers;
  }

  // ---- suggestions -----------------------------------------------------------------------------

  suggestions(): string[] {
    return this.examples.slice(0, MATCHER_DEFAULTS.maxSuggestions);
  }

  allExamples(): string[] {
    return this.examples;
  }

  exampleFor(f: FigureFact): string {
    const date = f.date?.month && f.date.day ? ` on ${f.date.text}` : "";
    return `How many ${f.counts}${date}?`;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private quoteEntries(): EntryOf<"quote">[] {
    return this.index.entries.filter((e): e is EntryOf<"quote"> => e.kind === "quote");
  }

  private isSpeechWord(t: Term): boolean {
    return (
      t.keys.includes("~said") ||
      /^(say|said|says|tell|told|think|comment|respond|react|quote|quotes|response|reaction|statement)$/.test(
        t.word,
      )
    );
  }

  private speakerHit(t: Term, s: SpeakerFact): boolean {
    return t.keys.some(
      (k) => s.keywords.includes(k) || s.keywords.some((w) => this.lexicon.terms(w)[0]?.keys.includes(k)),
    );
  }

  /** Speakers named by the words: names, roles, organisations ("the hospital", "BMA", "Powis"). */
  private matchSpeakers(terms: Term[]): SpeakerFact[] {
    const content = terms.filter((t) => !this.lexicon.isLight(t));
    if (content.length === 0) return [];
    const quoteSpeakers = new Set(this.quoteEntries().map((e) => e.speaker));
    const scored = [...quoteSpeakers]
      .map((s) => {
        const entry = this.quoteEntries().find((e) => e.speaker === s)!;
        const hits = content.filter((t) => this.scorer.hits(t, entry.headKeys));
        const named =
          s.personIds.length > 0 &&
          hits.some((t) =>
            this.store.people.some(
              (p) =>
                s.personIds.includes(p.id) &&
                p.aliases.some((a) => a.toLowerCase().split(" ").includes(t.word)),
            ),
          );
        return { s, n: hits.length + (named ? 1 : 0) };
      })
      .filter((x) => x.n > 0);
    const top = Math.max(0, ...scored.map((x) => x.n));
    const best = scored.filter((x) => x.n === top).map((x) => x.s);
    // "the NHS boss", "the union official": a named person rather than a spokesperson or a report.
    const wantsPerson = this.parser.patterns.personWords.some((w) => terms.some((t) => t.word === w));
    const people = best.filter((s) => s.personIds.length > 0);
    return wantsPerson && people.length ? people : best;
  }

  private speakerHint(): string {
    const names = this.speakerNames();
    return names.length ? `It quotes: ${names.join("; ")}.` : "";
  }
}

/** The heads of a counted noun phrase: "operations and appointments" has two. */
function countHeads(countNoun: Term[]): Term[] {
  const heads: Term[] = [];
  countNoun.forEach((t, i) => {
    const next = countNoun[i + 1];
    if (!next || next.index > t.index + t.length) heads.push(t);
  });
  return heads.length > 1 ? heads : countNoun.slice(-1);
}

function inSpan(
  day: { month: number; day: number },
  start: { month: number; day: number },
  end: { month: number; day: number },
): boolean {
  const n = (d: { month: number; day: number }) => d.month * 100 + d.day;
  return n(day) >= n(start) && n(day) <= n(end);
}

export function sanitize(input: unknown): string {
  if (typeof input !== "string") return "";
  return input.replace(CONTROL, " ").replace(/\s+/g, " ").trim();
}

function lowerFirst(text: string): string {
  return text ? text[0]!.toLowerCase() + text.slice(1) : text;
}
