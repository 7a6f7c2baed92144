import type { Lexicon } from "../lexicon.js";
import type { OrganisationFact, PersonFact, QuoteFact, SentenceRecord, SpeakerFact } from "../store.js";
import { initials } from "./entities.js";

interface Segment {
  quoted: boolean;
  text: string;
  start: number;
}

interface ParagraphQuotes {
  paragraph: number;
  text: string;
  segments: Segment[];
  /** The paragraph ends inside a quote (it continues in the next paragraph). */
  endsOpen: boolean;
  startsWithQuote: boolean;
}

const PRONOUNS = new Set(["he", "she", "they", "it", "we"]);
const AUXILIARIES = /\s+(?:has|have|had|also|later|previously|then|today|yesterday|once|again|recently)$/i;

/** Splits a paragraph into quoted and unquoted stretches; straight quotes toggle, curly quotes open and close. */
export function segmentQuotes(text: string): { segments: Segment[]; endsOpen: boolean } {
  const segments: Segment[] = [];
  let inside = false;
  let start = 0;
  const push = (end: number, quoted: boolean) => {
    const piece = text.slice(start, end);
    if (piece.trim()) segments.push({ quoted, text: piece, start });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const opens = ch === "“" || (ch === '"' && !inside);
    const closes = ch === "”" || (ch === '"' && inside);
    if (opens && !inside) {
      push(i, false);
      inside = true;
      start = i + 1;
    } else if (closes && inside) {
      push(i, true);
      inside = false;
      start = i + 1;
    }
  }
  push(text.length, inside);
  return { segments, endsOpen: inside };
}

export interface QuoteIndex {
  speakers: SpeakerFact[];
  quotes: QuoteFact[];
}

/**
 * Finds quotes and who said them: "X said: “...”", "“...,” X said", a quote continued in the next
 * paragraph, a quote split around "said", partial quotes inside reported speech, and reported speech.
 */
