/**
 * Slack through an outage: 200 signed requests a second for 20 s (half @mentions answered with
 * chat.postMessage, half /strike answered through their response_url) against the real Bolt app in
 * HTTP mode, while a local stand-in for Slack fails both chat.postMessage and the response_urls for
 * 7 seconds in the middle: 500s, then refused connections, then requests accepted and never answered.
 * Figures: acknowledged answers lost (floor 0), delivery delay after recovery (floor 30 s), the bot
 * process's peak RSS (floor 250 MB; the load generator is a separate process), ack p99 (floor 100 ms).
 *
 * Run alone: npm run build && node dist/bench/slack-outage.js
 */
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { RateLimiter } from "../src/adapters/rate-limit.js";
import { startSlack } from "../src/adapters/slack/index.js";
import { loadBot } from "../src/load-bot.js";
import { createLogger } from "../src/log.js";
import { BENCH_SECRET } from "./outage-load.js";

export interface OutageOptions {
  rate?: number;
  seconds?: number;
  outageStartS?: number;
  outageS?: number;
  /** How long to wait after the load for the last deliveries. */
  settleS?: number;
}

type Phase = "ok" | "500" | "refused" | "hang";

/** A stand-in Slack whose answers follow the phase it is in; it records the first delivery of each item. */
class OutageSink {
  phase: Phase = "ok";
  readonly delivered = new Map<number, number>();
  duplicates = 0;
  private readonly hung = new Set<ServerResponse>();
  private readonly server: Server;
  port = 0;

  constructor() {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async refuse(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async close(): Promise<void> {
    for (const res of this.hung) res.destroy();
    this.server.closeAllConnections();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      if (path.startsWith("/api/auth.test")) {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" }));
        return;
      }
      if (this.phase === "hang") {
        this.hung.add(res);
        res.on("close", () => this.hung.delete(res));
        return;
      }
      if (this.phase === "500") {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: "internal_error" }));
        return;
      }
      let item: number | undefined;
      const hook = /^\/commands\/T1\/(\d+)\//.exec(path);
      if (hook) item = Number(hook[1]);
      else if (path.startsWith("/api/chat.postMessage")) {
        const raw = Buffer.concat(chunks).toString("utf8");
        const channel =
          new URLSearchParams(raw).get("channel") ?? (JSON.parse(raw || "{}").channel as string);
        item = Number(String(channel).slice(1));
      }
      if (item !== undefined) {
        if (this.delivered.has(item)) this.duplicates += 1;
        else this.delivered.set(item, Date.now());
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, ts: "1700000000.000001" }));
    });
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function runGenerator(port: number, sinkUrl: string, rate: number, seconds: number) {
  const script = fileURLToPath(new URL("./outage-load.js", import.meta.url));
  return new Promise<{
    sent: number;
    acked: number[];
    latencies: number[];
    sentAt: number[];
    errors: number;
  }>((resolve, reject) => {
    const child = spawn(process.execPath, [script, String(port), sinkUrl, String(rate), String(seconds)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`load generator exited ${code}`));
      else resolve(JSON.parse(out));
    });
  });
}

export async function benchSlackOutage(options: OutageOptions = {}): Promise<Record<string, number>> {
  const rate = options.rate ?? 200;
  const seconds = options.seconds ?? 20;
  const outageStart = (options.outageStartS ?? 6.5) * 1000;
  const outage = (options.outageS ?? 7) * 1000;
  const settle = (options.settleS ?? 60) * 1000;
  const sink = new OutageSink();
  await sink.start();
  const slack = await startSlack(
    {
      mode: "http",
      botToken: "xoxb-bench",
      signingSecret: BENCH_SECRET,
      port: 0,
      apiUrl: `${sink.url}/api/`,
    },
    {
      bot: loadBot(),
      logger: createLogger("silent"),
      rateLimiter: new RateLimiter({ burst: 1e9, perSecond: 1e9 }),
    },
    { retryConfig: { retries: 0 } },
  );
  let rssPeak = process.memoryUsage().rss;
  let unreadySamples = 0;
  let samples = 0;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 100);
  const health = setInterval(() => {
    fetch(`http://127.0.0.1:${slack.port}/healthz`)
      .then((res) => {
        samples += 1;
        if (res.status !== 200) unreadySamples += 1;
        return res.arrayBuffer();
      })
      .catch(() => {});
  }, 250);
  const rssBefore = process.memoryUsage().rss;
  const started = Date.now();
  const third = outage / 3;
  const timeline = [
    setTimeout(() => {
      sink.phase = "500";
    }, outageStart),
    setTimeout(() => {
      void sink.refuse();
    }, outageStart + third),
    setTimeout(
      () => {
        sink.phase = "hang";
        void sink.start();
      },
      outageStart + 2 * third,
    ),
    setTimeout(() => {
      sink.phase = "ok";
    }, outageStart + outage),
  ];
  const recoveredAt = started + outageStart + outage;
  try {
    const load = await runGenerator(slack.port ?? 0, sink.url, rate, seconds);
    const acked = new Set(load.acked);
    const deadline = Date.now() + settle;
    const missing = () => [...acked].filter((n) => !sink.delivered.has(n)).length;
    while (missing() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const afterRecovery = [...acked]
      .map((n) => sink.delivered.get(n))
      .filter((t): t is number => t !== undefined && t > recoveredAt)
      .map((t) => t - recoveredAt)
      .sort((a, b) => a - b);
    const latencies = [...load.latencies].sort((a, b) => a - b);
    const window = (from: number, to: number) =>
      load.latencies
        .filter((_, i) => (load.sentAt[i] ?? 0) >= from && (load.sentAt[i] ?? 0) < to)
        .sort((a, b) => a - b);
    const before = window(0, outageStart);
    const during = window(outageStart, outageStart + outage);
    const after = window(outageStart + outage, Number.POSITIVE_INFINITY);
    const stats = slack.deliveryStats();
    return {
      sent: load.sent,
      acknowledged: acked.size,
      ackErrors: load.errors,
      lostAcknowledged: missing(),
      duplicates: sink.duplicates,
      deliveredAfterRecovery: afterRecovery.length,
      recoveryDelayP50S: percentile(afterRecovery, 50) / 1000,
      recoveryDelayMaxS: (afterRecovery[afterRecovery.length - 1] ?? 0) / 1000,
      ackP50Ms: percentile(latencies, 50),
      ackP99Ms: percentile(latencies, 99),
      ackMaxMs: latencies[latencies.length - 1] ?? Number.NaN,
      ackP99BeforeMs: percentile(before, 99),
      ackP99DuringMs: percentile(during, 99),
      ackP99AfterMs: percentile(after, 99),
      rssBeforeMb: rssBefore / 1e6,
      rssPeakMb: rssPeak / 1e6,
      retried: stats.retried,
      lostCounted: stats.lost,
      refused: stats.refused,
      healthzUnreadyShare: samples === 0 ? 0 : unreadySamples / samples,
    };
  } finally {
    for (const t of timeline) clearTimeout(t);
    clearInterval(sampler);
    clearInterval(health);
    await slack.stop();
    await sink.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchSlackOutage();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
