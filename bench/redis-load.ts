/**
 * Two bot processes (`node dist/src/main.js`, Slack HTTP mode) sharing one redis-server, driven at
 * 200 Slack events a second in total, alternating between them, with one event in ten delivered a
 * second time to the other instance as a Slack retry. Prints ack p50/p99, duplicates (a thread
 * answered twice), lost answers (an event never answered) and each instance's RSS. Then the answer
 * path (event sent to answer posted) at a gentle rate, one instance with REDIS_URL and one without,
 * side by side in the same run: what Redis adds is the difference of the medians.
 *
 * Run alone: npm run build && node dist/bench/redis-load.js
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, createServer, request, type Server } from "node:http";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { median, percentile, repoRoot } from "./core.js";

const SECRET = "0123456789abcdef0123456789abcdef";
/**
 * Run as `npm start` runs the bot: a 2 MB young generation instead of V8's default of up to 16 MB per
 * semi-space, which under load is most of the difference between ~115 MB and ~180 MB of RSS.
 */
const NODE_FLAGS = ["--max-semi-space-size=2"];
const QUESTIONS = [
  "how many appointments were cancelled?",
  "how long was the strike?",
  "what did the hospital say?",
  "how many inpatient procedures were cancelled?",
  "why did they strike?",
];

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A stand-in Slack that records when each thread got each answer. */
async function startSink() {
  const answers = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString();
      if (req.url?.startsWith("/api/chat.postMessage")) {
        const args = req.headers["content-type"]?.includes("json")
          ? (JSON.parse(body) as Record<string, string>)
          : Object.fromEntries(new URLSearchParams(body));
        const key = `${args.channel}:${args.thread_ts}`;
        answers.set(key, [...(answers.get(key) ?? []), performance.now()]);
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        req.url?.startsWith("/api/auth.test")
          ? JSON.stringify({ ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" })
          : JSON.stringify({ ok: true, ts: "1.1", channel: "C1" }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, answers };
}

class Instance {
  child: ChildProcess;
  private err = "";
  constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, [...NODE_FLAGS, join(repoRoot(), "dist", "src", "main.js")], {
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env, PORT: String(port) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    this.child.stderr?.on("data", (d: Buffer) => {
      this.err += d.toString();
    });
  }

  async ready(): Promise<void> {
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`http://127.0.0.1:${this.port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (this.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`instance on ${this.port} did not start: ${this.err.slice(0, 500)}`);
  }

  /** Resident and peak resident memory in MB, from /proc. */
  memory(): { rssMb: number; peakMb: number } {
    const status = readFileSync(`/proc/${this.child.pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.kill("SIGTERM");
    await exited;
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
let sequence = 0;

function mentionEvent(channel: string, user: string, text: string) {
  sequence += 1;
  const ts = `1700000000.${String(sequence).padStart(6, "0")}`;
  return {
    ts,
    body: JSON.stringify({
      token: "bench",
      team_id: "T1",
      api_app_id: "A1",
      type: "event_callback",
      event_id: `EvBench${sequence}`,
      event_time: 1700000000,
      event: { type: "app_mention", user, text: `<@UBOT> ${text}`, ts, channel, team: "T1", event_ts: ts },
      authorizations: [{ team_id: "T1", user_id: "UBOT", is_bot: true }],
    }),
  };
}

/** POSTs a signed event; resolves with the ack time in ms (NaN on an error or a non-2xx). */
function post(port: number, body: string, retry = false): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac("sha256", SECRET).update(`v0:${timestamp}:${body}`).digest("hex");
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/slack/events",
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": `v0=${signature}`,
          ...(retry ? { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode === 200 ? performance.now() - started : Number.NaN));
      },
    );
    req.on("error", () => resolve(Number.NaN));
    req.end(body);
  });
}

async function startRedis(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("redis-server did not start")), 10_000);
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("Ready to accept connections")) {
        clearTimeout(timer);
        child.stdout?.resume();
        resolve();
      }
    });
    child.once("exit", () => reject(new Error("redis-server exited")));
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill("SIGKILL") };
}

export interface RedisLoadOptions {
  /** Events at the target rate (default 3,000 at 200/s, 15 s). */
  events?: number;
  rate?: number;
  /** Events per instance for the answer-path comparison (default 300 at 20/s). */
  pathEvents?: number;
}

