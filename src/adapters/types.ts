import type { Bot } from "../core/bot.js";
import type { GapLog } from "../gaps/log.js";
import type { Health } from "../health.js";
import type { Logger } from "../log.js";
import type { Metrics } from "../metrics.js";
import type { SharedState } from "../state/types.js";
import type { UserRateLimiter } from "./rate-limit.js";

/** What every adapter needs from the entry point. */
export interface AdapterDeps {
  /** The bot, or a BotHolder (hot article updates): adapters call it afresh for every answer. */
  bot: Bot;
  logger: Logger;
  rateLimiter: UserRateLimiter;
  /** Where the adapter counts answers, rate limits, duplicates and its connection; default: its own. */
  metrics?: Metrics;
  /** Readiness shared with /healthz; default: the adapter's own (article loaded, its connection). */
  health?: Health;
  /** Shared state (Redis) or this process's memory, the default. */
  state?: SharedState;
  /** Where unanswered questions are recorded; none: not recorded. */
  gaps?: GapLog;
  /** User ids (Slack and Discord) that may see /strike gaps. */
  admins?: readonly string[];
}

/** A started adapter; stop() stops taking events, finishes in-flight answers, then disconnects. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}
