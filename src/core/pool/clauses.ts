/** Clauses of a sentence, and the words of a clause or of a window around a figure inside it. */
import type { Tok } from "../read/nlp.js";
import { CONTENT_POS, termsOf } from "./sentences.js";

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** Clauses: split at punctuation and at "while", "whereas", "but", "compared with". */
export function clauseSpans(text: string): Span[] {
  const cuts = [0];
  // Not the comma of "1,450" or the colon of "12:01".
  for (const m of text.matchAll(
    /(?<!\d)[,:]|[,:](?!\d)|[;()—–]|\s-\s|\b(?:while|whereas|but|compared with|compared to|against|up from|down from)\b|\b(?:and|or)\b(?=\s+(?:\d|£|\$|€|about|around|nearly|almost|some|another|a further|just|more than|fewer than|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b))/g,
  ))
    cuts.push(m.index!);
  cuts.push(text.length);
  const spans: Span[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    if (end > start) spans.push({ start, end, text: text.slice(start, end) });
  }
  return spans;
}

/** The clause holding a position, joined with a neighbour that holds no figure of its own ("In Lochardie, | 22 schools closed"). */
export function clauseAt(spans: Span[], at: number, text: string): Span {
  const i = Math.max(
    0,
    spans.findIndex((s) => at >= s.start && at < s.end),
  );
  let start = spans[i]?.start ?? 0;
  let end = spans[i]?.end ?? text.length;
  const bare = (s: Span | undefined) =>
    s &&
    !/\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|dozen|half|third|quarter)\b/i.test(s.text);
  if (bare(spans[i - 1])) start = spans[i - 1]!.start;
  if (bare(spans[i + 1])) end = spans[i + 1]!.end;
  return { start, end, text: text.slice(start, end).replace(/^[\s,;:()—–-]+|[\s,;:(—–-]+$/g, "") };
}

export function keysIn(tokens: Tok[], start: number, end: number): string[] {
  return termsOf(tokens.filter((t) => t.start >= start && t.end <= end));
}

/** Content words within a few words either side, inside the clause: what the figure counts and what happened to it. */
export function windowKeys(tokens: Tok[], start: number, end: number, clause: Span): string[] {
  const inClause = tokens.filter((t) => t.start >= clause.start && t.end <= clause.end);
  const before = inClause
    .filter((t) => t.end <= start && CONTENT_POS.has(t.pos) && !/^\d/.test(t.text))
    .slice(-3);
  const after = inClause
    .filter((t) => t.start >= end && CONTENT_POS.has(t.pos) && !/^\d/.test(t.text))
    .slice(0, 4);
  return termsOf([...before, ...after]);
}
