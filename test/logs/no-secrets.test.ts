import { afterEach, describe, expect, it } from "vitest";
import { redactText, redactValue } from "../../src/redact.js";
import { FakeBot as DiscordFakeBot } from "../discord/fake-bot.js";
import { BOT_ID, slashCommand, TOKEN, userMessage } from "../discord/fake-discord.js";
import { type Harness as DiscordHarness, startHarness as startDiscordHarness } from "../discord/harness.js";
import { FakeBot as SlackFakeBot } from "../slack/fake-bot.js";
import { RESPONSE_URL } from "../slack/fake-slack.js";
import {
  BOT_TOKEN,
  eventCallback,
  type Harness as SlackHarness,
  mention as slackMention,
  slashCommand as slackSlash,
  startHarness as startSlackHarness,
} from "../slack/support.js";

/** Every log line, as text, must be free of each secret (and of its distinctive last part). */
function expectNoSecrets(lines: string, secrets: string[]): void {
  const all = lines.split("\n").filter((l) => l.trim() !== "");
  expect(all.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    const offenders = all.filter((line) => line.includes(secret));
    expect(offenders, `log lines carrying ${secret}`).toEqual([]);
  }
}

describe("the redactor", () => {
  it.each([
    ["a Slack bot token", "auth failed for xoxb-123-456-abcDEF", "xoxb-123-456-abcDEF"],
    ["a Slack app token", "socket token xapp-1-A1-99-ff00", "xapp-1-A1-99-ff00"],
    ["a Discord bot token", `Authorization: Bot ${TOKEN}`, TOKEN.split(".")[2] as string],
    [
      "an interaction token",
      "POST https://discord.com/api/v10/interactions/1234/aW50ZXJhY3Rpb246MTIz/callback",
      "aW50ZXJhY3Rpb246MTIz",
    ],
    [
      "a webhook token",
      "PATCH /webhooks/999/secret-webhook-token/messages/@original",
      "secret-webhook-token",
    ],
    ["a response_url", "https://hooks.slack.com/commands/T1/123/s3cretPart", "s3cretPart"],
    ["an incoming webhook", "https://hooks.slack.com/services/T1/B2/wEbHoOkSeCrEt", "wEbHoOkSeCrEt"],
  ])("strips %s from text", (_name, text, secret) => {
    const out = redactText(text);
    expect(out).not.toContain(secret);
    expect(out).toContain("[redacted]");
  });

  it("replaces each secret whole, wherever it stands", () => {
    expect(redactText("socket token xapp-1-A1-99-ff00 ok")).toBe("socket token [redacted] ok");
    expect(redactText("bot xoxb-123-456-abcDEF ok")).toBe("bot [redacted] ok");
    expect(redactText(`token ${TOKEN} ok`)).toBe("token [redacted] ok");
    expect(redactText("Bearer  abcdefgh12345678 ok")).toBe("Bearer [redacted] ok");
    expect(redactText("a.b.c and short.dotted.words stay")).toBe("a.b.c and short.dotted.words stay");
  });

  it("keeps ordinary text as it is", () => {
    const text = "slack answer failed: An HTTP protocol error occurred: statusCode = 500";
    expect(redactText(text)).toBe(text);
  });

  it("walks errors, causes and nested objects, and drops request bodies", () => {
    const cause = new Error("connect to https://hooks.slack.com/actions/T1/2/causeSecret failed");
    const error = Object.assign(new Error("request failed", { cause }), {
      url: "/interactions/1/tokenInUrl/callback",
      requestBody: { json: { content: "xoxb-in-body" } },
      config: { headers: { Authorization: "Bearer xoxb-9-deep" } },
    });
    const text = JSON.stringify(redactValue({ err: error }));
    for (const secret of ["causeSecret", "tokenInUrl", "xoxb-in-body", "xoxb-9-deep"])
      expect(text).not.toContain(secret);
    expect(text).toContain("request failed");
  });

  it.each([
    ["Bearer", "Authorization: Bearer abcdefgh12345678", "abcdefgh12345678"],
    ["Basic", "Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA=="],
    ["Bot", "Authorization: Bot abcdefgh.ijk", "abcdefgh.ijk"],
  ])("strips a %s authorization value", (_scheme, text, secret) => {
    expect(redactText(text)).not.toContain(secret);
    expect(redactText(text)).toContain(`${_scheme} [redacted]`);
  });

  it("keeps short words after Bot/Bearer (not a credential) and all of every other line", () => {
    expect(redactText("Bot started")).toBe("Bot started");
    expect(redactText("route /channels/123/messages")).toBe("route /channels/123/messages");
    expect(redactText("see https://example.com/docs?x=1")).toBe("see https://example.com/docs?x=1");
  });

  it("keeps the id part of an interaction or webhook path and every token in a line", () => {
    expect(redactText("/interactions/42/tok1/callback and /webhooks/7/tok2/messages/@original")).toBe(
      "/interactions/42/[redacted]/callback and /webhooks/7/[redacted]/messages/@original",
    );
    expect(redactText("xoxb-1-a and xoxp-2-b")).toBe("[redacted] and [redacted]");
    expect(redactText("https://hooks.slack.com/actions/T1/2/abc?x")).toBe(
      "https://hooks.slack.com/actions/[redacted]?x",
    );
  });

  it("drops every body and authorization key, keeps other keys and values", () => {
    const out = redactValue({
      requestBody: "a",
      body: "b",
      rawBody: "c",
      authorization: "d",
      Authorization: "e",
      status: 500,
      ok: false,
      none: null,
      list: ["xoxb-1-x", 3],
    });
    expect(out).toEqual({
      requestBody: "[omitted]",
      body: "[omitted]",
      rawBody: "[omitted]",
      authorization: "[omitted]",
      Authorization: "[omitted]",
      status: 500,
      ok: false,
      none: null,
      list: ["[redacted]", 3],
    });
  });

  it("leaves out sockets, agents, streams and clients hanging off network errors", () => {
    class Socket {}
    class Agent {}
    class ReadStream {}
    class ClientRequest {}
    class IncomingMessage {}
    class Timeout {}
    class AbortSignal {}
    class HttpClient {}
    class Config {
      url = "/x";
    }
    const error = Object.assign(new Error("e"), {
      socket: new Socket(),
      agent: new Agent(),
      stream: new ReadStream(),
      request: new ClientRequest(),
      response: new IncomingMessage(),
      timer: new Timeout(),
      signal: new AbortSignal(),
      client: new HttpClient(),
      config: new Config(),
    });
    const out = redactValue(error) as Record<string, unknown>;
    for (const key of ["socket", "agent", "stream", "request", "response", "timer", "signal", "client"])
      expect(out).not.toHaveProperty(key);
    expect(out.config).toEqual({ url: "/x" });
    expect(out.type).toBe("Error");
    expect(out.message).toBe("e");
  });

  it("describes an error without a stack or a cause, and stops at a depth", () => {
    const error = new Error("bare");
    error.stack = undefined;
    const out = redactValue(error) as Record<string, unknown>;
    expect(out).toEqual({ type: "Error", message: "bare" });
    let deep: Record<string, unknown> = { leaf: "xoxb-9-z" };
    for (let i = 0; i < 12; i++) deep = { next: deep };
    const text = JSON.stringify(redactValue(deep));
    expect(text).toContain("[deep]");
    expect(text).not.toContain("xoxb-9-z");
    let seven: Record<string, unknown> = { leaf: "kept" };
    for (let i = 0; i < 6; i++) seven = { next: seven };
    expect(JSON.stringify(redactValue(seven))).toContain("kept");
  });

  it("survives cycles", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    expect(JSON.stringify(redactValue(a))).toContain("[circular]");
  });
});

