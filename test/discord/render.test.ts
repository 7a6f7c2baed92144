import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeText, stripBotMention } from "../../src/adapters/discord/escape.js";
import { LIMITS } from "../../src/adapters/discord/limits.js";
import { embedSize, renderAnswer } from "../../src/adapters/discord/render.js";
import { SuggestionButtons } from "../../src/adapters/discord/suggestion-buttons.js";
import type { Answer } from "../../src/core/answer.js";

const text = (max: number) => fc.string({ maxLength: max, unit: "binary" });

const answerArb: fc.Arbitrary<Answer> = fc.record({
  status: fc.constantFrom("answered", "unknown", "clarify", "help"),
  text: text(9000),
  intent: fc.constant("figure"),
  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
  facts: fc.array(fc.record({ kind: fc.constant("figure"), label: text(400), value: text(2000) }), {
    maxLength: 40,
  }),
  sources: fc.array(fc.record({ id: fc.constant("p1.s1"), paragraph: fc.nat(), text: text(3000) }), {
    maxLength: 4,
  }),
  suggestions: fc.array(text(300), { maxLength: 12 }),
});

describe("rendering answers for Discord", () => {
  it("respects every embed and component limit by construction, whatever the answer", () => {
    fc.assert(
      fc.property(answerArb, text(1000), (answer, heading) => {
        const { embeds, components } = renderAnswer(answer, { heading, buttons: new SuggestionButtons() });
        expect(embeds).toHaveLength(1);
        const [embed] = embeds;
        if (!embed) return;
        expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
        expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
        expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFooter);
        expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
        for (const f of embed.fields ?? []) {
          expect(f.name.trim().length).toBeGreaterThan(0);
          expect(f.name.length).toBeLessThanOrEqual(LIMITS.embedFieldName);
          expect(f.value.trim().length).toBeGreaterThan(0);
          expect(f.value.length).toBeLessThanOrEqual(LIMITS.embedFieldValue);
        }
        expect(embedSize(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
        for (const row of components) {
          expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
          const ids = row.components.map((b) => b.custom_id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const b of row.components) {
            expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
            expect((b.label ?? "").length).toBeLessThanOrEqual(LIMITS.buttonLabel);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("puts figures in fields and the source sentence in the footer", () => {
    const { embeds } = renderAnswer({
      status: "answered",
      text: "1,854 appointments were cancelled.",
      intent: "figure",
      confidence: 1,
      facts: [{ kind: "figure", label: "Appointments cancelled", value: "1,854" }],
      sources: [{ id: "p2.s1", paragraph: 2, text: "In total, 1,854 appointments were cancelled." }],
      suggestions: [],
    });
    expect(embeds[0]?.fields).toEqual([{ name: "Appointments cancelled", value: "1,854", inline: true }]);
    expect(embeds[0]?.footer?.text).toContain("In total, 1,854 appointments were cancelled.");
  });

  it("escapes the answer text, the heading and the fields it renders (with or without facts)", () => {
    const hostile = "**loud** @everyone <@&123456789012345678> `code`";
    const base: Answer = {
      status: "unknown",
      text: `The article doesn't say. You asked: ${hostile}`,
      intent: "unknown",
      confidence: 0,
      facts: [],
      sources: [],
      suggestions: [],
    };
    const withFacts: Answer = {
      ...base,
      status: "answered",
      facts: [{ kind: "figure", label: `label ${hostile}`, value: `value ${hostile}` }],
    };
    for (const answer of [base, withFacts]) {
      const [embed] = renderAnswer(answer, { heading: hostile }).embeds;
      const shown = [
        embed?.description,
        embed?.title,
        ...(embed?.fields ?? []).flatMap((f) => [f.name, f.value]),
      ];
      for (const text of shown.filter((t): t is string => t !== undefined)) {
        expect(text).not.toMatch(/(^|[^\\])\*\*loud/);
        expect(text).not.toMatch(/@everyone|<@&\d/);
      }
      expect(embed?.description).toContain("\\*\\*loud\\*\\*");
    }
  });

  it("offers an unknown answer's suggestions as buttons that carry the question", () => {
    const buttons = new SuggestionButtons();
    const long = `What did ${"the very long-winded spokesperson ".repeat(5)}say?`;
    const { components } = renderAnswer(
      {
        status: "unknown",
        text: "The article doesn't say.",
        intent: "unknown",
        confidence: 0,
        facts: [],
        sources: [],
        suggestions: ["How many appointments were cancelled?", long],
      },
      { buttons },
    );
    const ids = components[0]?.components.map((b) => b.custom_id) ?? [];
    expect(ids.map((id) => buttons.questionFor(id))).toEqual(["How many appointments were cancelled?", long]);
  });

  it("escapes markdown and breaks mention syntax in echoed text", () => {
    expect(escapeText("**bold** _it_ `code`")).toBe("\\*\\*bold\\*\\* \\_it\\_ \\`code\\`");
    const escaped = escapeText("hey @everyone and @here <@123456789012345678> <@&123456789012345678>");
    expect(escaped).not.toMatch(/@everyone|@here|<@\d|<@&\d/);
  });

  it("strips the bot's own mention from a question", () => {
    expect(stripBotMention("<@111> how many <@!111> were cancelled?", "111")).toBe(
      "how many were cancelled?",
    );
  });
});
