import type { Logger } from "../../log.js";
import { DEFAULT_DELIVERY, type DeliveryConfig } from "./config.js";
import { commonVerdict, DeliveryError, type Verdict } from "./verdict.js";

/** One outgoing message: how to send it once, how long it can still be sent, and how to read a failure. */
export interface Delivery<T = unknown> {
  /** What kind of call it is (chat.postMessage, response_url, discord.reply, …), for logs and stats. */
  kind: string;
  /** What it answers (mention, slash:ask, …), for logs. */
  what?: string;
  /** Where it goes (a channel, a response_url), for logs: the logger's redactor strips secret parts. */
  target?: string;
  /** After this instant (ms since the epoch) the platform can no longer take it. */
  expiresAt: number;
  /** One attempt; the signal aborts it at the call timeout or at the end of a drain. */
  attempt(signal: AbortSignal): Promise<T>;
  /** Why it can no longer be sent (a response_url used up), checked before each attempt. */
  unusable?(): string | undefined;
  /** Reads a failure; undefined falls back to the shared rules (network errors retry, others do not). */
  classify?(error: unknown): Verdict | undefined;
}

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "refused" | "expired" | "failed" | "shutdown"; detail: string };

export interface DeliveryStats {
  delivered: number;
  retried: number;
  lost: number;
  refused: number;
  /** Deliveries waiting, in flight or backing off now. */
  pending: number;
  highWaterMark: number;
  /** Several attempts in a row have failed (none succeeded since). */
  failing: boolean;
  lostByReason: Record<string, number>;
}

/**
 * Where every outgoing message goes: bounded retries with jittered backoff that honours Retry-After,
 * a timeout on every call, expiry, a bounded number pending, and a drain with a time limit. Every
 * delivery ends delivered or lost, and a loss is counted and logged with its reason. deliver() never
 * rejects.
 */
export interface Outbox {
  deliver<T>(delivery: Delivery<T>): Promise<Outcome<T>>;
  /** Whether new work would be taken now (not full, not draining). */
  hasRoom(): boolean;
  stats(): DeliveryStats;
  /** Healthy: not failing and under the high-water mark. */
  healthy(): boolean;
  /** Stops taking work; waits up to timeoutMs for what is pending, then counts the rest as lost. */
  drain(timeoutMs: number): Promise<{ delivered: boolean; lost: number }>;
}

interface Job {
  target: string | undefined;
  kind: string;
  what: string | undefined;
  settle(outcome: Outcome<unknown>): void;
  controller?: AbortController;
  wake?: () => void;
  done: boolean;
}

/** The in-memory Outbox: within one process, nothing acknowledged is dropped without being counted. */
export class MemoryOutbox implements Outbox {
  private readonly config: DeliveryConfig;
  private readonly jobs = new Set<Job>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  /** Set when a drain has ended: nothing more is taken. (During a drain, work already started may still come in.) */
  private closed = false;
  private failedInARow = 0;
  private readonly counts = { delivered: 0, retried: 0, lost: 0, refused: 0 };
  private readonly lostByReason: Record<string, number> = {};

  constructor(
    private readonly logger: Logger,
    config: Partial<DeliveryConfig> = {},
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.config = { ...DEFAULT_DELIVERY, ...config };
  }

  hasRoom(): boolean {
    return !this.closed && this.jobs.size < this.config.maxPending;
  }

  stats(): DeliveryStats {
    return {
      ...this.counts,
      pending: this.jobs.size,
      highWaterMark: this.config.highWaterMark,
      failing: this.failedInARow >= this.config.failingAfter,
      lostByReason: { ...this.lostByReason },
    };
  }

  healthy(): boolean {
    return this.failedInARow < this.config.failingAfter && this.jobs.size <= this.config.highWaterMark;
  }

  deliver<T>(delivery: Delivery<T>): Promise<Outcome<T>> {
    if (!this.hasRoom()) {
      this.counts.refused += 1;
      const detail = this.closed ? "shut down" : `${this.jobs.size} deliveries pending`;
      this.logger.warn({ kind: delivery.kind, what: delivery.what, detail }, "delivery refused");
      return Promise.resolve({ ok: false, reason: "refused", detail });
    }
    return new Promise<Outcome<T>>((resolve) => {
      const job: Job = {
        kind: delivery.kind,
        what: delivery.what,
        target: delivery.target,
        done: false,
        settle: (outcome) => {
          if (job.done) return;
          job.done = true;
          this.jobs.delete(job);
          job.wake?.();
          resolve(outcome as Outcome<T>);
        },
      };
      this.jobs.add(job);
      void this.run(delivery, job);
    });
  }

