/**
 * The one wrapper around the NLP library (wink-nlp with its small English model): sentence
 * boundaries, tokens, lemmas and parts of speech. It is loaded only when a store is built, so a
 * prebuilt store answers without paying for the model.
 */
import { createRequire } from "node:module";
import type { ItemToken, PartOfSpeech } from "wink-nlp";

export interface Tok {
  /** As written. */
  text: string;
  lower: string;
  lemma: string;
  pos: PartOfSpeech;
  /** Character offsets in the text that was read. */
  start: number;
  end: number;
}

export interface ReadSentence {
  text: string;
  start: number;
  end: number;
  tokens: Tok[];
}

type Nlp = {
  readDoc(text: string): {
    sentences(): {
      each(cb: (s: { out(): string; tokens(): { each(cb: (t: ItemToken) => void): void } }) => void): void;
    };
  };
  its: Record<string, unknown>;
};

let loaded: Nlp | undefined;

function nlp(): Nlp {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const winkNLP = require("wink-nlp") as (model: unknown, pipe?: string[]) => Nlp;
    const model = require("wink-eng-lite-web-model") as unknown;
    loaded = winkNLP(model, ["sbd", "pos"]);
  }
  return loaded;
}

/** Abbreviations after which a full stop does not end a sentence ("Nov. 3", "Dr. Patel", "U.S. officials"). */
const ABBREVIATION =
  /\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Dr|Mr|Mrs|Ms|Prof|St|Sgt|Cllr|Rev|Gov|Sen|Rep|Lt|Col|Gen|Capt|Ave|Co|Corp|Inc|Ltd|No|vs|approx|est|U\.S|U\.K|a\.m|p\.m|[A-Z])\.$/;

/** Reads one block of text into sentences of tokens. */
export function readText(text: string): ReadSentence[] {
  const { its } = nlp();
  const doc = nlp().readDoc(text);
  const raw: ReadSentence[] = [];
  let cursor = 0;
  doc.sentences().each((s) => {
    const tokens: Tok[] = [];
    s.tokens().each((t) => {
      const value = t.out() as string;
      const at = text.indexOf(value, cursor);
      const start = at >= 0 ? at : cursor;
      cursor = start + value.length;
      tokens.push({
        text: value,
        lower: value.toLowerCase(),
        lemma: String(t.out(its.lemma as never)).toLowerCase(),
        pos: t.out(its.pos as never) as PartOfSpeech,
        start,
        end: start + value.length,
      });
    });
    if (!tokens.length) return;
    const start = tokens[0]!.start;
    const end = tokens[tokens.length - 1]!.end;
    raw.push({ text: text.slice(start, end), start, end, tokens });
  });
  // Offsets from here on are within each sentence, as every reader of a sentence expects.
  return mergeAbbreviations(text, raw).map((s) => ({
    ...s,
    tokens: s.tokens.map((t) => ({ ...t, start: t.start - s.start, end: t.end - s.start })),
  }));
}

/** The library splits after "Nov." or "Dr."; a sentence that ends so and is followed by more of it is joined again. */
function mergeAbbreviations(text: string, sentences: ReadSentence[]): ReadSentence[] {
  const out: ReadSentence[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    const next = s.text.trimStart();
    if (
      prev &&
      ABBREVIATION.test(prev.text) &&
      /^[\d(a-z]|^[A-Z][a-z]+\b/.test(next) &&
      !/^[A-Z][a-z]+ (?:said|says)\b/.test(next)
    ) {
      const joined: ReadSentence = {
        text: text.slice(prev.start, s.end),
        start: prev.start,
        end: s.end,
        tokens: [...prev.tokens, ...s.tokens],
      };
      if (abbreviationEndsSentence(prev.text, next)) out.push(s);
      else out[out.length - 1] = joined;
    } else out.push(s);
  }
  return out;
}

/** "... by 4 p.m. The union said" ends a sentence; "on Nov. 3" and "Dr. Patel" do not. */
function abbreviationEndsSentence(prev: string, next: string): boolean {
  if (/\b(?:a\.m|p\.m|Inc|Ltd|Co|Corp|U\.S|U\.K)\.$/.test(prev))
    return /^(?:The|A|An|It|He|She|They|We|But|And|In|On|At|Its|Their|This|That)\b/.test(next);
  return false;
}
