import Fuse from "fuse.js";
import type { Answer } from "./answer.js";
import { Answerer, sanitize } from "./answerer.js";
import { Engine } from "./ask/engine.js";
import { compileReading, type ReadingData } from "./ask/question.js";
import type { RankerWeights } from "./ask/rank.js";
import type { Bot } from "./bot.js";
import { type ConversationMemory, fromSnapshot, toSnapshot } from "./conversation.js";
import { buildFactStore } from "./ingest/build.js";
import { Lexicon, type LexiconData } from "./lexicon.js";
import { MATCHER_DEFAULTS } from "./match/config.js";
import type { Entry } from "./match/entries.js";
import type { QuestionPatterns } from "./match/question.js";
import { MESSAGES } from "./messages.js";
import { buildPool } from "./pool/build.js";
import type { Paraphrases } from "./pool/related.js";
import type { FactStore, FigureFact } from "./store.js";

/** The curated, article-independent data the core needs (data/lexicon.json and data/questions.json). */
export interface Knowledge {
  lexicon: LexiconData;
  questions: QuestionPatterns;
  /** How questions are read (data/reading.json). */
  reading: ReadingData;
  /** The fitted ranker and abstainer (data/weights.json). */
  weights: RankerWeights;
  /** WordNet and word-vector tables, needed only to build a store. */
  paraphrases?: () => Paraphrases;
}

export interface BotOptions {
  /** Clock for conversation expiry; tests step it. */
  now?: () => number;
}

/** Builds a fact store from article text with the curated lexicon. */
export function buildStore(articleText: string, knowledge: Knowledge): FactStore {
  const lexicon = new Lexicon(knowledge.lexicon);
  const store = buildFactStore(articleText, lexicon);
  return { ...store, pool: buildPool(articleText, store, lexicon, knowledge.paraphrases?.() ?? {}) };
}

export function createBot(store: FactStore, knowledge: Knowledge, options: BotOptions = {}): Bot {
  const answerer = new Answerer(store, new Lexicon(knowledge.lexicon), knowledge.questions, options.now);
  // Only questions the bot has checked it can answer are offered: buttons and autocomplete never lead nowhere.
  answerer.setExampleCandidates(candidateExamples(store));
  const now = options.now ?? Date.now;
  const engine = store.pool
    ? new Engine(store.pool, compileReading(knowledge.reading), knowledge.weights, {
        now,
        ttlMs: MATCHER_DEFAULTS.context.ttlMs,
        maxConversations: MATCHER_DEFAULTS.context.maxConversations,
      })
    : undefined;
  let finder: Fuse<string> | undefined;
  // The answerer keeps its conversations privately; sharing them needs the memory itself. (When the
  // answerer takes its memory as a constructor option, this reach-in goes.)
  const memory = (answerer as unknown as { memory: ConversationMemory }).memory;
  let entryByRef: Map<string, Entry> | undefined;
  const findEntry = (ref: { kind: string; id: string }): Entry | undefined => {
    entryByRef ??= new Map(answerer.index.entries.map((e) => [`${e.kind}:${e.fact.id}`, e]));
    return entryByRef.get(`${ref.kind}:${ref.id}`);
  };

  const safely = (fn: () => Answer): Answer => {
    try {
      return fn();
    } catch {
      // The core must never throw at a user; an internal error becomes a polite answer.
      return {
        status: "unknown",
        text: MESSAGES.handlerError,
        intent: "error",
        confidence: 0,
        facts: [],
        sources: [],
        suggestions: [],
      };
    }
  };

  return {
    title: store.title,
    ask: (text, conversationId) =>
      safely(() => {
        if (!engine) return answerer.ask(text, conversationId);
        const routed = answerer.route(text);
        if (routed) return routed;
        const id = conversationId ?? "default";
        return engine.ask(sanitize(text), id, answerer.ask(text, id));
      }),
    stats: () => safely(() => answerer.stats()),
    quotes: (speaker) => safely(() => answerer.quotes(speaker)),
    help: () => safely(() => answerer.help()),
    speakers: () => answerer.speakerNames(),
    // Both memories travel together: the matcher's snapshot, with the reading engine's turn under "pool".
    exportContext: (conversationId) => {
      const state = memory.get(conversationId, now());
      if (!state) return undefined;
      const pool = engine?.exportTurn(conversationId);
      return JSON.stringify({ ...toSnapshot(state), ...(pool ? { pool } : {}) });
    },
    importContext: (conversationId, json) => {
      let state: ReturnType<typeof fromSnapshot>;
      let parsed: { pool?: unknown } | undefined;
      try {
        parsed = json === undefined ? undefined : (JSON.parse(json) as { pool?: unknown });
        state = parsed === undefined ? undefined : fromSnapshot(parsed, findEntry);
      } catch {
        state = undefined;
      }
      if (state) memory.set(conversationId, state);
      else memory.delete(conversationId);
      engine?.importTurn(conversationId, state ? parsed?.pool : undefined);
    },
    suggest: (partial, limit = 10) => {
      const typed = typeof partial === "string" ? partial.trim().slice(0, 100) : "";
      const examples = answerer.allExamples();
      if (!typed) return examples.slice(0, limit);
      finder ??= new Fuse(examples, { threshold: 0.4, ignoreLocation: true });
      return finder.search(typed, { limit }).map((r) => r.item);
    },
  };
}

