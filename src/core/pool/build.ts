/**
 * Builds the candidate pool from an article: the layout gives lines and their frames, the NLP
 * library gives sentences and words, the readers give quantities and dates, and the entity
 * finders (people, organisations, quotes) give the named candidates.
 */

import { capitalisedRuns } from "../ingest/entities.js";
import type { Lexicon } from "../lexicon.js";
import { findDates, spanDays } from "../read/dates.js";
import { type Block, layout } from "../read/layout.js";
import { type ReadSentence, readText, type Tok } from "../read/nlp.js";
import { findQuantities, type Quantity } from "../read/numbers.js";
import type { FactStore } from "../store.js";
import { entry } from "../text/collections.js";
import { FUNCTION_WORDS, key } from "../text/terms.js";
import { type Paraphrases, relatedTable } from "./related.js";
import { type Candidate, POOL_VERSION, type Pool, type PoolSentence } from "./types.js";

const CONTENT_POS = new Set(["NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"]);
const PERIOD_WORDS = new Set([
  "last",
  "previous",
  "earlier",
  "former",
  "prior",
  "first",
  "second",
  "third",
  "next",
  "final",
  "since",
  "ago",
  "before",
  "cumulative",
  "total",
  "so far",
  "round",
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
]);
const REASON =
  /\b(?:over|because|due to|in protest|in a (?:row|dispute)|dispute (?:over|about|centres|centers|is)|row over|about pay|demand|calling for|asking for|seeking|want|wants|in support of|protest(?:ing)? (?:over|against|at))\b/i;

interface Draft {
  sentence: PoolSentence;
  read: ReadSentence;
  block: Block;
}

