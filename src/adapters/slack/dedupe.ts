/**
 * Remembers recently seen Slack event_ids so a retried delivery (X-Slack-Retry-Num, or a Socket Mode
 * retry_attempt) is answered once. Bounded by count and by age.
 */
export class EventDedupe {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxEntries = 5_000,
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time an id is seen (within the window), false for a repeat. */
  firstTime(id: string): boolean {
    const now = this.now();
    const at = this.seen.get(id);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.delete(id);
    this.seen.set(id, now);
    while (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }
}

/** A bounded set of keys (least recently added dropped first): the threads the bot is talking in. */
export class BoundedSet {
  private readonly keys = new Set<string>();

  constructor(private readonly maxEntries = 10_000) {}

  add(key: string): void {
    this.keys.delete(key);
    this.keys.add(key);
    while (this.keys.size > this.maxEntries) {
      const oldest = this.keys.values().next().value;
      if (oldest === undefined) break;
      this.keys.delete(oldest);
    }
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }
}
