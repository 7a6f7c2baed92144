import { BoundedMap } from "../../core/bounded-map.js";

/**
 * Remembers recently seen Slack event_ids so a retried delivery (X-Slack-Retry-Num, or a Socket Mode
 * retry_attempt) is answered once. Bounded by count and by age.
 */
export class EventDedupe {
  private readonly seen: BoundedMap<string, number>;

  constructor(
    maxEntries = 5_000,
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {
    this.seen = new BoundedMap(maxEntries);
  }

  /** True the first time an id is seen (within the window), false for a repeat. */
  firstTime(id: string): boolean {
    const now = this.now();
    const at = this.seen.peek(id);
    if (at !== undefined && now - at < this.ttlMs) return false;
    this.seen.set(id, now);
    return true;
  }
}

/** A bounded set of keys (least recently added dropped first): the threads the bot is talking in. */
export class BoundedSet {
  private readonly keys: BoundedMap<string, true>;

  constructor(maxEntries = 10_000) {
    this.keys = new BoundedMap(maxEntries);
  }

  add(key: string): void {
    this.keys.set(key, true);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }
}