/** Questions worth offering, made from the store itself so a new article gets its own. */
function candidateExamples(store: FactStore): string[] {
  const out: string[] = [];
  const push = (q: string) => {
    if (!out.includes(q) && q.length <= 100) out.push(q);
  };
  const byId = new Map(store.figures.map((f) => [f.id, f]));
  const sentence = new Map(store.sentences.map((s) => [s.id, s.text]));
  // The verb a figure's sentence uses for it ("were cancelled"), so the example reads naturally.
  const verbOf = (f: FigureFact | undefined): string => {
    if (!f) return "";
    const own = f.clause.match(/\b(were|was)\s+([a-z]+ed)\b(?!\s+as\b)/);
    if (own) return ` ${own[1]} ${own[2]}`;
    const ofThose = sentence.get(f.sentenceId)?.match(/^Of (?:those|these|them) ([a-z]+ed)\b/);
    if (ofThose) return ` were ${ofThose[1]}`;
    return f.parentId ? verbOf(byId.get(f.parentId)) : "";
  };
  for (const f of store.figures.filter((f) => !f.roundsId && f.counts)) {
    if (f.unit === "percent") push(`What ${f.counts} is being asked for?`);
    else if (f.unit === "count")
      push(`How many ${f.counts}${verbOf(f)}${f.date?.day ? ` on ${f.date.text}` : ""}?`);
  }
  const people = store.speakers.filter((s) => s.personIds.length);
  for (const s of people) {
    const person = store.people.find((p) => p.id === s.personIds[0]);
    if (person) push(`What did ${person.name} say?`);
  }
  if (store.dates.length) push("When was the strike?");
  if (store.durations.length) push("How long was the strike?");
  if (store.reasons.some((r) => r.kind === "reason")) push("Why did they strike?");
  for (const p of store.people.filter((p) => p.role)) push(`Who is ${p.name}?`);
  // Interleave kinds so the first few suggestions show the range of what the bot knows.
  const figures = out.filter(
    (q) => q.startsWith("How many") || (q.startsWith("What ") && q.includes("asked for")),
  );
  const rest = out.filter((q) => !figures.includes(q));
  const mixed: string[] = [];
  for (let i = 0; i < Math.max(figures.length, rest.length); i++) {
    if (figures[i]) mixed.push(figures[i]!);
    if (rest[i]) mixed.push(rest[i]!);
  }
  return mixed;
}
