import type { RateLimiter } from "../rate-limit.js";

/**
 * Wraps the shared per-user RateLimiter for Discord: keys users as "discord:<id>" and tells the
 * caller whether to send the "slow down" notice (once per streak of refused messages, so a user
 * who keeps typing does not get a notice for each one).
 */
export class DiscordRateGate {
  private readonly noticed = new Set<string>();

  constructor(private readonly limiter: RateLimiter) {}

  /** "ok": go ahead; "notify": refused, tell the user; "quiet": refused, already told. */
  check(userId: string): "ok" | "notify" | "quiet" {
    const key = `discord:${userId}`;
    if (this.limiter.take(key)) {
      this.noticed.delete(key);
      return "ok";
    }
    if (this.noticed.has(key)) return "quiet";
    if (this.noticed.size > 10_000) this.noticed.clear();
    this.noticed.add(key);
    return "notify";
  }
}
