/**
 * Stage 2, gathering candidates: every candidate that shares a word with the question (through
 * the posting lists of the pool), or whose type the question asks for, with the features the
 * ranker weighs. A feature says how well the candidate meets one demand of the question; none of
 * them names a word of any particular question.
 */

import type { Candidate, CandidateType, Pool } from "../pool/types.js";
import { entry } from "../text/collections.js";
import { READING_DEFAULTS } from "./config.js";
import type { AnswerType, QTerm, Question } from "./question.js";

/** Field strengths: a word right by the figure counts more than one in the previous sentence. */
const FIELD = { near: 1, clause: 0.8, sentence: 0.6, context: 0.4 } as const;

/** How well each candidate type answers each question type. */
const TYPE_FIT: Record<AnswerType, Partial<Record<CandidateType, number>>> = {
  count: { count: 1, duration: 0.3, money: 0.15, percent: 0.15 },
  money: { money: 1, percent: 0.4, count: 0.25 },
  percent: { percent: 1, points: 0.6, count: 0.15 },
  points: { points: 1, percent: 0.7 },
  date: { date: 1, time: 0.4, duration: 0.2 },
  time: { time: 1, date: 0.5 },
  duration: { duration: 1, date: 0.3, count: 0.2 },
  person: { person: 1, org: 0.6, quote: 0.2 },
  org: { org: 1, person: 0.3 },
  place: { place: 1, sentence: 0.3 },
  quote: { quote: 1, reason: 0.3, sentence: 0.3 },
  reason: { reason: 1, sentence: 0.5, quote: 0.3 },
  list: { sentence: 0.8, reason: 0.6, place: 0.4, org: 0.3 },
  yesno: { sentence: 1, reason: 1, quote: 0.5, date: 0.3, count: 0.3, money: 0.3, percent: 0.3 },
  what: {
    sentence: 0.7,
    reason: 0.8,
    quote: 0.4,
    count: 0.4,
    money: 0.4,
    percent: 0.4,
    date: 0.4,
    org: 0.4,
    person: 0.4,
  },
};

export const FEATURES = [
  "cover",
  "coverNear",
  "coverClause",
  "missName",
  "otherName",
  "localNoScope",
  "typeFit",
  "typeSecond",
  "early",
  "headline",
  "periodMatch",
  "periodOther",
  "inQuestion",
  "aside",
  "repeated",
  "missRare",
  "vectorOnly",
  "latest",
  "focusNear",
  "saysUnknown",
  "focusCounted",
  "countedOther",
  "partNoScope",
  "approx",
  "dateMatch",
  "dateOther",
  "part",
  "rounded",
  "periodPrev",
  "contrast",
  "priorValue",
  "priorSentence",
  "dateDetail",
] as const;
export type FeatureName = (typeof FEATURES)[number];

export interface Scored {
  c: Candidate;
  index: number;
  features: number[];
  /** Per question term: how it was met (0 when not). */
  met: number[];
  score: number;
}

/** For each question term, the article keys it may stand for, with the strength of the link. */
export function expand(terms: QTerm[], pool: Pool): Array<Map<string, number>> {
  return terms.map((t) => {
    const out = new Map<string, number>([[t.key, 1]]);
    for (const [k, w] of pool.related[t.key] ?? []) if (!out.has(k)) out.set(k, w);
    return out;
  });
}

/** What the fact matcher answered, as evidence for the ranker: its figures and its source sentences. */
export interface Prior {
  values: number[];
  sentences: Set<number>;
  types: Set<string>;
}

export class Gatherer {
  private readonly postings = new Map<string, number[]>();
  private readonly byType = new Map<CandidateType, number[]>();
  private readonly bySentence = new Map<number, number[]>();
  private readonly sentenceKeys: Array<{
    terms: Set<string>;
    names: Set<string>;
    context: Set<string>;
    period: Set<string>;
  }>;
  private readonly valueCount = new Map<string, number>();
  private readonly maxUpdate: number;

  private readonly unknownSentences: Set<number>;
  /** Each candidate's fields as sets, made once: describing a candidate is the hot path. */
  private readonly fields: Array<{
    near: Set<string>;
    clause: Set<string>;
    counted: Set<string>;
    names: string[];
  }>;

