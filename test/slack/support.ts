/** Shared test plumbing: a log capture, Slack request signing, payload builders, and a harness. */
import { createHmac, randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { RateLimiter } from "../../src/adapters/rate-limit.js";
import type { SlackConfig } from "../../src/adapters/slack/config.js";
import { type RunningSlack, type SlackRuntimeOptions, startSlack } from "../../src/adapters/slack/index.js";
import type { AdapterDeps } from "../../src/adapters/types.js";
import type { Bot } from "../../src/core/bot.js";
import { createLogger, type Logger } from "../../src/log.js";
import { FakeSlack } from "./fake-slack.js";

export const SIGNING_SECRET = "0123456789abcdef0123456789abcdef";
export const BOT_TOKEN = "xoxb-1-test-token";
export const APP_TOKEN = "xapp-1-test-token";
export const TEAM = "T1";

export interface LogRecord {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** A pino logger whose lines are kept (parsed) for assertions, and the raw text for secret checks. */
export function captureLogger(): { logger: Logger; records: LogRecord[]; raw: () => string } {
  const records: LogRecord[] = [];
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      const s = chunk.toString();
      text += s;
      for (const line of s.split("\n")) if (line.trim() !== "") records.push(JSON.parse(line) as LogRecord);
      done();
    },
  });
  return { logger: createLogger("debug", stream), records, raw: () => text };
}

/** Signs a request body as Slack does: v0=HMAC-SHA256(secret, "v0:timestamp:body"). */
export function signedHeaders(
  body: string,
  contentType: string,
  { secret = SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000) } = {},
): Record<string, string> {
  const signature = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": `v0=${signature}`,
  };
}

export function eventCallback(event: Record<string, unknown>, eventId = `Ev${randomUUID().slice(0, 8)}`) {
  return {
    token: "verification-token",
    team_id: TEAM,
    api_app_id: "A1",
    event: { event_ts: event.ts, ...event },
    type: "event_callback",
    event_id: eventId,
    event_time: 1700000000,
    authorizations: [{ team_id: TEAM, user_id: "UBOT", is_bot: true, is_enterprise_install: false }],
  };
}

let tsSeq = 0;
export function nextTs(): string {
  tsSeq += 1;
  return `1699999999.${String(tsSeq).padStart(6, "0")}`;
}

export function mention(text: string, extra: Record<string, unknown> = {}) {
  return {
    type: "app_mention",
    user: "U1",
    text: `<@UBOT> ${text}`,
    ts: nextTs(),
    channel: "C1",
    team: TEAM,
    ...extra,
  };
}

export function channelMessage(text: string, extra: Record<string, unknown> = {}) {
  return {
    type: "message",
    channel_type: "channel",
    user: "U1",
    text,
    ts: nextTs(),
    channel: "C1",
    team: TEAM,
    ...extra,
  };
}

export function directMessage(text: string, extra: Record<string, unknown> = {}) {
  return {
    type: "message",
    channel_type: "im",
    user: "U1",
    text,
    ts: nextTs(),
    channel: "D1",
    team: TEAM,
    ...extra,
  };
}

export function slashCommand(text: string, responseUrl: string, user = "U1"): Record<string, string> {
  return {
    token: "verification-token",
    team_id: TEAM,
    team_domain: "test",
    channel_id: "C1",
    channel_name: "general",
    user_id: user,
    user_name: "someone",
    command: "/strike",
    text,
    api_app_id: "A1",
    response_url: responseUrl,
    // Each invocation has its own trigger_id; a replay repeats it (and is de-duplicated by it).
    trigger_id: `1.2.${randomUUID().slice(0, 8)}`,
  };
}

export function blockAction(
  action: { action_id: string; value: string },
  responseUrl: string,
  place: { channel?: string; threadTs?: string; ephemeral?: boolean } = {},
) {
  const channel = place.channel ?? "C1";
  const messageTs = nextTs();
  return {
    type: "block_actions",
    user: { id: "U1", username: "someone", team_id: TEAM },
    api_app_id: "A1",
    token: "verification-token",
    team: { id: TEAM, domain: "test" },
    container: {
      type: "message",
      message_ts: messageTs,
      channel_id: channel,
      is_ephemeral: place.ephemeral ?? false,
      ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
    },
    channel: { id: channel, name: "general" },
    ...(place.ephemeral
      ? {}
      : {
          message: {
            type: "message",
            ts: messageTs,
            text: "",
            ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
          },
        }),
    response_url: responseUrl,
    trigger_id: "1.2.3",
    actions: [
      {
        type: "button",
        block_id: "b1",
        action_ts: "1700000000.1",
        text: { type: "plain_text", text: "x" },
        ...action,
      },
    ],
  };
}

/** Polls a condition that no request signals (a log line); gives up after a guard time. */
export async function eventually(description: string, check: () => boolean, limitMs = 8_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Everything a rendered message says, blocks and fallback, as one string for "contains" checks. */
export function messageText(args: Record<string, unknown>): string {
  return `${String(args.text ?? "")}\n${JSON.stringify(args.blocks ?? [])}`;
}

export interface Harness {
  fake: FakeSlack;
  slack: RunningSlack;
  logs: ReturnType<typeof captureLogger>;
  /** HTTP mode: POSTs a signed request to /slack/events. */
  postEvent(body: unknown, headers?: Record<string, string>): Promise<Response>;
  postForm(form: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  postAction(payload: unknown): Promise<Response>;
  waitForLog(description: string, check: (r: LogRecord) => boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  mode: "http" | "socket",
  bot: Bot,
  opts: { rateLimiter?: RateLimiter; runtime?: SlackRuntimeOptions; deps?: Partial<AdapterDeps> } = {},
): Promise<Harness> {
  const fake = await new FakeSlack().start();
  const logs = captureLogger();
  const config: SlackConfig =
    mode === "http"
      ? { mode, botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port: 0, apiUrl: fake.apiUrl }
      : { mode, botToken: BOT_TOKEN, appToken: APP_TOKEN, port: 0, apiUrl: fake.apiUrl };
  const slack = await startSlack(
    config,
    {
      bot,
      logger: logs.logger,
      rateLimiter: opts.rateLimiter ?? new RateLimiter({ burst: 1000, perSecond: 1000 }),
      ...opts.deps,
    },
    {
      retryConfig: { retries: 0 },
      clientPingTimeout: 50,
      ...opts.runtime,
      // Quick retries so a fault test takes milliseconds; the policy is the real one.
      delivery: { baseDelayMs: 5, maxDelayMs: 40, callTimeoutMs: 1_000, ...opts.runtime?.delivery },
    },
  );
  if (mode === "socket") await fake.connected(1);
  const base = `http://127.0.0.1:${slack.port ?? 0}/slack/events`;
  const post = (body: string, contentType: string, headers?: Record<string, string>) =>
    fetch(base, { method: "POST", body, headers: { ...signedHeaders(body, contentType), ...headers } });
  let closed = false;
  return {
    fake,
    slack,
    logs,
    postEvent: (body, headers) => post(JSON.stringify(body), "application/json", headers),
    postForm: (form, headers) =>
      post(new URLSearchParams(form).toString(), "application/x-www-form-urlencoded", headers),
    postAction: (payload) =>
      post(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        "application/x-www-form-urlencoded",
      ),
    waitForLog: (description, check) => eventually(description, () => logs.records.some(check)),
    close: async () => {
      if (closed) return;
      closed = true;
      await slack.stop();
      await fake.close();
    },
  };
}
