/** End to end with the real bot (src/load-bot.ts) behind the real discord.js client and a local Discord. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escapeText } from "../../src/adapters/discord/escape.js";
import { loadBot } from "../../src/load-bot.js";
import { autocomplete, BOT_ID, type RecordedRequest, slashCommand, userMessage } from "./fake-discord.js";
import { type Harness, startHarness } from "./harness.js";

const EPHEMERAL = 64;
const CANCELLED = "how many appointments were cancelled?";

describe("the real strike bot on a local Discord", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ bot: loadBot() });
  });
  afterAll(async () => {
    await h.close();
  });

  const callback = (interaction: { id: string }) =>
    h.fake.waitForRequest((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
  const replyTo = (message: { id: string }) =>
    h.fake.waitForRequest((r) => r.method === "POST" && r.body?.message_reference?.message_id === message.id);
  const embedText = (body: {
    embeds: { description?: string; fields?: { value: string }[]; footer?: { text: string } }[];
  }) => {
    const [embed] = body.embeds;
    return [
      embed?.description ?? "",
      ...(embed?.fields ?? []).map((f) => f.value),
      embed?.footer?.text ?? "",
    ].join("\n");
  };

  it("answers a slash ask with the cancelled-appointments figure, ephemeral", async () => {
    const interaction = slashCommand("ask", { question: CANCELLED });
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const sent = await callback(interaction);
    expect(sent.body.data.flags).toBe(EPHEMERAL);
    expect(sent.body.data.embeds[0].description).toContain("1,854");
  });

  it("shows 1,854 among the headline figures of /strike stats", async () => {
    const interaction = slashCommand("stats");
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const sent = await callback(interaction);
    const fields = sent.body.data.embeds[0].fields as { value: string }[];
    expect(fields.map((f) => f.value)).toContain("1,854");
    expect(fields.length).toBeLessThanOrEqual(25);
    // The figures are fields: the text does not list them a second time.
    expect(sent.body.data.embeds[0].description ?? "").not.toContain("•");
  });

  it("quotes a speaker offered in the quote choices", async () => {
    const [speaker] = h.bot.speakers();
    const interaction = slashCommand("quote", { who: speaker ?? "" });
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const sent = await callback(interaction);
    expect(sent.body.type).toBe(4);
    expect(sent.body.data.embeds[0].description.length).toBeGreaterThan(0);
  });

  it("autocompletes at most 25 questions the bot can answer", async () => {
    const interaction = autocomplete("ask", { question: "how many" }, "question");
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const sent = await callback(interaction);
    expect(sent.body.type).toBe(8);
    expect(sent.body.data.choices.length).toBeLessThanOrEqual(25);
  });

  it("answers a mention in a channel with the cancelled-appointments figure", async () => {
    const mention = userMessage({ content: `<@${BOT_ID}> ${CANCELLED}`, mentionsBot: true });
    h.fake.dispatch("MESSAGE_CREATE", mention);
    const answer: RecordedRequest = await replyTo(mention);
    expect(answer.body.embeds[0].description).toContain("1,854");
  });

  it("resolves a reply to its answer in that answer's conversation, as the core does for one conversation", async () => {
    const first = "how many inpatient procedures were cancelled?";
    const next = "and outpatient?";
    // What the core says to this exchange within one conversation, asked directly.
    const reference = loadBot();
    reference.ask(first, "reference");
    const expected = escapeText(reference.ask(next, "reference").text);

    const mention = userMessage({ content: `<@${BOT_ID}> ${first}`, mentionsBot: true });
    h.fake.dispatch("MESSAGE_CREATE", mention);
    const answer: RecordedRequest = await replyTo(mention);
    expect(embedText(answer.body)).toContain("158");

    // A reply pings the bot by default, so Discord delivers its text without the Message Content intent.
    const followUp = userMessage({
      content: next,
      mentionsBot: true,
      replyTo: { id: answer.response.id, authorIsBot: true },
    });
    h.fake.dispatch("MESSAGE_CREATE", followUp);
    expect((await replyTo(followUp)).body.embeds[0].description).toBe(expected);
  });

  it("answers an over-long DM with the core's too-long message", async () => {
    const dm = userMessage({ content: `how many ${"appointments ".repeat(300)}`, where: "dm" });
    h.fake.dispatch("MESSAGE_CREATE", dm);
    const sent = await replyTo(dm);
    expect(sent.body.embeds[0].description).toMatch(/too long/i);
  });
});
