/**
 * The typed candidates of one sentence: its dates and times, its quantities with what they count
 * and what scopes them (a row label, a day, a part of a whole), and the sentence itself.
 */
import { findDates, spanDays } from "../read/dates.js";
import type { Block } from "../read/layout.js";
import type { Tok } from "../read/nlp.js";
import { findQuantities, type Quantity } from "../read/numbers.js";
import type { FactStore } from "../store.js";
import { FUNCTION_WORDS, key, sameSentence } from "../text/terms.js";
import { clauseAt, clauseSpans, keysIn, windowKeys } from "./clauses.js";
import { type Draft, termsOf } from "./sentences.js";
import type { Candidate, PoolSentence } from "./types.js";

const REASON =
  /\b(?:over|because|due to|in protest|in a (?:row|dispute)|dispute (?:over|about|centres|centers|is)|row over|about pay|demand|calling for|asking for|seeking|want|wants|in support of|protest(?:ing)? (?:over|against|at))\b/i;

/** What runs on from sentence to sentence: the last day named ("the following day" counts from it), and the noun of the last count in the paragraph ("A dozen were shut"). */
export interface DayState {
  last?: { month: number; day: number };
  counted?: { paragraph: number; keys: string[] };
}

/** Appends the candidates of sentence s to out. */
export function sentenceCandidates(d: Draft, s: number, days: DayState, out: Candidate[]): void {
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
    const rel = d.read.text.slice(start, end).match(/\b(?:the )?(?:following|next) day\b|\bthe day after\b/i);
    // "the following day" counts from the last day named before it, in this sentence or earlier.
    const earlier = dates
      .filter((x) => x.start < start && x.from.month !== undefined && x.from.day !== undefined)
      .pop();
    const base = earlier ? { month: earlier.from.month!, day: earlier.from.day! } : days.last;
    if (rel && base) {
      const next = new Date(Date.UTC(2001, base.month - 1, base.day + 1));
      out.push(dayKey(next.getUTCMonth() + 1, next.getUTCDate()));
    }
    return out;
  };
  const quantities = findQuantities(d.read.text, dates);
  let lastCounted: string[] = days.counted?.paragraph === d.sentence.paragraph ? days.counted.keys : [];
  for (const dt of dates) {
    const clause = clauseAt(clauses, dt.start, d.read.text);
    out.push({
      type: dt.timeOnly ? "time" : "date",
      s,
      raw: dt.text,
      answer: dt.text.replace(/^(?:on|at|from|by|until|since)\s+/i, "").replace(/[,;]$/, ""),
      near: windowKeys(d.read.tokens, dt.start, dt.end, clause),
      clause: keysIn(d.read.tokens, clause.start, clause.end),
      clauseText: clause.text,
      // How exact the date is: a day of a month, a weekday or a day, or only a month, a year or "next week".
      detail:
        dt.from.day !== undefined && dt.from.month !== undefined
          ? 2
          : dt.from.weekday !== undefined || dt.from.day !== undefined
            ? 1
            : 0,
    });
    const days = spanDays(dt.from, dt.to);
    if (days)
      out.push({
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
    if (q.unit === "count" && counted.length) {
      lastCounted = countedKeys;
      days.counted = { paragraph: d.sentence.paragraph, keys: countedKeys };
    }
    const scoped = d.block.label && isScopeLabel(d.block.label, d.read.tokens);
    if (d.block.label && !scoped) countedKeys = [...new Set([...countedKeys, ...labelKeys(d.block.label)])];
    if (d.block.header) countedKeys = [...new Set([...countedKeys, ...headerKeys(d.block, q, d.read.text)])];
    if (!countedKeys.length) countedKeys = numberOfKeys(d.read.tokens);
    near = [...new Set([...near, ...countedKeys])];
    out.push({
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
  if (last) days.last = { month: last.to?.month ?? last.from.month!, day: last.to?.day ?? last.from.day! };
  // A "Label: value" line or a table row: the label and the column names describe every figure and date in it.
  const framing = [
    ...(d.block.label ? labelKeys(d.block.label) : []),
    ...(d.block.header ? labelKeys(d.block.header.join(" ")) : []),
  ];
  if (framing.length)
    for (const c of out)
      if (c.s === s && (c.type === "date" || c.type === "time" || c.type === "duration"))
        c.near = [...new Set([...c.near, ...framing])];
  if (d.block.kind !== "heading" || /\?$/.test(d.read.text)) {
    const kind = REASON.test(d.read.text) ? "reason" : "sentence";
    out.push({
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
  // The row's first cell is its scope ("Friday, June 6"), kept apart as the candidate's scope.
  return labelKeys(block.header?.[column] ?? "");
}

/**
 * The figure facts of the store describe a figure better than its window: what it counts, its
 * qualifiers ("inpatient"), what it is part of ("Of those cancelled, 158 were ..."), its places.
 * Their words join the figure's own.
 */
export function describeFromFacts(
  candidates: Candidate[],
  store: FactStore,
  sentences: PoolSentence[],
): void {
  const oldText = new Map(store.sentences.map((x) => [x.id, x.text]));
  const byId = new Map(store.figures.map((f) => [f.id, f]));
  const keysOf = (text: string) =>
    (text.toLowerCase().match(/[\p{L}]+(?:-[\p{L}]+)*/gu) ?? [])
      .filter((w) => !FUNCTION_WORDS.has(w))
      .map(key);
  for (const f of store.figures) {
    const text = oldText.get(f.sentenceId);
    if (!text) continue;
    const c = candidates.find(
      (x) => x.value === f.value && x.counted !== undefined && sameSentence(sentences[x.s]!.text, text),
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
export function markRounded(candidates: Candidate[]): void {
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