describe("no secret reaches a log line when Slack fails", () => {
  let h: SlackHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("through failed posts, failed response_urls and a failing bot", async () => {
    h = await startSlackHarness("http", new SlackFakeBot(), {
      runtime: { delivery: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } },
    });
    h.fake.setFault("chat.postMessage", { kind: "status", status: 500 });
    h.fake.setFault("chat.postEphemeral", { kind: "reset" });
    h.fake.setFault(RESPONSE_URL, { kind: "status", status: 500 });
    const responseUrl = h.fake.responseUrl();
    await h.postEvent(eventCallback(slackMention("how many appointments were cancelled?")));
    await h.postForm(slackSlash("how many appointments were cancelled?", responseUrl));
    await h.waitForLog("two lost deliveries", (r) => r.msg === "delivery lost" && r.kind === "response_url");
    await h.waitForLog("a lost post", (r) => r.msg === "delivery lost" && r.kind === "chat.postMessage");
    await h.close();
    const secretPart = responseUrl.split("/").pop() as string;
    expectNoSecrets(h.logs.raw(), [BOT_TOKEN, secretPart]);
  });
});

describe("no secret reaches a log line when Discord fails", () => {
  let h: DiscordHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("through failed interaction callbacks, follow-ups and replies", async () => {
    h = await startDiscordHarness({
      bot: new DiscordFakeBot(),
      delivery: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 },
    });
    h.fake.setFault((r) => r.path.startsWith("/interactions/"), { kind: "status", status: 500 });
    h.fake.setFault((r) => r.path.startsWith("/webhooks/"), { kind: "status", status: 500 });
    h.fake.setFault((r) => r.method === "POST" && r.path.includes("/messages"), {
      kind: "status",
      status: 500,
    });
    const interaction = slashCommand("ask", { question: "how many appointments were cancelled?" });
    h.fake.dispatch("INTERACTION_CREATE", interaction);
    h.fake.dispatch(
      "MESSAGE_CREATE",
      userMessage({ content: `<@${BOT_ID}> how many appointments?`, mentionsBot: true }),
    );
    const lost = () => h?.log.lines().filter((l) => l.msg === "delivery lost").length ?? 0;
    const started = Date.now();
    while (lost() < 2 && Date.now() - started < 8_000) await new Promise((r) => setTimeout(r, 10));
    expect(lost()).toBeGreaterThanOrEqual(2);
    await h.close();
    const raw = h.log.raw();
    h = undefined;
    expectNoSecrets(raw, [TOKEN, TOKEN.split(".")[2] as string, interaction.token as string]);
  });
});