  constructor(
    private readonly pool: Pool,
    absence: RegExp,
    private readonly contrasts: Map<string, Set<string>> = new Map(),
  ) {
    this.unknownSentences = new Set(pool.sentences.flatMap((s, i) => (absence.test(s.text) ? [i] : [])));
    this.sentenceKeys = pool.sentences.map((s) => ({
      terms: new Set(s.terms),
      names: new Set(s.names),
      context: new Set(s.context),
      period: new Set(s.period),
    }));
    pool.candidates.forEach((c, i) => {
      const s = pool.sentences[c.s];
      for (const k of new Set([...c.near, ...c.clause, ...(s?.terms ?? []), ...(s?.names ?? [])])) {
        entry(this.postings, k, () => []).push(i);
      }
      entry(this.bySentence, c.s, () => []).push(i);
      entry(this.byType, c.type, () => []).push(i);
      if (c.value !== undefined) {
        const v = `${c.type}:${c.value}`;
        this.valueCount.set(v, (this.valueCount.get(v) ?? 0) + 1);
      }
    });
    this.maxUpdate = Math.max(0, ...pool.sentences.map((s) => s.update ?? 0));
    this.fields = pool.candidates.map((c) => {
      const near = new Set(c.near);
      const clause = new Set(c.clause);
      const names = pool.sentences[c.s]?.names.filter((n) => clause.has(n) || near.has(n)) ?? [];
      return { near, clause, counted: new Set(c.counted ?? []), names };
    });
  }