export function buildPool(
  article: string,
  store: FactStore,
  lexicon: Lexicon,
  paraphrases: Paraphrases = {},
): Pool {
  const drafts = readSentences(article);
  const sentences = drafts.map((d) => d.sentence);
  const candidates: Candidate[] = [];
  let lastDay: { month: number; day: number } | undefined;
  drafts.forEach((d, s) => {
    const clauses = clauseSpans(d.read.text);
    const dates = findDates(d.read.text);
    // The days each clause is about, "the following day" counted from the last day named.
    const onAt = (start: number, end: number): string[] => {
      const out: string[] = [];
      for (const dt of dates) {
        if (dt.start < start || dt.start >= end) continue;
        if (dt.from.month !== undefined && dt.from.day !== undefined)
          out.push(dayKey(dt.from.month, dt.from.day));
        else if (dt.from.month !== undefined) out.push(pad(dt.from.month));
      }
      const rel = d.read.text
        .slice(start, end)
        .match(/\b(?:the )?(?:following|next) day\b|\bthe day after\b/i);
      // "the following day" counts from the last day named before it, in this sentence or earlier.
      const earlier = dates
        .filter((x) => x.start < start && x.from.month !== undefined && x.from.day !== undefined)
        .pop();
      const base = earlier ? { month: earlier.from.month!, day: earlier.from.day! } : lastDay;
      if (rel && base) {
        const next = new Date(Date.UTC(2001, base.month - 1, base.day + 1));
        out.push(dayKey(next.getUTCMonth() + 1, next.getUTCDate()));
      }
      return out;
    };
    const quantities = findQuantities(
      d.read.text,
      dates.filter((x) => !x.timeOnly || true),
    );
    let lastCounted: string[] = [];
    for (const dt of dates) {
      const clause = clauseAt(clauses, dt.start, d.read.text);
      candidates.push({
        type: dt.timeOnly ? "time" : "date",
        s,
        raw: dt.text,
        answer: dt.text.replace(/^(?:on|at|from|by|until|since)\s+/i, ""),
        near: windowKeys(d.read.tokens, dt.start, dt.end, clause),
        clause: keysIn(d.read.tokens, clause.start, clause.end),
        clauseText: clause.text,
      });
      const days = spanDays(dt.from, dt.to);
      if (days)
        candidates.push({
          type: "duration",
          s,
          raw: dt.text,
          answer: `${days} days (${dt.text.replace(/^(?:on|from)\s+/i, "")})`,
          value: days,
          days,
          near: windowKeys(d.read.tokens, dt.start, dt.end, clause),
          clause: keysIn(d.read.tokens, clause.start, clause.end),
          clauseText: clause.text,
        });
    }
    for (const q of quantities) {
      const clause = clauseAt(clauses, q.start, d.read.text);
      const on = onAt(clause.start, clause.end);
      const after = d.read.text.slice(q.end);
      const before = d.read.text.slice(0, q.start);
      const part =
        /^\s*(?:of (?:the|its|their|our|those|these|them|whom)\b)/i.test(after) ||
        /\b(?:another|a further|of (?:those|these|them),?\s*)$/i.test(before);
      const counted = countedPhrase(d.read.tokens, q, clause.end);
      let near = windowKeys(d.read.tokens, q.start, q.end, clause);
      let countedKeys = termsOf(counted);
      // "a dozen were shut": the noun of the figure before it in the same list.
      if (q.unit === "count" && counted.length === 0 && lastCounted.length) countedKeys = lastCounted;
      if (q.unit === "count" && counted.length) lastCounted = countedKeys;
      const scoped = d.block.label && isScopeLabel(d.block.label, d.read.tokens);
      if (d.block.label && !scoped) countedKeys = [...new Set([...countedKeys, ...labelKeys(d.block.label)])];
      if (d.block.header)
        countedKeys = [...new Set([...countedKeys, ...headerKeys(d.block, q, d.read.text)])];
      if (!countedKeys.length) countedKeys = numberOfKeys(d.read.tokens);
      near = [...new Set([...near, ...countedKeys])];
      candidates.push({
        type: q.unit === "duration" ? "duration" : q.unit,
        s,
        raw: q.raw,
        answer: quantityAnswer(q, counted, d.block),
        value: q.value,
        ...(q.currency ? { currency: q.currency } : {}),
        ...(q.per ? { per: q.per } : {}),
        ...(q.days !== undefined ? { days: q.days } : {}),
        ...(q.approx ? { approx: q.approx } : {}),
        ...(q.fraction ? { fraction: true } : {}),
        near,
        counted: countedKeys,
        ...(on.length ? { on } : {}),
        ...(part ? { part } : {}),
        ...(scoped
          ? { scope: labelKeys(d.block.label!) }
          : d.block.cells
            ? { scope: labelKeys(d.block.cells[0] ?? "") }
            : {}),
        clause: keysIn(d.read.tokens, clause.start, clause.end),
        clauseText: clause.text,
      });
    }
    const dated = dates.filter((x) => x.from.month !== undefined && x.from.day !== undefined);
    const last = dated[dated.length - 1];
    if (last) lastDay = { month: last.to?.month ?? last.from.month!, day: last.to?.day ?? last.from.day! };
    // A "Label: value" line or a table row: the label and the column names describe every figure and date in it.
    const framing = [
      ...(d.block.label ? labelKeys(d.block.label) : []),
      ...(d.block.header ? labelKeys(d.block.header.join(" ")) : []),
    ];
    if (framing.length)
      for (const c of candidates)
        if (c.s === s && (c.type === "date" || c.type === "time" || c.type === "duration"))
          c.near = [...new Set([...c.near, ...framing])];
    if (d.block.kind !== "heading" || /\?$/.test(d.read.text)) {
      const kind = REASON.test(d.read.text) ? "reason" : "sentence";
      candidates.push({
        type: kind,
        s,
        raw: d.read.text,
        answer: d.read.text,
        // A whole sentence has no words "right by" it: only a typed candidate can meet a question there.
        near: [],
        clause: d.sentence.terms,
        clauseText: d.read.text,
      });
    }
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

/** Lines and their sentences, each with the words that frame it. */
function readSentences(article: string): Draft[] {
  const drafts: Draft[] = [];
  const perParagraph = new Map<number, number>();
  let heading: string[] = [];
  let update = 0;
  for (const block of layout(article)) {
    if (block.kind === "aside") continue;
    if (block.kind === "time") {
      update = minutesOf(block.text) ?? update + 1;
      continue;
    }
    if (block.kind === "heading") heading = [...new Set(keysOfText(block.text))];
    const whole =
      block.kind === "label" || block.kind === "row" || block.kind === "item" || block.kind === "headline";
    const read = whole ? [wholeBlock(block.text)] : readText(block.text);
    for (const r of read) {
      const n = (perParagraph.get(block.paragraph) ?? 0) + 1;
      perParagraph.set(block.paragraph, n);
      const prev = drafts[drafts.length - 1];
      const context = new Set<string>(heading);
      if (block.context) for (const k of keysOfText(block.context)) context.add(k);
      if (prev && block.kind !== "heading" && block.kind !== "headline")
        for (const k of prev.sentence.terms) context.add(k);
      const sentence: PoolSentence = {
        id: `p${block.paragraph}.s${n}`,
        paragraph: block.paragraph,
        kind: block.kind,
        text: r.text,
        terms: termsOf(r.tokens),
        context: [...context],
        names: namesOf(r.tokens),
        period: r.tokens
          .filter((t) => PERIOD_WORDS.has(t.lower) || /^(?:19|20)\d\d$/.test(t.text))
          .map((t) => t.lower),
        ...(update ? { update } : {}),
      };
      drafts.push({ sentence, read: r, block });
    }
  }
  return drafts;
}

/** "16:52", "3.20pm", "9:05 a.m." as minutes after midnight, plus one so that 00:00 still counts. */
function minutesOf(text: string): number | undefined {
  const m = text.match(/(\d{1,2})(?:[:.](\d{2}))?\s*([ap])?\.?m?\.?/i);
  if (!m) return undefined;
  let h = Number(m[1]) % 12;
  if (!m[3] || m[3].toLowerCase() === "p") h += m[3] ? 12 : Number(m[1]) === 12 ? 12 : 0;
  if (!m[3] && Number(m[1]) >= 13) h = Number(m[1]);
  return h * 60 + Number(m[2] ?? 0) + 1;
}

/** "The number of vessels waiting ... had climbed to 27": the figure counts the noun after "number of". */
function numberOfKeys(tokens: Tok[]): string[] {
  const i = tokens.findIndex(
    (t, j) => /^(?:number|total|count|tally)$/.test(t.lower) && tokens[j + 1]?.lower === "of",
  );
  if (i < 0) return [];
  const out: Tok[] = [];
  for (const t of tokens.slice(i + 2)) {
    if (t.pos === "DET" && !out.length) continue;
    if (t.pos === "NOUN" || t.pos === "ADJ" || t.pos === "PROPN") out.push(t);
    else break;
  }
  return termsOf(out);
}

/** A list item or a "Label: value" line is one unit, however many full stops it has. */
function wholeBlock(text: string): ReadSentence {
  const sentences = readText(text);
  return {
    text,
    start: 0,
    end: text.length,
    tokens: sentences.flatMap((s) =>
      s.tokens.map((t) => ({ ...t, start: t.start + s.start, end: t.end + s.start })),
    ),
  };
}

function termsOf(tokens: Tok[]): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    if (!CONTENT_POS.has(t.pos) || FUNCTION_WORDS.has(t.lower)) continue;
    if (/^\d/.test(t.text)) continue;
    out.add(key(t.lower));
    out.add(key(t.lemma));
    if (t.lower.includes("-"))
      for (const p of t.lower.split("-")) if (p.length > 1 && !FUNCTION_WORDS.has(p)) out.add(key(p));
  }
  return [...out];
}

function namesOf(tokens: Tok[]): string[] {
  const out = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.pos === "PROPN" || (i > 0 && /^\p{Lu}\p{Ll}/u.test(t.text) && t.pos !== "PRON")) {
      if (!FUNCTION_WORDS.has(t.lower)) out.add(key(t.lower));
    }
  });
  return [...out];
}

