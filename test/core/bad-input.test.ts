import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/answer.js";
import { MESSAGES } from "../../src/core/messages.js";
import { loadBot } from "../../src/load-bot.js";

const STATUSES = ["answered", "unknown", "clarify", "help"];

/**
 * A valid Answer that the core worked out: the safety wrapper turns a throw into a polite error
 * answer, which is also a valid Answer, so a test that only checks the shape cannot see a core that
 * throws on every question.
 */
function expectValidAnswer(answer: Answer): void {
  expect(answer.intent).not.toBe("error");
  expect(answer.text).not.toBe(MESSAGES.handlerError);
  expect(STATUSES).toContain(answer.status);
  expect(typeof answer.text).toBe("string");
  expect(answer.text.length).toBeGreaterThan(0);
  expect(answer.confidence).toBeGreaterThanOrEqual(0);
  expect(answer.confidence).toBeLessThanOrEqual(1);
  expect(
    Array.isArray(answer.sources) && Array.isArray(answer.facts) && Array.isArray(answer.suggestions),
  ).toBe(true);
}

describe("bad input never breaks the core", () => {
  const bot = loadBot();

  it("answers any string with a valid Answer (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.string({ maxLength: 20 }),
        (text, conversation) => {
          expectValidAnswer(bot.ask(text, conversation));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("answers mixtures of real question words and noise with a valid Answer (property)", () => {
    const word = fc.constantFrom(
      "how",
      "many",
      "nurses",
      "cancelled",
      "and",
      "?",
      "the",
      "Powis",
      "%",
      "2,000",
      "🤔",
      "<@U123>",
      "@everyone",
      "…",
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), (words) =>
        expectValidAnswer(bot.ask(words.join(" "), "noise")),
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ["empty", ""],
    ["whitespace", " \n\t  "],
    ["control characters", "\u0000\u0007how many\u001b[31m appointments\u0008?"],
    ["emoji", "🔥🔥🔥 how many 🚑 appointments? 💉"],
    ["other scripts", "сколько приёмов отменили? 有多少预约被取消？ كم عدد المواعيد"],
    ["mention spam", "<@U0123> <@U0123> <!channel> @here @everyone how many appointments were cancelled"],
    ["100 KB", "appointments ".repeat(8_000)],
    ["zero-width and bidi characters", "how\u200b many\u202e appointments\ufeff?"],
  ])("answers %s input without throwing", (_name, text) => {
    expectValidAnswer(bot.ask(text));
  });

  it("still finds the figure through control characters and mention noise", () => {
    expect(bot.ask("\u0007how many appointments\u200b were cancelled?").text).toMatch(/1,854/);
  });

  it("treats non-string input as empty", () => {
    expectValidAnswer(bot.ask(undefined as unknown as string));
    expectValidAnswer(bot.ask(42 as unknown as string));
  });
});
