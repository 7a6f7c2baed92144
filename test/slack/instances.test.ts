/**
 * Two real bot processes (`node dist/src/main.js`, Slack HTTP mode, different PORTs, one REDIS_URL)
 * against the fake Slack and a real redis-server: what a load balancer in front of two replicas sees.
 * Needs a build (npm test builds first) and redis-server (.ci/run installs it).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, hasRedis, RedisServer } from "../support/redis.js";
import { FakeSlack } from "./fake-slack.js";
import {
  BOT_TOKEN,
  channelMessage,
  eventCallback,
  eventually,
  mention,
  messageText,
  SIGNING_SECRET,
  signedHeaders,
  slashCommand,
} from "./support.js";

const MAIN = new URL("../../dist/src/main.js", import.meta.url);
const built = await import("node:fs").then((fs) => fs.existsSync(MAIN));

class Instance {
  child!: ChildProcess;
  err = "";
  exit!: Promise<number | null>;
  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
  ) {}

  async start(): Promise<this> {
    const port = await freePort();
    const base: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !/^(SLACK_|DISCORD_|PORT$|REDIS_URL$|STATE_DIR$|STRIKE_)/.test(k)) base[k] = v;
    this.err = "";
    this.child = spawn(process.execPath, [MAIN.pathname], {
      env: { ...base, ...this.env, PORT: String(port), LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stderr?.on("data", (d: Buffer) => {
      this.err += d.toString();
    });
    this.child.stdout?.resume();
    this.exit = new Promise((resolve) => this.child.on("exit", (code) => resolve(code)));
    this.url = `http://127.0.0.1:${port}`;
    await eventually(`${this.name} to listen`, () => /slack adapter started/.test(this.err), 15_000);
    return this;
  }

  url = "";

  post(body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const text = JSON.stringify(body);
    return fetch(`${this.url}/slack/events`, {
      method: "POST",
      body: text,
      headers: { ...signedHeaders(text, "application/json"), ...headers },
    });
  }

  postForm(form: Record<string, string>): Promise<Response> {
    const text = new URLSearchParams(form).toString();
    return fetch(`${this.url}/slack/events`, {
      method: "POST",
      body: text,
      headers: signedHeaders(text, "application/x-www-form-urlencoded"),
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    this.child.kill("SIGTERM");
    expect(await this.exit).toBe(0);
  }
}

describe.skipIf(!built || !hasRedis)("two instances sharing Redis", () => {
  let redis: RedisServer;
  let fake: FakeSlack;
  let a: Instance;
  let b: Instance;
  let stateDir: string;

  beforeAll(async () => {
    redis = await RedisServer.start();
    fake = await new FakeSlack().start();
    stateDir = mkdtempSync(join(tmpdir(), "strike-state-"));
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      REDIS_URL: redis.url,
      STATE_DIR: stateDir,
    };
    [a, b] = await Promise.all([new Instance("A", env).start(), new Instance("B", env).start()]);
  }, 40_000);

  afterAll(async () => {
    for (const i of [a, b]) if (i?.child.exitCode === null) i.child.kill("SIGKILL");
    await fake?.close();
    await redis?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const postedIn = (channel: string, threadTs?: string) =>
    fake.posted.filter((p) => p.channel === channel && (threadTs === undefined || p.thread_ts === threadTs));
  const settle = () => new Promise((r) => setTimeout(r, 400));

  it("answers a retried event exactly once, whichever instance each delivery reaches", async () => {
    const event = mention("how many appointments were cancelled?", { channel: "CRETRY", user: "URETRY" });
    const body = eventCallback(event, "EvRetried1");
    const retry = { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" };
    const replies = await Promise.all([a.post(body), b.post(body, retry), a.post(body, retry)]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    await fake.waitUntil("the answer", () => postedIn("CRETRY").length >= 1);
    await settle();
    expect(postedIn("CRETRY")).toHaveLength(1);
  });

  it("de-duplicates a replayed slash command by its trigger_id across instances", async () => {
    const command = slashCommand("ask how many appointments were cancelled?", fake.responseUrl(), "USLASH");
    const before = fake.responses.length;
    await Promise.all([a.postForm(command), b.postForm(command)]);
    await fake.waitUntil("the slash answer", () => fake.responses.length > before);
    await settle();
    expect(fake.responses.length - before).toBe(1);
  });

  it("follows up on the other instance, without a mention, with the conversation's context", async () => {
    const first = mention("how many inpatient procedures were cancelled?", {
      channel: "CTHREAD",
      user: "UT",
    });
    await a.post(eventCallback(first));
    await fake.waitUntil("the first answer", () => postedIn("CTHREAD", first.ts).length === 1);
    expect(messageText(postedIn("CTHREAD", first.ts)[0]!)).toContain("158");

    const followUp = channelMessage("and outpatient?", {
      channel: "CTHREAD",
      user: "UT",
      thread_ts: first.ts,
    });
    await b.post(eventCallback(followUp));
    await fake.waitUntil("the follow-up answer", () => postedIn("CTHREAD", first.ts).length === 2);
    expect(messageText(postedIn("CTHREAD", first.ts)[1]!)).toContain("1,696 outpatient");

    // Only the shared context makes "the total" the sum of the two figures just given.
    const total = channelMessage("and the total?", { channel: "CTHREAD", user: "UT", thread_ts: first.ts });
    await a.post(eventCallback(total));
    await fake.waitUntil("the third answer", () => postedIn("CTHREAD", first.ts).length === 3);
    expect(messageText(postedIn("CTHREAD", first.ts)[2]!)).toContain("158 + 1,696 = 1,854");
  });

  it("answers a pronoun follow-up on an instance that never saw the conversation", async () => {
    const first = mention("what did Stephen Powis say?", { channel: "CPRONOUN", user: "UP" });
    await a.post(eventCallback(first));
    await fake.waitUntil("the quote", () => postedIn("CPRONOUN", first.ts).length === 1);
    // Read on its own, "his" names nobody: only the context from A says who is meant.
    const followUp = channelMessage("what is his job?", {
      channel: "CPRONOUN",
      user: "UP",
      thread_ts: first.ts,
    });
    await b.post(eventCallback(followUp));
    await fake.waitUntil("the follow-up", () => postedIn("CPRONOUN", first.ts).length === 2);
    expect(messageText(postedIn("CPRONOUN", first.ts)[1]!)).toContain("national medical director");
  });

  it("limits a burst from one user across both instances as one instance would", async () => {
    const sends = Array.from({ length: 8 }, (_, i) =>
      (i % 2 ? b : a).post(
        eventCallback(
          mention("how many appointments were cancelled?", { channel: "CBURST", user: "UBURST" }),
        ),
      ),
    );
    await Promise.all(sends);
    const refused = () => fake.ephemerals.filter((e) => e.channel === "CBURST");
    await fake.waitUntil("8 replies", () => postedIn("CBURST").length + refused().length >= 8);
    await settle();
    expect(postedIn("CBURST")).toHaveLength(5);
    expect(refused()).toHaveLength(3);
  });

  it("keeps following a thread after both instances restart", async () => {
    const first = mention("how many appointments were cancelled?", { channel: "CRESTART", user: "URS" });
    await b.post(eventCallback(first));
    await fake.waitUntil("the answer", () => postedIn("CRESTART").length === 1);
    await Promise.all([a.stop(), b.stop()]);
    await Promise.all([a.start(), b.start()]);
    const followUp = channelMessage("how many were inpatient?", {
      channel: "CRESTART",
      user: "URS",
      thread_ts: first.ts,
    });
    await a.post(eventCallback(followUp));
    await fake.waitUntil("the follow-up after restart", () => postedIn("CRESTART").length === 2);
    expect(messageText(postedIn("CRESTART")[1]!)).toContain("158");
  }, 40_000);

  it("keeps answering when Redis dies mid-run, and uses it again once it is back", async () => {
    await redis.kill();
    const during = mention("how many appointments were cancelled?", { channel: "COUTAGE", user: "UO1" });
    expect((await a.post(eventCallback(during))).status).toBe(200);
    await fake.waitUntil("an answer during the outage", () => postedIn("COUTAGE").length === 1);
    // A retry of an event this instance never saw is dropped while the shared record cannot be read.
    const retried = eventCallback(mention("how many nurses?", { channel: "COUTAGE", user: "UO2" }));
    await b.post(retried, { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" });
    const first = mention("how many nurses walked out?", { channel: "COUTAGE", user: "UO3" });
    await b.post(eventCallback(first));
    await fake.waitUntil("a first delivery answered", () => postedIn("COUTAGE", first.ts).length === 1);

    await redis.start();
    await eventually(
      "both to reconnect",
      () => [a, b].every((i) => /redis reachable again/.test(i.err)),
      15_000,
    );
    const after = mention("how many appointments were cancelled?", { channel: "CAFTER", user: "UO4" });
    await b.post(eventCallback(after));
    await fake.waitUntil("an answer after", () => postedIn("CAFTER").length === 1);
    expect(postedIn("COUTAGE")).toHaveLength(2);
    for (const i of [a, b]) {
      expect(i.child.exitCode).toBeNull();
      expect(i.err.match(/redis unavailable/g) ?? []).toHaveLength(1);
    }
  }, 40_000);
});
