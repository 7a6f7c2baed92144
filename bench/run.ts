/**
 * npm run bench: core latency in-process, `ask` cold start, memory, hot article reloads, and the
 * Slack adapter under load.
 * Prints to stdout only and exits 1 if a floor is missed:
 *   - p99 per question under 1 ms (in-process);
 *   - `ask` cold start under 300 ms (median, process start to first byte of the answer);
 *   - Slack: ack p99 under 100 ms at 200 requests/s, zero errors;
 *   - two instances on Redis at 200 events/s in total: ack p99 under 100 ms, 0 duplicates, 0 lost
 *     answers, RSS under 150 MB each; Redis adds at most 2 ms to the median answer path.
 *   - Slack through a 7-second outage: 0 acknowledged answers lost, each delivered within 30 s of
 *     recovery, RSS under 250 MB, ack p99 under 100 ms.
 * How it measures: docs/bench.md.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { benchCore, type CoreResult, median, percentile, repoRoot } from "./core.js";

const COLD_RUNS = 15;
const COLD_QUESTION = "how many appointments were cancelled?";
const FLOOR_P99_MS = 1;
const FLOOR_COLD_MS = 300;
const FLOOR_ACK_P99_MS = 100;
const FLOOR_RSS_MB = 150;
const FLOOR_REDIS_ADDS_MS = 2;

const out = (line = ""): void => {
  process.stdout.write(`${line}\n`);
};
const ms = (n: number, digits = 1): string => (Number.isFinite(n) ? `${n.toFixed(digits)} ms` : "n/a");
const row = (label: string, value: string): void => out(`  ${label.padEnd(34)} ${value}`);

/** Spawn a process and time it from spawn() to the first byte on stdout (and to its exit). */
function timeSpawn(args: string[], cwd: string): Promise<{ firstByteMs: number; exitMs: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let firstByte: bigint | undefined;
    let stderr = "";
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", () => {
      firstByte ??= process.hrtime.bigint();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const end = process.hrtime.bigint();
      if (code !== 0 || firstByte === undefined) {
        reject(new Error(`${args.join(" ")} exited ${code} without output: ${stderr.trim().slice(0, 300)}`));
        return;
      }
      resolve({ firstByteMs: Number(firstByte - start) / 1e6, exitMs: Number(end - start) / 1e6 });
    });
  });
}

interface ColdStats {
  p50: number;
  p90: number;
  exitP50: number;
}

async function coldRuns(args: string[], cwd: string): Promise<ColdStats> {
  // One untimed run first: the OS file cache (and, for ask, a stale facts.json rebuild) is not start-up.
  await timeSpawn(args, cwd);
  const first: number[] = [];
  const exit: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const t = await timeSpawn(args, cwd);
    first.push(t.firstByteMs);
    exit.push(t.exitMs);
  }
  const sorted = [...first].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p90: percentile(sorted, 90), exitP50: median(exit) };
}

interface Floor {
  name: string;
  pass: boolean;
  detail: string;
}

