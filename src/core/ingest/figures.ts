import type { Lexicon } from "../lexicon.js";
import type { FigureFact, SentenceRecord } from "../store.js";
import { stem } from "../text/tokens.js";
import { findNumbers, type NumberMention, type Span } from "./numbers.js";

/** Words that join two figures in one sentence: each figure gets the clause on its side. */
const CLAUSE_BREAK =
  /,?\s+(?:while|whereas|but|against|compared with|compared to|up from|down from|and)\s+|;\s+|,\s+(?=(?:and\s+)?(?:around|about|nearly|some|more than)?\s*\d)/gi;
const LINKING_VERBS = new Set(["were", "was", "are", "is", "been", "being"]);
const DESCRIBING =
  /^(?:classed|classified|described|deemed|considered|recorded|listed|rated|treated)\s+as\s+/i;
const PREPOSITIONS = new Set(["in", "of", "for", "on"]);

export interface SentenceFigures {
  sentence: SentenceRecord;
  figures: FigureFact[];
}

export interface FigureContext {
  lexicon: Lexicon;
  places: string[];
  leadPlaces: string[];
  masked: Span[];
  dateAt: (span: Span) => FigureFact["date"] | undefined;
  previousFigures: FigureFact[];
  nextId: () => string;
}

export function figuresOf(sentence: SentenceRecord, ctx: FigureContext): FigureFact[] {
  let mentions = findNumbers(sentence.text, ctx.masked, ctx.lexicon);
  if (mentions.length === 0) return [];
  // "Of the 212 flights cancelled, 134 were ...": the 212 is the figure already given, and the parent.
  const restated = sentence.text.match(/^of\s+the\s+([\d,]+)\b/i)?.[1]?.replace(/,/g, "");
  const restatedParent = restated ? ctx.previousFigures.find((f) => String(f.value) === restated) : undefined;
  if (restatedParent) mentions = mentions.filter((m) => String(m.value) !== restated);
  if (mentions.length === 0) return [];
  const clauses = clauseSpans(sentence.text, mentions);
  const parent =
    restatedParent ??
    (/^of\s+(?:those|these|them|which|the)\b/i.test(sentence.text)
      ? mainFigure(ctx.previousFigures)
      : undefined);
  const figures: FigureFact[] = [];
  mentions.forEach((m, i) => {
    const clauseSpan = clauses[i]!;
    const clause = sentence.text
      .slice(clauseSpan.start, clauseSpan.end)
      .trim()
      .replace(/^[,;\s]+|[,;\s]+$/g, "");
    const before = sentence.text.slice(clauseSpan.start, m.start);
    const after = sentence.text.slice(m.end, clauseSpan.end);
    // "Porters: 86; cleaners: 112": a label before a colon names what is counted.
    const labelled = before.match(/(?:^|[;,.]\s*)([A-Za-z][a-z-]*(?:\s+[a-z-]+)?):\s*$/)?.[1]?.toLowerCase();
    const ofNoun = labelled ?? nounBeforeOf(before, ctx.lexicon);
    const isTotal = ofNoun === "total" || /\b(?:in total|in all|altogether|overall)\b/i.test(before);
    // "Fewer than 300 of the cancelled sessions": the figure counts what follows "of the".
    const partOf = after.match(/^\s+of\s+(?:(?:the|those|these|our|their|its|all)\s+)?(?=[a-zA-Z])/);
    const described = nounAfter(partOf ? after.slice(partOf[0].length) : after, ctx.lexicon);
    let counts = ofNoun && ofNoun !== "total" ? ofNoun : described.noun;
    // A number followed by a verb ("around 695 walked out") counts what the sentence before counted.
    const followedByVerb = /^\s+(?:[a-z]+ed|were|was|are|is|took|went|joined|struck|walked)\b/.test(after);
    const sibling =
      figures[figures.length - 1] ??
      (parent || !followedByVerb ? undefined : lastWithHead(ctx.previousFigures));
    // Only counts borrow what they count from a neighbour; "£9,250 a year" is not a number of sessions.
    if (!counts && m.unit === "count")
      counts = parent?.head ?? (sibling?.unit === "count" ? sibling.counts : "");
    else if (!counts.includes(" ") && !counts.endsWith("s") && parent && !described.predicate)
      counts = `${counts} ${parent.head}`;
    const words = counts.split(/\s+/).filter(Boolean);
    const headWord = headOf(words, ctx.lexicon);
    const predicateWords = described.predicate
      .toLowerCase()
      .split(/[^\p{L}-]+/u)
      .filter((w) => w && !ctx.lexicon.isStopword(w));
    const fig: FigureFact = {
      id: ctx.nextId(),
      raw: m.raw,
      value: m.value,
      unit: m.unit,
      counts,
      head: headWord,
      qualifiers: [...words.filter((w) => w !== headWord && !PREPOSITIONS.has(w)), ...predicateWords],
      places: placesIn(sentence.text, ctx),
      clause,
      sentenceId: sentence.id,
      group: sentence.id,
      isTotal,
    };
    if (described.predicate) fig.predicate = described.predicate;
    if (/[^su]s and [a-z]/.test(counts)) fig.compound = true;
    if (m.approx) fig.approx = m.approx;
    const date = ctx.dateAt(clauseSpan);
    if (date) fig.date = date;
    if (parent) fig.parentId = parent.id;
    figures.push(fig);
  });
  linkPartOf(figures, mentions, sentence.text);
  linkBreakdown(figures, mentions, sentence.text);
  return figures;
}