function keysOfText(text: string): string[] {
  return termsOf(readText(text).flatMap((s) => s.tokens));
}

interface Span {
  start: number;
  end: number;
  text: string;
}

/** Clauses: split at punctuation and at "while", "whereas", "but", "compared with". */
function clauseSpans(text: string): Span[] {
  const cuts = [0];
  // Not the comma of "1,450" or the colon of "12:01".
  for (const m of text.matchAll(
    /(?<!\d)[,:]|[,:](?!\d)|[;()—–]|\s-\s|\b(?:while|whereas|but|compared with|compared to|against|up from|down from)\b|\b(?:and|or)\b(?=\s+(?:\d|£|\$|€|about|around|nearly|almost|some|another|a further|just|more than|fewer than|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b))/g,
  ))
    cuts.push(m.index!);
  cuts.push(text.length);
  const spans: Span[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    if (end > start) spans.push({ start, end, text: text.slice(start, end) });
  }
  return spans;
}

/** The clause holding a position, joined with a neighbour that holds no figure of its own ("In Lochardie, | 22 schools closed"). */
function clauseAt(spans: Span[], at: number, text: string): Span {
  const i = Math.max(
    0,
    spans.findIndex((s) => at >= s.start && at < s.end),
  );
  let start = spans[i]?.start ?? 0;
  let end = spans[i]?.end ?? text.length;
  const bare = (s: Span | undefined) =>
    s &&
    !/\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|half|third|quarter)\b/i.test(s.text);
  if (bare(spans[i - 1])) start = spans[i - 1]!.start;
  if (bare(spans[i + 1])) end = spans[i + 1]!.end;
  return { start, end, text: text.slice(start, end).replace(/^[\s,;:()—–-]+|[\s,;:(—–-]+$/g, "") };
}