export async function benchRedisLoad(options: RedisLoadOptions = {}): Promise<Record<string, number>> {
  if (spawnSync("redis-server", ["--version"]).status !== 0)
    throw new Error("redis-server is not installed (apt-get install -y redis-server)");
  const events = options.events ?? 3000;
  const rate = options.rate ?? 200;
  const pathEvents = options.pathEvents ?? 300;
  const redis = await startRedis();
  const sink = await startSink();
  const stateDir = mkdtempSync(join(tmpdir(), "strike-bench-"));
  const base = {
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: `${sink.url}/api/`,
    STATE_DIR: stateDir,
  };
  const instances: Instance[] = [];
  try {
    const shared = [
      new Instance(await freePort(), { ...base, REDIS_URL: redis.url }),
      new Instance(await freePort(), { ...base, REDIS_URL: redis.url }),
    ];
    const alone = new Instance(await freePort(), base);
    instances.push(...shared, alone);
    await Promise.all(instances.map((i) => i.ready()));
    const idle = shared.map((i) => i.memory());

    // Warm-up (JIT, connections), not counted.
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        post(shared[i % 2]!.port, mentionEvent("CWARM", `UW${i}`, QUESTIONS[i % QUESTIONS.length]!).body),
      ),
    );

    // The load: one event every 1000/rate ms, alternating instances; every tenth also retried on the other.
    const sent: string[] = [];
    const acks: Promise<number>[] = [];
    const started = performance.now();
    for (let i = 0; i < events; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const { ts, body } = mentionEvent("CLOAD", `U${i % 1000}`, QUESTIONS[i % QUESTIONS.length]!);
      sent.push(`CLOAD:${ts}`);
      acks.push(post(shared[i % 2]!.port, body));
      if (i % 10 === 0) {
        const other = shared[(i + 1) % 2]!.port;
        acks.push(new Promise((r) => setTimeout(r, 20)).then(() => post(other, body, true)));
      }
    }
    const ackTimes = await Promise.all(acks);
    const elapsed = (performance.now() - started) / 1000;
    const deadline = Date.now() + 10_000;
    while (sent.some((k) => !sink.answers.has(k)) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    const memories = shared.map((i) => i.memory());
    const good = ackTimes.filter(Number.isFinite).sort((a, b) => a - b);

    // The answer path, one event at a time at a gentle rate, with and without Redis, interleaved.
    const path = { redis: [] as number[], memory: [] as number[] };
    for (let i = 0; i < pathEvents * 2; i++) {
      const target = i % 2 === 0 ? shared[0]! : alone;
      const channel = i % 2 === 0 ? "CPATHREDIS" : "CPATHMEMORY";
      const { ts, body } = mentionEvent(channel, `UP${i % 500}`, QUESTIONS[i % QUESTIONS.length]!);
      const t0 = performance.now();
      await post(target.port, body);
      const key = `${channel}:${ts}`;
      const until = Date.now() + 5_000;
      while (!sink.answers.has(key) && Date.now() < until) await new Promise((r) => setImmediate(r));
      const at = sink.answers.get(key)?.[0];
      if (at !== undefined) (i % 2 === 0 ? path.redis : path.memory).push(at - t0);
      await new Promise((r) => setTimeout(r, 50));
    }

    return {
      events: events,
      retriesSent: Math.ceil(events / 10),
      rateTarget: rate,
      rateAchieved: Math.round((events / elapsed) * 10) / 10,
      ackP50Ms: percentile(good, 50),
      ackP99Ms: percentile(good, 99),
      ackMaxMs: good[good.length - 1] ?? Number.NaN,
      ackErrors: ackTimes.length - good.length,
      duplicates: sent.filter((k) => (sink.answers.get(k)?.length ?? 0) > 1).length,
      lostAnswers: sent.filter((k) => !sink.answers.has(k)).length,
      instanceAIdleRssMb: idle[0]!.rssMb,
      instanceARssMb: memories[0]!.rssMb,
      instanceAPeakRssMb: memories[0]!.peakMb,
      instanceBRssMb: memories[1]!.rssMb,
      instanceBPeakRssMb: memories[1]!.peakMb,
      answerPathMedianRedisMs: median(path.redis),
      answerPathMedianMemoryMs: median(path.memory),
      redisAddsMedianMs: median(path.redis) - median(path.memory),
      answerPathSamples: Math.min(path.redis.length, path.memory.length),
    };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    agent.destroy();
    sink.server.closeAllConnections();
    await new Promise<void>((resolve) => (sink.server as Server).close(() => resolve()));
    redis.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchRedisLoad();
  for (const [key, value] of Object.entries(result))
    process.stdout.write(`  ${key.padEnd(28)} ${Number.isInteger(value) ? value : value.toFixed(2)}\n`);
}
