/** Tunables of the delivery path, in one frozen object; tests and the bench override some. */
export interface DeliveryConfig {
  /** Attempts per delivery, the first included, before it is given up as lost. */
  maxAttempts: number;
  /** Backoff before the n-th retry: a random wait in [d/2, d] with d = base * 2^(n-1), capped. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Each call is abandoned (and retried) after this long: a server that accepts and never answers. */
  callTimeoutMs: number;
  /** Deliveries waiting, running or backing off at once; past it new work is refused and counted. */
  maxPending: number;
  /** Health turns unready while more than this many are pending. */
  highWaterMark: number;
  /** Calls in flight at once; the rest wait their turn. */
  concurrency: number;
  /** This many failed attempts in a row (no success between) mark delivery as failing. */
  failingAfter: number;
  /** How long a channel message may take to get out before it is no use in a chat and is lost. */
  messageTtlMs: number;
  /** Posts one response_url takes: Slack's limit is 5 (a load bench that reuses URLs lifts it). */
  responseUrlUses: number;
}

export const DEFAULT_DELIVERY: Readonly<DeliveryConfig> = Object.freeze({
  maxAttempts: 10,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  callTimeoutMs: 5_000,
  maxPending: 5_000,
  highWaterMark: 1_000,
  concurrency: 64,
  failingAfter: 3,
  messageTtlMs: 10 * 60_000,
  responseUrlUses: 5,
});

/** Slack's limits on a response_url: it works for 30 minutes and takes at most 5 messages. */
export const RESPONSE_URL_TTL_MS = 30 * 60_000;
/** Discord's interaction tokens (follow-ups and edits) work for 15 minutes. */
export const INTERACTION_TOKEN_TTL_MS = 15 * 60_000;
/** The initial interaction response must come within 3 seconds. */
export const INTERACTION_CALLBACK_TTL_MS = 3_000;

/** How long SIGTERM waits for deliveries before counting the rest as lost (DRAIN_TIMEOUT_MS). */
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
