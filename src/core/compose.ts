import type { Answer, AnswerFact, AnswerStatus, Source } from "./answer.js";
import { formatDate } from "./ingest/dates.js";
import type { StoreIndex } from "./match/entries.js";
import type {
  DateFact,
  DurationFact,
  FigureFact,
  OrganisationFact,
  PersonFact,
  QuoteFact,
  ReasonFact,
  SentenceRecord,
  SpeakerFact,
} from "./store.js";

/** Turns facts into the plain-text Answer value; nothing here decides what to answer. */
export class Composer {
  constructor(private readonly index: StoreIndex) {}

  source(sentenceId: string): Source | undefined {
    const s = this.index.sentenceById.get(sentenceId);
    return s ? { id: s.id, paragraph: s.paragraph, text: s.text } : undefined;
  }

  sources(ids: string[]): Source[] {
    const seen = new Set<string>();
    const out: Source[] = [];
    for (const id of ids) {
      if (seen.has(id)) continue;
      seen.add(id);
      const s = this.source(id);
      if (s) out.push(s);
    }
    return out;
  }

  answer(
    status: AnswerStatus,
    intent: string,
    text: string,
    parts: { facts?: AnswerFact[]; sourceIds?: string[]; confidence?: number; suggestions?: string[] } = {},
  ): Answer {
    return {
      status,
      text,
      intent,
      confidence: round(Math.min(1, Math.max(0, parts.confidence ?? (status === "answered" ? 1 : 0)))),
      facts: parts.facts ?? [],
      sources: this.sources(parts.sourceIds ?? []),
      suggestions: parts.suggestions ?? [],
    };
  }

  figureLabel(f: FigureFact): string {
    const date = f.date ? ` (${dateText(f.date)})` : "";
    return `${capitalise(f.counts || "figure")}${date}`;
  }

  figureValue(f: FigureFact): string {
    return `${f.approx ? `${f.approx} ` : ""}${f.raw}`;
  }

  figureFact(f: FigureFact): AnswerFact {
    return { kind: "figure", label: this.figureLabel(f), value: this.figureValue(f), sourceId: f.sentenceId };
  }

  /** "1,854 appointments. From the article: “...”" with the clause that holds the figure. */
  figureStatement(f: FigureFact): string {
    const rounded = f.roundedById ? this.index.figureById.get(f.roundedById) : undefined;
    const date = f.date ? ` on ${dateText(f.date)}` : "";
    const lead = `${capitalise(this.figureValue(f))} ${f.counts}${date}`.trim();
    const roundedNote = rounded ? ` (the article's opening rounds it to "${this.figureValue(rounded)}")` : "";
    return `${lead}${roundedNote}. From the article: "${clauseQuote(f, this.index)}"`;
  }

  quoteStatement(q: QuoteFact, speaker: SpeakerFact): string {
    const who = speakerLine(speaker);
    if (!q.verbatim) return `${who} said ${q.text}.`;
    if (q.text.split(/\s+/).length < 8) return `${who}: ${q.context.trim()}`;
    return `${who} said: "${q.text}"`;
  }

  personStatement(p: PersonFact): string {
    const name = p.title ? `${p.title} ${p.name}` : p.name;
    if (!p.role) return `${name} is named in the article${p.organisation ? `, of ${p.organisation}` : ""}.`;
    const role = p.role.startsWith("of ") ? `${name}, ${p.role}` : `${name} is ${withArticle(p.role)}`;
    return `${role}.`;
  }

  organisationStatement(o: OrganisationFact): string {
    const kind =
      o.kind === "union"
        ? ", the union in the story"
        : o.kind === "employer"
          ? ", the employer in the story"
          : "";
    return `${o.name}${o.acronym ? ` (${o.acronym})` : ""}${kind}.`;
  }

  dateStatement(d: DateFact): string {
    const span = d.start?.day ? dateRange(d) : d.text;
    return `${span}. From the article: "${sentenceText(d.sentenceId, this.index)}"`;
  }

  durationStatement(d: DurationFact): string {
    const days = d.days === 1 ? "one day" : `${formatDays(d.days)}`;
    const text = d.derived
      ? days
      : `${d.text.replace(/ long$/, "")} ${nounAfter(d.text, sentenceText(d.sentenceId, this.index))} (${days})`;
    return `${capitalise(text)}. From the article: "${sentenceText(d.sentenceId, this.index)}"`;
  }

  reasonStatement(r: ReasonFact): string {
    const lead = r.kind === "source" ? `The figures come from ${r.text}` : capitalise(r.text);
    return `${lead}. From the article: "${sentenceText(r.sentenceId, this.index)}"`;
  }

  sentenceStatement(s: SentenceRecord): string {
    return s.text;
  }
}

export function speakerLine(speaker: SpeakerFact): string {
  if (speaker.role && speaker.personIds.length) {
    return speaker.role.startsWith("of ")
      ? `${speaker.name}, ${speaker.role},`
      : `${speaker.name} (${speaker.role})`;
  }
  return speaker.name;
}

function clauseQuote(f: FigureFact, index: StoreIndex): string {
  const sentence = sentenceText(f.sentenceId, index);
  const clause = f.clause.replace(/^(?:and|while|but|whereas|against)\s+/i, "").replace(/[.,;]+$/, "");
  return sentence.startsWith(f.clause) ? clause : `…${clause}`;
}

function sentenceText(id: string, index: StoreIndex): string {
  return index.sentenceById.get(id)?.text ?? "";
}

function dateText(d: NonNullable<FigureFact["date"]>): string {
  if (d.month && d.day) {
    const formatted = formatDate({ month: d.month, day: d.day });
    return /\d/.test(d.text) ? formatted : `${formatted}, ${d.text}`;
  }
  return d.text;
}

function dateRange(d: DateFact): string {
  if (!d.start) return d.text;
  if (!d.end) return formatDate(d.start);
  const end = d.end.month === d.start.month ? String(d.end.day) : formatDate(d.end);
  return `${formatDate(d.start)} to ${end}`;
}

/** The word the article puts after a phrase: "walk-out" in "a four-day walk-out". */
export function nounAfter(phrase: string, sentence: string): string {
  const at = sentence.indexOf(phrase);
  return at < 0 ? "" : (sentence.slice(at + phrase.length).match(/^\s+([\w-]+)/)?.[1] ?? "");
}

function formatDays(days: number): string {
  if (days < 1) return `${Math.round(days * 24)} hours`;
  const words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
  return `${words[days] ?? days} days`;
}

function withArticle(role: string): string {
  if (/^(the|a|an)\s/i.test(role) || /^[A-Z]{2,}/.test(role) || /['’]s\b/.test(role.split(" ")[0] ?? "")) {
    return /^[A-Z]{2,}/.test(role)
      ? `the ${role}`
      : /['’]s\b/.test(role.split(" ")[0] ?? "")
        ? `the ${role}`
        : role;
  }
  // "a union organiser", "an officer": the sound, roughly, not the letter.
  return /^(?:[aeio]|u(?!ni|s[eu]|ro))/i.test(role) ? `an ${role}` : `a ${role}`;
}

export function capitalise(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
