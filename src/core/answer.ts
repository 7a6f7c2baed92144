/** The core's only output: a plain value the adapters render however their platform likes. */
export type AnswerStatus = "answered" | "unknown" | "clarify" | "help";

/** A sentence of the article that an answer rests on. */
export interface Source {
  /** Stable id such as "p3.s1" (paragraph 3, sentence 1). */
  id: string;
  paragraph: number;
  text: string;
}

/** One fact an answer used, ready to show as a field (label: value). */
export interface AnswerFact {
  kind:
    | "figure"
    | "quote"
    | "person"
    | "organisation"
    | "date"
    | "duration"
    | "reason"
    | "sentence"
    | "computed";
  label: string;
  value: string;
  sourceId?: string;
}

export interface Answer {
  status: AnswerStatus;
  /** Plain text, no markup: renderers escape and decorate it. */
  text: string;
  /**
   * The answer itself, without the sentence it rests on: the figure with what it counts, the
   * date, the name, the quote or the worked result. Absent when nothing was answered.
   */
  value?: string;
  /** What the matcher took the question for ("figure", "quote", "difference", "off-topic", ...). */
  intent: string;
  /** 0..1: how sure the matcher is. */
  confidence: number;
  facts: AnswerFact[];
  sources: Source[];
  /** Questions the bot can answer, offered as buttons or hints. */
  suggestions: string[];
}