function keysIn(tokens: Tok[], start: number, end: number): string[] {
  return termsOf(tokens.filter((t) => t.start >= start && t.end <= end));
}

/** Content words within a few words either side, inside the clause: what the figure counts and what happened to it. */
function windowKeys(tokens: Tok[], start: number, end: number, clause: Span): string[] {
  const inClause = tokens.filter((t) => t.start >= clause.start && t.end <= clause.end);
  const before = inClause
    .filter((t) => t.end <= start && CONTENT_POS.has(t.pos) && !/^\d/.test(t.text))
    .slice(-3);
  const after = inClause
    .filter((t) => t.start >= end && CONTENT_POS.has(t.pos) && !/^\d/.test(t.text))
    .slice(0, 4);
  return termsOf([...before, ...after]);
}

/** The noun phrase a count is of: "schools" in "sixty-five schools", "support staff" in "two thousand support staff". */
function countedPhrase(tokens: Tok[], q: Quantity, clauseEnd: number): Tok[] {
  const after = tokens.filter((t) => t.start >= q.end && t.end <= clauseEnd);
  const out: Tok[] = [];
  let i = 0;
  // "thirty-one of its sixty-four schools": the noun comes after the second number.
  if (after[0]?.lower === "of" && /^(?:its|the|their|our|his|her|them)$/.test(after[1]?.lower ?? "")) i = 2;
  for (; i < after.length && out.length < 4; i++) {
    const t = after[i]!;
    if ((t.pos === "NUM" || t.text === "-") && out.length === 0 && i > 0) continue;
    if (t.pos === "ADJ" || t.pos === "NOUN" || t.pos === "PROPN" || (t.text === "-" && out.length))
      out.push(t);
    else break;
  }
  while (out.length && out[out.length - 1]!.pos === "ADJ") out.pop();
  return out;
}

function quantityAnswer(q: Quantity, counted: Tok[], block: Block): string {
  const digits = q.unit === "count" && q.inWords ? ` (${q.value.toLocaleString("en-GB")})` : "";
  const pct = q.fraction ? ` (${q.value}%)` : "";
  const phrase = counted.map((t) => t.text).join(" ");
  const label = block.label && !phrase ? ` (${block.label})` : "";
  return `${q.raw}${digits}${pct}${phrase ? ` ${phrase}` : ""}${label}`.replace(/\s+/g, " ").trim();
}

/** "Friday, June 6", "Northgate", "Year 2": a label that says which part, not what is counted. */
function isScopeLabel(label: string, tokens: Tok[]): boolean {
  if (/\d|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i.test(label)) return true;
  const own = tokens.filter((t) => t.end <= label.length);
  return (
    own.some((t) => t.pos === "PROPN") &&
    own.every(
      (t) =>
        /^\p{Lu}/u.test(t.text) ||
        t.pos === "ADP" ||
        t.pos === "DET" ||
        t.pos === "CCONJ" ||
        t.pos === "PUNCT" ||
        t.pos === "PART",
    )
  );
}

function labelKeys(label: string): string[] {
  return [
    ...new Set(
      label
        .toLowerCase()
        .match(/[\p{L}]+/gu)
        ?.filter((w) => !FUNCTION_WORDS.has(w))
        .map(key) ?? [],
    ),
  ];
}

