/** The fact store: everything the builder extracts from one article, as plain JSON-able data. */
import type { Pool } from "./pool/types.js";

export interface SentenceRecord {
  id: string;
  paragraph: number;
  text: string;
  /** "READ MORE:" lines and similar: headlines of other stories, never facts of this one. */
  isCrossReference: boolean;
}

export type Approximation = "nearly" | "around" | "more than" | "at least" | "fewer than" | "up to";

export interface FigureFact {
  id: string;
  /** As written: "1,854", "35 per cent", "7.2 million", "9 minutes". */
  raw: string;
  value: number;
  unit: "count" | "percent" | "minutes" | "hours" | "days" | "weeks" | "years" | "money";
  /** What it counts, as the article puts it: "appointments", "inpatient procedures", "pay rise". */
  counts: string;
  /** The noun (last word of counts) that decides what the figure is about. */
  head: string;
  /** Words that narrow it: "inpatient", "non-urgent", "night-time". */
  qualifiers: string[];
  /** A state rather than a noun: "partially closed" in "13 were partially closed". */
  predicate?: string;
  /** Counts two things together ("operations and appointments"): it answers neither alone. */
  compound?: boolean;
  approx?: Approximation;
  /** ISO-like dates it is tied to ("01-18"), and the phrase as written. */
  date?: { text: string; month?: number; day?: number };
  places: string[];
  /** The clause of the sentence that carries the figure. */
  clause: string;
  sentenceId: string;
  /** The figure this one is a part of ("Of those cancelled, 158 were ..."). */
  parentId?: string;
  /** Figures in the same list ("158 ..., while 1,696 ..."). */
  group: string;
  /** A rounded headline figure that stands for this precise one ("NEARLY 2,000" for 1,854). */
  roundedById?: string;
  /** The precise figure a rounded headline figure stands for. */
  roundsId?: string;
  /** "A total of ..." */
  isTotal: boolean;
}

export interface PersonFact {
  id: string;
  name: string;
  /** "Professor Sir", "Dr". */
  title?: string;
  role?: string;
  organisation?: string;
  aliases: string[];
  sentenceId: string;
}

export interface OrganisationFact {
  id: string;
  name: string;
  acronym?: string;
  kind: "union" | "employer" | "body";
  sentenceId: string;
}

export interface SpeakerFact {
  id: string;
  /** Display name: "Professor Sir Stephen Powis", "A spokesperson for University Hospital Southampton". */
  name: string;
  personIds: string[];
  organisationId?: string;
  role?: string;
  /** Words that find this speaker: names, role words, organisation words and acronyms. */
  keywords: string[];
}

export interface QuoteFact {
  id: string;
  speakerId: string;
  /** Verbatim words, continued across paragraphs and joined across "said". */
  text: string;
  /** The whole sentence(s) it stands in, for partial quotes inside reported speech. */
  context: string;
  verbatim: boolean;
  sentenceIds: string[];
}

export interface DateFact {
  id: string;
  text: string;
  start?: { month: number; day: number };
  end?: { month: number; day: number };
  durationDays?: number;
  /** Who or what the date is about: the clause around it. */
  clause: string;
  sentenceId: string;
}

export interface DurationFact {
  id: string;
  text: string;
  days: number;
  clause: string;
  sentenceId: string;
  /** Derived from a date span rather than written as "four-day". */
  derived: boolean;
}

export interface ReasonFact {
  id: string;
  kind: "reason" | "demand" | "source";
  /** The reason, demand or source as written: "a dispute over pay". */
  text: string;
  clause: string;
  sentenceId: string;
}

export interface FactStore {
  /** The candidate pool the reading engine answers from (built from the article with the NLP library). */
  pool?: Pool;
  builderVersion: number;
  title: string;
  sentences: SentenceRecord[];
  figures: FigureFact[];
  people: PersonFact[];
  organisations: OrganisationFact[];
  speakers: SpeakerFact[];
  quotes: QuoteFact[];
  dates: DateFact[];
  durations: DurationFact[];
  reasons: ReasonFact[];
  /** Places named in the article; the first are the story's own. */
  places: string[];
  /** Related headlines ("READ MORE:"), kept apart from facts. */
  crossReferences: string[];
}

export const BUILDER_VERSION = 4;
