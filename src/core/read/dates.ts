/**
 * Dates and times of day, through chrono-node's English parser, at ingest only. "June 6 to June 9",
 * "Monday", "Jan. 22", "7 a.m. Sunday" and "from 2 to 6 May" become spans with known parts.
 */
import { createRequire } from "node:module";

export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** Known parts only: a weekday alone has neither month nor day. */
  from: DateParts;
  to?: DateParts;
  /** A time of day only ("7 a.m.", "16:52"). */
  timeOnly: boolean;
}

export interface DateParts {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
  hour?: number;
  minute?: number;
}

interface ChronoComponents {
  isCertain(part: string): boolean;
  get(part: string): number | null;
}
interface ChronoResult {
  index: number;
  text: string;
  start: ChronoComponents;
  end?: ChronoComponents;
}
type ChronoParse = (text: string, ref?: Date, option?: { forwardDate?: boolean }) => ChronoResult[];

let parser: ChronoParse | undefined;

function chrono(): ChronoParse {
  if (!parser) {
    const require = createRequire(import.meta.url);
    const en = require("chrono-node/en") as { parse: ChronoParse };
    parser = en.parse.bind(en);
  }
  return parser;
}

/** Words chrono reads as dates that, in a strike story, are not ("may" the verb, "now", "second"). */
const NOT_A_DATE =
  /^(?:may|now|today|second|sec|a second|march on|the day|day|days|week|weeks|year|years|this|next|last)$/i;

export function findDates(sentence: string, ref = new Date(Date.UTC(2026, 0, 1))): DateMention[] {
  let results: ChronoResult[];
  try {
    results = chrono()(sentence, ref);
  } catch {
    return [];
  }
  const out: DateMention[] = [];
  for (const r of results) {
    const text = r.text.trim();
    if (NOT_A_DATE.test(text)) continue;
    if (/^may\b/i.test(text) && !/^may\s+\d/i.test(text)) continue;
    if (/^\d{1,2}$/.test(text)) continue;
    // "in three years", "within two weeks": a span of time, not a date.
    if (
      /^(?:in|within|for|over)\s+(?:the\s+)?(?:\w+[- ])?\w+\s+(?:days?|weeks?|months?|years?|decades?)$/i.test(
        text,
      )
    )
      continue;
    // "three weeks after", "two days later": a duration, which the quantity reader keeps.
    if (
      /^(?:\w+[- ])?\w+\s+(?:days?|weeks?|months?|years?)\s+(?:after|before|later|ago|earlier)\b/i.test(text)
    )
      continue;
    const from = parts(r.start);
    const to = r.end ? parts(r.end) : undefined;
    const hasDate =
      from.month !== undefined ||
      from.day !== undefined ||
      from.weekday !== undefined ||
      from.year !== undefined;
    const relative =
      /\b(?:yesterday|today|tomorrow|tonight|this (?:morning|afternoon|evening|week)|next|last)\b/i.test(
        text,
      );
    if (!hasDate && from.hour === undefined && !relative) continue;
    out.push({
      start: r.index,
      end: r.index + r.text.length,
      text,
      from,
      ...(to ? { to } : {}),
      timeOnly: !hasDate && !relative && from.hour !== undefined,
    });
  }
  return out;
}

function parts(c: ChronoComponents): DateParts {
  const out: DateParts = {};
  const take = (name: keyof DateParts, key: string) => {
    if (c.isCertain(key)) {
      const v = c.get(key);
      if (v !== null) out[name] = v;
    }
  };
  take("year", "year");
  take("month", "month");
  take("day", "day");
  take("weekday", "weekday");
  take("hour", "hour");
  take("minute", "minute");
  return out;
}

/** Days from the first to the last day of a span, counting both; undefined without both days. */
export function spanDays(from: DateParts, to: DateParts | undefined): number | undefined {
  if (!to || from.day === undefined || to.day === undefined) return undefined;
  const m1 = from.month ?? to.month;
  const m2 = to.month ?? m1;
  if (m1 === undefined || m2 === undefined) return undefined;
  const days = (Date.UTC(2001, m2 - 1, to.day) - Date.UTC(2001, m1 - 1, from.day)) / 86_400_000 + 1;
  return days > 0 && days < 120 ? days : undefined;
}
