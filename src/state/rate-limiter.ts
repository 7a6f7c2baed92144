import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { DEFAULT_RATE_LIMIT, type UserRateLimiter } from "../adapters/rate-limit.js";

/**
 * The per-user limit shared by every instance and by Slack and Discord (keys are "slack:…" and
 * "discord:…"): `burst` questions per window of burst/perSecond seconds, counted in Redis. While
 * Redis is unreachable the insurance limiter counts in this process's memory instead.
 */
export class SharedRateLimiter implements UserRateLimiter {
  private readonly limiter: RateLimiterRedis;

  constructor(client: Redis, options: { burst: number; perSecond: number } = DEFAULT_RATE_LIMIT) {
    const points = options.burst;
    const duration = Math.max(1, Math.ceil(options.burst / options.perSecond));
    this.limiter = new RateLimiterRedis({
      storeClient: client,
      keyPrefix: "rate",
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points, duration, keyPrefix: "rate-local" }),
    });
  }

  async take(userKey: string): Promise<boolean> {
    try {
      await this.limiter.consume(userKey);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false;
      // Both stores failed (should not happen with a memory insurance): let the user through.
      return true;
    }
  }
}
