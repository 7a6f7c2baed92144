/**
 * Reading speed on a long article, and against a plain BM25 retriever, in one process.
 *
 * The bot is loaded for the seed article (loadBot(), as bench/core.ts does) and for a ~6,000-word
 * live blog (bench/fixtures/liveblog-6000.txt, built in memory at load). Each gets a fixed mix of
 * questions: counts, dates, typos, money and percentages, quotes, follow-ups and unknowns. A plain
 * BM25 sentence retriever (wink-bm25-text-search) over each article's sentences is timed on the same
 * questions. Rounds alternate bot and BM25, seed and live blog, so a disturbance hits all of them.
 *
 * Floors: seed p99 < 1 ms; live-blog median <= 3 x seed median; bot median <= 5 x BM25 median (each
 * article). `node dist/bench/reading.js` runs it alone and exits 1 on a FAIL; bench/run.ts calls
 * benchReading() and adds its floors to its own.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { AnswerStatus } from "../src/core/answer.js";
import type { Bot } from "../src/core/bot.js";
import { DEFAULT_ARTICLE, loadBot } from "../src/load-bot.js";
import { median, percentile, repoRoot } from "./core.js";

const WARMUP = 2000;
const ASKS = 4000;
const ROUNDS = 3;
const FLOOR_P99_MS = 1;
const FLOOR_LONG_RATIO = 3;
const FLOOR_BM25_RATIO = 5;

type Kind = "count" | "date" | "typo" | "money/percent" | "quote" | "follow-up" | "unknown";

/** A question, or a conversation of several asked in order under one id. */
interface Item {
  kind: Kind;
  asks: string[];
}

/** Same kinds, in the same numbers, for both articles, so the two medians compare like with like. */
const SEED_MIX: Item[] = [
  { kind: "count", asks: ["How many appointments were cancelled?"] },
  { kind: "count", asks: ["How many inpatient procedures were cancelled?"] },
  { kind: "count", asks: ["How many nurses took part in the industrial action?"] },
  { kind: "date", asks: ["How many nurses walked out on 18 January?"] },
  { kind: "date", asks: ["How many nurses went on strike on January 19?"] },
  { kind: "date", asks: ["When did the junior doctors strike?"] },
  { kind: "typo", asks: ["how many apointments were canceled"] },
  { kind: "typo", asks: ["how many nurses wlaked out"] },
  { kind: "typo", asks: ["what pay rise are the doctors askign for"] },
  { kind: "money/percent", asks: ["What pay rise are junior doctors asking for?"] },
  { kind: "money/percent", asks: ["What percentage pay rise do they want?"] },
  { kind: "money/percent", asks: ["How big is the waiting list in England?"] },
  { kind: "quote", asks: ["What did Stephen Powis say?"] },
  { kind: "quote", asks: ["What did the hospital spokesperson say?"] },
  { kind: "quote", asks: ["What did Vivek Trivedi say?"] },
  { kind: "follow-up", asks: ["How many nurses walked out on January 18?", "and on the second day?"] },
  { kind: "follow-up", asks: ["How many inpatient procedures were cancelled?", "what about outpatient?"] },
  { kind: "follow-up", asks: ["What did Stephen Powis say about the figures?", "What is his job?"] },
  { kind: "unknown", asks: ["How much do junior doctors earn?"] },
  { kind: "unknown", asks: ["When is the next strike?"] },
  { kind: "unknown", asks: ["Who won the football last night?"] },
];

