/**
 * Load check for the Slack adapter: a few thousand signed /strike commands over HTTP on loopback,
 * against the real Bolt app in HTTP mode, with a local sink standing in for Slack (auth.test and the
 * response_url). Measures how fast commands are acknowledged (the HTTP response), which is what Slack
 * times out on (3 s). Floor: ack p99 under 100 ms at 200 requests/s, zero errors.
 *
 * Run alone: npm run build && node dist/bench/slack-load.js
 */
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { RateLimiter } from "../src/adapters/rate-limit.js";
import { startSlack } from "../src/adapters/slack/index.js";
import type { Bot } from "../src/core/bot.js";
import { loadBot } from "../src/load-bot.js";
import { createLogger } from "../src/log.js";
import { repoRoot } from "./core.js";

/** Gives every command its own trigger_id (the bot drops a repeated one as a replay). */
const UNIQUE_TRIGGER = join(repoRoot(), "bench", "unique-trigger.cjs");

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** A file whose default export rewrites each request (see bench/unique-trigger.cjs). */
  setupRequest?: string;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  amount: number;
  overallRate?: number;
  workers?: number;
  requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;

// autocannon ships CommonJS without type definitions.
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const SECRET = "0123456789abcdef0123456789abcdef";
const COMMANDS = [
  "stats",
  "ask how many appointments were cancelled?",
  "quote",
  "help",
  "how long is the strike?",
];

/** A stand-in Slack: auth.test for start-up, and a response_url that counts the answers. */
async function startSink(): Promise<{ server: Server; url: string; answers: () => number }> {
  let answers = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.url?.startsWith("/response/")) answers += 1;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        req.url?.startsWith("/api/auth.test")
          ? JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" })
          : JSON.stringify({ ok: true }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, answers: () => answers };
}

function signedCommand(sinkUrl: string, text: string, user: string, n: number): AutocannonRequest {
  const body = new URLSearchParams({
    token: "bench",
    team_id: "T1",
    team_domain: "bench",
    channel_id: "C1",
    channel_name: "bench",
    user_id: user,
    user_name: user,
    command: "/strike",
    text,
    api_app_id: "A1",
    response_url: `${sinkUrl}/response/${n}`,
    trigger_id: "1.2.3",
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
  return {
    method: "POST",
    path: "/slack/events",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": `v0=${signature}`,
    },
    body,
    setupRequest: UNIQUE_TRIGGER,
  };
}

export interface SlackLoadOptions {
  /** Default: the real bot over the default article. */
  bot?: Bot;
  /** Commands sent at the fixed rate (default 3000 at 200/s), then as fast as possible (default 2000). */
  atRate?: number;
  rate?: number;
  flatOut?: number;
}

export async function benchSlackLoad(options: SlackLoadOptions = {}): Promise<Record<string, number>> {
  const atRate = options.atRate ?? 3000;
  const rate = options.rate ?? 200;
  const flatOut = options.flatOut ?? 2000;
  const sink = await startSink();
  const slack = await startSlack(
    { mode: "http", botToken: "xoxb-bench", signingSecret: SECRET, port: 0, apiUrl: `${sink.url}/api/` },
    {
      bot: options.bot ?? loadBot(),
      logger: createLogger("warn"),
      // The bench measures the adapter, not the per-user limit: every command should be answered.
      rateLimiter: new RateLimiter({ burst: 1e9, perSecond: 1e9 }),
    },
    // autocannon cycles through a fixed list of signed bodies on every connection, so response_urls
    // are reused far past Slack's 5 posts; the limit itself is covered by test/slack/delivery-faults.
    { retryConfig: { retries: 0 }, delivery: { responseUrlUses: Number.POSITIVE_INFINITY } },
  );
  try {
    const requests = Array.from({ length: 50 }, (_, i) =>
      signedCommand(sink.url, COMMANDS[i % COMMANDS.length] ?? "help", `U${i}`, i),
    );
    const url = `http://127.0.0.1:${slack.port}`;
    // Warm-up: JIT and connection set-up are not what we measure.
    await autocannon({ url, connections: 10, amount: 200, requests });
    // The load generator runs in its own worker thread so it does not share the bot's event loop.
    // autocannon paces a rate per second in bursts: each connection sends its share back to back at the
    // start of every second, so 10 connections mean 200 commands arriving 10 at a time within a fraction
    // of a second. That is burstier than Slack's traffic at the same average rate, so the figure is pessimistic.
    const steady = await autocannon({
      url,
      connections: 10,
      amount: atRate,
      overallRate: rate,
      workers: 1,
      requests,
    });
    const max = await autocannon({ url, connections: 50, amount: flatOut, workers: 1, requests });
    const expected = 200 + atRate + flatOut;
    // Answers go out after the ack; give the last ones a moment to reach the sink.
    const deadline = Date.now() + 5_000;
    while (sink.answers() < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return {
      count: steady.requests.total + max.requests.total,
      rateTarget: rate,
      requestsPerSecondAtRate: Math.round(steady.requests.average),
      ackP50Ms: steady.latency.p50,
      ackP99Ms: steady.latency.p99,
      ackMaxMs: steady.latency.max,
      maxRequestsPerSecond: Math.round(max.requests.average),
      ackP99MsFlatOut: max.latency.p99,
      errors: steady.errors + steady.timeouts + steady.non2xx + max.errors + max.timeouts + max.non2xx,
      answered: sink.answers(),
      unanswered: Math.max(0, expected - sink.answers()),
    };
  } finally {
    await slack.stop();
    sink.server.closeAllConnections();
    await new Promise<void>((resolve) => sink.server.close(() => resolve()));
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchSlackLoad();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  const ok = result.errors === 0 && (result.ackP99Ms ?? Number.POSITIVE_INFINITY) < 100;
  process.stdout.write(ok ? "slack load: floor met\n" : "slack load: FLOOR NOT MET\n");
  process.exitCode = ok ? 0 : 1;
}
