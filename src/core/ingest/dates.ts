import type { Lexicon } from "../lexicon.js";
import type { DateFact, DurationFact } from "../store.js";
import { parseSmallNumber, type Span } from "./numbers.js";

export interface DateMention extends Span {
  text: string;
  start_: { month: number; day: number } | undefined;
  end_: { month: number; day: number } | undefined;
  /** A month with no day ("in January"). */
  monthOnly?: number;
  relative?: number;
}

export interface DurationMention extends Span {
  text: string;
  days: number;
}

const ORDINAL = "(?:st|nd|rd|th)?";

/** Dates as written: "April 11 to 15", "18 January", "March 3 and 4", "the following day". */
interface DatePatterns {
  monthFirst: RegExp;
  dayFirst: RegExp;
  monthAlone: RegExp;
}

/** Compiled once per lexicon: dates are looked for in every question. */
const patternCache = new WeakMap<Lexicon, DatePatterns>();

function datePatterns(lexicon: Lexicon): DatePatterns {
  const cached = patternCache.get(lexicon);
  if (cached) return cached;
  const months = lexicon.data.months.map((m) => `${m}|${m.slice(0, 3)}`).join("|");
  const patterns = {
    monthFirst: new RegExp(
      `\\b(${months})\\.?\\s+(\\d{1,2})${ORDINAL}(?:\\s*(?:to|-|–|and|until|till)\\s*(?:(${months})\\.?\\s+)?(\\d{1,2})${ORDINAL})?\\b`,
      "gi",
    ),
    dayFirst: new RegExp(
      `\\b(\\d{1,2})${ORDINAL}(?:\\s*(?:to|-|–|and|until|till)\\s*(\\d{1,2})${ORDINAL})?\\s+(?:of\\s+)?(${months})\\b`,
      "gi",
    ),
    monthAlone: new RegExp(
      `\\b(?:in|during|since|by|until|from|last|next|early|late|mid)[- ](${months})\\b`,
      "gi",
    ),
  };
  patternCache.set(lexicon, patterns);
  return patterns;
}

export function findDates(sentence: string, lexicon: Lexicon): DateMention[] {
  const found: DateMention[] = [];
  const { monthFirst, dayFirst, monthAlone } = datePatterns(lexicon);
  for (const m of sentence.matchAll(monthFirst)) {
    const month = monthNumber(m[1]!, lexicon);
    const endMonth = m[3] ? monthNumber(m[3], lexicon) : month;
    found.push(
      mention(m, { month, day: Number(m[2]) }, m[4] ? { month: endMonth, day: Number(m[4]) } : undefined),
    );
  }
  for (const m of sentence.matchAll(dayFirst)) {
    const month = monthNumber(m[3]!, lexicon);
    if (found.some((f) => overlaps(f, m))) continue;
    found.push(mention(m, { month, day: Number(m[1]) }, m[2] ? { month, day: Number(m[2]) } : undefined));
  }
  for (const m of sentence.matchAll(monthAlone)) {
    if (found.some((f) => overlaps(f, m))) continue;
    const start = (m.index ?? 0) + m[0].length - m[1]!.length;
    found.push({
      text: m[1]!,
      start,
      end: start + m[1]!.length,
      start_: undefined,
      end_: undefined,
      monthOnly: monthNumber(m[1]!, lexicon),
    });
  }
  for (const [phrase, offset] of Object.entries(lexicon.data.relativeDays)) {
    const at = sentence.toLowerCase().indexOf(phrase);
    if (at >= 0)
      found.push({
        text: sentence.slice(at, at + phrase.length),
        start: at,
        end: at + phrase.length,
        start_: undefined,
        end_: undefined,
        relative: offset,
      });
  }
  // "next week", "later this month": a time without a calendar date, kept as written.
  for (const m of sentence.matchAll(
    /\b(?:next|later this|early next|late next|this coming) (?:week|month|year|spring|summer|autumn|winter)\b/gi,
  )) {
    const at = m.index ?? 0;
    if (found.some((f) => at < f.end && at + m[0].length > f.start)) continue;
    found.push({ text: m[0], start: at, end: at + m[0].length, start_: undefined, end_: undefined });
  }
  return found.sort((a, b) => a.start - b.start);
}

function mention(
  m: RegExpMatchArray,
  start: { month: number; day: number },
  end: { month: number; day: number } | undefined,
): DateMention {
  const at = m.index ?? 0;
  return { text: m[0], start: at, end: at + m[0].length, start_: start, end_: end };
}

function overlaps(span: Span, m: RegExpMatchArray): boolean {
  const at = m.index ?? 0;
  return at < span.end && at + m[0].length > span.start;
}

