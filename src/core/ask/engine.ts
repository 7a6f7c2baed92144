/**
 * The answer path, stage by stage: read the question (question.ts), gather candidates with their
 * features (gather.ts), rank them (rank.ts), decide whether the top one answers it (decide.ts),
 * work out a difference or a sum where asked (compute.ts), and compose the Answer (compose.ts).
 * Follow-ups inherit the previous question's words and override only those they name.
 */
import Fuse from "fuse.js";
import type { Answer } from "../answer.js";
import { BoundedMap } from "../bounded-map.js";
import type { Candidate, Pool } from "../pool/types.js";
import { sameSentence } from "../text/terms.js";
import { Composer } from "./compose.js";
import { compute } from "./compute.js";
import { READING_DEFAULTS } from "./config.js";
import { answerProbability, type DecisionFeatures, decisionFeatures } from "./decide.js";
import { expand, Gatherer, type Prior, type Scored } from "./gather.js";
import { type CompiledReading, type Question, readQuestion, type WordWeights } from "./question.js";
import { Ranker, type RankerWeights } from "./rank.js";

export interface EngineOptions {
  now: () => number;
  ttlMs: number;
  maxConversations: number;
}

interface Turn {
  q: Question;
  top?: Candidate;
  at: number;
}

/** A turn as shared state keeps it. */
export interface TurnSnapshot {
  q: Question;
  top?: number;
  at: number;
}

type Ranked = Scored & { p: number };

export interface Trace {
  q: Question;
  ranked: Ranked[];
  probability: number;
  /** The weighted share of question words nothing in the article stands for. */
  absent: number;
  /** What the decision weighs about the top candidate; undefined when nothing was gathered. */
  decision?: DecisionFeatures;
}

export class Engine {
  private readonly gatherer: Gatherer;
  private readonly ranker: Ranker;
  private readonly composer: Composer;
  private readonly turns: BoundedMap<string, Turn>;
  private readonly weights: WordWeights;
  private readonly vocabulary: string[];
  private fuse?: Fuse<string>;
  private readonly typos = new BoundedMap<string, string>(READING_DEFAULTS.typoMemory);
  private readonly clausePairs = new Set<string>();

  constructor(
    private readonly pool: Pool,
    private readonly reading: CompiledReading,
    private readonly model: RankerWeights,
    private readonly options: EngineOptions,
  ) {
    this.gatherer = new Gatherer(pool, reading.absence, reading.contrasts);
    this.ranker = new Ranker(model);
    this.composer = new Composer(pool);
    this.turns = new BoundedMap(options.maxConversations);
    const n = pool.sentences.length || 1;
    const names = new Set(pool.sentences.flatMap((s) => s.names));
    const lower = new Set(pool.sentences.flatMap((s) => s.terms));
    this.weights = {
      weight: (k) => {
        const df = pool.df[k];
        if (df) return 1 + Math.log(n / df);
        return pool.related[k] ? 1.5 : 2.5;
      },
      isName: (k) => names.has(k) && !lower.has(k),
    };
    this.vocabulary = Object.keys(pool.df).filter((k) => k.length >= 4 && !/^\d/.test(k));
    for (const c of pool.candidates.filter((x) => x.type !== "sentence" && x.type !== "reason"))
      for (const a of c.clause) for (const b of c.clause) if (a < b) this.clausePairs.add(`${a} ${b}`);
  }

  /**
   * prior: what the fact matcher answered. Its figure and sentence are evidence for the ranker; an
   * answer it gives stands, and the pool's answer is given where it found none and the pool is
   * sure enough (the fitted rescue threshold), so a story the matcher was tuned on keeps its answers.
   */
  ask(text: string, conversationId: string, prior?: Answer): Answer {
    return this.explain(text, conversationId, prior).answer;
  }

  /** The answer with the reading and ranking behind it: for fitting weights and for diagnostics. */
  explain(
    text: string,
    conversationId: string,
    priorAnswer?: Answer,
  ): { answer: Answer; own: Answer; trace: Trace } {
    const now = this.options.now();
    const previous = this.recall(conversationId, now);
    let q = readQuestion(text, this.reading, this.weights);
    q = this.correctTypos(q);
    if (previous && q.followUp) q = this.inherit(q, previous.q);
    const trace = this.trace(q, this.priorOf(priorAnswer));
    const answer = this.decide(q, trace, previous);
    this.turns.set(conversationId, { q, ...(answer.top ? { top: answer.top } : {}), at: now });
    if (!priorAnswer) return { answer: answer.answer, own: answer.answer, trace };
    const chosen = this.arbitrate(priorAnswer, answer.answer, trace);
    return { answer: chosen === priorAnswer ? withValue(priorAnswer, q) : chosen, own: answer.answer, trace };
  }

