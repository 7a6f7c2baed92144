import { BoundedMap } from "../core/bounded-map.js";

/**
 * A token bucket per user, shared by every adapter: a few questions a second with a small burst.
 * The clock is injectable so tests can step time instead of sleeping.
 */
export interface RateLimitOptions {
  /** Tokens a user may spend at once. */
  burst: number;
  /** Tokens refilled per second. */
  perSecond: number;
  /** Buckets kept at most; the least recently used are dropped past it. */
  maxUsers: number;
  now?: () => number;
}

export const DEFAULT_RATE_LIMIT: Readonly<RateLimitOptions> = Object.freeze({
  burst: 5,
  perSecond: 2,
  maxUsers: 10_000,
});

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * What the adapters ask before answering: may this user ask now? The memory token bucket below is
 * one process's answer; src/state/rate-limiter.ts shares the answer between instances through Redis.
 */
export interface UserRateLimiter {
  /** Spends one question for the user; false means the user is over the limit. */
  take(userKey: string): boolean | Promise<boolean>;
}

export class RateLimiter implements UserRateLimiter {
  private readonly buckets: BoundedMap<string, Bucket>;
  private readonly options: RateLimitOptions;
  private readonly now: () => number;

  constructor(options: Partial<RateLimitOptions> = {}) {
    this.options = { ...DEFAULT_RATE_LIMIT, ...options };
    this.now = options.now ?? Date.now;
    this.buckets = new BoundedMap(this.options.maxUsers);
  }

  /** Spends one token for the user; false means the user is over the limit. */
  take(userKey: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(userKey) ?? { tokens: this.options.burst, updatedAt: now };
    const refill = ((now - bucket.updatedAt) / 1000) * this.options.perSecond;
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + refill);
    bucket.updatedAt = now;
    this.buckets.set(userKey, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