/** A table cell's column header and the row's first cell. */
function headerKeys(block: Block, q: Quantity, text: string): string[] {
  const cells = block.cells ?? [];
  let offset = 0;
  let column = 0;
  for (let c = 0; c < cells.length; c++) {
    const at = text.indexOf(cells[c]!, offset);
    if (at <= q.start && q.start < at + cells[c]!.length) column = c;
    offset = at + cells[c]!.length;
  }
  return [...labelKeys(block.header?.[column] ?? ""), ...labelKeys(cells[0] ?? "")];
}

/** People, organisations, places and quotes from the entity finders, tied to pool sentences. */
function namedCandidates(store: FactStore, sentences: PoolSentence[]): Candidate[] {
  const out: Candidate[] = [];
  const oldText = new Map(store.sentences.map((s) => [s.id, s.text]));
  const locate = (oldId: string | undefined): number => {
    const text = oldId ? oldText.get(oldId) : undefined;
    if (!text) return 0;
    const head = text.slice(0, 40);
    const i = sentences.findIndex((s) => s.text.includes(head) || head.includes(s.text.slice(0, 40)));
    return Math.max(i, 0);
  };
  const keysOf = (text: string) => [
    ...new Set(
      (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !FUNCTION_WORDS.has(w)).map(key),
    ),
  ];
  for (const p of store.people) {
    const s = locate(p.sentenceId);
    const org = p.organisation ? `, ${p.organisation}` : "";
    const answer = `${p.title ? `${p.title} ` : ""}${p.name}${p.role ? `, ${p.role}` : ""}${p.role && org ? org.replace(/^, /, " of ") : org}`;
    out.push({
      type: "person",
      s,
      raw: p.name,
      answer,
      near: keysOf([p.name, ...p.aliases].join(" ")),
      clause: keysOf(`${p.role ?? ""} ${p.organisation ?? ""}`),
      clauseText: answer,
      ref: p.id,
    });
  }
  for (const o of store.organisations) {
    const s = locate(o.sentenceId);
    out.push({
      type: "org",
      s,
      raw: o.name,
      answer: o.acronym ? `${o.name} (${o.acronym})` : o.name,
      near: keysOf(`${o.name} ${o.acronym ?? ""}`),
      clause: keysOf(`${o.kind} ${sentences[s]?.text ?? ""}`),
      clauseText: o.name,
      ref: o.id,
    });
  }
  const speakers = new Map(store.speakers.map((sp) => [sp.id, sp]));
  for (const q of store.quotes) {
    const speaker = speakers.get(q.speakerId);
    const s = locate(q.sentenceIds[0]);
    out.push({
      type: "quote",
      s,
      raw: q.text,
      answer: `${speaker?.name ?? "Someone"}: "${q.text}"`,
      near: keysOf([speaker?.name ?? "", speaker?.role ?? "", ...(speaker?.keywords ?? [])].join(" ")),
      clause: keysOf(q.text),
      clauseText: q.text,
      ref: q.id,
    });
  }
  store.places.forEach((place, i) => {
    const s = Math.max(
      0,
      sentences.findIndex((x) => x.text.includes(place)),
    );
    out.push({
      type: "place",
      s,
      raw: place,
      answer: place,
      near: keysOf(place),
      clause: keysOf(place),
      clauseText: place,
      ref: `place${i + 1}`,
    });
  });
  return out;
}

/**
 * Every mention of a place, organisation or person in every sentence, so that "which council was
 * hardest hit" finds the name that stands in that clause, not only the first mention.
 */
