/**
 * The candidate pool: every number, date, duration, money amount, name, organisation, place, quote
 * and sentence of an article as a typed candidate with the words around it, built once at ingest
 * and stored as plain JSON. A question is answered by ranking these candidates.
 */
import type { BlockKind } from "../read/layout.js";

export type CandidateType =
  | "count"
  | "percent"
  | "money"
  | "duration"
  | "points"
  | "date"
  | "time"
  | "person"
  | "org"
  | "place"
  | "quote"
  | "reason"
  | "sentence";

export interface PoolSentence {
  /** "p3.s1": paragraph 3, sentence 1, as the old store numbered them. */
  id: string;
  paragraph: number;
  kind: BlockKind;
  text: string;
  /** Stems of the sentence's content words. */
  terms: string[];
  /** Stems of what frames it: the heading or list intro above it, a table header, the previous sentence. */
  context: string[];
  /** Stems of names in the sentence (places, people, organisations): the scope it speaks of. */
  names: string[];
  /** Words that put it in another period ("last", "previous", "2019", a month). */
  period: string[];
  /** It speaks of another period than the story's own: a month or year the lead does not name, "last year", "previous". */
  otherPeriod?: boolean;
  /** For a live blog: the time of the update the sentence belongs to, in minutes (higher is later). */
  update?: number;
}

export interface Candidate {
  type: CandidateType;
  /** Index into the pool's sentences. */
  s: number;
  /** As written ("sixty-five", "£2,400", "June 6 to June 9"). */
  raw: string;
  /** The answer, shown on its own: "65 schools", "£2,400 a year", "Fiona Carrick, leader of Glenmorven Council". */
  answer: string;
  value?: number;
  currency?: string;
  per?: string;
  days?: number;
  approx?: string;
  fraction?: boolean;
  /** Stems right around it: the noun it counts, a label, a speaker's names and role. */
  near: string[];
  /** Stems of the row or item label that scopes it ("Friday, June 6" in "Friday, June 6: 61 flights cancelled"). */
  scope?: string[];
  /** Stems of what a figure counts ("support staff" in "two thousand support staff", a label, a column). */
  counted?: string[];
  /** Stems of its clause. */
  clause: string[];
  /** The clause as written, for a short answer when the whole sentence is too long. */
  clauseText: string;
  /** For a date: 2 a day of a month, 1 a weekday or a day alone, 0 a month, a year or a relative phrase. */
  detail?: number;
  /** Days ("01-19") and months ("01") its clause is about, with "the following day" resolved. */
  on?: string[];
  /** A part of a larger figure ("1,450 of the striking nurses", "another 520"). */
  part?: boolean;
  /** The figure this one is a part of ("Of those cancelled, 158 were ..."): its value. */
  whole?: number;
  /** A rounded figure standing for a precise one elsewhere ("nearly 2,000" for 1,854). */
  rounded?: boolean;
  /** Id in the fact store of the quote, person or organisation it stands for. */
  ref?: string;
}

export interface Pool {
  version: number;
  sentences: PoolSentence[];
  candidates: Candidate[];
  /** Sentence frequency of each stem in the article, for how telling a word is. */
  df: Record<string, number>;
  /** Article stems a question word may stand for, with how close the link is (synonym, derived form, neighbour). */
  related: Record<string, Array<[string, number]>>;
}

export const POOL_VERSION = 1;
