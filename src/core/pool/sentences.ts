/**
 * The article as sentences: each line of the layout read by the NLP library, with its content
 * words, its names, its period words and the words that frame it (a heading, a list intro, a
 * table header, the sentence before).
 */
import { type Block, layout } from "../read/layout.js";
import { type ReadSentence, readText, type Tok } from "../read/nlp.js";
import { FUNCTION_WORDS, key } from "../text/terms.js";
import type { PoolSentence } from "./types.js";

export const CONTENT_POS = new Set(["NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"]);

const PERIOD_WORDS = new Set([
  "last",
  "previous",
  "earlier",
  "former",
  "prior",
  "first",
  "second",
  "third",
  "next",
  "final",
  "since",
  "ago",
  "before",
  "cumulative",
  "total",
  "so far",
  "round",
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
]);

export interface Draft {
  sentence: PoolSentence;
  read: ReadSentence;
  block: Block;
}

/** Lines and their sentences, each with the words that frame it. */
export function readSentences(article: string): Draft[] {
  const drafts: Draft[] = [];
  const perParagraph = new Map<number, number>();
  let heading: string[] = [];
  let update = 0;
  for (const block of layout(article)) {
    if (block.kind === "aside") continue;
    if (block.kind === "time") {
      update = minutesOf(block.text) ?? update + 1;
      continue;
    }
    if (block.kind === "heading") heading = [...new Set(keysOfText(block.text))];
    const whole =
      block.kind === "label" || block.kind === "row" || block.kind === "item" || block.kind === "headline";
    const read = whole ? [wholeBlock(block.text)] : readText(block.text);
    for (const r of read) {
      const n = (perParagraph.get(block.paragraph) ?? 0) + 1;
      perParagraph.set(block.paragraph, n);
      const prev = drafts[drafts.length - 1];
      const context = new Set<string>(heading);
      if (block.context) for (const k of keysOfText(block.context)) context.add(k);
      if (prev && block.kind !== "heading" && block.kind !== "headline")
        for (const k of prev.sentence.terms) context.add(k);
      const sentence: PoolSentence = {
        id: `p${block.paragraph}.s${n}`,
        paragraph: block.paragraph,
        kind: block.kind,
        text: r.text,
        terms: termsOf(r.tokens),
        context: [...context],
        names: namesOf(r.tokens),
        period: r.tokens
          .filter((t) => PERIOD_WORDS.has(t.lower) || /^(?:19|20)\d\d$/.test(t.text))
          .map((t) => t.lower),
        ...(update ? { update } : {}),
      };
      drafts.push({ sentence, read: r, block });
    }
  }
  return drafts;
}

/** "16:52", "3.20pm", "9:05 a.m." as minutes after midnight, plus one so that 00:00 still counts. */
function minutesOf(text: string): number | undefined {
  const m = text.match(/(\d{1,2})(?:[:.](\d{2}))?\s*([ap])?\.?m?\.?/i);
  if (!m) return undefined;
  let h = Number(m[1]) % 12;
  if (!m[3] || m[3].toLowerCase() === "p") h += m[3] ? 12 : Number(m[1]) === 12 ? 12 : 0;
  if (!m[3] && Number(m[1]) >= 13) h = Number(m[1]);
  return h * 60 + Number(m[2] ?? 0) + 1;
}

/** A list item or a "Label: value" line is one unit, however many full stops it has. */
function wholeBlock(text: string): ReadSentence {
  const sentences = readText(text);
  return {
    text,
    start: 0,
    end: text.length,
    tokens: sentences.flatMap((s) =>
      s.tokens.map((t) => ({ ...t, start: t.start + s.start, end: t.end + s.start })),
    ),
  };
}

export function termsOf(tokens: Tok[]): string[] {
  const out = new Set<string>();
  for (const t of tokens) {
    if (!CONTENT_POS.has(t.pos) || FUNCTION_WORDS.has(t.lower)) continue;
    if (/^\d/.test(t.text)) continue;
    out.add(key(t.lower));
    out.add(key(t.lemma));
    if (t.lower.includes("-"))
      for (const p of t.lower.split("-")) if (p.length > 1 && !FUNCTION_WORDS.has(p)) out.add(key(p));
  }
  return [...out];
}

function namesOf(tokens: Tok[]): string[] {
  const out = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.pos === "PROPN" || (i > 0 && /^\p{Lu}\p{Ll}/u.test(t.text) && t.pos !== "PRON")) {
      if (!FUNCTION_WORDS.has(t.lower)) out.add(key(t.lower));
    }
  });
  return [...out];
}

function keysOfText(text: string): string[] {
  return termsOf(readText(text).flatMap((s) => s.tokens));
}

const MONTH = /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/;
const EARLIER = /^(?:last|previous|earlier|former|prior|ago)$/;

/** A sentence naming a month or year the lead does not, or "last", "previous", speaks of another period. */
export function markOtherPeriods(sentences: PoolSentence[]): void {
  const lead = new Set(
    sentences.slice(0, 4).flatMap((s) => s.period.filter((p) => MONTH.test(p) || /^\d{4}$/.test(p))),
  );
  for (const s of sentences) {
    const other = s.period.some(
      (p) => EARLIER.test(p) || ((MONTH.test(p) || /^\d{4}$/.test(p)) && lead.size > 0 && !lead.has(p)),
    );
    if (other) s.otherPeriod = true;
  }
}
