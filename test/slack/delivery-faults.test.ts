/**
 * Each fault Slack showed in the field, reproduced against the local fake through the real Bolt and
 * Web API client, and shown handled: answers acknowledged during a fault are delivered once it
 * clears, or counted and logged as lost with a reason when Slack can no longer take them.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MESSAGES } from "../../src/core/messages.js";
import { FakeBot } from "./fake-bot.js";
import { RESPONSE_URL } from "./fake-slack.js";
import {
  directMessage,
  eventCallback,
  eventually,
  type Harness,
  mention,
  slashCommand,
  startHarness,
} from "./support.js";

const QUESTION = "how many appointments were cancelled?";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function health(h: Harness): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${h.slack.port}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("Slack delivery through faults", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it.each([
    ["500s", { kind: "status", status: 500 }],
    ["429s with Retry-After", { kind: "status", status: 429, retryAfter: 0 }],
    ["cut connections", { kind: "reset" }],
  ] as const)("delivers every slash answer through a blip of %s on response_url", async (_name, fault) => {
    h = await startHarness("http", new FakeBot());
    h.fake.setFault(RESPONSE_URL, fault);
    const urls = Array.from({ length: 5 }, () => h?.fake.responseUrl() as string);
    for (const url of urls) {
      const ack = await h.postForm(slashCommand(`ask ${QUESTION}`, url));
      expect(ack.status).toBe(200);
    }
    await h.fake.waitUntil("faults met", () => (h?.fake.faulted.get(RESPONSE_URL) ?? 0) >= 5);
    h.fake.clearFault(RESPONSE_URL);
    await h.fake.waitUntil("five answers", () => h?.fake.responses.length === 5);
    expect(new Set(h.fake.responses.map((r) => r.id)).size).toBe(5);
    for (const response of h.fake.responses) expect(JSON.stringify(response.body.blocks)).toContain("1,854");
    await eventually("outbox empty", () => h?.slack.deliveryStats().pending === 0);
    expect(h.slack.deliveryStats()).toMatchObject({ delivered: 5, lost: 0 });
    expect(h.slack.deliveryStats().retried).toBeGreaterThanOrEqual(5);
  });

  it("times out a Web API that accepts and never answers, reports unhealthy, then delivers on recovery", async () => {
    h = await startHarness("http", new FakeBot(), { runtime: { delivery: { callTimeoutMs: 100 } } });
    h.fake.setFault("chat.postMessage", { kind: "hang" });
    await h.postEvent(eventCallback(mention(QUESTION)));
    await h.postEvent(eventCallback(directMessage(QUESTION)));
    await h.fake.waitUntil("hung calls", () => (h?.fake.faulted.get("chat.postMessage") ?? 0) >= 6);
    const sick = await health(h);
    expect(sick.status).toBe(503);
    expect(sick.body.delivery).toMatchObject({ failing: true, pending: 2 });
    h.fake.clearFault("chat.postMessage");
    await h.fake.waitUntil("both answers", () => h?.fake.posted.length === 2);
    await eventually("outbox empty", () => h?.slack.deliveryStats().pending === 0);
    const well = await health(h);
    expect(well.status).toBe(200);
    expect(well.body.delivery).toMatchObject({ failing: false, delivered: 2, lost: 0 });
  });

  it("rides out refused connections and delivers once Slack listens again", async () => {
    h = await startHarness("http", new FakeBot());
    await h.fake.refuse();
    const ack = await h.postEvent(eventCallback(mention(QUESTION)));
    expect(ack.status).toBe(200);
    await eventually("a failed attempt", () => (h?.slack.deliveryStats().retried ?? 0) >= 2);
    await h.fake.accept();
    await h.fake.waitUntil("the answer", () => h?.fake.posted.length === 1);
    await eventually("outbox empty", () => h?.slack.deliveryStats().pending === 0);
    expect(h.slack.deliveryStats()).toMatchObject({ delivered: 1, lost: 0 });
  });

  it("refuses new work politely when the queue is full, and says so in the slash command's ack", async () => {
    h = await startHarness("http", new FakeBot(), {
      runtime: { delivery: { maxPending: 2, highWaterMark: 1, callTimeoutMs: 5_000 } },
    });
    h.fake.setFault("chat.postMessage", { kind: "hang" });
    await h.postEvent(eventCallback(mention(QUESTION)));
    await h.postEvent(eventCallback(directMessage(QUESTION)));
    await eventually("two pending", () => h?.slack.deliveryStats().pending === 2);
    const third = await h.postEvent(eventCallback(directMessage(QUESTION, { channel: "D9" })));
    expect(third.status).toBe(200);
    await eventually("one refused", () => h?.slack.deliveryStats().refused === 1);
    const ack = await h.postForm(slashCommand(`ask ${QUESTION}`, h.fake.responseUrl()));
    expect(await ack.text()).toContain(MESSAGES.busy.slice(0, 20));
    const sick = await health(h);
    expect(sick.status).toBe(503);
    expect((sick.body.delivery as { pending: number }).pending).toBe(2);
    h.fake.clearFault("chat.postMessage");
  });

  it("stops within the drain limit during an outage, counting and logging each answer it could not deliver", async () => {
    h = await startHarness("http", new FakeBot(), {
      runtime: { drainTimeoutMs: 300, delivery: { baseDelayMs: 1_000, maxDelayMs: 1_000 } },
    });
    h.fake.setFault("chat.postMessage", { kind: "status", status: 503 });
    await h.postEvent(eventCallback(mention(QUESTION)));
    await h.postEvent(eventCallback(directMessage(QUESTION)));
    await eventually("two pending", () => h?.slack.deliveryStats().pending === 2);
    const started = Date.now();
    await h.slack.stop();
    expect(Date.now() - started).toBeLessThan(300 + 1_000);
    const lost = h.logs.records.filter((r) => r.msg === "delivery lost");
    expect(lost).toHaveLength(2);
    expect(lost.every((r) => r.reason === "shutdown" && r.kind === "chat.postMessage")).toBe(true);
    expect(h.slack.deliveryStats()).toMatchObject({ lost: 2, pending: 0 });
  });

  it("never uses a response_url more than Slack's 5 times", async () => {
    h = await startHarness("http", new FakeBot());
    const url = h.fake.responseUrl();
    for (let i = 0; i < 6; i++) await h.postForm(slashCommand(`ask ${QUESTION}`, url));
    await h.waitForLog("the sixth lost", (r) => r.msg === "delivery lost");
    await sleep(50);
    expect(h.fake.responses).toHaveLength(5);
    const lost = h.logs.records.find((r) => r.msg === "delivery lost");
    expect(lost).toMatchObject({ kind: "response_url", reason: "expired" });
    expect(String(lost?.detail)).toContain("5 times");
  });
});
