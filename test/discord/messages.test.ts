import { GatewayIntentBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/adapters/rate-limit.js";
import { MESSAGES } from "../../src/core/messages.js";
import { FakeBot } from "./fake-bot.js";
import {
  BOT_ID,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  type RecordedRequest,
  slashCommand,
  THREAD_ID,
  userMessage,
} from "./fake-discord.js";
import { type Harness, startHarness } from "./harness.js";

async function replyTo(h: Harness, message: { id: string; channel_id: string }): Promise<RecordedRequest> {
  return h.fake.waitForRequest(
    (r) =>
      r.method === "POST" &&
      r.path === `/channels/${message.channel_id}/messages` &&
      r.body?.message_reference?.message_id === message.id,
  );
}

describe("Discord messages against a local Discord", () => {
  let h: Harness;
  let bot: FakeBot;
  beforeAll(async () => {
    bot = new FakeBot();
    h = await startHarness({ bot });
  });
  afterAll(async () => {
    await h.close();
  });

  it("identifies with the Guilds, GuildMessages and DirectMessages intents only (no Message Content)", async () => {
    const identify = await h.fake.waitForOp(2);
    expect(identify.d.intents).toBe(
      GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages,
    );
    expect(identify.d.intents & GatewayIntentBits.MessageContent).toBe(0);
  });

  it("replies to a mention in a channel with the figure, as a reply that pings nobody", async () => {
    const mention = userMessage({
      content: `<@${BOT_ID}> how many appointments were cancelled?`,
      mentionsBot: true,
    });
    h.fake.dispatch("MESSAGE_CREATE", mention);
    const reply = await replyTo(h, mention);
    expect(reply.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(reply.headers.authorization).toMatch(/^Bot /);
    expect(reply.body.embeds[0].description).toContain("1,854");
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(reply.body.message_reference).toMatchObject({ message_id: mention.id, fail_if_not_exists: false });
    expect(bot.calls.at(-1)).toEqual({
      text: "how many appointments were cancelled?",
      conversationId: `discord:msg:${mention.id}`,
    });
  });

  it("answers a DM, each DM channel one conversation", async () => {
    const dm = userMessage({ content: "how many appointments were cancelled?", where: "dm" });
    h.fake.dispatch("MESSAGE_CREATE", dm);
    const reply = await replyTo(h, dm);
    expect(reply.path).toBe(`/channels/${DM_CHANNEL_ID}/messages`);
    expect(reply.body.embeds[0].description).toContain("1,854");

    const followUp = userMessage({ content: "and the day after?", where: "dm" });
    h.fake.dispatch("MESSAGE_CREATE", followUp);
    expect((await replyTo(h, followUp)).body.embeds[0].description).toContain("Still 1,854");
    expect(bot.calls.at(-1)?.conversationId).toBe(`discord:dm:${DM_CHANNEL_ID}`);
  });

  it("resolves a reply to the bot's answer against that answer's conversation", async () => {
    const mention = userMessage({
      content: `<@${BOT_ID}> how many appointments were cancelled?`,
      mentionsBot: true,
    });
    h.fake.dispatch("MESSAGE_CREATE", mention);
    const answerId = (await replyTo(h, mention)).response.id as string;

    const reply = userMessage({
      content: "and the next day?",
      replyTo: { id: answerId, authorIsBot: true },
      mentionsBot: true,
    });
    h.fake.dispatch("MESSAGE_CREATE", reply);
    const answer = await replyTo(h, reply);
    expect(answer.body.embeds[0].description).toContain("Still 1,854");
    expect(bot.calls.at(-1)?.conversationId).toBe(`discord:msg:${mention.id}`);
  });

  it("treats messages in a thread the bot answered in as follow-ups in one conversation", async () => {
    const first = userMessage({
      content: `<@${BOT_ID}> how many appointments were cancelled?`,
      where: "thread",
      mentionsBot: true,
    });
    h.fake.dispatch("MESSAGE_CREATE", first);
    await replyTo(h, first);
    // With the Message Content intent Discord would deliver this text; without it, content is empty.
    const next = userMessage({ content: "and after that?", where: "thread" });
    h.fake.dispatch("MESSAGE_CREATE", next);
    expect((await replyTo(h, next)).body.embeds[0].description).toContain("Still 1,854");
    expect(bot.calls.at(-1)?.conversationId).toBe(`discord:thread:${THREAD_ID}`);
  });

  it("gives no answer to a bot's message, a webhook's, or a message not addressed to it", async () => {
    const before = bot.calls.length;
    h.fake.dispatch(
      "MESSAGE_CREATE",
      userMessage({ content: `<@${BOT_ID}> how many were cancelled?`, mentionsBot: true, fromBot: true }),
    );
    h.fake.dispatch(
      "MESSAGE_CREATE",
      userMessage({ content: `<@${BOT_ID}> how many were cancelled?`, mentionsBot: true, webhook: true }),
    );
    h.fake.dispatch("MESSAGE_CREATE", userMessage({ content: "how many were cancelled?" }));
    // A redacted (no Message Content intent) thread message gives nothing to answer either.
    h.fake.dispatch("MESSAGE_CREATE", userMessage({ content: "", where: "thread" }));
    // A marker addressed to the bot: once it is answered, the earlier events have been processed.
    const marker = userMessage({ content: "how many appointments were cancelled?", where: "dm" });
    h.fake.dispatch("MESSAGE_CREATE", marker);
    await replyTo(h, marker);
    expect(bot.calls.slice(before).map((c) => c.text)).toEqual(["how many appointments were cancelled?"]);
  });

  it("sends nothing that can ping for an @everyone question, and escapes the echoed text", async () => {
    const question = "@everyone **how many** appointments were cancelled? <@&999999999999999999>";
    const mention = userMessage({
      content: `<@${BOT_ID}> ${question}`,
      mentionsBot: true,
      mentionEveryone: true,
    });
    h.fake.dispatch("MESSAGE_CREATE", mention);
    const reply = await replyTo(h, mention);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    const interaction = slashCommand("ask", { question, public: true });
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await h.fake.waitForRequest((r) =>
      r.path.startsWith(`/interactions/${interaction.id}/`),
    );
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const title = callback.body.data.embeds[0].title as string;
    expect(title).toContain("\\*\\*how many\\*\\*");
    expect(title).not.toMatch(/@everyone|<@&\d/);
    for (const r of h.fake.requests.filter((x) => x.method !== "GET")) {
      if (r.body && typeof r.body === "object" && "content" in r.body) {
        expect(String(r.body.content)).not.toMatch(/@everyone|@here/);
      }
    }
  });

  it("turns a throwing message handler into a polite reply", async () => {
    bot.failNext = true;
    const mention = userMessage({ content: `<@${BOT_ID}> how many were cancelled?`, mentionsBot: true });
    h.fake.dispatch("MESSAGE_CREATE", mention);
    const reply = await replyTo(h, mention);
    expect(reply.body.content).toBe(MESSAGES.handlerError);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});

describe("Discord message rate limiting", () => {
  let h: Harness | undefined;
  afterAll(async () => {
    await h?.close();
  });

  it("tells a user who asks too fast to slow down, once, then stays quiet", async () => {
    const bot = new FakeBot();
    h = await startHarness({ bot, rateLimiter: new RateLimiter({ burst: 1, perSecond: 0.0001 }) });
    const ask = () => userMessage({ content: "how many appointments were cancelled?", where: "dm" });
    const first = ask();
    h.fake.dispatch("MESSAGE_CREATE", first);
    await replyTo(h, first);
    const second = ask();
    h.fake.dispatch("MESSAGE_CREATE", second);
    expect((await replyTo(h, second)).body.content).toBe(MESSAGES.slowDown);
    const third = ask();
    h.fake.dispatch("MESSAGE_CREATE", third);
    // Slash commands must always be answered: the refusal is ephemeral there.
    const slash = slashCommand("stats");
    h.fake.dispatch("INTERACTION_CREATE", slash);
    const refused = await h.fake.waitForRequest((r) => r.path.startsWith(`/interactions/${slash.id}/`));
    expect(refused.body.data).toMatchObject({ content: MESSAGES.slowDown, flags: 64 });
    expect(h.fake.requests.some((r) => r.body?.message_reference?.message_id === third.id)).toBe(false);
    expect(bot.calls).toHaveLength(1);
  });
});
