import type { UserRateLimiter } from "../rate-limit.js";

/**
 * Wraps the shared per-user limiter for Discord: keys users as "discord:<id>" and tells the
 * caller whether to send the "slow down" notice (once per streak of refused messages, so a user
 * who keeps typing does not get a notice for each one).
 */
export class DiscordRateGate {
  private readonly noticed = new Set<string>();

  constructor(private readonly limiter: UserRateLimiter) {}

  /** "ok": go ahead; "notify": refused, tell the user; "quiet": refused, already told. */
  async check(userId: string): Promise<"ok" | "notify" | "quiet"> {
    const key = `discord:${userId}`;
    if (await this.limiter.take(key)) {
      this.noticed.delete(key);
      return "ok";
    }
    if (this.noticed.has(key)) return "quiet";
    if (this.noticed.size > 10_000) this.noticed.clear();
    this.noticed.add(key);
    return "notify";
  }
}