export function findQuotes(
  sentences: SentenceRecord[],
  people: PersonFact[],
  organisations: OrganisationFact[],
  lexicon: Lexicon,
): QuoteIndex {
  const speakers: SpeakerFact[] = [];
  const quotes: QuoteFact[] = [];
  const paragraphs = groupParagraphs(sentences);
  const verbs = lexicon.data.speechVerbs.join("|");
  let lastPersonSpeaker: SpeakerFact | undefined;
  let lastPerson: PersonFact | undefined;
  let openQuote: QuoteFact | undefined;
  let previousQuote: QuoteFact | undefined;

  for (const para of paragraphs) {
    const { segments, endsOpen } = segmentQuotes(para.text);
    const paraSentences = sentences.filter((s) => s.paragraph === para.paragraph);
    const sentenceIdsOf = (start: number, end: number) =>
      sentenceIdsInRange(para.text, paraSentences, start, end);
    const quoted = segments.filter((s) => s.quoted);
    const plain = segments.filter((s) => !s.quoted);
    const startsWithQuote = /^["“]/.test(para.text);

    // A paragraph that opens with a quote mark while the last quote was left open continues it.
    if (
      openQuote &&
      startsWithQuote &&
      plain.every((p) => !new RegExp(`\\b(${verbs})\\b`, "i").test(p.text))
    ) {
      openQuote.text = `${openQuote.text} ${quoted.map((q) => q.text.trim()).join(" ")}`.trim();
      openQuote.context = `${openQuote.context} ${para.text}`;
      openQuote.sentenceIds.push(...paraSentences.map((s) => s.id));
      if (!endsOpen) openQuote = undefined;
      continue;
    }
    openQuote = undefined;
    const mentioned = lastMentioned(para.text, people);

    const attribution = findAttribution(plain, verbs);
    // A paragraph that is nothing but a quote, right after a quote, is the same speaker going on.
    if (!attribution && previousQuote && quoted.length && plain.every((p) => !/[\p{L}]/u.test(p.text))) {
      const quote: QuoteFact = {
        id: `quote${quotes.length + 1}`,
        speakerId: previousQuote.speakerId,
        text: quoted.map((q) => q.text.trim()).join(" "),
        context: para.text,
        verbatim: true,
        sentenceIds: paraSentences.map((s) => s.id),
      };
      quotes.push(quote);
      previousQuote = quote;
      if (endsOpen) openQuote = quote;
      continue;
    }
    previousQuote = undefined;
    if (!attribution) {
      lastPerson = mentioned ?? lastPerson;
      continue;
    }
    const pronounTarget = () =>
      lastPerson ? speakerFor(lastPerson, speakers, organisations, lexicon) : lastPersonSpeaker;
    const speaker = resolveSpeaker(attribution, people, organisations, speakers, pronounTarget, lexicon);
    lastPerson = mentioned ?? lastPerson;
    if (!speaker) continue;
    // Reported speech is kept for named people only: "X said talks would resume".
    if (quoted.length === 0 && speaker.personIds.length === 0) continue;
    if (!speakers.includes(speaker)) {
      speaker.id = `speaker${speakers.length + 1}`;
      speakers.push(speaker);
    }
    if (speaker.personIds.length) lastPersonSpeaker = speaker;

    const quotedWords = quoted.reduce((n, q) => n + q.text.split(/\s+/).length, 0);
    const plainWords = plain.reduce((n, p) => n + p.text.split(/\s+/).length, 0);
    if (quoted.length === 0) {
      // Reported speech from a named person: "X said talks would resume next week."
      if (speaker.personIds.length === 0) continue;
      const said = attribution.rest
        .trim()
        .replace(/^(?:that\s+)/i, "")
        .replace(/[.\s]+$/, "");
      if (said.split(/\s+/).length < 3) continue;
      quotes.push({
        id: `quote${quotes.length + 1}`,
        speakerId: speaker.id,
        text: said,
        context: para.text,
        verbatim: false,
        sentenceIds: paraSentences.map((s) => s.id),
      });
      continue;
    }
    const direct = quotedWords >= plainWords;
    const quote: QuoteFact = {
      id: `quote${quotes.length + 1}`,
      speakerId: speaker.id,
      text: direct
        ? quoted.map((q) => q.text.trim()).join(" ")
        : quoted.map((q) => q.text.trim().replace(/[,.]$/, "")).join(" … "),
      context: para.text,
      verbatim: true,
      sentenceIds: sentenceIdsOf(0, para.text.length),
    };
    quotes.push(quote);
    previousQuote = quote;
    if (endsOpen) openQuote = quote;
  }
  return { speakers, quotes };
}

function lastMentioned(text: string, people: PersonFact[]): PersonFact | undefined {
  let best: PersonFact | undefined;
  let at = -1;
  for (const p of people) {
    const i = text.lastIndexOf(p.name);
    if (i > at) {
      at = i;
      best = p;
    }
  }
  return best;
}

/** The speaker record for a person, made when "he said" is the first time they speak. */
function speakerFor(
  person: PersonFact,
  speakers: SpeakerFact[],
  organisations: OrganisationFact[],
  lexicon: Lexicon,
): SpeakerFact {
  const existing = speakers.find((s) => s.personIds.length === 1 && s.personIds[0] === person.id);
  if (existing) return existing;
  const org = organisations.find(
    (o) => person.role?.includes(o.name) || (o.acronym && person.role?.includes(o.acronym)),
  );
  const display = person.title ? `${person.title} ${person.name}` : person.name;
  return makeSpeaker(display, [person], org, person.role, lexicon);
}

interface Attribution {
  /** Words naming the speaker: "A spokesperson for University Hospital Southampton", "He". */
  who: string;
  /** What follows the verb in the same stretch (reported speech). */
  rest: string;
}

function findAttribution(plain: Segment[], verbs: string): Attribution | undefined {
  const before = new RegExp(`([^.:;“”"]*?)\\s+\\b(?:${verbs})\\b[:,]?\\s*(.*)$`, "i");
  const after = new RegExp(`^[\\s,]*\\b(?:${verbs})\\s+([^.,;]+)`, "i");
  const afterSubject = new RegExp(`^[\\s,]*([^.,;“”"]+?)\\s+(?:${verbs})\\b`, "i");
  for (const seg of plain) {
    const text = seg.text;
    const a = text.match(after);
    if (a) return { who: a[1]!.trim(), rest: "" };
    const b = text.match(before);
    if (b?.[1]?.trim()) {
      const who = b[1]
        .trim()
        .replace(AUXILIARIES, "")
        .replace(/^[,\s]+/, "");
      return { who, rest: b[2] ?? "" };
    }
    const c = text.match(afterSubject);
    if (c) return { who: c[1]!.trim(), rest: "" };
  }
  return undefined;
}

function resolveSpeaker(
  attribution: Attribution,
  people: PersonFact[],
  organisations: OrganisationFact[],
  speakers: SpeakerFact[],
  pronounTarget: () => SpeakerFact | undefined,
  lexicon: Lexicon,
): SpeakerFact | undefined {
  // "Passenger Maureen Tully, 71, who takes the number 22 ...,": drop the age and the relative clause.
  const who = attribution.who
    .replace(/^(?:and|but|while|as)\s+/i, "")
    .replace(/,\s*\d{1,3},/g, ",")
    .replace(/,\s*(?:who|which|whose)\b[^,]*(?:,|$)/g, ",")
    .replace(/[,\s]+$/, "")
    .trim();
  // A speaker is a short name or description, never a clause with figures in it.
  if (!who || /\d/.test(who) || who.split(/\s+/).length > 20) return undefined;
  if (PRONOUNS.has(who.toLowerCase())) return pronounTarget();
  const named = people.filter((p) => who.includes(p.name));
  if (named.length) {
    const key = named.map((p) => p.id).join("+");
    const existing = speakers.find((s) => s.personIds.join("+") === key);
    if (existing) return existing;
    const firstAt = who.indexOf(named[0]!.name);
    const lastPerson = named[named.length - 1]!;
    const afterNames = who.slice(who.indexOf(lastPerson.name) + lastPerson.name.length);
    const beforeNames = who.slice(0, firstAt);
    const role =
      named[0]!.role && named.length === 1
        ? { role: named[0]!.role }
        : describeRole(beforeNames, afterNames, lexicon);
    const org = organisations.find((o) => who.includes(o.name) || (o.acronym && who.includes(o.acronym)));
    for (const p of named) {
      if (role.role && !p.role) p.role = role.role;
      if (org && !p.organisation) p.organisation = org.name;
    }
    const display = named.map((p) => (p.title ? `${p.title} ${p.name}` : p.name)).join(" and ");
    return makeSpeaker(display, named, org, role.role, lexicon);
  }
  // An unnamed speaker: "A spokesperson for University Hospital Southampton", "a report", "The trust".
  const org =
    organisations.find(
      (o) => who.includes(o.name) || (o.acronym && new RegExp(`\\b${o.acronym}\\b`).test(who)),
    ) ??
    (new RegExp(`\\b(?:${lexicon.data.employerWords.join("|")}|operator|company|firm)\\b`, "i").test(who)
      ? organisations.find((o) => o.kind === "employer")
      : /\bunion\b/i.test(who)
        ? organisations.find((o) => o.kind === "union")
        : undefined);
  const display = who.replace(/^(the|a|an)\s+/i, (m) => m[0]!.toUpperCase() + m.slice(1).toLowerCase());
  const existing = speakers.find((s) => s.name.toLowerCase() === display.toLowerCase());
  if (existing) return existing;
  return makeSpeaker(display, [], org, undefined, lexicon);
}

function describeRole(before: string, after: string, lexicon: Lexicon): { role?: string } {
  const titles = [...lexicon.titles].join("|");
  let role = before
    .trim()
    .replace(new RegExp(`(?:^|\\s+)(?:(?:${titles})\\.?\\s*)+$`), "")
    .replace(/,\s*$/, "")
    .trim();
  if (!role) {
    const ofOrg = after.match(/^,?\s*((?:the\s+)?[^,]+?)\s*,?\s*$/);
    if (ofOrg?.[1]) role = ofOrg[1].trim();
  }
  role = role.replace(/^(?:the|a|an)\s+/i, "");
  if (!role || role.split(/\s+/).length > 10) return {};
  return { role };
}

function makeSpeaker(
  name: string,
  people: PersonFact[],
  org: OrganisationFact | undefined,
  role: string | undefined,
  lexicon: Lexicon,
): SpeakerFact {
  const implied = people.flatMap((p) =>
    (p.title ?? "").split(/\s+/).flatMap((t) => lexicon.data.titleImplies[t] ?? []),
  );
  const words = [
    name,
    role ?? "",
    org?.name ?? "",
    org?.acronym ?? "",
    ...people.flatMap((p) => p.aliases),
    ...implied,
  ]
    .join(" ")
    .split(/[^\p{L}\p{N}-]+/u)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 1 && !lexicon.isStopword(w));
  // The id is given when the speaker is first quoted, so unquoted candidates leave no gaps.
  const speaker: SpeakerFact = {
    id: "",
    name,
    personIds: people.map((p) => p.id),
    keywords: [...new Set(words)],
  };
  if (org) speaker.organisationId = org.id;
  if (role) speaker.role = role;
  if (org?.name && !org.acronym) {
    const guess = initials(org.name);
    if (guess.length >= 2) speaker.keywords.push(guess.toLowerCase());
  }
  return speaker;
}

function groupParagraphs(sentences: SentenceRecord[]): ParagraphQuotes[] {
  const byParagraph = new Map<number, SentenceRecord[]>();
  for (const s of sentences) {
    if (s.isCrossReference) continue;
    const list = byParagraph.get(s.paragraph) ?? [];
    list.push(s);
    byParagraph.set(s.paragraph, list);
  }
  return [...byParagraph.entries()].map(([paragraph, list]) => ({
    paragraph,
    text: list.map((s) => s.text).join(" "),
    segments: [],
    endsOpen: false,
    startsWithQuote: false,
  }));
}

function sentenceIdsInRange(text: string, sentences: SentenceRecord[], start: number, end: number): string[] {
  const ids: string[] = [];
  let offset = 0;
  for (const s of sentences) {
    const at = text.indexOf(s.text, offset);
    const sEnd = at + s.text.length;
    if (at < end && sEnd > start) ids.push(s.id);
    offset = sEnd;
  }
  return ids;
}
