import type { Lexicon } from "../lexicon.js";
import type { ReasonFact, SentenceRecord } from "../store.js";

/** Stated reasons ("following a dispute over pay"), demands ("asking for a 35 per cent pay rise") and sources. */
export function findReasons(
  sentences: SentenceRecord[],
  lexicon: Lexicon,
  nextId: () => string,
): ReasonFact[] {
  const facts: ReasonFact[] = [];
  const add = (kind: ReasonFact["kind"], text: string, s: SentenceRecord) => {
    const clean = text.replace(/^[\s,]+|[\s,.;:]+$/g, "");
    if (clean.split(/\s+/).length < 1 || facts.some((f) => f.kind === kind && f.text === clean)) return;
    facts.push({ id: nextId(), kind, text: clean, clause: s.text, sentenceId: s.id });
  };
  for (const s of sentences) {
    if (s.isCrossReference) continue;
    const lower = s.text.toLowerCase();
    const reason = earliestReason(s.text, lexicon);
    if (reason) add("reason", cutClause(reason), s);
    for (const marker of lexicon.data.demandMarkers) {
      const at = findWord(lower, marker);
      if (at >= 0) add("demand", cutClause(s.text.slice(at + marker.length)), s);
    }
    for (const marker of lexicon.data.sourceMarkers) {
      const at = findWord(lower, marker);
      if (at < 0) continue;
      const m = s.text.slice(at + marker.length).match(/^\s*((?:the\s+)?(?:[A-Z][\p{L}’']*\s*)+)/u);
      if (m) add("source", m[1]!, s);
    }
  }
  return facts;
}

/** The reason that starts earliest in the sentence: "strike over staffing levels and a dispute about pay". */
function earliestReason(text: string, lexicon: Lexicon): string | undefined {
  const lower = text.toLowerCase();
  let best: { at: number; rest: string } | undefined;
  for (const marker of lexicon.data.reasonMarkers) {
    const at = findWord(lower, marker);
    if (at < 0 || (best && best.at <= at)) continue;
    const disputeWord = marker.match(/dispute|protest/)?.[0];
    // Short, common markers ("over", "after") count only right behind a word for the strike itself.
    if (!disputeWord && !strikeWords(lexicon).test(lower.slice(Math.max(0, at - 40), at))) continue;
    // "just over a year", "over three days": a quantity, not a reason.
    if (
      /^over\s+(?:a|an|one|two|three|four|five|six|\d+|the (?:past|last|next))\b/.test(lower.slice(at)) ||
      /\b(?:just|well|slightly)\s+$/.test(lower.slice(0, at))
    )
      continue;
    const from = disputeWord ? at + marker.indexOf(disputeWord) : at + marker.length;
    best = { at, rest: text.slice(from) };
  }
  return best?.rest;
}

const strikePatterns = new WeakMap<Lexicon, RegExp>();

/** The lexicon's words for the strike itself ("walk-out", "industrial action", "dispute"), as one pattern. */
function strikeWords(lexicon: Lexicon): RegExp {
  let pattern = strikePatterns.get(lexicon);
  if (!pattern) {
    const words = [...(lexicon.data.synonyms.find((g) => g[0] === "strike") ?? []), "dispute"];
    const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/-/g, "-?"));
    pattern = new RegExp(`\\b(?:${escaped.join("|")})\\b`, "i");
    strikePatterns.set(lexicon, pattern);
  }
  return pattern;
}

function findWord(text: string, phrase: string): number {
  const m = new RegExp(`\\b${phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).exec(text);
  return m ? m.index : -1;
}

function cutClause(text: string): string {
  return text.split(/[.;:!?]|,\s+(?:and|but|while|which|who)\b|\s+(?:when|while|as|after)\s+/)[0] ?? text;
}
