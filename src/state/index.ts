import { RateLimiter, type UserRateLimiter } from "../adapters/rate-limit.js";
import { FileGapLog, type GapLog, RedisGapLog } from "../gaps/log.js";
import type { Logger } from "../log.js";
import { MemoryState } from "./memory.js";
import type { SharedState } from "./types.js";

export type { SharedState } from "./types.js";
export { STATE_DEFAULTS } from "./types.js";

/** What every adapter shares, built once from the configuration. */
export interface Services {
  state: SharedState;
  rateLimiter: UserRateLimiter;
  gaps: GapLog;
  close(): Promise<void>;
}

export interface ServicesConfig {
  redisUrl?: string;
  stateDir: string;
}

/** Redis-backed when REDIS_URL is set (and memory behind it while Redis is away), memory otherwise. */
export async function createServices(config: ServicesConfig, logger: Logger): Promise<Services> {
  const file = new FileGapLog(config.stateDir);
  if (!config.redisUrl) {
    const state = new MemoryState();
    return { state, rateLimiter: new RateLimiter(), gaps: file, close: () => state.close() };
  }
  // ioredis and rate-limiter-flexible are loaded only when Redis is configured.
  const [{ RedisState }, { SharedRateLimiter }] = await Promise.all([
    import("./redis.js"),
    import("./rate-limiter.js"),
  ]);
  const state = await new RedisState(config.redisUrl, logger.child({ state: "redis" })).start();
  return {
    state,
    rateLimiter: new SharedRateLimiter(state.client),
    gaps: new RedisGapLog(state.client, () => state.healthy(), file),
    close: () => state.close(),
  };
}