  /**
   * The matcher's answer stands, except where the pool is sure enough: where the matcher found
   * nothing (rescue) or where it answered from another sentence and figure than the pool's own
   * (override). Both thresholds are fitted so that the sets the matcher was tuned on lose nothing.
   */
  private arbitrate(prior: Answer, own: Answer, trace: Trace): Answer {
    if (own.status !== "answered") return prior;
    // A worked answer from the question's own operation beats a looked-up one; two worked answers, the matcher's.
    const worked = (a: Answer) => a.facts.some((f) => f.kind === "computed");
    if (worked(own)) return worked(prior) ? prior : own;
    if (worked(prior)) return prior;
    if (prior.status !== "answered") return trace.probability >= this.model.rescue ? own : prior;
    const agrees = (trace.decision?.priorAgrees ?? 0) > 0;
    return !agrees && trace.probability >= (this.model.override ?? 1.1) ? own : prior;
  }

  /** Reads and ranks without deciding: for fitting weights and for diagnostics. */
  trace(q: Question, prior?: Prior): Trace {
    const expanded = expand(q.terms, this.pool);
    const ranked = this.ranker.rank(this.gatherer.gather(q, expanded, prior), q.type);
    let total = 0;
    let missing = 0;
    q.terms.forEach((t, i) => {
      total += t.weight;
      if (![...expanded[i]!.keys()].some((k) => this.pool.df[k])) missing += t.weight;
    });
    const absent = total ? missing / total : 0;
    const decision = ranked.length ? decisionFeatures(ranked, absent) : undefined;
    return {
      q,
      ranked,
      absent,
      ...(decision ? { decision } : {}),
      probability: answerProbability(decision, this.model),
    };
  }

  private decide(q: Question, trace: Trace, previous: Turn | undefined): { answer: Answer; top?: Candidate } {
    const { ranked } = trace;
    if (q.followUp && previous?.top && /^(?:and\s+)?(?:why|how come)\W*$/i.test(q.text)) {
      const reason = this.nearestOfType(previous.top, ["reason"]) ?? previous.top;
      return { answer: this.composer.answered(reason, 0.6, "why"), top: reason };
    }
    if (q.followUp && previous?.top && /\bwho (?:said|says) (?:that|this|it)\b|^said by who/i.test(q.text)) {
      const speaker = this.nearestOfType(previous.top, ["quote", "person"]);
      if (speaker) return { answer: this.composer.answered(speaker, 0.6, "who-said"), top: speaker };
    }
    if (
      q.type === "quote" &&
      previous?.top?.type === "quote" &&
      /\b(?:else|more|another|other)\b/i.test(q.text)
    ) {
      const next = this.nextQuote(previous.top);
      if (next) return { answer: this.composer.answered(next, 0.6, "quote-more"), top: next };
    }
    // A share the article states is looked up, not worked out from two other figures.
    const stated =
      q.op === "share" && ranked[0]?.c.type === "percent" && trace.probability >= this.model.threshold;
    if (q.op !== "lookup" && !stated) {
      const result = compute(q, ranked);
      if (result && result.support >= READING_DEFAULTS.computeSupport)
        return { answer: this.composer.computed(result, result.support, q.op), top: result.parts[0]! };
    }
    const top = ranked[0];
    if (top && trace.probability >= this.model.threshold) {
      return { answer: this.composer.answered(top.c, trace.probability, q.type), top: top.c };
    }
    const nearby = ranked
      .filter((r) => r.c.type !== "place")
      .slice(0, 2)
      .map((r) => r.c);
    return { answer: this.composer.unknown(q.text, nearby, []) };
  }

