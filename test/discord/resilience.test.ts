import { createRequire } from "node:module";
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { FakeBot } from "./fake-bot.js";
import { BOT_ID, slashCommand, TOKEN, userMessage } from "./fake-discord.js";
import { type Harness, startHarness } from "./harness.js";

const mention = () =>
  userMessage({ content: `<@${BOT_ID}> how many appointments were cancelled?`, mentionsBot: true });

describe("the local Discord's transport", () => {
  it("is plain JSON: zlib-sync is not installed, so discord.js does not ask for zlib-stream", () => {
    const require = createRequire(import.meta.url);
    expect(() => require.resolve("zlib-sync")).toThrow();
  });
});

describe("Discord resilience against a local Discord", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("honours a REST 429 by waiting and retrying the reply", async () => {
    h = await startHarness({ bot: new FakeBot() });
    const message = mention();
    h.fake.rateLimitNext(
      (r) => r.method === "POST" && r.body?.message_reference?.message_id === message.id,
      0.05,
    );
    h.fake.dispatch("MESSAGE_CREATE", message);
    const delivered = await h.fake.waitForRequest(
      (r) => r.status === 200 && r.body?.message_reference?.message_id === message.id,
    );
    expect(delivered.body.embeds[0].description).toContain("1,854");
    const attempts = h.fake.requests.filter((r) => r.body?.message_reference?.message_id === message.id);
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(h.log.lines().some((l) => l.msg === "discord rate limited; waiting as told")).toBe(true);
  });

  it("survives a dropped gateway connection by resuming, then keeps answering", async () => {
    h = await startHarness({ bot: new FakeBot() });
    const identify = await h.fake.waitForOp(2);
    h.fake.dropConnection(0, 4000);
    const resume = await h.fake.waitForOp(6);
    expect(resume.d.session_id).toBeTruthy();
    expect(resume.d.token).toBe(identify.d.token);
    expect(h.fake.gatewayOps.filter((o) => o.op === 2)).toHaveLength(1);

    const interaction = slashCommand("ask", { question: "how many appointments were cancelled?" });
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await h.fake.waitForRequest((r) =>
      r.path.startsWith(`/interactions/${interaction.id}/`),
    );
    expect(callback.body.data.embeds[0].description).toContain("1,854");
    expect(h.log.lines().some((l) => l.msg === "discord gateway resumed")).toBe(true);
  });

  it("resumes when Discord asks it to reconnect (opcode 7)", async () => {
    h = await startHarness({ bot: new FakeBot() });
    await h.fake.waitForOp(2);
    h.fake.requestReconnect(0);
    await h.fake.waitForOp(6);
    const interaction = slashCommand("stats");
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await h.fake.waitForRequest((r) =>
      r.path.startsWith(`/interactions/${interaction.id}/`),
    );
    expect(callback.body.type).toBe(4);
    expect(h.fake.gatewayOps.filter((o) => o.op === 2)).toHaveLength(1);
  });

  it("on stop, finishes the answer in flight before closing the gateway", async () => {
    h = await startHarness({ bot: new FakeBot() });
    const message = mention();
    const held = h.fake.holdNext((r) => r.body?.message_reference?.message_id === message.id);
    h.fake.dispatch("MESSAGE_CREATE", message);
    await held.arrived;

    let stopped = false;
    const stopping = h.discord.stop().then(() => {
      stopped = true;
    });
    for (let i = 0; i < 20; i++) await nextTurn();
    expect(stopped).toBe(false);
    expect(h.fake.openSockets).toBe(1);

    held.release();
    await stopping;
    const reply = await h.fake.waitForRequest((r) => r.body?.message_reference?.message_id === message.id);
    expect(reply.status).toBe(200);
    expect(h.discord.client.isReady()).toBe(false);
    expect(h.fake.clientCloseCodes).toContain(1000);
  });

  it("never logs the token, through connect, reconnect, a 429, a failure and shutdown", async () => {
    const bot = new FakeBot();
    const harness = await startHarness({ bot });
    h = harness;
    const identify = await harness.fake.waitForOp(2);
    expect(identify.d.token).toBe(TOKEN);
    harness.fake.dropConnection(0, 4000);
    await harness.fake.waitForOp(6);
    const message = mention();
    harness.fake.rateLimitNext((r) => r.body?.message_reference?.message_id === message.id);
    bot.failNext = true;
    harness.fake.dispatch("MESSAGE_CREATE", message);
    await harness.fake.waitForRequest(
      (r) => r.status === 200 && r.body?.message_reference?.message_id === message.id,
    );
    await harness.close();
    h = undefined;
    const logged = harness.log.raw();
    expect(logged).toContain("discord handler failed");
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain(TOKEN.split(".")[2]);
  });
});
