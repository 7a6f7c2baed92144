import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Where a question came from: the label every answer metric carries. */
export type Platform = "slack" | "discord" | "terminal";

/**
 * Every Prometheus metric the bot exports, in one registry (served on /metrics). One place to add
 * more: shared-state (Redis) and delivery counters belong here too, as named fields, so that
 * dashboards read one prefix (`strike_bot_`) and tests find them by name.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Answers sent, by the Answer's status (answered, unknown, clarify, help) and platform. */
  readonly answers: Counter<"platform" | "status">;
  /** Seconds from a question reaching the adapter to its answer being sent. */
  readonly answerSeconds: Histogram<"platform">;
  /** Questions refused by the per-user rate limit. */
  readonly rateLimited: Counter<"platform">;
  /** Retried or repeated events dropped because they were already answered. */
  readonly duplicatesDropped: Counter<"platform">;
  /** 1 while the platform's connection is up (Socket Mode / gateway open, HTTP listening), else 0. */
  readonly platformConnected: Gauge<"platform">;
  /** Article (fact store) rebuilds after the file changed: result ok or failed. */
  readonly articleReloads: Counter<"result">;
  /** Unix time (seconds) the fact store in use was loaded. */
  readonly articleLoadedAt: Gauge;
  /** Times one answer: call the returned function once the answer has been sent. */
  startAnswer(platform: Platform): (status: string) => void;
}

/** Answer latency buckets (seconds): the core answers in under a millisecond; sending dominates. */
const ANSWER_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A fresh registry with the bot's metrics. `processMetrics` adds Node's own (CPU, memory, event loop
 * lag, GC): on for the running bot, off in tests that build many.
 */
export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: "strike_bot_" });
  const registers = [registry];
  const answers = new Counter({
    name: "strike_bot_answers_total",
    help: "Answers sent, by status and platform.",
    labelNames: ["platform", "status"] as const,
    registers,
  });
  const answerSeconds = new Histogram({
    name: "strike_bot_answer_seconds",
    help: "Seconds from a question reaching the bot to its answer being sent.",
    labelNames: ["platform"] as const,
    buckets: ANSWER_BUCKETS,
    registers,
  });
  const rateLimited = new Counter({
    name: "strike_bot_rate_limited_total",
    help: "Questions refused by the per-user rate limit.",
    labelNames: ["platform"] as const,
    registers,
  });
  const duplicatesDropped = new Counter({
    name: "strike_bot_duplicates_dropped_total",
    help: "Retried or repeated events dropped because they were already answered.",
    labelNames: ["platform"] as const,
    registers,
  });
  const platformConnected = new Gauge({
    name: "strike_bot_platform_connected",
    help: "1 while the platform connection is up, else 0.",
    labelNames: ["platform"] as const,
    registers,
  });
  const articleReloads = new Counter({
    name: "strike_bot_article_reloads_total",
    help: "Fact store rebuilds after the article file changed, by result.",
    labelNames: ["result"] as const,
    registers,
  });
  const articleLoadedAt = new Gauge({
    name: "strike_bot_article_loaded_timestamp_seconds",
    help: "Unix time the fact store in use was loaded.",
    registers,
  });
  return {
    registry,
    answers,
    answerSeconds,
    rateLimited,
    duplicatesDropped,
    platformConnected,
    articleReloads,
    articleLoadedAt,
    startAnswer(platform) {
      const stop = answerSeconds.startTimer({ platform });
      return (status) => {
        stop();
        answers.inc({ platform, status });
      };
    },
  };
}
