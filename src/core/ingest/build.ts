import type { Lexicon } from "../lexicon.js";
import {
  BUILDER_VERSION,
  type DateFact,
  type DurationFact,
  type FactStore,
  type FigureFact,
  type SentenceRecord,
} from "../store.js";
import { splitParagraphs, splitSentences } from "../text/sentences.js";
import { dateFacts, durationFact, findDates, findDurations, mergeSpans } from "./dates.js";
import { findEntities } from "./entities.js";
import { figuresOf, linkRoundedFigures } from "./figures.js";
import type { Span } from "./numbers.js";
import { findQuotes } from "./quotes.js";
import { findReasons } from "./reasons.js";

/** A paragraph that opens with an all-caps label and a colon ("READ MORE:", "UPDATE:") is not the story. */
const LABEL = /^([A-Z][A-Z'’ ]{2,40}):\s*/;
const CROSS_REFERENCE = /^(?:READ MORE|MORE|RELATED|SEE ALSO|ALSO READ|WATCH|LISTEN|LIVE)\b/i;

export function buildFactStore(articleText: string, lexicon: Lexicon): FactStore {
  const crossReferences: string[] = [];
  const sentences: SentenceRecord[] = [];
  splitParagraphs(articleText).forEach((paragraph, p) => {
    const label = paragraph.match(LABEL);
    const outside = Boolean(label);
    if (label && CROSS_REFERENCE.test(label[1]!)) crossReferences.push(paragraph.slice(label[0].length));
    splitSentences(paragraph).forEach((text, s) => {
      sentences.push({ id: `p${p + 1}.s${s + 1}`, paragraph: p + 1, text, isCrossReference: outside });
    });
  });
  const story = sentences.filter((s) => !s.isCrossReference);
  const { people, organisations, places } = findEntities(sentences, lexicon);
  const leadParagraph = story[0]?.paragraph;
  const leadPlaces = places.filter((pl) =>
    story.some((s) => s.paragraph === leadParagraph && s.text.includes(pl)),
  );

  const counters = new Map<string, number>();
  const nextId = (prefix: string) => () => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}${n}`;
  };
  const figures: FigureFact[] = [];
  const dates: DateFact[] = [];
  const durations: DurationFact[] = [];
  let lastDate: { month: number; day: number } | undefined;
  let recentFigures: FigureFact[] = [];
  for (const s of story) {
    const dateMentions = mergeSpans(s.text, findDates(s.text, lexicon));
    const durationMentions = findDurations(s.text, lexicon);
    const clauseOf = (span: Span) => clauseAround(s.text, span);
    const sentenceDates = dateFacts(dateMentions, lastDate, s.id, clauseOf, nextId("date"));
    dates.push(...sentenceDates);
    const dated = sentenceDates.filter((d) => d.start?.day);
    if (dated.length) lastDate = dated[dated.length - 1]!.end ?? dated[dated.length - 1]!.start;
    for (const d of durationMentions)
      durations.push(durationFact(d, clauseOf(d), s.id, nextId("duration")()));
    // Two consecutive day dates in one sentence with no stated duration: a derived span ("January 18 ... the following day").
    // (Not when times of day are given: "from 7am on June 10 until 7am on June 13" is 72 hours, not 4 days.)
    if (durationMentions.length === 0 && dated.length >= 2 && !/\d\s?(?:am|pm)\b/i.test(s.text)) {
      const first = dated[0]!.start!;
      const last = dated[dated.length - 1]!.end ?? dated[dated.length - 1]!.start!;
      const days =
        (Date.UTC(2001, last.month - 1, last.day) - Date.UTC(2001, first.month - 1, first.day)) / 86_400_000 +
        1;
      if (days > 0 && days < 60) {
        durations.push({
          id: nextId("duration")(),
          text: `${days} days`,
          days,
          clause: s.text,
          sentenceId: s.id,
          derived: true,
        });
      }
    }
    const masked = [...dateMentions, ...durationMentions];
    const found = figuresOf(s, {
      lexicon,
      places,
      leadPlaces,
      masked,
      dateAt: (span) => {
        const inside = dateMentions.findIndex((d) => d.start >= span.start && d.end <= span.end);
        const fact = inside >= 0 ? sentenceDates[inside] : undefined;
        if (!fact) return undefined;
        const date: NonNullable<FigureFact["date"]> = { text: fact.text };
        if (fact.start?.month) date.month = fact.start.month;
        if (fact.start?.day) date.day = fact.start.day;
        return date;
      },
      previousFigures: recentFigures,
      nextId: nextId("figure"),
    });
    figures.push(...found);
    if (found.length) recentFigures = found;
  }
  // "staff" and "workers" name the same thing: a synonym concept shared by the two heads.
  const sameThing = (a: string, b: string) => {
    const concept = lexicon.conceptOf(a);
    return concept.startsWith("~") && concept === lexicon.conceptOf(b);
  };
  // Rounded figures that sum a story up stand in its first and last paragraphs.
  const lastParagraph = story[story.length - 1]?.paragraph;
  const summaryIds = new Set(
    story.filter((s) => s.paragraph === leadParagraph || s.paragraph === lastParagraph).map((s) => s.id),
  );
  linkRoundedFigures(figures, summaryIds, sameThing);
  const { speakers, quotes } = findQuotes(sentences, people, organisations, lexicon);
  return {
    builderVersion: BUILDER_VERSION,
    title: story[0]?.text ?? "",
    sentences,
    figures,
    people,
    organisations,
    speakers,
    quotes,
    dates,
    durations,
    reasons: findReasons(sentences, lexicon, nextId("reason")),
    places,
    crossReferences,
  };
}

/** The clause of a sentence around a span: from the previous comma-or-stop to the next. */
function clauseAround(text: string, span: Span): string {
  const start = Math.max(text.lastIndexOf(",", span.start), text.lastIndexOf(";", span.start)) + 1;
  const nextComma = text.slice(span.end).search(/[,;]/);
  const end = nextComma < 0 ? text.length : span.end + nextComma;
  return text.slice(start, end).trim();
}
