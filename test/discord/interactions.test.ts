import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/adapters/rate-limit.js";
import { MESSAGES } from "../../src/core/messages.js";
import { FakeBot } from "./fake-bot.js";
import { autocomplete, buttonClick, type RecordedRequest, slashCommand } from "./fake-discord.js";
import { type Harness, startHarness } from "./harness.js";

const EPHEMERAL = 64;

async function callbackFor(h: Harness, interaction: { id: string }): Promise<RecordedRequest> {
  return h.fake.waitForRequest(
    (r) => r.method === "POST" && r.path.startsWith(`/interactions/${interaction.id}/`),
  );
}

describe("Discord slash commands against a local Discord", () => {
  let h: Harness;
  let bot: FakeBot;
  beforeAll(async () => {
    bot = new FakeBot();
    h = await startHarness({ bot });
  });
  afterAll(async () => {
    await h.close();
  });

  it("answers a slash ask with the cancelled-appointments figure, ephemeral", async () => {
    const interaction = slashCommand("ask", { question: "how many appointments were cancelled?" });
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await callbackFor(h, interaction);
    expect(callback.headers.authorization).toBeUndefined();
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    const [embed] = callback.body.data.embeds;
    expect(embed.description).toContain("1,854");
    expect(embed.fields).toContainEqual(expect.objectContaining({ value: "1,854" }));
    expect(embed.footer.text).toContain("1,854 appointments were cancelled");
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("answers a slash ask used in a DM with the bot", async () => {
    const interaction = slashCommand(
      "ask",
      { question: "how many appointments were cancelled?" },
      { where: "dm" },
    );
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await callbackFor(h, interaction);
    expect(callback.body.data.embeds[0].description).toContain("1,854");
  });

  it("posts publicly when asked to", async () => {
    const interaction = slashCommand("ask", {
      question: "how many appointments were cancelled?",
      public: true,
    });
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await callbackFor(h, interaction);
    expect(callback.body.type).toBe(4);
    expect((callback.body.data.flags ?? 0) & EPHEMERAL).toBe(0);
  });

  it("shows the headline figures of a slash stats as embed fields", async () => {
    const interaction = slashCommand("stats");
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await callbackFor(h, interaction);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].fields).toEqual([
      { name: "Appointments cancelled", value: "1,854", inline: true },
      { name: "Length of strike", value: "five days", inline: true },
    ]);
  });

  it("quotes the chosen speaker for a slash quote", async () => {
    const interaction = slashCommand("quote", { who: "Jane Spokesperson" });
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await callbackFor(h, interaction);
    expect(callback.body.data.embeds[0].title).toBe("Jane Spokesperson");
    expect(callback.body.data.embeds[0].description).toContain("We had no choice.");
  });

  it("lists the commands in Discord syntax for a slash help", async () => {
    const interaction = slashCommand("help");
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await callbackFor(h, interaction);
    const fields = callback.body.data.embeds[0].fields as { name: string; value: string }[];
    expect(fields.find((f) => f.name === "Commands")?.value).toContain("/strike ask question:<question>");
    const buttons = callback.body.data.components[0].components as { label: string }[];
    expect(buttons.map((b) => b.label)).toEqual(["How many appointments were cancelled?"]);
  });

  it("suggests at most 25 answerable questions while the user types", async () => {
    const interaction = autocomplete("ask", { question: "cancelled" }, "question");
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await callbackFor(h, interaction);
    expect(callback.body.type).toBe(8);
    const choices = callback.body.data.choices as { name: string; value: string }[];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) {
      expect(choice.value).toContain("cancelled");
      expect(choice.name.length).toBeLessThanOrEqual(100);
    }
  });

  it("offers buttons for an unknown answer, and a click asks that question", async () => {
    const interaction = slashCommand("ask", { question: "what colour was the sky?" });
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await callbackFor(h, interaction);
    const buttons = callback.body.data.components[0].components as { label: string; custom_id: string }[];
    expect(buttons.map((b) => b.label)).toEqual([
      "How many appointments were cancelled?",
      "Who went on strike?",
    ]);

    const click = buttonClick(buttons[0]?.custom_id ?? "");
    h.fake.dispatch("INTERACTION_CREATE", click);
    const answer = await callbackFor(h, click);
    expect(answer.body.data.flags).toBe(EPHEMERAL);
    expect(answer.body.data.embeds[0].description).toContain("1,854");
    expect(bot.calls.at(-1)?.text).toBe("How many appointments were cancelled?");
  });

  it("says so when a button's question has been forgotten", async () => {
    const click = buttonClick("strike:askh:no-such-question");
    h.fake.dispatch("INTERACTION_CREATE", click);
    const reply = await callbackFor(h, click);
    expect(reply.body.data).toMatchObject({ content: MESSAGES.buttonExpired, flags: EPHEMERAL });
  });

  it("continues a user's slash conversation with a follow-up", async () => {
    h.fake.dispatch("INTERACTION_CREATE", slashCommand("ask", { question: "how many were cancelled?" }));
    const followUp = slashCommand("ask", { question: "and on the second day?" });
    h.fake.dispatch("INTERACTION_CREATE", followUp);
    const callback = await callbackFor(h, followUp);
    expect(callback.body.data.embeds[0].description).toContain("Still 1,854");
  });

  it("turns a throwing handler into a polite ephemeral reply and a log line, and keeps answering", async () => {
    bot.failNext = true;
    const failing = slashCommand("ask", { question: "how many appointments were cancelled?" });
    h.fake.dispatch("INTERACTION_CREATE", failing);
    const apology = await callbackFor(h, failing);
    expect(apology.body.data).toMatchObject({ content: MESSAGES.handlerError, flags: EPHEMERAL });
    expect(h.log.lines().some((l) => l.msg === "discord handler failed")).toBe(true);

    const next = slashCommand("stats");
    h.fake.dispatch("INTERACTION_CREATE", next);
    expect((await callbackFor(h, next)).body.type).toBe(4);
  });
});

