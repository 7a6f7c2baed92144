/**
 * A tiny Bot for adapter-mechanics tests only (what the adapter does with an Answer, not what the
 * answer says). End-to-end tests use the real bot from src/load-bot.ts.
 */
import type { Answer } from "../../src/core/answer.js";
import type { Bot } from "../../src/core/bot.js";

export const CANCELLED_SOURCE = {
  id: "p2.s1",
  paragraph: 2,
  text: "In total, 1,854 appointments were cancelled during the strike.",
};

function answer(partial: Partial<Answer>): Answer {
  return {
    status: "answered",
    text: "",
    intent: "figure",
    confidence: 1,
    facts: [],
    sources: [],
    suggestions: [],
    ...partial,
  };
}

export interface AskCall {
  text: string;
  conversationId: string | undefined;
}

export class FakeBot implements Bot {
  readonly title = "Junior doctors strike in Southampton";
  readonly calls: AskCall[] = [];
  /** Make ask() throw, to test the error path. */
  failNext = false;
  private readonly lastTopic = new Map<string, string>();

  ask(text: string, conversationId?: string): Answer {
    this.calls.push({ text, conversationId });
    if (this.failNext) {
      this.failNext = false;
      throw new Error("fake bot failure");
    }
    if (text.length > 500) return answer({ status: "unknown", intent: "too-long", text: "too long" });
    const lower = text.toLowerCase();
    const previous = conversationId ? this.lastTopic.get(conversationId) : undefined;
    if (lower.includes("cancelled") || (lower.startsWith("and") && previous === "cancelled")) {
      if (conversationId) this.lastTopic.set(conversationId, "cancelled");
      return answer({
        text:
          previous === "cancelled"
            ? "Still 1,854 appointments were cancelled."
            : "1,854 appointments were cancelled.",
        facts: [{ kind: "figure", label: "Appointments cancelled", value: "1,854", sourceId: "p2.s1" }],
        sources: [CANCELLED_SOURCE],
      });
    }
    return answer({
      status: "unknown",
      intent: "unknown",
      text: "The article doesn't say.",
      suggestions: ["How many appointments were cancelled?", "Who went on strike?"],
    });
  }

  stats(): Answer {
    return answer({
      intent: "stats",
      text: "The strike in figures.",
      facts: [
        { kind: "figure", label: "Appointments cancelled", value: "1,854" },
        { kind: "duration", label: "Length of strike", value: "five days" },
      ],
      sources: [CANCELLED_SOURCE],
    });
  }

  quotes(speaker?: string): Answer {
    return answer({
      intent: "quote",
      text: speaker ? `${speaker} said: "We had no choice."` : 'Dr A Example said: "We had no choice."',
      facts: [{ kind: "quote", label: speaker ?? "Dr A Example", value: "We had no choice." }],
    });
  }

  help(): Answer {
    return answer({
      status: "help",
      intent: "help",
      text: "I answer questions about the article.",
      suggestions: ["How many appointments were cancelled?"],
    });
  }

  speakers(): string[] {
    return ["Dr A Example", "Jane Spokesperson"];
  }

  suggest(partial: string, limit = 25): string[] {
    const all = Array.from({ length: 40 }, (_, i) => `How many appointments were cancelled on day ${i + 1}?`);
    const needle = partial.toLowerCase();
    return all.filter((q) => q.toLowerCase().includes(needle)).slice(0, limit);
  }
}
