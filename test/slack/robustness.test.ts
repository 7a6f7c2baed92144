import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/adapters/rate-limit.js";
import { escapeMrkdwn } from "../../src/adapters/slack/escape.js";
import { renderAnswer } from "../../src/adapters/slack/render.js";
import { MESSAGES } from "../../src/core/messages.js";
import { FakeBot } from "./fake-bot.js";
import {
  directMessage,
  eventCallback,
  eventually,
  type Harness,
  mention,
  messageText,
  slashCommand,
  startHarness,
} from "./support.js";

const INJECTION = "<!channel> <!here> <@U999> <https://evil.example|click me> @everyone &lt;!here&gt; *bold*";

describe("Slack adapter under stress and misuse", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("tells a user over the rate limit to slow down, ephemerally, and keeps answering others", async () => {
    let now = 0;
    const rateLimiter = new RateLimiter({ burst: 1, perSecond: 1, now: () => now });
    h = await startHarness("http", new FakeBot(), { rateLimiter });
    await h.postEvent(eventCallback(mention("how many appointments were cancelled?")));
    await h.fake.nthCall("chat.postMessage");
    await h.postEvent(eventCallback(mention("how many appointments were cancelled?")));
    const slowDown = await h.fake.nthCall("chat.postEphemeral");
    expect(slowDown.user).toBe("U1");
    expect(slowDown.channel).toBe("C1");
    expect(String(slowDown.text)).toBe(escapeMrkdwn(MESSAGES.slowDown));
    await h.postForm(slashCommand("stats", h.fake.responseUrl()));
    const response = await h.fake.nthResponse();
    expect(response.body.response_type).toBe("ephemeral");
    expect(String(response.body.text)).toContain("faster than I can answer");
    await h.postEvent(eventCallback(mention("how many appointments were cancelled?", { user: "U2" })));
    await h.fake.nthCall("chat.postMessage", 2);
    now = 5_000;
    await h.postEvent(eventCallback(mention("how many appointments were cancelled?")));
    await h.fake.nthCall("chat.postMessage", 3);
  });

  it("escapes what a user typed when it is echoed back: no broadcast, mention or link reaches the channel", async () => {
    const bot = new FakeBot();
    h = await startHarness("http", bot);
    await h.postEvent(eventCallback(mention(INJECTION)));
    const posted = await h.fake.nthCall("chat.postMessage");
    const everything = messageText(posted);
    expect(bot.asked[0]?.text).toContain("click me");
    for (const bad of [
      "<!channel>",
      "<!here>",
      "<@U999>",
      "<https://",
      "<!everyone>",
      "@everyone",
      "@here",
    ]) {
      expect(everything).not.toContain(bad);
    }
    expect(everything).toContain("&lt;!here&gt;");
    expect(posted.parse).toBe("none");
    expect(posted.unfurl_links).toBe("false");
  });

  it("never lets < or > from answer text, facts, sources or suggestions into a rendered message", () => {
    const text = fc.string({ unit: "binary", maxLength: 200 });
    fc.assert(
      fc.property(text, text, text, text, (a, b, c, d) => {
        const rendered = renderAnswer({
          status: "unknown",
          text: a,
          intent: "x",
          confidence: 0,
          facts: [
            { kind: "figure", label: b, value: c },
            { kind: "figure", label: c, value: d },
          ],
          sources: [{ id: "p1.s1", paragraph: 1, text: d }],
          suggestions: [b],
        });
        const mrkdwnTexts = JSON.stringify(rendered.blocks)
          .match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g)
          ?.join("");
        expect(`${rendered.text}${mrkdwnTexts ?? ""}`).not.toMatch(/[<>]/);
      }),
    );
  });

  it("retries a 429 with Retry-After as configured and the answer still arrives", async () => {
    h = await startHarness("http", new FakeBot(), {
      runtime: { retryConfig: { retries: 1, minTimeout: 1, maxTimeout: 1 } },
    });
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 0 });
    await h.postEvent(eventCallback(mention("how many appointments were cancelled?")));
    const posted = await h.fake.nthCall("chat.postMessage");
    expect(JSON.stringify(posted.blocks)).toContain("1,854");
    expect(h.fake.callsOf("chat.postMessage!failed")).toHaveLength(1);
  });

  it("retries answers through a 429 with Retry-After, a 503 and a cut connection, and delivers all three", async () => {
    h = await startHarness("http", new FakeBot());
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 0 }, { status: 503 }, { status: 0 });
    await h.postEvent(eventCallback(mention("how many appointments were cancelled?")));
    await h.postEvent(eventCallback(directMessage("how many appointments were cancelled?")));
    await h.postEvent(
      eventCallback(directMessage("how many appointments were cancelled?", { channel: "D2" })),
    );
    await h.fake.waitUntil("three answers delivered", () => h?.fake.posted.length === 3);
    expect(h.fake.callsOf("chat.postMessage!failed")).toHaveLength(3);
    expect(h.fake.posted.map((p) => p.channel).sort()).toEqual(["C1", "D1", "D2"]);
    for (const post of h.fake.posted) expect(JSON.stringify(post.blocks)).toContain("1,854");
    await eventually("the outbox empty", () => h?.slack.deliveryStats().pending === 0);
    expect(h.slack.deliveryStats()).toMatchObject({ delivered: 3, retried: 3, lost: 0 });
  });

  it("gives up on an answer Slack keeps refusing, logs it as lost with its reason, and keeps serving", async () => {
    h = await startHarness("http", new FakeBot(), { runtime: { delivery: { maxAttempts: 3 } } });
    h.fake.failNext("chat.postMessage", { status: 500 }, { status: 500 }, { status: 500 });
    await h.postEvent(eventCallback(mention("how many appointments were cancelled?")));
    await h.waitForLog("the loss", (r) => r.msg === "delivery lost");
    const lost = h.logs.records.find((r) => r.msg === "delivery lost");
    expect(lost).toMatchObject({ kind: "chat.postMessage", what: "mention", reason: "failed" });
    expect(String(lost?.detail)).toContain("3 attempts, last: HTTP 500");
    await h.postEvent(eventCallback(directMessage("how many appointments were cancelled?")));
    const posted = await h.fake.nthCall("chat.postMessage");
    expect(posted.channel).toBe("D1");
    await eventually("the outbox empty", () => h?.slack.deliveryStats().pending === 0);
    expect(h.slack.deliveryStats()).toMatchObject({ delivered: 1, lost: 1 });
  });

  it("does not retry what Slack says can never work (channel_not_found)", async () => {
    h = await startHarness("http", new FakeBot());
    h.fake.platformErrorNext("chat.postMessage", "channel_not_found");
    await h.postEvent(eventCallback(mention("how many appointments were cancelled?")));
    await h.waitForLog("the loss", (r) => r.msg === "delivery lost");
    expect(h.fake.callsOf("chat.postMessage!failed")).toHaveLength(1);
    expect(h.slack.deliveryStats()).toMatchObject({ retried: 0, lost: 1 });
  });

  it("hands the core a capped conversation id for a 20 KB channel id", async () => {
    const bot = new FakeBot();
    h = await startHarness("http", bot);
    const form = { ...slashCommand("ask how many appointments were cancelled?", h.fake.responseUrl()) };
    form.channel_id = `C${"9".repeat(20_000)}`;
    await h.postForm(form);
    await h.fake.nthResponse();
    expect(bot.asked).toHaveLength(1);
    expect(bot.asked[0]?.conversationId).toMatch(/^h:[0-9a-f]{64}$/);
  });

  it("turns a listener that throws into a polite reply and an error log line", async () => {
    const bot = new FakeBot();
    bot.throwOnAsk = true;
    h = await startHarness("http", bot);
    await h.postEvent(eventCallback(mention("how many appointments were cancelled?")));
    const reply = await h.fake.nthCall("chat.postEphemeral");
    expect(String(reply.text)).toBe(escapeMrkdwn(MESSAGES.handlerError));
    const logged = h.logs.records.find((r) => r.msg === "slack answer failed");
    expect(logged?.level).toBe(50);
    bot.throwOnAsk = false;
    await h.postForm(slashCommand("ask how many appointments were cancelled?", h.fake.responseUrl()));
    const response = await h.fake.nthResponse();
    expect(JSON.stringify(response.body.blocks)).toContain("1,854");
  });

  it("on shutdown stops taking events, finishes the answer in flight, then resolves", async () => {
    h = await startHarness("http", new FakeBot());
    const port = h.slack.port;
    const held = h.fake.holdNext("chat.postMessage");
    await h.postEvent(eventCallback(mention("how many appointments were cancelled?")));
    await held.arrived;
    let stopped = false;
    const stopping = h.slack.stop().then(() => {
      stopped = true;
    });
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(stopped).toBe(false);
    held.release();
    await stopping;
    expect(h.fake.posted).toHaveLength(1);
    expect(JSON.stringify(h.fake.posted[0]?.blocks)).toContain("1,854");
  });

  it("never logs the tokens or the signing secret", async () => {
    h = await startHarness("http", new FakeBot(), { runtime: { sdkLogLevel: "debug" as never } });
    await h.postEvent(eventCallback(mention("how many appointments were cancelled?")));
    await h.fake.nthCall("chat.postMessage");
    await h.close();
    const raw = h.logs.raw();
    expect(raw.length).toBeGreaterThan(0);
    expect(raw).not.toContain("xoxb-1-test-token");
    expect(raw).not.toContain("0123456789abcdef0123456789abcdef");
  });
});