  /** Candidates that share a word with the question, plus every candidate of the types it asks for. */
  gather(q: Question, expanded: Array<Map<string, number>>, prior?: Prior): Scored[] {
    // First a cheap score from the posting lists (the weight of the question words each candidate
    // shares), then full features for the best of them only: a long article costs a bounded amount.
    const cheap = new Map<number, number>();
    // Light words ("strike", "many") find nearly every candidate: they weigh in the features, not in the search.
    const telling = q.terms.some((t) => t.weight > 0.5);
    expanded.forEach((m, i) => {
      const term = q.terms[i]!;
      if (telling && term.weight <= 0.5) return;
      const seen = new Set<number>();
      for (const [k, link] of m)
        for (const c of this.postings.get(k) ?? []) {
          if (seen.has(c)) continue;
          seen.add(c);
          cheap.set(c, (cheap.get(c) ?? 0) + term.weight * link);
        }
    });
    const wanted = new Set<CandidateType>();
    for (const [t, fit] of Object.entries(TYPE_FIT[q.type])) if (fit >= 0.5) wanted.add(t as CandidateType);
    const fitOf = TYPE_FIT[q.type];
    const ids = new Set(
      [...cheap]
        .map(([i, score]) => [i, score * (0.5 + (fitOf[this.pool.candidates[i]!.type] ?? 0))] as const)
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, READING_DEFAULTS.gatherLimit)
        .map(([i]) => i),
    );
    if (prior) for (const s of prior.sentences) for (const i of this.bySentence.get(s) ?? []) ids.add(i);
    // Candidates of the wanted types that share no word are added only when the words found few: never a scan of a long article.
    const typed = [...ids].filter((i) => wanted.has(this.pool.candidates[i]!.type)).length;
    if (typed < 12)
      for (const t of wanted)
        for (const i of (this.byType.get(t) ?? []).slice(0, READING_DEFAULTS.gatherLimit)) ids.add(i);
    const asked = new Set<string>();
    for (const m of expanded) for (const k of m.keys()) asked.add(k);
    return [...ids].map((i) => this.describe(q, expanded, i, prior, asked));
  }

  describe(
    q: Question,
    expanded: Array<Map<string, number>>,
    index: number,
    prior?: Prior,
    asked: Set<string> = new Set(expanded.flatMap((m) => [...m.keys()])),
  ): Scored {
    const c = this.pool.candidates[index]!;
    const s = this.sentenceKeys[c.s]!;
    const sentence = this.pool.sentences[c.s]!;
    const { near, clause, counted, names: clauseNames } = this.fields[index]!;
    let total = 0;
    let got = 0;
    let gotNear = 0;
    let gotClause = 0;
    let nameTotal = 0;
    let nameMissed = 0;
    let rareMissed = 0;
    let vectorOnly = 0;
    let focusNear = q.terms.some((t) => t.focus) ? 0 : 0.5;
    const met: number[] = [];
    q.terms.forEach((t, i) => {
      const m = expanded[i]!;
      let best = 0;
      let where = 0;
      for (const [k, link] of m) {
        let field = 0;
        if (near.has(k)) field = FIELD.near;
        else if (clause.has(k)) field = FIELD.clause;
        else if (s.terms.has(k) || s.names.has(k)) field = FIELD.sentence;
        else if (s.context.has(k)) field = FIELD.context;
        if (field * link > best) {
          best = field * link;
          where = field;
        }
      }
      // A name met only through a vector neighbour is a sibling, not the same scope.
      if (t.name && best > 0 && best < 0.5 * where) best = 0;
      met.push(best);
      total += t.weight;
      got += t.weight * best;
      if (where === FIELD.near) gotNear += t.weight * best;
      if (where >= FIELD.clause) gotClause += t.weight * best;
      if (t.name && !t.period) {
        nameTotal += t.weight;
        if (best === 0) nameMissed += t.weight;
      }
      if (best === 0 && t.weight >= 2.5) rareMissed = Math.max(rareMissed, t.weight);
      if (best > 0 && best < 0.5) vectorOnly += t.weight;
      if (t.focus && where === FIELD.near) focusNear = best;
    });
    const qHasNames = q.terms.some((t) => t.name && !t.period);
    const otherName = qHasNames && clauseNames.some((n) => !asked.has(n));
    const periodTerms = q.terms.filter((t) => t.period);
    const periodMatch = periodTerms.some((t) => s.period.has(t.word) || s.terms.has(t.key));
    const periodOther = periodTerms.length === 0 && Boolean(sentence.otherPeriod);
    const focus = q.terms.findIndex((t) => t.focus);
    let focusCounted = 0;
    if (focus >= 0)
      for (const [k, link] of expanded[focus]!)
        if (counted.has(k)) focusCounted = Math.max(focusCounted, link);
    const fits = TYPE_FIT[q.type];
    const second = q.types[1] ? TYPE_FIT[q.types[1]] : undefined;
    const features: Record<FeatureName, number> = {
      cover: total ? got / total : 0,
      coverNear: total ? gotNear / total : 0,
      coverClause: total ? gotClause / total : 0,
      missName: nameTotal ? nameMissed / nameTotal : 0,
      otherName: otherName ? 1 : 0,
      localNoScope:
        !qHasNames && clauseNames.length > 0 && c.type !== "person" && c.type !== "org" && c.type !== "quote"
          ? 1
          : 0,
      typeFit: fits[c.type] ?? 0,
      typeSecond: second?.[c.type] ?? 0,
      early: 1 / (1 + c.s),
      headline: c.s === 0 || sentence.kind === "headline" ? 1 : 0,
      periodMatch: periodMatch ? 1 : 0,
      periodOther: periodOther ? 1 : 0,
      inQuestion: c.value !== undefined && q.numbers.includes(c.value) ? 1 : 0,
      aside: sentence.kind === "caption" || sentence.kind === "aside" ? 1 : 0,
      repeated: c.value !== undefined ? Math.log(this.valueCount.get(`${c.type}:${c.value}`) ?? 1) : 0,
      missRare: rareMissed ? 1 : 0,
      vectorOnly: total ? vectorOnly / total : 0,
      latest: this.maxUpdate && sentence.update === this.maxUpdate ? 1 : 0,
      focusNear,
      saysUnknown: this.unknownSentences.has(c.s) ? 1 : 0,
      focusCounted,
      countedOther: focus >= 0 && counted.size > 0 && focusCounted === 0 ? 1 : 0,
      partNoScope: c.scope?.length && !c.scope.some((k) => expanded.some((m) => m.has(k))) ? 1 : 0,
      approx: c.approx ? 1 : 0,
      dateMatch:
        q.dates.length && c.on?.some((d) => q.dates.some((x) => d === x || d.startsWith(`${x}-`))) ? 1 : 0,
      dateOther:
        q.dates.length &&
        c.on?.length &&
        !c.on.some((d) => q.dates.some((x) => d === x || d.startsWith(`${x}-`)))
          ? 1
          : 0,
      part: c.part ? 1 : 0,
      rounded: c.rounded ? 1 : 0,
      dateDetail: c.detail !== undefined ? c.detail / 2 : 0,
      priorValue:
        prior && c.value !== undefined && prior.values.includes(c.value) && prior.sentences.has(c.s) ? 1 : 0,
      priorSentence: prior?.sentences.has(c.s) && (prior.types.has(c.type) || prior.types.has("any")) ? 1 : 0,
      contrast: q.terms.some((t) => {
        const other = this.contrasts.get(t.key);
        return (
          other !== undefined && [...other].some((k) => near.has(k) || (clause.has(k) && !clause.has(t.key)))
        );
      })
        ? 1
        : 0,
      periodPrev:
        periodTerms.length &&
        !periodMatch &&
        c.s > 0 &&
        periodTerms.some((t) => this.sentenceKeys[c.s - 1]!.period.has(t.word))
          ? 1
          : 0,
    };
    const vector = new Array<number>(FEATURES.length);
    for (let i = 0; i < FEATURES.length; i++) vector[i] = features[FEATURES[i]!];
    return { c, index, features: vector, met, score: 0 };
  }
}
