/**
 * Operations through the real Bolt app and the fake Slack: /healthz and /metrics on PORT (HTTP mode),
 * private channels and group DMs, and the App Home tab (both connection modes).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/adapters/rate-limit.js";
import { renderHome } from "../../src/adapters/slack/home.js";
import { BotHolder } from "../../src/bot-holder.js";
import type { Bot } from "../../src/core/bot.js";
import { MESSAGES } from "../../src/core/messages.js";
import { loadBot } from "../../src/load-bot.js";
import { blockKitProblems } from "./block-limits.js";
import { channelMessage, eventCallback, type Harness, mention, startHarness } from "./support.js";

const CANCELLED = "how many appointments were cancelled?";

let bot: Bot;
beforeAll(() => {
  bot = loadBot();
});

/** The value of one sample line of a Prometheus text exposition, or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? "").split(",").filter(Boolean);
    if (wanted.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

describe("Slack HTTP mode: /healthz and /metrics on PORT", () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    // A burst of two: the third question in a row from one user is refused.
    h = await startHarness("http", bot, { rateLimiter: new RateLimiter({ burst: 2, perSecond: 0.001 }) });
    base = `http://127.0.0.1:${h.slack.port}`;
  });
  afterAll(async () => {
    await h.close();
  });

  it("reports ready with the article loaded and Slack listening", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { article: { title: string } };
    expect(body).toMatchObject({ ok: true, ready: true, adapter: "slack", platforms: { slack: true } });
    expect(body.article.title).toBe(bot.title);
  });

  it("counts answers by status, their latency, duplicates and rate-limited questions", async () => {
    const answered = eventCallback(mention(CANCELLED));
    await h.postEvent(answered);
    await h.fake.nthCall("chat.postMessage", 1);
    // Slack's retry of the same event: dropped, and counted.
    await h.postEvent(answered, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    await h.postEvent(eventCallback(mention("what is the weather on Mars?")));
    await h.fake.nthCall("chat.postMessage", 2);
    await h.postEvent(eventCallback(mention(CANCELLED)));
    await h.fake.waitUntil("the slow-down notice", () => h.fake.ephemerals.length === 1);

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(sample(text, "strike_bot_answers_total", { platform: "slack", status: "answered" })).toBe(1);
    expect(sample(text, "strike_bot_answers_total", { platform: "slack", status: "unknown" })).toBe(1);
    expect(sample(text, "strike_bot_answer_seconds_count", { platform: "slack" })).toBe(2);
    expect(sample(text, "strike_bot_duplicates_dropped_total", { platform: "slack" })).toBe(1);
    expect(sample(text, "strike_bot_rate_limited_total", { platform: "slack" })).toBe(1);
    expect(sample(text, "strike_bot_platform_connected", { platform: "slack" })).toBe(1);
  });

  it("answers anything else on the port as before: /slack/events needs a signature", async () => {
    expect((await fetch(`${base}/slack/events`, { method: "POST", body: "{}" })).status).toBe(401);
  });
});

for (const mode of ["http", "socket"] as const) {
  describe(`Slack private channels, group DMs and the Home tab (${mode})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(mode, bot);
    });
    afterAll(async () => {
      await h.close();
    });
    const deliver = async (event: Record<string, unknown>) => {
      const body = eventCallback(event);
      if (mode === "http") expect((await h.postEvent(body)).status).toBe(200);
      else await h.fake.send("events_api", body);
    };

    for (const [kind, channelType, channel] of [
      ["a private channel", "group", "G1"],
      ["a group DM", "mpim", "G2"],
    ] as const) {
      it(`answers a mention in ${kind} in its thread, and the follow-up without a mention`, async () => {
        const before = h.fake.posted.length;
        const first = mention(CANCELLED, { channel });
        await deliver(first);
        const answer = await h.fake.nthCall("chat.postMessage", before + 1);
        expect(answer).toMatchObject({ channel, thread_ts: first.ts });
        expect(JSON.stringify(answer.blocks)).toContain("1,854");
        await deliver(
          channelMessage("and outpatient?", { channel, channel_type: channelType, thread_ts: first.ts }),
        );
        const followUp = await h.fake.nthCall("chat.postMessage", before + 2);
        expect(followUp).toMatchObject({ channel, thread_ts: first.ts });
        expect(JSON.stringify(followUp.blocks)).toContain("1,696");
      });

      it(`stays quiet in ${kind} when nobody asked it`, async () => {
        const before = h.fake.posted.length;
        await deliver(channelMessage(CANCELLED, { channel, channel_type: channelType }));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(h.fake.posted.length).toBe(before);
      });
    }

    it("publishes the Home tab when a user opens it: title, headline figures, examples, how to ask", async () => {
      await deliver({ type: "app_home_opened", user: "U7", channel: "D7", tab: "home", event_ts: "1.2" });
      const published = await h.fake.nthCall("views.publish");
      expect(published.user_id).toBe("U7");
      const view = published.view as { type: string; blocks: Record<string, unknown>[] };
      expect(view.type).toBe("home");
      const text = JSON.stringify(view.blocks);
      expect(text).toContain(JSON.stringify(bot.title.slice(0, 40)).slice(1, -1));
      expect(text).toContain("1,854");
      for (const example of bot.suggest("", 3)) expect(text).toContain(JSON.stringify(example).slice(1, -1));
      expect(text).toContain(MESSAGES.homeHowToHeading);
      expect(text).toContain("/strike ask");
      expect(blockKitProblems({ text: "home", blocks: view.blocks })).toEqual([]);
    });

    it("does not publish a Home view for the Messages tab", async () => {
      const before = h.fake.callsOf("views.publish").length;
      await deliver({ type: "app_home_opened", user: "U8", channel: "D8", tab: "messages", event_ts: "1.3" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(h.fake.callsOf("views.publish").length).toBe(before);
    });
  });
}

describe("Slack after the article changed", () => {
  it("answers, and shows the Home tab, from the new version without a restart", async () => {
    const holder = new BotHolder(bot);
    const h = await startHarness("http", holder);
    try {
      await h.postEvent(eventCallback(mention(CANCELLED)));
      expect(JSON.stringify((await h.fake.nthCall("chat.postMessage", 1)).blocks)).toContain("1,854");
      const wrenfield = loadBot({
        articlePath: new URL(
          "../fixtures/articles/synthetic-wrenfield-paramedics-strike.txt",
          import.meta.url,
        ).pathname,
      });
      holder.replace(wrenfield);
      await h.postEvent(eventCallback(mention("How many call-outs were handled by volunteers?")));
      expect(JSON.stringify((await h.fake.nthCall("chat.postMessage", 2)).blocks)).toContain("437");
      await h.postEvent(eventCallback({ type: "app_home_opened", user: "U7", tab: "home", event_ts: "1.4" }));
      const view = (await h.fake.nthCall("views.publish")).view;
      expect(JSON.stringify(view)).toContain("Wrenfield");
    } finally {
      await h.close();
    }
  });
});

describe("the Home view", () => {
  it("is built from the bot in use, so it follows the article", () => {
    const view = renderHome(bot);
    expect(view.blocks[0]).toMatchObject({ type: "header" });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
  });
});