  private async run<T>(delivery: Delivery<T>, job: Job): Promise<void> {
    let lastReason = "";
    for (let attempt = 1; !job.done; attempt += 1) {
      await this.acquire();
      if (job.done) {
        this.release();
        return;
      }
      // Checked once the call can start, with no await between the check and the call.
      const unusable = this.now() >= delivery.expiresAt ? lastReason || "too late" : delivery.unusable?.();
      if (unusable !== undefined) {
        this.release();
        return this.lose(delivery, job, "expired", unusable);
      }
      let verdict: Verdict;
      let failure: unknown;
      try {
        const value = await this.attemptOnce(delivery, job);
        this.release();
        if (job.done) return;
        this.failedInARow = 0;
        this.counts.delivered += 1;
        job.settle({ ok: true, value });
        return;
      } catch (error) {
        this.release();
        if (job.done) return;
        failure = error;
        verdict = delivery.classify?.(error) ??
          commonVerdict(error) ?? { retry: false, reason: errorName(error) };
      }
      this.failedInARow += 1;
      lastReason = verdict.reason;
      if (!verdict.retry) return this.lose(delivery, job, "failed", verdict.reason, failure);
      if (attempt >= this.config.maxAttempts)
        return this.lose(delivery, job, "failed", `${attempt} attempts, last: ${verdict.reason}`, failure);
      const wait = Math.max(verdict.retryAfterMs ?? 0, this.backoff(attempt));
      if (this.now() + wait >= delivery.expiresAt)
        return this.lose(delivery, job, "expired", `would retry after expiry (${verdict.reason})`, failure);
      this.counts.retried += 1;
      this.logger.debug(
        {
          kind: delivery.kind,
          what: delivery.what,
          attempt,
          waitMs: Math.round(wait),
          reason: verdict.reason,
        },
        "delivery retrying",
      );
      // A failed call's error holds its request and response: do not keep thousands alive while waiting.
      failure = undefined;
      await this.sleep(wait, job);
    }
  }

  /** One call, abandoned at the call timeout (the signal aborts it; a call that ignores it is raced). */
  private attemptOnce<T>(delivery: Delivery<T>, job: Job): Promise<T> {
    const controller = new AbortController();
    job.controller = controller;
    let timer: NodeJS.Timeout | undefined;
    return new Promise<T>((resolve, reject) => {
      timer = setTimeout(() => {
        const error = new DeliveryError(`no answer within ${this.config.callTimeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, this.config.callTimeoutMs);
      controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
      delivery.attempt(controller.signal).then(resolve, reject);
    }).finally(() => {
      job.controller = undefined;
      clearTimeout(timer);
    });
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, this.config, this.random());
  }

  private sleep(ms: number, job: Job): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        job.wake = undefined;
        resolve();
      }
      job.wake = done;
    });
  }

  private acquire(): Promise<void> {
    if (this.running < this.config.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(() => {
        this.running += 1;
        resolve();
      });
    });
  }

  private release(): void {
    this.running -= 1;
    this.waiting.shift()?.();
  }

  private lose(
    delivery: Delivery<unknown>,
    job: Job,
    reason: "expired" | "failed" | "shutdown",
    detail: string,
    error?: unknown,
  ): void {
    if (job.done) return;
    this.counts.lost += 1;
    this.lostByReason[reason] = (this.lostByReason[reason] ?? 0) + 1;
    this.logger.error(
      {
        kind: delivery.kind,
        what: delivery.what,
        target: delivery.target,
        reason,
        detail,
        ...(error !== undefined ? { err: error } : {}),
      },
      "delivery lost",
    );
    job.settle({ ok: false, reason, detail });
  }

  async drain(timeoutMs: number): Promise<{ delivered: boolean; lost: number }> {
    const deadline = this.now() + timeoutMs;
    while (this.jobs.size > 0 && this.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(20, Math.max(1, deadline - this.now()))));
    }
    this.closed = true;
    const left = [...this.jobs];
    for (const job of left) {
      job.controller?.abort(new DeliveryError("shutting down"));
      this.logger.error(
        { kind: job.kind, what: job.what, target: job.target, reason: "shutdown", drainTimeoutMs: timeoutMs },
        "delivery lost",
      );
      this.counts.lost += 1;
      this.lostByReason.shutdown = (this.lostByReason.shutdown ?? 0) + 1;
      job.settle({ ok: false, reason: "shutdown", detail: `not delivered within the ${timeoutMs} ms drain` });
    }
    if (left.length > 0)
      this.logger.error({ lost: left.length, drainTimeoutMs: timeoutMs }, "deliveries lost at shutdown");
    return { delivered: left.length === 0, lost: left.length };
  }
}

/**
 * Jittered exponential backoff after the n-th failed attempt: somewhere in the upper half of
 * base * 2^(n-1), capped at maxDelayMs (the jitter spreads a crowd of retries after an outage).
 */
export function backoffDelay(
  attempt: number,
  config: Pick<DeliveryConfig, "baseDelayMs" | "maxDelayMs">,
  random: number,
): number {
  const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + (random * ceiling) / 2;
}

function errorName(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