const LIVEBLOG_MIX: Item[] = [
  { kind: "count", asks: ["How many drivers are on strike?"] },
  { kind: "count", asks: ["How many services were cancelled in total?"] },
  { kind: "count", asks: ["How many people used the park-and-ride shuttle?"] },
  { kind: "date", asks: ["How many services were cancelled on 19 January?"] },
  { kind: "date", asks: ["How many drivers were on strike on 21 January?"] },
  { kind: "date", asks: ["When will the talks take place?"] },
  { kind: "typo", asks: ["how many buses wer cancled on tuesday"] },
  { kind: "typo", asks: ["how many drivres are on strike"] },
  { kind: "typo", asks: ["waht did Sandra Whitcombe say"] },
  { kind: "money/percent", asks: ["How much would an 11 per cent rise cost?"] },
  { kind: "money/percent", asks: ["How much is the strike costing city-centre shops?"] },
  { kind: "money/percent", asks: ["What percentage of residents back the drivers?"] },
  { kind: "quote", asks: ["What did Richard Pembury say?"] },
  { kind: "quote", asks: ["What did Gillian Marsh say?"] },
  { kind: "quote", asks: ["What did the union say?"] },
  {
    kind: "follow-up",
    asks: ["How many services were cancelled on 19 January?", "and on the second day?", "and the third?"],
  },
  {
    kind: "follow-up",
    asks: ["How many drivers were on strike on 20 January?", "what about the following day?"],
  },
  { kind: "follow-up", asks: ["What did Richard Pembury say?", "What is his job?"] },
  { kind: "unknown", asks: ["How much do bus drivers earn in Bristol?"] },
  { kind: "unknown", asks: ["How many trams were cancelled?"] },
  { kind: "unknown", asks: ["Who won the football last night?"] },
];

/** One ask of the cycled list, with the index of its item, so follow-ups share their opener's id. */
interface Ask {
  text: string;
  item: number;
  kind: Kind;
}

function flatten(mix: Item[]): Ask[] {
  return mix.flatMap((item, i) => item.asks.map((text) => ({ text, item: i, kind: item.kind })));
}

/** Nearest-rank figures of one round, in microseconds. */
interface Stats {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function stats(times: Float64Array): Stats {
  const sorted = Array.from(times).sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** The median of each figure over the rounds: one round disturbed by another process does not decide. */
function midStats(rounds: Stats[]): Stats {
  const mid = (pick: (s: Stats) => number) => median(rounds.map(pick));
  return { p50: mid((s) => s.p50), p90: mid((s) => s.p90), p99: mid((s) => s.p99), max: mid((s) => s.max) };
}

/**
 * Times `count` asks cycling the list. Each item of the list is a conversation with a fresh id per
 * pass over the list (a lone question too), so a follow-up always follows its own opener and never a
 * previous pass's context (as in bench/core.ts).
 */
function timeBot(bot: Bot, asks: Ask[], count: number, phase: string): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const ask = asks[i % asks.length]!;
    const id = `${phase}:${ask.item}:${Math.floor(i / asks.length)}`;
    const before = process.hrtime.bigint();
    bot.ask(ask.text, id);
    times[i] = Number(process.hrtime.bigint() - before) / 1e3;
  }
  return times;
}

/** What the bench uses of wink-bm25-text-search (it ships no types). */
interface Bm25Engine {
  defineConfig(config: { fldWeights: Record<string, number> }): boolean;
  definePrepTasks(tasks: ((input: unknown) => unknown)[]): number;
  addDoc(doc: Record<string, string>, id: number): number;
  consolidate(): boolean;
  search(text: string, limit?: number): [string, number][];
}

const STOPWORDS = new Set(
  "a an and are as at be by did do does for from had has have he her his how in is it its of on or said say she that the their they this to was were what when where which who why will with".split(
    " ",
  ),
);

