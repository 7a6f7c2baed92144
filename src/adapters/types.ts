import type { Bot } from "../core/bot.js";
import type { GapLog } from "../gaps/log.js";
import type { Logger } from "../log.js";
import type { SharedState } from "../state/types.js";
import type { UserRateLimiter } from "./rate-limit.js";

/** What every adapter needs from the entry point. */
export interface AdapterDeps {
  bot: Bot;
  logger: Logger;
  rateLimiter: UserRateLimiter;
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
