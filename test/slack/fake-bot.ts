/**
 * A tiny Bot for adapter-mechanics tests only (the end-to-end tests use the real bot from src/load-bot.ts).
 * It knows one figure, echoes unknown questions back (so escaping can be tested), and can be told to throw.
 */
import type { Answer } from "../../src/core/answer.js";
import type { Bot } from "../../src/core/bot.js";
import { MESSAGES } from "../../src/core/messages.js";

export const FAKE_LIMIT = 300;

const SOURCE = {
  id: "p2.s1",
  paragraph: 2,
  text: "Some 1,854 appointments were cancelled during the strike.",
};

function answered(text: string, intent: string, facts: Answer["facts"] = []): Answer {
  return { status: "answered", text, intent, confidence: 0.9, facts, sources: [SOURCE], suggestions: [] };
}

export class FakeBot implements Bot {
  readonly title = "Junior doctors strike in Southampton";
  readonly asked: { text: string; conversationId: string | undefined }[] = [];
  throwOnAsk = false;

  ask(text: string, conversationId?: string): Answer {
    this.asked.push({ text, conversationId });
    if (this.throwOnAsk) throw new Error("fake bot failure");
    if (text.length > FAKE_LIMIT)
      return { ...answered(MESSAGES.tooLong(FAKE_LIMIT), "too-long"), sources: [] };
    if (/appointments/i.test(text))
      return answered("1,854 appointments were cancelled.", "figure", [
        { kind: "figure", label: "Appointments cancelled", value: "1,854", sourceId: "p2.s1" },
      ]);
    if (/and operations|what about/i.test(text))
      return answered("And 120 operations were postponed.", "figure");
    return {
      status: "unknown",
      text: `${MESSAGES.notInArticle} You asked: ${text}`,
      intent: "unknown",
      confidence: 0.1,
      facts: [],
      sources: [],
      suggestions: ["how many appointments were cancelled?", "who is striking?"],
    };
  }

  stats(): Answer {
    return answered("The headline figures:", "stats", [
      { kind: "figure", label: "Appointments cancelled", value: "1,854" },
      { kind: "figure", label: "Operations postponed", value: "120" },
    ]);
  }

  quotes(speaker?: string): Answer {
    if (speaker && !/smith/i.test(speaker))
      return { ...answered(MESSAGES.noQuotes, "quote"), status: "unknown" };
    return answered('Dr Smith: "We did not take this decision lightly." "Patients come first."', "quote", [
      { kind: "quote", label: "Dr Smith", value: "We did not take this decision lightly." },
      { kind: "quote", label: "Dr Smith", value: "Patients come first." },
    ]);
  }

  help(): Answer {
    return { ...answered("I answer questions about the strike story.", "help"), status: "help", sources: [] };
  }

  speakers(): string[] {
    return ["Dr Smith"];
  }

  suggest(partial: string, limit = 5): string[] {
    return ["how many appointments were cancelled?"].filter((q) => q.includes(partial)).slice(0, limit);
  }
}
