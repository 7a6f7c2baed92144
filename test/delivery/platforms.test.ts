import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordDelivery } from "../../src/adapters/delivery/discord.js";
import { MemoryOutbox } from "../../src/adapters/delivery/outbox.js";
import { SlackDelivery } from "../../src/adapters/delivery/slack.js";
import { captureLogger } from "../slack/support.js";

interface Seen {
  path: string;
  contentType: string | undefined;
  body: string;
}

/** A local server that answers each request with the next scripted status (then 200). */
class Scripted {
  readonly seen: Seen[] = [];
  script: { status: number; retryAfter?: string }[] = [];
  private server: Server = createServer((req: IncomingMessage, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      this.seen.push({ path: req.url ?? "", contentType: req.headers["content-type"], body });
      const next = this.script.shift() ?? { status: 200 };
      res.writeHead(next.status, {
        "content-type": "application/json",
        ...(next.retryAfter !== undefined ? { "retry-after": next.retryAfter } : {}),
      });
      res.end(
        JSON.stringify({
          ok: next.status === 200,
          error: next.status === 200 ? undefined : "internal_error",
        }),
      );
    });
  });
  url = "";

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe("Slack delivery", () => {
  let server: Scripted;
  let now: number;
  let logs: ReturnType<typeof captureLogger>;
  let slack: SlackDelivery;
  let outbox: MemoryOutbox;
  beforeEach(async () => {
    server = new Scripted();
    await server.start();
    now = Date.now();
    logs = captureLogger();
    outbox = new MemoryOutbox(logs.logger, { baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 }, () => now);
    const client = new webApi.WebClient("xoxb-unit", {
      slackApiUrl: `${server.url}/api/`,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
    slack = new SlackDelivery(outbox, client, 60_000, () => now);
  });
  afterEach(async () => {
    await server.close();
  });

  it("posts a response_url as JSON and counts its uses: the sixth post is lost, unsent", async () => {
    const url = `${server.url}/commands/T1/1/secret`;
    for (let i = 0; i < 5; i++) expect((await slack.respond(url, { text: `n${i}` }, "test")).ok).toBe(true);
    const sixth = await slack.respond(url, { text: "n5" }, "test");
    expect(sixth).toEqual({ ok: false, reason: "expired", detail: "response_url already used 5 times" });
    expect(server.seen).toHaveLength(5);
    expect(server.seen[0]).toMatchObject({ path: "/commands/T1/1/secret", contentType: "application/json" });
    expect(JSON.parse(server.seen[0]?.body ?? "{}")).toEqual({ text: "n0" });
  });

  it("does not count failed posts as uses, and retries them", async () => {
    const url = `${server.url}/commands/T1/2/secret`;
    server.script = [{ status: 500 }, { status: 503 }];
    expect((await slack.respond(url, { text: "a" }, "test")).ok).toBe(true);
    expect(server.seen).toHaveLength(3);
    for (let i = 0; i < 4; i++) expect((await slack.respond(url, { text: "b" }, "test")).ok).toBe(true);
    expect(outbox.stats()).toMatchObject({ delivered: 5, retried: 2 });
  });

  it("honours a response_url's Retry-After", async () => {
    server.script = [{ status: 429, retryAfter: "0.2" }];
    const started = Date.now();
    expect((await slack.respond(`${server.url}/commands/T1/3/s`, { text: "a" }, "test")).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("gives up at once on a response_url Slack refuses (404) and logs where it was going, redacted", async () => {
    server.script = [{ status: 404 }];
    const outcome = await slack.respond(`${server.url}/commands/T1/4/hushhush`, { text: "a" }, "slash:ask");
    expect(outcome).toEqual({ ok: false, reason: "failed", detail: "HTTP 404" });
    expect(server.seen).toHaveLength(1);
    const lost = logs.records.find((r) => r.msg === "delivery lost");
    expect(lost).toMatchObject({ kind: "response_url", what: "slash:ask" });
    expect(String(lost?.target)).toContain("/commands/");
    expect(logs.raw()).not.toContain("hushhush");
  });

  it("counts a response_url as expired 30 minutes after it was first seen", async () => {
    const url = `${server.url}/commands/T1/5/s`;
    slack.seen(url);
    now += 30 * 60_000;
    expect(await slack.respond(url, { text: "late" }, "test")).toMatchObject({
      ok: false,
      reason: "expired",
    });
    expect(server.seen).toHaveLength(0);
    const fresh = `${server.url}/commands/T1/6/s`;
    slack.seen(fresh);
    now += 30 * 60_000 - 1;
    expect((await slack.respond(fresh, { text: "in time" }, "test")).ok).toBe(true);
  });

  it("posts messages and ephemerals through the Web API, retrying a 500, and reports room", async () => {
    expect(slack.hasRoom()).toBe(true);
    server.script = [{ status: 500 }];
    const posted = await slack.postMessage({ channel: "C1", text: "hello" }, "mention");
    expect(posted.ok).toBe(true);
    expect(server.seen.map((s) => s.path)).toEqual(["/api/chat.postMessage", "/api/chat.postMessage"]);
    expect(server.seen[1]?.body).toContain("channel=C1");
    const ephemeral = await slack.postEphemeral({ channel: "C2", user: "U1", text: "psst" }, "notice");
    expect(ephemeral.ok).toBe(true);
    expect(server.seen[2]?.path).toBe("/api/chat.postEphemeral");
    server.script = [{ status: 400 }];
    expect(await slack.postMessage({ channel: "C3", text: "x" }, "mention")).toMatchObject({ ok: false });
    expect(logs.records.find((r) => r.msg === "delivery lost")).toMatchObject({
      kind: "chat.postMessage",
      target: "C3",
    });
    server.script = [{ status: 400 }];
    await slack.postEphemeral({ channel: "C4", user: "U1", text: "x" }, "notice");
    expect(logs.records.filter((r) => r.msg === "delivery lost")[1]).toMatchObject({
      kind: "chat.postEphemeral",
      target: "C4",
    });
  });
});

describe("Discord delivery", () => {
  it("dates interaction tokens from the interaction and messages from now", () => {
    const logs = captureLogger();
    const discord = new DiscordDelivery(new MemoryOutbox(logs.logger), 1_000, () => 5_000);
    expect(discord.interactionExpiry(100)).toBe(100 + 15 * 60_000);
    expect(discord.messageExpiry()).toBe(6_000);
    expect(discord.hasRoom()).toBe(true);
  });

  it("hands back what the call returned, or undefined when the answer was lost", async () => {
    const logs = captureLogger();
    const discord = new DiscordDelivery(new MemoryOutbox(logs.logger, { maxAttempts: 1 }), 60_000);
    expect(await discord.send("discord.reply", "t", Date.now() + 1_000, async () => "message")).toBe(
      "message",
    );
    const lost = await discord.send("discord.reply", "t", Date.now() + 1_000, async () => {
      throw new Error("nope");
    });
    expect(lost).toBeUndefined();
    expect(logs.records.find((r) => r.msg === "delivery lost")).toMatchObject({
      kind: "discord.reply",
      what: "t",
    });
  });
});