function monthNumber(word: string, lexicon: Lexicon): number {
  return (
    lexicon.monthIndex.get(word.toLowerCase().slice(0, 3)) ?? lexicon.monthIndex.get(word.toLowerCase()) ?? 0
  );
}

/** "four-day", "48-hour", "two days", "a week". */
export function findDurations(sentence: string, lexicon: Lexicon): DurationMention[] {
  const words = Object.keys(lexicon.data.numberWords).join("|");
  // "four-day", "48-hour", "ten collection days", "10 strike days".
  const pattern = new RegExp(
    `\\b(\\d{1,3}|${words}|a)[- ](?:(?:strike|working|collection|school|teaching|consecutive|full)\\s+)?(day|hour|week|month)s?(?:[- ]long)?\\b`,
    "gi",
  );
  const found: DurationMention[] = [];
  for (const m of sentence.matchAll(pattern)) {
    const n = m[1]!.toLowerCase() === "a" ? 1 : parseSmallNumber(m[1]!, lexicon);
    if (n === undefined) continue;
    // "a day" alone is too vague to be a duration ("every single day").
    if (m[1]!.toLowerCase() === "a" && !/-/.test(m[0])) continue;
    const unit = m[2]!.toLowerCase();
    const days = unit === "hour" ? n / 24 : unit === "week" ? n * 7 : unit === "month" ? n * 30 : n;
    const at = m.index ?? 0;
    // Only the length of an action is a duration: "a 48-hour strike", "lasted 48 hours", "for three days",
    // "10 days of strike action"; "waited up to 11 hours" is a figure.
    const before = sentence.slice(0, at);
    const after = sentence.slice(at + m[0].length);
    const hyphenated = /-/.test(m[0]);
    const framed =
      /\b(?:for|lasted|lasting|last|over|across|spanning|spread over|covered|covering|ran for|running for)\s+$/i.test(
        before,
      ) ||
      /^\s+(?:of\s+(?:strike|industrial|action|walk-?outs?)|strikes?|walk-?outs?|action|stoppages?)\b/i.test(
        after,
      );
    if (!hyphenated && !framed) continue;
    found.push({ text: m[0], start: at, end: at + m[0].length, days });
  }
  return found;
}

/** Resolves relative dates against the date before them and derives durations from spans. */
/** "from 7am on Tuesday, June 10, until 7am on Friday, June 13" is one span, not two dates. */
export function mergeSpans(sentence: string, mentions: DateMention[]): DateMention[] {
  const merged: DateMention[] = [];
  for (const m of mentions) {
    const prev = merged[merged.length - 1];
    const between = prev ? sentence.slice(prev.end, m.start) : "";
    if (
      prev?.start_ &&
      !prev.end_ &&
      m.start_ &&
      !m.end_ &&
      /^[^.;]{0,30}\b(?:until|till|to|through)\b[^.;]{0,25}$/i.test(between)
    ) {
      merged[merged.length - 1] = {
        ...prev,
        text: sentence.slice(prev.start, m.end),
        end: m.end,
        end_: m.start_,
      };
      continue;
    }
    merged.push(m);
  }
  return merged;
}

export function dateFacts(
  mentions: DateMention[],
  previous: { month: number; day: number } | undefined,
  sentenceId: string,
  clauseOf: (span: Span) => string,
  nextId: () => string,
): DateFact[] {
  const facts: DateFact[] = [];
  let last = previous;
  for (const m of mentions) {
    let start = m.start_;
    if (m.relative !== undefined && last) start = addDays(last, m.relative);
    const end = m.end_;
    const durationDays = start && end ? daysBetween(start, end) + 1 : undefined;
    const fact: DateFact = { id: nextId(), text: m.text, clause: clauseOf(m), sentenceId };
    if (start) fact.start = start;
    if (end) fact.end = end;
    if (durationDays) fact.durationDays = durationDays;
    if (m.monthOnly) fact.start = { month: m.monthOnly, day: 0 };
    facts.push(fact);
    if (start) last = end ?? start;
  }
  return facts;
}

export function addDays(
  date: { month: number; day: number },
  offset: number,
): { month: number; day: number } {
  const d = new Date(Date.UTC(2001, date.month - 1, date.day + offset));
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function daysBetween(a: { month: number; day: number }, b: { month: number; day: number }): number {
  return Math.round((Date.UTC(2001, b.month - 1, b.day) - Date.UTC(2001, a.month - 1, a.day)) / 86_400_000);
}

export function durationFact(
  m: DurationMention,
  clause: string,
  sentenceId: string,
  id: string,
): DurationFact {
  return { id, text: m.text, days: m.days, clause, sentenceId, derived: false };
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function formatDate(date: { month: number; day: number }): string {
  const month = MONTH_NAMES[date.month - 1] ?? "";
  return date.day ? `${month} ${date.day}` : month;
}