async function main(): Promise<number> {
  const root = repoRoot();
  const floors: Floor[] = [];
  const cpu = cpus();
  out(`strike-bot bench — node ${process.version}, ${cpu.length} CPU(s) ${cpu[0]?.model.trim() ?? ""}`);
  const load = loadavg()[0] ?? 0;
  out(
    `load average (1 min) at start: ${load.toFixed(2)}${load > cpu.length / 2 ? " — the machine is busy: timings will be pessimistic" : ""}`,
  );

  // 1 & 3. Core latency and memory, in-process.
  const core: CoreResult = benchCore({ warmup: 2000, asks: 5000, rounds: 3 });
  out();
  out(
    `core (in-process): ${core.rounds.length} rounds of ${core.asks} asks over ${core.distinctQuestions} questions from ${core.questionFiles.join(", ")}, after ${core.warmup} warm-up asks; figures are the median round's`,
  );
  row("loadBot (facts.json)", ms(core.loadMs));
  row("latency p50", ms(core.p50Us / 1e3, 3));
  row("latency p90", ms(core.p90Us / 1e3, 3));
  row("latency p99", ms(core.p99Us / 1e3, 3));
  row("latency max", ms(core.maxUs / 1e3, 3));
  row("latency mean", ms(core.meanUs / 1e3, 3));
  row("answers per second", Math.round(core.answersPerSecond).toLocaleString("en-GB"));
  row("p99 per round", `${core.rounds.map((r) => (r.p99Us / 1e3).toFixed(3)).join(" / ")} ms`);
  row(
    "statuses (one pass)",
    Object.entries(core.statuses)
      .map(([status, count]) => `${status} ${count}`)
      .join(", "),
  );
  out("  slowest questions (median over rounds):");
  for (const s of core.slowest) out(`    ${ms(s.medianUs / 1e3, 3).padStart(9)}  ${s.id}  ${s.q}`);
  out();
  out("memory (this process, each after a full GC)");
  const mem = (m: CoreResult["memoryAfterLoad"]): string =>
    `rss ${m.rssMb.toFixed(1)} MB, heap used ${m.heapUsedMb.toFixed(1)} MB`;
  row("before loadBot", mem(core.memoryBeforeLoad));
  row("after loadBot", mem(core.memoryAfterLoad));
  row(`after ${core.warmup + core.asks * core.rounds.length} asks`, mem(core.memoryAfterRun));
  const p99Ms = core.p99Us / 1e3;
  floors.push({ name: `p99 < ${FLOOR_P99_MS} ms`, pass: p99Ms < FLOOR_P99_MS, detail: ms(p99Ms, 3) });

  // 2. Cold start of the one-shot CLI, against a bare Node start measured the same way.
  out();
  const askJs = join(root, "dist", "src", "cli", "ask.js");
  try {
    if (!existsSync(askJs)) throw new Error(`${askJs} is missing: run npm run build`);
    const bare = await coldRuns(["-e", "process.stdout.write('.')"], root);
    const ask = await coldRuns([askJs, COLD_QUESTION], root);
    out(`cold start: spawn to first byte on stdout, ${COLD_RUNS} sequential runs (after one untimed run)`);
    row(`ask "${COLD_QUESTION.slice(0, 20)}..." p50`, ms(ask.p50));
    row("ask p90", ms(ask.p90));
    row("ask p50 to exit", ms(ask.exitP50));
    row("bare node -e (baseline) p50", ms(bare.p50));
    row("bare node -e p90", ms(bare.p90));
    row("our start-up cost (p50 - baseline)", ms(ask.p50 - bare.p50));
    floors.push({
      name: `cold start < ${FLOOR_COLD_MS} ms`,
      pass: ask.p50 < FLOOR_COLD_MS,
      detail: ms(ask.p50),
    });
  } catch (error) {
    out(`cold start: FAILED: ${(error as Error).message}`);
    floors.push({ name: `cold start < ${FLOOR_COLD_MS} ms`, pass: false, detail: "did not run" });
  }

  // Hot article updates (bench/article-reload.ts): rebuild time and how soon the new version answers.
  out();
  try {
    const { benchArticleReload } = await import("./article-reload.js");
    const reload = await benchArticleReload();
    out(`article reload: ${reload.swaps} swaps between two stories, default debounce (write to swap)`);
    row("rebuild p50 / max (main thread)", `${ms(reload.rebuildP50Ms)} / ${ms(reload.rebuildMaxMs)}`);
    row("visible after write p50 / max", `${ms(reload.visibleP50Ms)} / ${ms(reload.visibleMaxMs)}`);
    row("event loop delay max", ms(reload.eventLoopDelayMaxMs));
  } catch (error) {
    out(`article reload: FAILED: ${(error as Error).message}`);
  }

  // 4. Slack adapter under load (bench/slack-load.ts). Imported here, not at the top, so Bolt is not
  // counted in the memory figures above.
  out();
  const slackFloor = `slack ack p99 < ${FLOOR_ACK_P99_MS} ms at 200 req/s, 0 errors`;
  try {
    const { benchSlackLoad } = await import("./slack-load.js");
    const slack = await benchSlackLoad();
    out("slack load (HTTP mode, loopback, bench/slack-load.ts)");
    for (const [key, value] of Object.entries(slack)) {
      row(key, Number.isInteger(value) ? String(value) : value.toFixed(2));
    }
    const ackP99 = slack.ackP99Ms ?? Number.NaN;
    const errors = slack.errors ?? Number.NaN;
    floors.push({
      name: slackFloor,
      pass: ackP99 < FLOOR_ACK_P99_MS && errors === 0,
      detail: `${ms(ackP99)}, ${errors} errors at ${slack.requestsPerSecondAtRate ?? "?"} req/s`,
    });
  } catch (error) {
    out(`slack load: FAILED: ${(error as Error).stack ?? error}`);
    floors.push({ name: slackFloor, pass: false, detail: "did not run" });
  }

  // 5. Two instances sharing Redis (bench/redis-load.ts), and the answer path with and without Redis.
  out();
  const redisFloors = [
    `redis: ack p99 < ${FLOOR_ACK_P99_MS} ms at 200 events/s over 2 instances, 0 duplicates, 0 lost`,
    `redis: RSS < ${FLOOR_RSS_MB} MB per instance`,
    `redis: adds <= ${FLOOR_REDIS_ADDS_MS} ms to the median answer path`,
  ];
  try {
    const { benchRedisLoad } = await import("./redis-load.js");
    const r = await benchRedisLoad();
    out("two instances on Redis (HTTP mode, separate processes, bench/redis-load.ts)");
    for (const [key, value] of Object.entries(r))
      row(key, Number.isInteger(value) ? String(value) : value.toFixed(2));
    const ackP99 = r.ackP99Ms ?? Number.NaN;
    const rss = Math.max(r.instanceAPeakRssMb ?? Number.NaN, r.instanceBPeakRssMb ?? Number.NaN);
    const adds = r.redisAddsMedianMs ?? Number.NaN;
    floors.push({
      name: redisFloors[0]!,
      pass: ackP99 < FLOOR_ACK_P99_MS && r.duplicates === 0 && r.lostAnswers === 0 && r.ackErrors === 0,
      detail: `${ms(ackP99)}, ${r.duplicates} duplicates, ${r.lostAnswers} lost, ${r.ackErrors} errors`,
    });
    floors.push({ name: redisFloors[1]!, pass: rss < FLOOR_RSS_MB, detail: `peak ${rss.toFixed(1)} MB` });
    floors.push({
      name: redisFloors[2]!,
      pass: adds <= FLOOR_REDIS_ADDS_MS,
      detail: `${ms(r.answerPathMedianRedisMs ?? Number.NaN, 2)} vs ${ms(r.answerPathMedianMemoryMs ?? Number.NaN, 2)}`,
    });
  } catch (error) {
    out(`redis load: FAILED: ${(error as Error).message}`);
    for (const name of redisFloors) floors.push({ name, pass: false, detail: "did not run" });
  }

  // 6. Reading: the seed article and a 6,000-word live blog, beside a BM25 sentence retriever.
  floors.push(...(await import("./reading.js")).benchReading(out));

  // 7. Slack through a 7-second outage of chat.postMessage and response_url (bench/slack-outage.ts).
  out();
  try {
    const { benchSlackOutage } = await import("./slack-outage.js");
    const outage = await benchSlackOutage();
    out(
      "slack outage (200 req/s for 20 s; 500s, refused, hangs for 7 s in the middle; bench/slack-outage.ts)",
    );
    for (const [key, value] of Object.entries(outage)) {
      row(key, Number.isInteger(value) ? String(value) : value.toFixed(2));
    }
    const lost = outage.lostAcknowledged ?? Number.NaN;
    const delay = outage.recoveryDelayMaxS ?? Number.NaN;
    const rss = outage.rssPeakMb ?? Number.NaN;
    const ack = outage.ackP99Ms ?? Number.NaN;
    floors.push({ name: "outage: 0 acknowledged answers lost", pass: lost === 0, detail: `${lost} lost` });
    floors.push({
      name: "outage: delivered within 30 s of recovery",
      pass: delay <= 30,
      detail: `${delay.toFixed(1)} s`,
    });
    floors.push({ name: "outage: RSS under 250 MB", pass: rss < 250, detail: `${rss.toFixed(0)} MB peak` });
    floors.push({
      name: `outage: ack p99 < ${FLOOR_ACK_P99_MS} ms`,
      pass: ack < FLOOR_ACK_P99_MS,
      detail: ms(ack),
    });
  } catch (error) {
    out(`slack outage: FAILED: ${(error as Error).stack ?? error}`);
    floors.push({ name: "outage: 0 acknowledged answers lost", pass: false, detail: "did not run" });
  }

  out();
  out(`load average (1 min) at the end: ${(loadavg()[0] ?? 0).toFixed(2)}`);
  for (const f of floors) out(`floor: ${f.name}: ${f.pass ? "PASS" : "FAIL"} (${f.detail})`);
  return floors.every((f) => f.pass) ? 0 : 1;
}

process.exitCode = await main();
