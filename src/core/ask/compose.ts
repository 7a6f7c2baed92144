/**
 * Stage 5, composing: the plain Answer the adapters render. The answer's value (the figure with
 * what it counts, the date, the name, the quote, the worked result) stands apart from the
 * sentence it rests on, which is quoted as its source.
 */
import type { Answer, AnswerFact, Source } from "../answer.js";
import { MESSAGES } from "../messages.js";
import type { Candidate, Pool } from "../pool/types.js";
import type { Computed } from "./compute.js";
import { topicOf } from "./question.js";

const FACT_KIND: Record<Candidate["type"], AnswerFact["kind"]> = {
  count: "figure",
  percent: "figure",
  money: "figure",
  points: "figure",
  duration: "duration",
  date: "date",
  time: "date",
  person: "person",
  org: "organisation",
  place: "sentence",
  quote: "quote",
  reason: "reason",
  sentence: "sentence",
};

export class Composer {
  constructor(private readonly pool: Pool) {}

  source(c: Candidate): Source {
    const s = this.pool.sentences[c.s]!;
    return { id: s.id, paragraph: s.paragraph, text: s.text };
  }

  answered(c: Candidate, confidence: number, intent: string): Answer & { value: string } {
    const source = this.source(c);
    const whole = c.type === "sentence" || c.type === "reason";
    const value = whole ? source.text : c.answer;
    const text = whole || c.type === "quote" ? value : `${value}. From the article: "${source.text}"`;
    return {
      status: "answered",
      text,
      value,
      intent,
      confidence,
      facts: [{ kind: FACT_KIND[c.type], label: labelOf(c), value, sourceId: source.id }],
      sources: [source],
      suggestions: [],
    };
  }

  computed(result: Computed, confidence: number, intent: string): Answer & { value: string } {
    const sources = dedupe(result.parts.map((c) => this.source(c)));
    return {
      status: "answered",
      text: `${result.value}. Worked out from the article: ${sources.map((s) => `"${s.text}"`).join(" ")}`,
      value: result.value,
      intent,
      confidence,
      facts: [{ kind: "computed", label: intent, value: result.value }],
      sources,
      suggestions: [],
    };
  }

  unknown(question: string, nearby: Candidate[], suggestions: string[]): Answer {
    const topic = topicOf(question);
    const sources = dedupe(nearby.map((c) => this.source(c))).slice(0, 2);
    const lead = topic ? `The article doesn't say ${topic.replace(/\?$/, "")}.` : MESSAGES.notInArticle;
    const near = sources.length ? ` ${MESSAGES.nearby} ${sources.map((s) => `"${s.text}"`).join(" ")}` : "";
    return {
      status: "unknown",
      text: `${lead}${near}`,
      intent: "not-in-article",
      confidence: 0,
      facts: [],
      sources,
      suggestions,
    };
  }
}

function labelOf(c: Candidate): string {
  if (c.type === "quote") return c.answer.split(":")[0] ?? "Quote";
  const words = c.clauseText.split(/\s+/).slice(0, 8).join(" ");
  return words.length > 60 ? `${words.slice(0, 57)}...` : words;
}

function dedupe(sources: Source[]): Source[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    if (seen.has(s.id)) return false;
    seen.add(s.id);
    return true;
  });
}
