import type { Lexicon } from "../lexicon.js";
import type { Approximation, FigureFact } from "../store.js";

/** A number found in a sentence, before the builder decides what it counts. */
export interface NumberMention {
  raw: string;
  value: number;
  unit: FigureFact["unit"];
  approx?: Approximation;
  start: number;
  end: number;
}

/** A span of a sentence the number finder must skip (dates, durations). */
export interface Span {
  start: number;
  end: number;
}

const UNIT_WORDS: Record<string, FigureFact["unit"]> = {
  minute: "minutes",
  minutes: "minutes",
  mins: "minutes",
  hour: "hours",
  hours: "hours",
  day: "days",
  days: "days",
  week: "weeks",
  weeks: "weeks",
  year: "years",
  years: "years",
};

export function findNumbers(sentence: string, masked: Span[], lexicon: Lexicon): NumberMention[] {
  const found: NumberMention[] = [];
  const approxAlternatives = Object.keys(lexicon.data.approxWords)
    .sort((a, b) => b.length - a.length)
    .join("|");
  const pattern = new RegExp(
    `(?:\\b(${approxAlternatives})\\s+)?(£|\\$|€)?(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(\\s*(?:%|per\\s?cent|percent))?(?:\\s*(million|billion|thousand|bn|m|k)\\b)?(?:\\s+(minutes?|mins|hours?|days?|weeks?|years?)\\b)?`,
    "gi",
  );
  for (const m of sentence.matchAll(pattern)) {
    const start = (m.index ?? 0) + (m[1] ? m[0].indexOf(m[3]!) - (m[2]?.length ?? 0) : 0);
    const numberStart = (m.index ?? 0) + m[0].indexOf(m[3]!);
    if (masked.some((s) => numberStart >= s.start && numberStart < s.end)) continue;
    if (/^(19|20)\d\d$/.test(m[3]!) && !m[4] && !m[5]) continue; // a year, not a quantity
    if (/[\p{L}]/u.test(sentence[numberStart - 1] ?? "")) continue; // part of a word or code
    const wordBefore = sentence
      .slice(0, numberStart)
      .match(/([\p{L}.]+)\s*$/u)?.[1]
      ?.toLowerCase()
      .replace(/\.$/, "");
    if (wordBefore && lexicon.data.labelWords.includes(wordBefore) && !m[1]) continue; // "Year 11" is a label
    const before = sentence.slice(0, numberStart);
    const after = sentence.slice((m.index ?? 0) + m[0].length);
    // "the 1 and the 14" are route names; "Maureen Tully, 71," is an age.
    if (!m[1] && !m[4] && !m[5] && /\bthe\s+$/i.test(before) && /^\s*(?:[,.;)]|and\b|or\b|$)/.test(after))
      continue;
    if (!m[1] && !m[4] && /\p{Lu}\p{L}+,\s*$/u.test(before) && /^\s*,/.test(after)) continue;
    if (/^-year-old\b/.test(after)) continue;
    if (/^(?:am|pm|a\.m\.|p\.m\.)\b|^[:.]\d\d\s?(?:am|pm)\b/i.test(after)) continue; // a time of day
    let value = Number(m[3]!.replace(/,/g, ""));
    const scale = m[5]?.toLowerCase();
    if (scale) value *= lexicon.data.scaleWords[scale] ?? 1;
    const unit: FigureFact["unit"] = m[4]
      ? "percent"
      : m[2]
        ? "money"
        : m[6]
          ? (UNIT_WORDS[m[6].toLowerCase()] ?? "count")
          : "count";
    const approxWord = m[1]?.toLowerCase();
    const approx = approxWord
      ? (lexicon.data.approxWords[approxWord] as Approximation | undefined)
      : undefined;
    const raw = m[0].slice(m[1] ? m[0].indexOf(m[2] ?? m[3]!) : 0).trim();
    found.push({
      raw,
      value,
      unit,
      approx,
      start: approx ? start : numberStart - (m[2]?.length ?? 0),
      end: (m.index ?? 0) + m[0].length,
    });
  }
  return found;
}

/** "four" -> 4, "48" -> 48; undefined for anything else. */
export function parseSmallNumber(word: string, lexicon: Lexicon): number | undefined {
  const lower = word.toLowerCase();
  if (/^\d+$/.test(lower)) return Number(lower);
  return lexicon.data.numberWords[lower];
}

/** 1538 -> "1,538", 463.5 -> "463.5": thousands separators, one decimal at most (Intl is slow on a hot path). */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  const [whole = "0", fraction] = Math.abs(rounded).toFixed(1).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const sign = rounded < 0 ? "-" : "";
  return fraction && fraction !== "0" ? `${sign}${grouped}.${fraction}` : `${sign}${grouped}`;
}
