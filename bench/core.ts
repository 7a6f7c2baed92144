/**
 * In-process core benchmark: load the bot once, warm it up, then time every `ask` with
 * process.hrtime.bigint() over a few thousand questions about the default article.
 *
 * Used by bench/run.ts (npm run bench); the helpers here have no side effects besides timing.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { AnswerStatus } from "../src/core/answer.js";
import { loadBot } from "../src/load-bot.js";

/** One line of a question set: only the fields the bench uses. */
export interface BenchQuestion {
  id: string;
  q: string;
  /** Lines that share a conversation are follow-ups and are asked in order within it. */
  conversation?: string;
}

/**
 * Question sets about the default article (the others have fixture articles of their own).
 * dev.jsonl is optional: it is copied into the repo from the shared eval folder.
 */
export const DEFAULT_ARTICLE_SETS = ["dev.jsonl", "southampton-paraphrases.jsonl"];

/** The repo root, found from this file so it works from bench/ and dist/bench/. */
export function repoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "test", "questions"))) return dir;
    dir = dirname(dir);
  }
  throw new Error(`bench: cannot find the repo root above ${from}`);
}

export function loadQuestions(root = repoRoot()): { questions: BenchQuestion[]; files: string[] } {
  const questions: BenchQuestion[] = [];
  const files: string[] = [];
  for (const name of DEFAULT_ARTICLE_SETS) {
    const path = join(root, "test", "questions", name);
    if (!existsSync(path)) continue;
    files.push(name);
    for (const line of readFileSync(path, "utf8").split("\n")) {
      if (!line.trim()) continue;
      const obj = JSON.parse(line) as { id?: unknown; q?: unknown; conversation?: unknown };
      if (typeof obj.q !== "string") continue;
      const question: BenchQuestion = { id: String(obj.id ?? questions.length), q: obj.q };
      if (typeof obj.conversation === "string") question.conversation = `${name}:${obj.conversation}`;
      questions.push(question);
    }
  }
  if (questions.length === 0)
    throw new Error("bench: no questions about the default article in test/questions/");
  return { questions, files };
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export interface MemorySample {
  rssMb: number;
  heapUsedMb: number;
}

/**
 * A full garbage collection before each memory sample, so heapUsed is what is retained rather than
 * whatever garbage happened to be pending (npm run bench cannot pass --expose-gc to node).
 */
const collect: (() => void) | undefined = (() => {
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
})();

export function memory(): MemorySample {
  collect?.();
  const m = process.memoryUsage();
  return { rssMb: m.rss / 2 ** 20, heapUsedMb: m.heapUsed / 2 ** 20 };
}

/** One timed round of `asks` questions: per-ask latency in microseconds. */
export interface RoundResult {
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
  meanUs: number;
  answersPerSecond: number;
}

export interface CoreResult {
  questionFiles: string[];
  distinctQuestions: number;
  loadMs: number;
  warmup: number;
  /** Asks per round. */
  asks: number;
  rounds: RoundResult[];
  /** Each figure is the median over the rounds (one noisy round on a shared machine does not decide). */
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
  meanUs: number;
  answersPerSecond: number;
  /** The slowest questions by their median latency over all rounds (microseconds). */
  slowest: { id: string; q: string; medianUs: number }[];
  /** Statuses over one pass of the question list (a sanity check that the bot really answers). */
  statuses: Partial<Record<AnswerStatus, number>>;
  memoryBeforeLoad: MemorySample;
  memoryAfterLoad: MemorySample;
  memoryAfterRun: MemorySample;
}

export interface CoreOptions {
  warmup?: number;
  asks?: number;
  rounds?: number;
}

/**
 * Conversation ids: a line without one gets a fresh id per ask (it stands alone, as in the scorer);
 * a conversation is replayed with a fresh id on every pass over the list, so follow-ups always find
 * their own opener and never a previous pass's context.
 */
function conversationId(question: BenchQuestion, ask: number, pass: number, phase: string): string {
  return question.conversation ? `${phase}:${question.conversation}:${pass}` : `${phase}:${ask}`;
}

export function benchCore(options: CoreOptions = {}): CoreResult {
  const warmup = options.warmup ?? 2000;
  const asks = options.asks ?? 5000;
  const { questions, files } = loadQuestions();
  const n = questions.length;

  const memoryBeforeLoad = memory();
  const t0 = process.hrtime.bigint();
  const bot = loadBot();
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const memoryAfterLoad = memory();

  const statuses: Partial<Record<AnswerStatus, number>> = {};
  for (let i = 0; i < n; i++) {
    const question = questions[i]!;
    const status = bot.ask(question.q, conversationId(question, i, 0, "check")).status;
    statuses[status] = (statuses[status] ?? 0) + 1;
  }

  for (let i = 0; i < warmup; i++) {
    const question = questions[i % n]!;
    bot.ask(question.q, conversationId(question, i, Math.floor(i / n), "warm"));
  }

  const roundCount = options.rounds ?? 3;
  const rounds: RoundResult[] = [];
  const perQuestion: number[][] = questions.map(() => []);
  const times = new Float64Array(asks);
  for (let r = 0; r < roundCount; r++) {
    // Every round starts from a clean heap, so rounds are alike.
    collect?.();
    const start = process.hrtime.bigint();
    for (let i = 0; i < asks; i++) {
      const question = questions[i % n]!;
      const id = conversationId(question, i, Math.floor(i / n), `run${r}`);
      const before = process.hrtime.bigint();
      bot.ask(question.q, id);
      times[i] = Number(process.hrtime.bigint() - before) / 1e3;
    }
    const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    for (let i = 0; i < asks; i++) perQuestion[i % n]!.push(times[i]!);
    const sorted = Array.from(times).sort((a, b) => a - b);
    rounds.push({
      p50Us: percentile(sorted, 50),
      p90Us: percentile(sorted, 90),
      p99Us: percentile(sorted, 99),
      maxUs: sorted[sorted.length - 1] ?? Number.NaN,
      meanUs: sorted.reduce((sum, t) => sum + t, 0) / asks,
      answersPerSecond: asks / wallSeconds,
    });
  }
  const memoryAfterRun = memory();

  const mid = (pick: (round: RoundResult) => number): number => median(rounds.map(pick));
  const slowest = questions
    .map((question, i) => ({ id: question.id, q: question.q, medianUs: median(perQuestion[i]!) }))
    .sort((a, b) => b.medianUs - a.medianUs)
    .slice(0, 5);
  return {
    questionFiles: files,
    distinctQuestions: n,
    loadMs,
    warmup,
    asks,
    rounds,
    p50Us: mid((r) => r.p50Us),
    p90Us: mid((r) => r.p90Us),
    p99Us: mid((r) => r.p99Us),
    maxUs: mid((r) => r.maxUs),
    meanUs: mid((r) => r.meanUs),
    answersPerSecond: mid((r) => r.answersPerSecond),
    slowest,
    statuses,
    memoryBeforeLoad,
    memoryAfterLoad,
    memoryAfterRun,
  };
}
