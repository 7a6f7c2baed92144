/**
 * Stage 1, reading the question: what type of answer it wants, what operation (look up, a
 * difference, a sum, a share, a remainder), and the words that must be found around the answer,
 * each weighted by how telling it is. Names in the question are scope: a place, a group or an
 * organisation the answer must belong to.
 */
import { entry } from "../text/collections.js";
import { contentWords, key } from "../text/terms.js";

export type AnswerType =
  | "count"
  | "money"
  | "percent"
  | "points"
  | "date"
  | "time"
  | "duration"
  | "person"
  | "org"
  | "place"
  | "quote"
  | "reason"
  | "list"
  | "yesno"
  | "what";

export type Operation = "lookup" | "difference" | "sum" | "share" | "remainder" | "perday";

/** The shape of data/reading.json. */
export interface ReadingData {
  types: [string, ...string[]][];
  operations: [string, ...string[]][];
  followUp: string[];
  periodWords: string[];
  typeWords: string[];
  /** Words of a sentence that says a figure is not known ("did not say how many"). */
  absenceCues: string;
  /** Pairs of words that exclude each other: a question about one is not answered by a figure about the other. */
  contrasts: [string, string][];
}

export interface QTerm {
  word: string;
  key: string;
  weight: number;
  /** Written with a capital or known as a name in the article: a scope the answer must share. */
  name: boolean;
  /** A period word ("last", "2019", "March"). */
  period: boolean;
  /** The thing a count or amount is of: the noun after "how many" or "number of". */
  focus: boolean;
}

export interface Question {
  text: string;
  type: AnswerType;
  /** Every type the wording allows, strongest first (a "how much" may be money or a count). */
  types: AnswerType[];
  op: Operation;
  terms: QTerm[];
  /** A short question that leans on the one before ("and in Leeds?", "why?"). */
  followUp: boolean;
  /** Numbers the question itself gives: an answer is rarely the figure the reader already has. */
  numbers: number[];
  /** Days ("01-19") and months ("01") the question names. */
  dates: string[];
}

export interface CompiledReading {
  types: Array<[AnswerType, RegExp[]]>;
  operations: Array<[Operation, RegExp[]]>;
  followUp: RegExp[];
  periodWords: Set<string>;
  lightWords: Set<string>;
  absence: RegExp;
  /** Word key → the keys it excludes. */
  contrasts: Map<string, Set<string>>;
}

export function compileReading(data: ReadingData): CompiledReading {
  const compile = (list: string[]) => list.map((p) => new RegExp(p, "i"));
  return {
    types: data.types.map(([t, ...p]) => [t as AnswerType, compile(p)]),
    operations: data.operations.map(([o, ...p]) => [o as Operation, compile(p)]),
    followUp: compile(data.followUp),
    periodWords: new Set(data.periodWords),
    lightWords: new Set(data.typeWords),
    absence: new RegExp(data.absenceCues, "i"),
    contrasts: contrastTable(data.contrasts),
  };
}

function contrastTable(pairs: [string, string][]): Map<string, Set<string>> {
  const table = new Map<string, Set<string>>();
  const add = (a: string, b: string) => entry(table, a, () => new Set<string>()).add(b);
  for (const [a, b] of pairs) {
    add(key(a), key(b));
    add(key(b), key(a));
  }
  return table;
}

/** How telling a word is: rare in the article and in English weighs more. */
export interface WordWeights {
  weight(key: string, word: string): number;
  isName(key: string): boolean;
}

export function readQuestion(raw: string, reading: CompiledReading, weights: WordWeights): Question {
  const text = raw.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, " ").trim();
  const lower = text.toLowerCase();
  const types: AnswerType[] = [];
  for (const [t, patterns] of reading.types) if (patterns.some((p) => p.test(lower))) types.push(t);
  if (!types.length) types.push("what");
  let op: Operation = "lookup";
  for (const [o, patterns] of reading.operations) {
    if (patterns.some((p) => p.test(lower))) {
      op = o;
      break;
    }
  }
  const type = types[0]!;
  if (op === "share" && type !== "percent") op = "lookup";
  if (op === "perday" && !["count", "money"].includes(type)) op = "lookup";
  const capitalised = new Set<string>();
  for (const m of text.matchAll(/(?<=\S\s+)\p{Lu}[\p{L}'’-]+/gu))
    capitalised.add(m[0].toLowerCase().replace(/['’]s$/, ""));
  const terms: QTerm[] = [];
  const seen = new Set<string>();
  const focusWord = lower.match(
    /\b(?:how many|how much|number of|(?:percentage|proportion|share|fraction|%) of)\s+(?:the\s+|of\s+|[\w']+['’]s\s+)?([a-z][a-z-]+)/,
  )?.[1];
  for (const word of contentWords(text)) {
    if (/^\d/.test(word)) continue;
    const k = key(word);
    if (seen.has(k)) continue;
    seen.add(k);
    const light = reading.lightWords.has(word);
    const name = capitalised.has(word) || weights.isName(k);
    terms.push({
      word,
      key: k,
      weight: weights.weight(k, word) * (light ? 0.25 : 1),
      name: name && !light,
      period: reading.periodWords.has(word) || /^(?:19|20)\d\d$/.test(word),
      focus: word === focusWord,
    });
  }
  for (const m of lower.matchAll(/\b(?:19|20)\d\d\b/g)) {
    if (seen.has(m[0])) continue;
    seen.add(m[0]);
    terms.push({ word: m[0], key: m[0], weight: 2, name: true, period: true, focus: false });
  }
  const numbers = [...lower.matchAll(/\d[\d,]*(?:\.\d+)?/g)]
    .map((m) => Number(m[0].replace(/,/g, "")))
    .filter((n) => !(n >= 1900 && n <= 2100));
  const dates = questionDates(lower);
  const followUp =
    reading.followUp.some((p) => p.test(lower)) && terms.filter((t) => t.weight > 0.3).length <= 3;
  return {
    text,
    type,
    types,
    op,
    terms,
    followUp,
    numbers: numbers.filter((n) => !dates.some((d) => Number(d.slice(3)) === n)),
    dates,
  };
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH =
  "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";

/** "19 January", "Jan 19th", "in March" as "01-19" and "03". */
function questionDates(lower: string): string[] {
  const out: string[] = [];
  const month = (m: string) => String(MONTHS.indexOf(m.slice(0, 3)) + 1).padStart(2, "0");
  for (const m of lower.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b`, "g")))
    out.push(`${month(m[2]!)}-${m[1]!.padStart(2, "0")}`);
  for (const m of lower.matchAll(new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, "g")))
    out.push(`${month(m[1]!)}-${m[2]!.padStart(2, "0")}`);
  if (!out.length)
    for (const m of lower.matchAll(new RegExp(`\\b${MONTH}\\b`, "g")))
      if (m[1] !== "may" || /\bin may\b/.test(lower)) out.push(month(m[1]!));
  return [...new Set(out)];
}

/** The question without its question words, for "The article doesn't say ..." ("how many X were Y" → "X were Y"). */
export function topicOf(question: string): string {
  return question
    .replace(/^\W+|[?!.\s]+$/g, "")
    .replace(/^(?:and|so|but|ok|okay|hey|please)\s+/i, "")
    .replace(
      /^(?:how many|how much|what|which|who|when|where|why|how long|how)\s+(?:is|are|was|were|did|does|do|has|have|will)?\s*/i,
      "",
    )
    .trim();
}
