import type { Bot } from "../core/bot.js";
import type { Logger } from "../log.js";
import type { RateLimiter } from "./rate-limit.js";

/** What every adapter needs from the entry point. */
export interface AdapterDeps {
  bot: Bot;
  logger: Logger;
  rateLimiter: RateLimiter;
}

/** A started adapter; stop() stops taking events, finishes in-flight answers, then disconnects. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}
