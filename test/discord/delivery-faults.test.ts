/**
 * Discord's faults reproduced against the local fake through the real discord.js client: a blip of
 * 500s, a long Retry-After, a REST API that hangs, an expired interaction. Each ends delivered, or
 * counted and logged as lost with its reason, and shutdown keeps its time limit.
 */
import { afterEach, describe, expect, it } from "vitest";
import { capConversationId, MAX_CONVERSATION_ID } from "../../src/adapters/conversation-id.js";
import { FakeBot } from "./fake-bot.js";
import { BOT_ID, slashCommand, userMessage } from "./fake-discord.js";
import { type Harness, startHarness } from "./harness.js";

const QUESTION = "how many appointments were cancelled?";
const mention = () => userMessage({ content: `<@${BOT_ID}> ${QUESTION}`, mentionsBot: true });

async function until(what: string, check: () => boolean, limitMs = 8_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe("Discord delivery through faults", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("delivers a message reply and an interaction reply through a blip of 500s", async () => {
    h = await startHarness({ bot: new FakeBot() });
    h.fake.setFault((r) => r.method === "POST", { kind: "status", status: 500 });
    const message = mention();
    const interaction = slashCommand("ask", { question: QUESTION });
    h.fake.dispatch("MESSAGE_CREATE", message);
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    await until("faults met", () => (h?.fake.faulted.length ?? 0) >= 4);
    h.fake.clearFaults();
    const reply = await h.fake.waitForRequest(
      (r) => r.status === 200 && r.body?.message_reference?.message_id === message.id,
    );
    expect(reply.body.embeds[0].description).toContain("1,854");
    const callback = await h.fake.waitForRequest(
      (r) => r.status === 204 && r.path.startsWith(`/interactions/${interaction.id}/`),
    );
    expect(callback.body.data.embeds[0].description).toContain("1,854");
    await until("outbox empty", () => h?.discord.deliveryStats().pending === 0);
    expect(h.discord.deliveryStats()).toMatchObject({ delivered: 2, lost: 0 });
  });

  it("times out a REST call that hangs and delivers on the next attempt", async () => {
    h = await startHarness({ bot: new FakeBot(), delivery: { callTimeoutMs: 150 } });
    h.fake.setFault((r) => r.method === "POST", { kind: "hang" });
    const message = mention();
    h.fake.dispatch("MESSAGE_CREATE", message);
    await until("two hung attempts", () => (h?.fake.faulted.length ?? 0) >= 2);
    expect(h.discord.deliveryStats().failing).toBe(false);
    h.fake.clearFaults();
    const reply = await h.fake.waitForRequest(
      (r) => r.status === 200 && r.body?.message_reference?.message_id === message.id,
    );
    expect(reply.body.embeds[0].description).toContain("1,854");
  });

  it("counts an interaction Discord no longer knows (10062) as lost at once, without retrying", async () => {
    h = await startHarness({ bot: new FakeBot() });
    const interaction = slashCommand("ask", { question: QUESTION });
    h.fake.override({
      match: (r) => r.path.startsWith(`/interactions/${interaction.id}/`),
      status: 404,
      body: { message: "Unknown interaction", code: 10062 },
    });
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    await until("the loss", () => h?.log.lines().some((l) => l.msg === "delivery lost") ?? false);
    const lost = h.log.lines().find((l) => l.msg === "delivery lost");
    expect(lost).toMatchObject({ kind: "discord.reply", reason: "failed" });
    expect(String(lost?.detail)).toContain("10062");
    expect(h.discord.deliveryStats().retried).toBe(0);
  });

  it("stops within the drain limit behind a 45-second Retry-After, counting the answer lost", async () => {
    const harness = await startHarness({ bot: new FakeBot(), drainTimeoutMs: 300 });
    h = harness;
    harness.fake.setFault((r) => r.method === "POST", { kind: "status", status: 429, retryAfter: 45 });
    harness.fake.dispatch("MESSAGE_CREATE", mention());
    await until("the 429", () => harness.fake.faulted.length >= 1);
    await until("a pending answer", () => harness.discord.deliveryStats().pending === 1);
    const started = Date.now();
    await harness.discord.stop();
    expect(Date.now() - started).toBeLessThan(300 + 1_000);
    const lost = harness.log.lines().filter((l) => l.msg === "delivery lost");
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ reason: "shutdown", kind: "discord.message" });
  });
});

describe("conversation ids", () => {
  it("keeps short ids as they are and hashes long ones to a fixed length", () => {
    expect(capConversationId("slack:T1:C1:1700000000.000100")).toBe("slack:T1:C1:1700000000.000100");
    expect(capConversationId(undefined)).toBeUndefined();
    const long = capConversationId("x".repeat(20_000)) as string;
    expect(long).toMatch(/^h:[0-9a-f]{64}$/);
    expect(capConversationId("x".repeat(MAX_CONVERSATION_ID))).toHaveLength(MAX_CONVERSATION_ID);
    expect(capConversationId("y".repeat(MAX_CONVERSATION_ID + 1))).toMatch(/^h:/);
  });

  it("keeps distinct long ids distinct and the same long id the same", () => {
    const a = "a".repeat(5_000);
    expect(capConversationId(a)).toBe(capConversationId(a));
    expect(capConversationId(a)).not.toBe(capConversationId(`${a}b`));
  });
});