/** "528 workers took part: 338 baggage handlers and 190 security officers": after a colon, the parts. */
function linkBreakdown(figures: FigureFact[], mentions: NumberMention[], text: string): void {
  const colonAfter = mentions.findIndex(
    (m, i) => i + 1 < mentions.length && text.slice(m.end, mentions[i + 1]!.start).includes(":"),
  );
  const whole = figures[colonAfter];
  if (!whole) return;
  for (const part of figures.slice(colonAfter + 1))
    if (part.unit === whole.unit && !part.parentId) part.parentId = whole.id;
}

/** "48 of our 61 teaching staff": the first counts what the second counts, and is a part of it. */
function linkPartOf(figures: FigureFact[], mentions: NumberMention[], text: string): void {
  for (let i = 0; i + 1 < figures.length; i++) {
    const between = text.slice(mentions[i]!.end, mentions[i + 1]!.start);
    if (!/^\s+of\s+(?:the\s+|our\s+|their\s+|its\s+|his\s+|her\s+|those\s+)?$/i.test(between)) continue;
    const part = figures[i]!;
    const whole = figures[i + 1]!;
    // What follows the whole ("on strike") is said of the part: 48 were on strike, of 61 staff.
    part.counts = whole.counts;
    part.head = whole.head;
    part.qualifiers = [...whole.qualifiers];
    part.parentId = whole.id;
    part.clause = `${part.clause} ${whole.clause}`.trim();
    const preposition = whole.counts.split(/\s+/).findIndex((w) => PREPOSITIONS.has(w));
    if (preposition > 0) whole.counts = whole.counts.split(/\s+/).slice(0, preposition).join(" ");
    whole.qualifiers = whole.qualifiers.filter((w) => whole.counts.includes(w));
    whole.clause = `${whole.raw} ${whole.counts}`;
  }
}

/** The noun a figure is about: the first plural before any preposition, else the last word before it. */
function headOf(words: string[], lexicon: Lexicon): string {
  const prepositionAt = words.findIndex((w) => PREPOSITIONS.has(w));
  const core = prepositionAt > 0 ? words.slice(0, prepositionAt) : words;
  const plural = core.find((w, i) => i < core.length - 1 && /[^su]s$/.test(w) && !lexicon.isStopword(w));
  return plural ?? core[core.length - 1] ?? "";
}

