import { describe, expect, it } from "vitest";
import { renderAnswer } from "../../src/adapters/slack/render.js";
import { usageLines } from "../../src/adapters/slack/slash.js";
import { loadBot } from "../../src/load-bot.js";
import { blockKitProblems } from "./block-limits.js";

describe("Block Kit rendering of the real bot's answers", () => {
  const bot = loadBot();
  const questions = [
    "how many appointments were cancelled?",
    "how many inpatient procedures?",
    "what did Stephen Powis say?",
    "who is striking?",
    "when was the strike?",
    "why are they striking?",
    "what is the weather on mars?",
    "",
    "x".repeat(5000),
    "<!channel> what about <@U1>?",
  ];

  it("keeps every answer, the stats card, each speaker's quotes and help within Block Kit limits", () => {
    const rendered = [
      ...questions.map((q, i) => renderAnswer(bot.ask(q, `c${i}`))),
      renderAnswer(bot.stats(), {
        title: bot.title,
        publicRequest: { subcommand: "stats", argument: "", visibility: "ephemeral" },
      }),
      renderAnswer(bot.quotes()),
      ...bot.speakers().map((s) => renderAnswer(bot.quotes(s))),
      renderAnswer(bot.help(), { extraLines: usageLines() }),
    ];
    for (const message of rendered) expect(blockKitProblems(message)).toEqual([]);
  });

  it("shows quotes in the text and not again as fields", () => {
    const quotes = renderAnswer(bot.quotes("Powis"));
    expect(quotes.blocks.some((b) => b.type === "section" && b.fields)).toBe(false);
    expect(JSON.stringify(quotes.blocks)).toContain("colossal impact");
  });

  it("shows the stats card's figures once, as fields, not again as a bullet list", () => {
    const card = renderAnswer(bot.stats(), { title: bot.title });
    const section = card.blocks.find((b) => b.type === "section" && "text" in b && b.text);
    const fields = card.blocks.flatMap((b) => (b.type === "section" && b.fields ? b.fields : []));
    expect(JSON.stringify(section)).not.toContain("•");
    const figures = bot
      .stats()
      .facts.filter((f) => ["figure", "computed", "date", "duration"].includes(f.kind));
    expect(fields.length).toBe(Math.min(figures.length, 40));
    expect(fields.length).toBeGreaterThan(1);
  });
});