  private priorOf(answer: Answer | undefined): Prior | undefined {
    if (answer?.status !== "answered") return undefined;
    const values = answer.facts.flatMap((f) =>
      [...f.value.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, ""))),
    );
    const sentences = new Set<number>();
    for (const source of answer.sources) {
      this.pool.sentences.forEach((s, i) => {
        if (sameSentence(s.text, source.text)) sentences.add(i);
      });
    }
    const kinds = new Set(answer.facts.map((f) => f.kind));
    const types = new Set<string>();
    if (kinds.has("figure") || kinds.has("computed"))
      for (const t of ["count", "money", "percent", "points"]) types.add(t);
    if (kinds.has("date")) types.add("date");
    if (kinds.has("duration")) types.add("duration");
    if (kinds.has("quote")) types.add("quote");
    if (kinds.has("person")) types.add("person");
    if (kinds.has("organisation")) types.add("org");
    if (kinds.has("reason") || kinds.has("sentence") || !kinds.size)
      for (const t of ["reason", "sentence"]) types.add(t);
    return { values, sentences, types };
  }

  /** A follow-up naming another place replaces the place asked before; the rest of the question stays. */
  private inherit(q: Question, before: Question): Question {
    const hasNames = q.terms.some((t) => t.name);
    const kept = before.terms.filter((old) => {
      if (hasNames && old.name && !old.period) return false;
      // A word the new one stands beside in no clause of the article is its alternative: "outpatient" for "inpatient".
      return !q.terms.some(
        (t) =>
          !t.name &&
          t.key !== old.key &&
          this.pool.df[t.key] &&
          this.pool.df[old.key] &&
          !this.together(t.key, old.key),
      );
    });
    const bare = q.type === "what" || q.type === "yesno" || /^(?:and|what about|how about)\b/i.test(q.text);
    return {
      ...q,
      type: bare ? before.type : q.type,
      types: bare ? before.types : q.types,
      op: q.op === "lookup" ? before.op : q.op,
      terms: [
        ...q.terms.map((t) => ({ ...t, weight: t.weight * 1.5 })),
        ...kept.filter((t) => !q.terms.some((n) => n.key === t.key)),
      ],
    };
  }

  private together(a: string, b: string): boolean {
    return this.clausePairs.has(a < b ? `${a} ${b}` : `${b} ${a}`);
  }

  /** A word the article never uses and no synonym explains may be a typo of one it does use. */
  private correctTypos(q: Question): Question {
    const unknown = q.terms.filter(
      (t) => !this.pool.df[t.key] && !this.pool.related[t.key] && t.key.length >= 4,
    );
    if (!unknown.length) return q;
    this.fuse ??= new Fuse(this.vocabulary, { threshold: 0.3, includeScore: true });
    const terms = q.terms.map((t) => {
      if (!unknown.includes(t)) return t;
      const fixed = this.typoOf(t.key);
      return fixed ? { ...t, key: fixed, weight: this.weights.weight(fixed, fixed) } : t;
    });
    return { ...q, terms };
  }

  /** The article word a typed word is a typo of, remembered: the same few unknown words come back. */
  private typoOf(word: string): string | undefined {
    const known = this.typos.get(word);
    if (known !== undefined) return known || undefined;
    const hit = this.fuse!.search(word, { limit: 1 })[0];
    const fixed = hit && (hit.score ?? 1) <= 0.3 && hit.item[0] === word[0] ? hit.item : "";
    this.typos.set(word, fixed);
    return fixed || undefined;
  }

  private nearestOfType(c: Candidate, types: Candidate["type"][]): Candidate | undefined {
    let best: Candidate | undefined;
    let distance = Number.POSITIVE_INFINITY;
    for (const other of this.pool.candidates) {
      if (!types.includes(other.type)) continue;
      const d = Math.abs(other.s - c.s) + (other.s < c.s ? 0.5 : 0);
      if (d < distance) {
        distance = d;
        best = other;
      }
    }
    return distance <= 3 ? best : undefined;
  }

  private nextQuote(c: Candidate): Candidate | undefined {
    const speaker = c.answer.split(":")[0];
    const quotes = this.pool.candidates.filter(
      (o) => o.type === "quote" && o.answer.split(":")[0] === speaker,
    );
    const i = quotes.indexOf(c);
    return quotes[i + 1];
  }

  /** A conversation's last turn as plain JSON (the candidate by its index in the pool), for shared state. */
  exportTurn(id: string): TurnSnapshot | undefined {
    const turn = this.recall(id, this.options.now());
    if (!turn) return undefined;
    const top = turn.top ? this.pool.candidates.indexOf(turn.top) : -1;
    return { q: turn.q, ...(top >= 0 ? { top } : {}), at: turn.at };
  }

  /** Restores a turn exported by any instance built from the same article; anything malformed is dropped. */
  importTurn(id: string, snapshot: unknown): void {
    const s = snapshot as Partial<TurnSnapshot> | undefined;
    const q = s?.q as Partial<Question> | undefined;
    const valid =
      q !== undefined &&
      typeof q.text === "string" &&
      typeof q.type === "string" &&
      Array.isArray(q.types) &&
      Array.isArray(q.terms) &&
      q.terms.every((t) => typeof t?.key === "string" && typeof t.weight === "number") &&
      Array.isArray(q.numbers) &&
      Array.isArray(q.dates) &&
      typeof s?.at === "number";
    if (!valid) {
      this.turns.delete(id);
      return;
    }
    const top = typeof s.top === "number" ? this.pool.candidates[s.top] : undefined;
    this.turns.set(id, { q: q as Question, ...(top ? { top } : {}), at: s.at! });
  }

  private recall(id: string, now: number): Turn | undefined {
    const turn = this.turns.peek(id);
    if (!turn) return undefined;
    if (now - turn.at > this.options.ttlMs) {
      this.turns.delete(id);
      return undefined;
    }
    return turn;
  }
}

const VALUE_KINDS = new Set(["figure", "date", "duration", "computed", "quote", "person", "organisation"]);

/**
 * The matcher's answer with a value: its own statement of the answer, without the sentence it
 * cites ("96 daily collection rounds. From the article: ..."), unless the question wants a yes or no.
 */
function withValue(answer: Answer, q: Question): Answer {
  if (answer.status !== "answered" || answer.value !== undefined || q.type === "yesno") return answer;
  const fact = answer.facts[0];
  if (!fact || !VALUE_KINDS.has(fact.kind)) return answer;
  const cut = answer.text.search(/\.?\s+(?:Worked out from the article|From the article):/);
  return { ...answer, value: (cut > 0 ? answer.text.slice(0, cut) : answer.text).trim() };
}
