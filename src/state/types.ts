/**
 * What the adapters share between instances: a tiny key-value store with expiry. Two implementations:
 * memory (one process, the default) and Redis (every instance, when REDIS_URL is set).
 * Keys are namespaced by their first segment ("dedupe:…", "thread:…", "context:…").
 */
export interface SharedState {
  /** "memory" or "redis": where the state lives when everything is up. */
  readonly kind: "memory" | "redis";
  /**
   * Claims a key atomically (set-if-absent with a TTL): true for the first claimer, false after.
   * `failClosed` says what to answer when the shared store cannot be asked and this process has not
   * seen the key: false (treat as already claimed) for a retry, true for a first delivery.
   */
  claim(key: string, ttlMs: number, failClosed?: boolean): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Whether the shared store is reachable now (memory: always). */
  healthy(): boolean;
  close(): Promise<void>;
}

/** How long each kind of key lives, and how many of each a process keeps in memory. */
export const STATE_DEFAULTS = Object.freeze({
  /** Slack retries an event for up to an hour: remember ids at least that long. */
  dedupeTtlMs: 60 * 60 * 1000,
  /** The threads the bot talks in stay followed for a week after its last answer there. */
  threadTtlMs: 7 * 24 * 60 * 60 * 1000,
  /** Keys kept per namespace in memory; the least recently used go first past it. */
  maxKeysPerNamespace: 20_000,
  /** Redis: a command that has not answered in this long counts as Redis being down. */
  commandTimeoutMs: 500,
  /** Redis: after a failed command, this process's memory answers for this long before Redis is tried again. */
  retryAfterFailureMs: 1_000,
  /** Redis: key prefix, so one Redis can serve other things too. */
  keyPrefix: "strike-bot:",
});
