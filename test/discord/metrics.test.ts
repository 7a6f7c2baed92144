/** What the Discord adapter counts: answers by status, their latency, refusals, failures, its connection. */
import { afterEach, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/adapters/rate-limit.js";
import { createMetrics, type Metrics } from "../../src/metrics.js";
import { FakeBot } from "./fake-bot.js";
import { slashCommand, userMessage } from "./fake-discord.js";
import { type Harness, startHarness } from "./harness.js";

async function count(metrics: Metrics, name: string, labels: Record<string, string>): Promise<number> {
  // A histogram's samples (name_count, name_bucket...) live under the histogram's own name.
  const metric = metrics.registry.getSingleMetric(name.replace(/_(count|sum|bucket)$/, ""));
  const values = ((await metric?.get())?.values ?? []) as {
    value: number;
    labels: object;
    metricName?: string;
  }[];
  return values
    .filter((v) => (v.metricName ?? name) === name)
    .filter((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l))
    .reduce((sum, v) => sum + v.value, 0);
}

describe("Discord metrics", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("counts answers, a failed answer, and rate-limited questions", async () => {
    const metrics = createMetrics();
    const bot = new FakeBot();
    h = await startHarness({ bot, metrics, rateLimiter: new RateLimiter({ burst: 2, perSecond: 0.0001 }) });
    const dm = () => userMessage({ content: "how many appointments were cancelled?", where: "dm" });
    const replied = (m: { id: string }) =>
      h?.fake.waitForRequest((r) => r.body?.message_reference?.message_id === m.id);

    const first = dm();
    h.fake.dispatch("MESSAGE_CREATE", first);
    await replied(first);
    bot.failNext = true;
    const failing = dm();
    h.fake.dispatch("MESSAGE_CREATE", failing);
    await replied(failing); // the apology
    const slash = slashCommand("stats");
    h.fake.dispatch("INTERACTION_CREATE", slash);
    await h.fake.waitForRequest((r) => r.path.startsWith(`/interactions/${slash.id}/`));

    expect(
      await count(metrics, "strike_bot_answers_total", { platform: "discord", status: "answered" }),
    ).toBe(1);
    expect(await count(metrics, "strike_bot_answers_total", { platform: "discord", status: "error" })).toBe(
      1,
    );
    expect(await count(metrics, "strike_bot_rate_limited_total", { platform: "discord" })).toBe(1);
    expect(await count(metrics, "strike_bot_answer_seconds_count", { platform: "discord" })).toBe(2);
    expect(await count(metrics, "strike_bot_platform_connected", { platform: "discord" })).toBe(1);
  });

  it("reports the gateway down while it reconnects, and up again once resumed", async () => {
    const metrics = createMetrics();
    h = await startHarness({ bot: new FakeBot(), metrics });
    expect(await count(metrics, "strike_bot_platform_connected", { platform: "discord" })).toBe(1);
    h.fake.dropConnection(0, 4000);
    const started = Date.now();
    let sawDown = false;
    while (Date.now() - started < 5_000) {
      const up = await count(metrics, "strike_bot_platform_connected", { platform: "discord" });
      if (up === 0) sawDown = true;
      if (sawDown && up === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(sawDown).toBe(true);
    expect(await count(metrics, "strike_bot_platform_connected", { platform: "discord" })).toBe(1);
  });
});
