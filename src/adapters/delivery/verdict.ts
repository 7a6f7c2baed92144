/** What to do after a failed attempt: try again (after at least retryAfterMs), or give up with a reason. */
export interface Verdict {
  retry: boolean;
  reason: string;
  retryAfterMs?: number;
}

/** A failure the delivery path raises itself: a timeout, or an HTTP answer from a plain fetch. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

/** Retry-After in seconds (Slack, Discord) or an HTTP date, as milliseconds; undefined when absent. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** HTTP statuses worth another try: the server's trouble, or "slow down". */
export function retryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ECONNABORTED",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** True for a failure of the connection itself (refused, reset, timed out, aborted), at any depth of cause. */
export function isNetworkError(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== "object" || depth > 4) return false;
  const e = error as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    cause?: unknown;
    original?: unknown;
  };
  if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  if (e.name === "AbortError" || e.name === "TimeoutError") return true;
  if (e.name === "TypeError" && e.message === "fetch failed") return true;
  return isNetworkError(e.cause, depth + 1) || isNetworkError(e.original, depth + 1);
}

/** The verdict for errors every sender shares: our own DeliveryError and network failures. */
export function commonVerdict(error: unknown): Verdict | undefined {
  if (error instanceof DeliveryError) {
    if (error.status === undefined) return { retry: true, reason: error.message };
    return {
      retry: retryableStatus(error.status),
      reason: `HTTP ${error.status}`,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  if (isNetworkError(error)) return { retry: true, reason: "network error" };
  return undefined;
}