function mentionCandidates(drafts: Draft[], store: FactStore): Candidate[] {
  const out: Candidate[] = [];
  const places = store.places.map((p) => p.toLowerCase());
  const orgs = store.organisations.map((o) => ({
    o,
    names: [o.name, o.acronym].filter(Boolean).map((n) => n!.toLowerCase()),
  }));
  const people = store.people.map((p) => ({ p, names: [p.name, ...p.aliases].map((n) => n.toLowerCase()) }));
  drafts.forEach((d, s) => {
    const text = d.read.text;
    const clauses = clauseSpans(text);
    for (const run of capitalisedRuns(text)) {
      const lower = run.text.toLowerCase();
      if (run.start === 0 && run.words.length === 1) continue;
      const person = people.find((x) =>
        x.names.some((n) => n === lower || n.endsWith(` ${lower}`) || lower.endsWith(n)),
      );
      const org = orgs.find((x) =>
        x.names.some((n) => n === lower || lower.includes(n) || n.includes(lower)),
      );
      const place = places.find((p) => p === lower || lower.startsWith(`${p} `) || lower.endsWith(` ${p}`));
      const type = person ? "person" : place ? "place" : org ? "org" : undefined;
      if (!type) continue;
      const clause = clauseAt(clauses, run.start, text);
      const answer = person
        ? person.p.role
          ? `${person.p.name}, ${person.p.role}`
          : person.p.name
        : org && type === "org"
          ? org.o.name
          : run.text;
      out.push({
        type,
        s,
        raw: run.text,
        answer,
        near: windowKeys(d.read.tokens, run.start, run.end, clause),
        clause: keysIn(d.read.tokens, clause.start, clause.end),
        clauseText: clause.text,
        ...(person ? { ref: person.p.id } : org && type === "org" ? { ref: org.o.id } : {}),
      });
    }
  });
  return out;
}

const MONTH = /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/;
const EARLIER = /^(?:last|previous|earlier|former|prior|ago)$/;

/** A sentence naming a month or year the lead does not, or "last", "previous", speaks of another period. */
function markOtherPeriods(sentences: PoolSentence[]): void {
  const lead = new Set(
    sentences.slice(0, 4).flatMap((s) => s.period.filter((p) => MONTH.test(p) || /^\d{4}$/.test(p))),
  );
  for (const s of sentences) {
    const other = s.period.some(
      (p) => EARLIER.test(p) || ((MONTH.test(p) || /^\d{4}$/.test(p)) && lead.size > 0 && !lead.has(p)),
    );
    if (other) s.otherPeriod = true;
  }
}

/**
 * The figure facts of the store describe a figure better than its window: what it counts, its
 * qualifiers ("inpatient"), what it is part of ("Of those cancelled, 158 were ..."), its places.
 * Their words join the figure's own.
 */
function describeFromFacts(candidates: Candidate[], store: FactStore, sentences: PoolSentence[]): void {
  const oldText = new Map(store.sentences.map((x) => [x.id, x.text]));
  const byId = new Map(store.figures.map((f) => [f.id, f]));
  const keysOf = (text: string) =>
    (text.toLowerCase().match(/[\p{L}]+(?:-[\p{L}]+)*/gu) ?? [])
      .filter((w) => !FUNCTION_WORDS.has(w))
      .map(key);
  for (const f of store.figures) {
    const text = oldText.get(f.sentenceId);
    if (!text) continue;
    const head = text.slice(0, 40);
    const c = candidates.find(
      (x) =>
        x.value === f.value &&
        x.counted !== undefined &&
        (sentences[x.s]!.text.includes(head) || text.includes(sentences[x.s]!.text.slice(0, 40))),
    );
    if (!c) continue;
    const parent = f.parentId ? byId.get(f.parentId) : undefined;
    const words = [
      f.counts,
      ...f.qualifiers,
      f.predicate ?? "",
      ...f.places,
      parent?.counts ?? "",
      parent?.predicate ?? "",
    ].join(" ");
    const described = keysOf(words);
    c.counted = [...new Set([...(c.counted ?? []), ...keysOf(`${f.counts} ${f.qualifiers.join(" ")}`)])];
    if (parent && parent.value > f.value) c.whole = parent.value;
    c.near = [...new Set([...c.near, ...described])];
  }
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function dayKey(month: number, day: number): string {
  return `${pad(month)}-${pad(day)}`;
}

/** "Nearly 2,000" where the article also gives 1,854: the round figure stands for the precise one. */
function markRounded(candidates: Candidate[]): void {
  const numeric = candidates.filter(
    (c) => c.value !== undefined && (c.type === "count" || c.type === "money"),
  );
  for (const c of numeric) {
    const round = c.value! >= 100 && c.value! % 100 === 0;
    if (!round && !c.approx) continue;
    const precise = numeric.some(
      (o) =>
        o !== c &&
        o.type === c.type &&
        o.value !== c.value &&
        o.value! % 10 !== 0 &&
        Math.abs(o.value! - c.value!) <= 0.1 * c.value!,
    );
    if (precise) c.rounded = true;
  }
}