function clauseSpans(text: string, mentions: NumberMention[]): Span[] {
  if (mentions.length === 1) return [{ start: 0, end: text.length }];
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i < mentions.length; i++) {
    const next = mentions[i + 1];
    if (!next) {
      spans.push({ start, end: text.length });
      break;
    }
    const between = text.slice(mentions[i]!.end, next.start);
    let cut = -1;
    for (const m of between.matchAll(CLAUSE_BREAK)) cut = mentions[i]!.end + (m.index ?? 0);
    // No joining word: split at the last comma between them ("..., at a cost of £186,000").
    const comma = between.lastIndexOf(",");
    const end = cut >= 0 ? cut : comma >= 0 ? mentions[i]!.end + comma : next.start;
    spans.push({ start, end });
    start = end;
  }
  return spans;
}

/** "a waiting list of 7.2 million" -> "waiting list"; "an average of 9 minutes" -> "average". */
function nounBeforeOf(before: string, lexicon: Lexicon): string | undefined {
  const m = before.match(/([\p{L}][\p{L}\s-]*?)\s+of\s*$/iu);
  if (!m) return undefined;
  const words = m[1]!.toLowerCase().split(/\s+/);
  const kept: string[] = [];
  for (let i = words.length - 1; i >= 0 && kept.length < 3; i--) {
    if (lexicon.isStopword(words[i]!) && words[i] !== "total") break;
    kept.unshift(words[i]!);
  }
  return kept.length ? kept.join(" ") : undefined;
}

/**
 * What follows a number: "nurses at the trust" -> noun "nurses"; "were inpatient procedures" -> noun
 * "inpatient procedures"; "were partially closed" -> no noun, predicate "partially closed".
 */