/** A plain tokeniser: lower case, words and numbers, stop words dropped, no stemming or spelling. */
function tokens(input: unknown): string[] {
  return (
    String(input)
      .toLowerCase()
      .match(/[a-z0-9£%]+(?:[.,'’][a-z0-9]+)*/g) ?? []
  ).filter((t) => !STOPWORDS.has(t));
}

/** Sentences, split simply: paragraphs on blank lines, then after . ! ? (and a closing quote). */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((paragraph) =>
      paragraph
        .replace(/\s+/g, " ")
        .trim()
        .split(/(?<=[.!?]["”]?)\s+(?=["“]?[A-Z0-9])/),
    )
    .filter((s) => s.length > 0);
}

function buildBm25(text: string): { engine: Bm25Engine; sentences: number } {
  const create = createRequire(import.meta.url)("wink-bm25-text-search") as () => Bm25Engine;
  const engine = create();
  engine.defineConfig({ fldWeights: { body: 1 } });
  engine.definePrepTasks([tokens]);
  const sentences = splitSentences(text);
  sentences.forEach((body, id) => {
    engine.addDoc({ body }, id);
  });
  engine.consolidate();
  return { engine, sentences: sentences.length };
}

/** BM25 has no conversation: each follow-up is sent as it was typed, which is what a retriever gets. */
function timeBm25(engine: Bm25Engine, asks: Ask[], count: number): Float64Array {
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const text = asks[i % asks.length]!.text;
    const before = process.hrtime.bigint();
    engine.search(text, 5);
    times[i] = Number(process.hrtime.bigint() - before) / 1e3;
  }
  return times;
}

interface Subject {
  name: string;
  words: number;
  sentences: number;
  loadMs: number;
  asks: Ask[];
  bot: Bot;
  bm25: Bm25Engine;
  statuses: Partial<Record<AnswerStatus, number>>;
  botRounds: Stats[];
  bm25Rounds: Stats[];
  /** The bot's timed asks by kind of question, over all rounds (microseconds). */
  byKind: Map<Kind, number[]>;
  /** Asks for which BM25 returned at least one sentence (a check that it really searches). */
  bm25Hits: number;
}

function subject(name: string, articlePath: string | undefined, mix: Item[]): Subject {
  const text = readFileSync(articlePath ?? DEFAULT_ARTICLE, "utf8");
  const t0 = process.hrtime.bigint();
  const bot = articlePath ? loadBot({ articlePath }) : loadBot();
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const { engine, sentences } = buildBm25(text);
  const asks = flatten(mix);
  // One checking pass: the statuses are printed, so a bot that answers nothing quickly is noticed.
  const statuses: Partial<Record<AnswerStatus, number>> = {};
  for (const ask of asks) {
    const status = bot.ask(ask.text, `check:${name}:${ask.item}`).status;
    statuses[status] = (statuses[status] ?? 0) + 1;
  }
  const bm25Hits = asks.filter((ask) => engine.search(ask.text, 5).length > 0).length;
  return {
    name,
    words: text.split(/\s+/).filter(Boolean).length,
    sentences,
    loadMs,
    asks,
    bot,
    bm25: engine,
    statuses,
    botRounds: [],
    bm25Rounds: [],
    byKind: new Map(),
    bm25Hits,
  };
}

export interface ReadingFloor {
  name: string;
  pass: boolean;
  detail: string;
}

export interface ReadingOptions {
  warmup?: number;
  asks?: number;
  rounds?: number;
}

const stdout = (line = ""): void => {
  process.stdout.write(`${line}\n`);
};

/**
 * Runs the scenario, prints its table through `out`, and returns its floors (bench/run.ts style).
 * It never throws: a crash is printed and counts as every floor missed, as in bench/run.ts.
 */
export function benchReading(
  out: (line?: string) => void = stdout,
  options: ReadingOptions = {},
): ReadingFloor[] {
  try {
    return runReading(out, options);
  } catch (error) {
    out();
    out(`reading: FAILED: ${(error as Error).stack ?? error}`);
    return [{ name: "reading (bench/reading.ts)", pass: false, detail: "did not run" }];
  }
}

function runReading(out: (line?: string) => void, options: ReadingOptions): ReadingFloor[] {
  const warmup = options.warmup ?? WARMUP;
  const asks = options.asks ?? ASKS;
  const rounds = options.rounds ?? ROUNDS;
  const liveblog = join(repoRoot(), "bench", "fixtures", "liveblog-6000.txt");
  const subjects = [subject("seed", undefined, SEED_MIX), subject("live blog", liveblog, LIVEBLOG_MIX)];

  for (const s of subjects) {
    timeBot(s.bot, s.asks, warmup, `warm:${s.name}`);
    timeBm25(s.bm25, s.asks, warmup);
  }
  for (let r = 0; r < rounds; r++) {
    for (const s of subjects) {
      const times = timeBot(s.bot, s.asks, asks, `run${r}:${s.name}`);
      s.botRounds.push(stats(times));
      times.forEach((time, i) => {
        const kind = s.asks[i % s.asks.length]!.kind;
        const list = s.byKind.get(kind) ?? [];
        list.push(time);
        s.byKind.set(kind, list);
      });
      s.bm25Rounds.push(stats(timeBm25(s.bm25, s.asks, asks)));
    }
  }

  const load = (loadavg()[0] ?? 0).toFixed(2);
  const us = (n: number) => `${(n / 1e3).toFixed(3)} ms`;
  const cell = (text: string, width: number) => text.padStart(width);
  out();
  out(
    `reading (in-process, bench/reading.ts): ${rounds} rounds of ${asks} asks per article after ${warmup} warm-up asks, rounds alternating bot and BM25; figures are the median round's; load average (1 min) at the end ${load}`,
  );
  out(
    `  question mix per article: ${SEED_MIX.length} items (${[...new Set(SEED_MIX.map((i) => i.kind))].join(", ")}), follow-ups asked in order in one conversation`,
  );
  out(
    `  ${"".padEnd(22)}${cell("words", 7)}${cell("sentences", 10)}${cell("load", 11)}${cell("p50", 11)}${cell("p90", 11)}${cell("p99", 11)}${cell("max", 11)}`,
  );
  const [seed, long] = subjects as [Subject, Subject];
  const mids = new Map<Subject, { bot: Stats; bm25: Stats }>();
  for (const s of subjects) {
    const bot = midStats(s.botRounds);
    const bm25 = midStats(s.bm25Rounds);
    mids.set(s, { bot, bm25 });
    const line = (label: string, load: string, m: Stats) =>
      out(
        `  ${label.padEnd(22)}${cell(String(s.words), 7)}${cell(String(s.sentences), 10)}${cell(load, 11)}${cell(us(m.p50), 11)}${cell(us(m.p90), 11)}${cell(us(m.p99), 11)}${cell(us(m.max), 11)}`,
      );
    line(`bot, ${s.name}`, `${s.loadMs.toFixed(0)} ms`, bot);
    line(`BM25, ${s.name}`, "", bm25);
  }
  for (const s of subjects) {
    out(
      `  ${`statuses, ${s.name}`.padEnd(22)}${Object.entries(s.statuses)
        .map(([status, count]) => `${status} ${count}`)
        .join(", ")} (one pass of ${s.asks.length} asks); BM25 found sentences for ${s.bm25Hits}`,
    );
    out(
      `  ${"bot median by kind".padEnd(22)}${[...s.byKind]
        .map(([kind, times]) => `${kind} ${(median(times) / 1e3).toFixed(3)}`)
        .join(", ")} ms (${s.name})`,
    );
    out(
      `  ${`bot p99 per round`.padEnd(22)}${s.botRounds.map((r) => (r.p99 / 1e3).toFixed(3)).join(" / ")} ms (${s.name})`,
    );
  }

  const seedMid = mids.get(seed)!;
  const longMid = mids.get(long)!;
  const longRatio = longMid.bot.p50 / seedMid.bot.p50;
  const bm25Ratio = (s: Subject) => mids.get(s)!.bot.p50 / mids.get(s)!.bm25.p50;
  out(`  live blog / seed, bot median per question:  ${longRatio.toFixed(2)}x`);
  for (const s of subjects)
    out(`${`  bot / BM25 median per question, ${s.name}:`.padEnd(46)}${bm25Ratio(s).toFixed(2)}x`);
  out(`  live blog p99 (shown, not a floor): ${us(longMid.bot.p99)}`);

  return [
    {
      name: `reading: seed p99 < ${FLOOR_P99_MS} ms (dates, typos, follow-ups)`,
      pass: seedMid.bot.p99 / 1e3 < FLOOR_P99_MS,
      detail: us(seedMid.bot.p99),
    },
    {
      name: `reading: live blog / seed median <= ${FLOOR_LONG_RATIO}x`,
      pass: longRatio <= FLOOR_LONG_RATIO,
      detail: `${longRatio.toFixed(2)}x, ${us(longMid.bot.p50)} / ${us(seedMid.bot.p50)}`,
    },
    ...subjects.map((s) => ({
      name: `reading: bot / BM25 median <= ${FLOOR_BM25_RATIO}x (${s.name})`,
      pass: bm25Ratio(s) <= FLOOR_BM25_RATIO,
      detail: `${bm25Ratio(s).toFixed(2)}x, ${us(mids.get(s)!.bot.p50)} / ${us(mids.get(s)!.bm25.p50)}`,
    })),
  ];
}

// Run alone (node dist/bench/reading.js): print the floors and exit 1 on a FAIL, as bench/run.ts does.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const floors = benchReading();
  for (const f of floors)
    process.stdout.write(`floor: ${f.name}: ${f.pass ? "PASS" : "FAIL"} (${f.detail})\n`);
  process.exitCode = floors.every((f) => f.pass) ? 0 : 1;
}