describe("Discord quote picker with many speakers", () => {
  let h: Harness | undefined;
  afterAll(async () => {
    await h?.close();
  });

  it("suggests matching speakers as the user types when there are too many for choices", async () => {
    const bot = new FakeBot();
    bot.speakers = () => Array.from({ length: 40 }, (_, i) => `Speaker ${i}`);
    h = await startHarness({ bot });
    const interaction = autocomplete("quote", { who: "Speaker 1" }, "who");
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await callbackFor(h, interaction);
    const names = (callback.body.data.choices as { name: string }[]).map((c) => c.name);
    expect(names).toContain("Speaker 1");
    expect(names).toContain("Speaker 19");
    expect(names).not.toContain("Speaker 2");
    expect(names.length).toBeLessThanOrEqual(25);
  });
});

describe("Discord interaction timing and limits", () => {
  let h: Harness | undefined;
  afterAll(async () => {
    await h?.close();
  });

  it("defers when producing the answer used up the window, then edits it into @original", async () => {
    // A clock that jumps 2.5 s between the checks before and after the answer is produced.
    let calls = 0;
    const now = () => Date.now() + (calls++ === 0 ? 0 : 2500);
    const slow = await startHarness({ bot: new FakeBot(), now });
    try {
      const interaction = slashCommand("stats");
      slow.fake.dispatch("INTERACTION_CREATE", interaction);
      const defer = await callbackFor(slow, interaction);
      expect(defer.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
      const edit = await slow.fake.waitForRequest(
        (r) => r.method === "PATCH" && r.path.endsWith(`/${interaction.token}/messages/@original`),
      );
      expect(edit.body.embeds[0].fields).toContainEqual(expect.objectContaining({ value: "1,854" }));
    } finally {
      await slow.close();
    }
  });

  it("defers a late interaction and edits the answer into @original", async () => {
    h = await startHarness({
      bot: new FakeBot(),
      rateLimiter: new RateLimiter({ burst: 1, perSecond: 0.001 }),
    });
    const late = slashCommand(
      "ask",
      { question: "how many appointments were cancelled?" },
      { createdAt: Date.now() - 2500 },
    );
    h.fake.dispatch("INTERACTION_CREATE", late);
    const defer = await callbackFor(h, late);
    expect(defer.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const token = late.token as string;
    const edit = await h.fake.waitForRequest(
      (r) => r.method === "PATCH" && r.path.endsWith(`/${token}/messages/@original`),
    );
    expect(edit.body.embeds[0].description).toContain("1,854");

    // That used the user's only token: the next ask is refused with an ephemeral slow-down.
    const tooSoon = slashCommand("ask", { question: "how many appointments were cancelled?" });
    h.fake.dispatch("INTERACTION_CREATE", tooSoon);
    const slow = await callbackFor(h, tooSoon);
    expect(slow.body.data).toMatchObject({ content: MESSAGES.slowDown, flags: EPHEMERAL });
  });
});