function nounAfter(after: string, lexicon: Lexicon): { noun: string; predicate: string } {
  let text = after.replace(/^\s*(?:per\s?cent|percent|%)\s*/i, "").trimStart();
  const words = text.split(/\s+/);
  const linked = LINKING_VERBS.has(words[0]?.toLowerCase() ?? "");
  if (linked) text = words.slice(1).join(" ");
  text = text.replace(DESCRIBING, "");
  const tokens = text.split(/(?=[,.;:!?()“”"])|\s+/).filter(Boolean);
  const timeAdverbs = new Set(lexicon.data.timeAdverbs);
  const verbs = new Set(lexicon.data.verbs);
  const lyAdjectives = new Set(lexicon.data.lyAdjectives);
  const nounVerbs = new Set(lexicon.data.nounVerbs);
  const kept: string[] = [];
  let usedPreposition = false;
  for (let i = 0; i < tokens.length && kept.length < 5; i++) {
    const raw = tokens[i]!;
    const word = raw.toLowerCase();
    // An acronym before the noun ("78 per cent of GMB members") is skipped, not the end of it.
    if (kept.length === 0 && /^[A-Z]{2,6}$/.test(raw) && /^[a-z]/.test(tokens[i + 1] ?? "")) continue;
    if (!/^[\p{L}][\p{L}-]*$/u.test(raw) || /^\p{Lu}/u.test(raw) || timeAdverbs.has(word)) break;
    const next = tokens[i + 1]?.toLowerCase() ?? "";
    if (
      PREPOSITIONS.has(word) &&
      kept.length &&
      !usedPreposition &&
      next &&
      !lexicon.isStopword(next) &&
      /^[a-z]/.test(next)
    ) {
      usedPreposition = true;
      kept.push(word);
      continue;
    }
    const hasNoun = kept.some((w) => /[^su]s$/.test(w));
    // After the noun, a participle is the verb: "140 consultants covered wards".
    if (hasNoun && /ed$/.test(word)) break;
    // "operations and appointments": two nouns counted together.
    if (
      word === "and" &&
      hasNoun &&
      /^[a-z]/.test(next) &&
      !lexicon.isStopword(next) &&
      !verbs.has(next) &&
      !/ed$/.test(next)
    ) {
      kept.push(word);
      continue;
    }
    // "elderly and disabled residents": adjectives joined by "and" before their noun.
    const joinsAdjectives =
      word === "and" &&
      kept.length > 0 &&
      !kept.some((w) => /[^su]s$/.test(w)) &&
      /^[a-z]/.test(next) &&
      !lexicon.isStopword(next);
    if (joinsAdjectives) {
      kept.push(word);
      continue;
    }
    if (lexicon.isStopword(word) || (verbs.has(word) && (kept.length > 0 || !nounVerbs.has(word)))) break;
    // An adverb ends the noun ("4 per cent simply does not"), unless a participle follows ("partially closed").
    if (/ly$/.test(word) && !lyAdjectives.has(word) && !/(?:ed|en)$/.test(next)) break;
    // A past participle followed by a preposition or a stopword is a verb ("walked out", "passed to").
    if (/ed$/.test(word) && (!next || lexicon.isStopword(next) || !/^[a-z]/.test(next))) break;
    kept.push(word);
  }
  while (kept.length && PREPOSITIONS.has(kept[kept.length - 1]!)) kept.pop();
  // "were partially closed", "were closed to all pupils": a state, not a noun.
  if (linked && (kept.length === 0 || isVerbal(kept))) {
    const predicate = text.split(/[,;.:!?]/)[0]!.trim();
    if (predicate && predicate.split(/\s+/).length <= 8) return { noun: "", predicate };
  }
  return { noun: kept.join(" "), predicate: "" };
}

function isVerbal(words: string[]): boolean {
  const first = words[0] ?? "";
  return /(?:ed|en)$/.test(first) || words.every((w) => /ly$/.test(w));
}

function placesIn(text: string, ctx: FigureContext): string[] {
  const found = ctx.places.filter((place) => {
    const at = text.indexOf(place);
    if (at < 0) return false;
    // "NHS England" is an organisation, not a place.
    const before = text.slice(0, at).trimEnd().split(/\s+/).pop() ?? "";
    return !/^[A-Z]{2,}$/.test(before);
  });
  return found.length ? found : ctx.leadPlaces;
}

function mainFigure(figures: FigureFact[]): FigureFact | undefined {
  const exact = figures.filter((f) => !f.approx && f.unit === "count");
  return exact.sort((a, b) => b.value - a.value)[0] ?? figures[0];
}

function lastWithHead(figures: FigureFact[]): FigureFact | undefined {
  return [...figures].reverse().find((f) => f.counts && f.unit === "count");
}

/**
 * A rounded headline figure ("NEARLY 2,000 ... appointments") stands for a precise one later
 * ("1,854 appointments"): link them so questions worded like the headline find the precise figure.
 */
export function linkRoundedFigures(
  figures: FigureFact[],
  leadSentenceIds: ReadonlySet<string>,
  sameThing: (a: string, b: string) => boolean,
): void {
  for (const rounded of figures) {
    if (!rounded.approx || rounded.roundsId || !isRound(rounded.value)) continue;
    const at = figures.indexOf(rounded);
    const precise = figures.find(
      (f, i) =>
        f !== rounded &&
        !f.approx &&
        f.unit === rounded.unit &&
        consistent(rounded, f.value) &&
        // Same thing counted, or the headline's figure explained by the next precise one.
        (stem(f.head) === stem(rounded.head) ||
          (leadSentenceIds.has(rounded.sentenceId) && sameThing(f.head, rounded.head)) ||
          (leadSentenceIds.has(rounded.sentenceId) && i > at && i <= at + 2)),
    );
    if (precise) {
      rounded.roundsId = precise.id;
      precise.roundedById = rounded.id;
    }
  }
}

function isRound(value: number): boolean {
  return value >= 10 && value % (value >= 1000 ? 100 : 10) === 0;
}

function consistent(rounded: FigureFact, value: number): boolean {
  const r = rounded.value;
  switch (rounded.approx) {
    case "nearly":
      return value < r && value >= r * 0.85;
    case "more than":
    case "at least":
      return value >= r && value <= r * 1.25;
    case "fewer than":
    case "up to":
      return value <= r && value >= r * 0.75;
    default:
      return Math.abs(value - r) <= r * 0.06;
  }
}
