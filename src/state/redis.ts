import { Redis } from "ioredis";
import type { Logger } from "../log.js";
import { MemoryState } from "./memory.js";
import { type SharedState, STATE_DEFAULTS } from "./types.js";

export interface RedisStateOptions {
  /** How long start() waits for a first connection before serving from memory (default 2 s). */
  connectWaitMs?: number;
  commandTimeoutMs?: number;
}

/**
 * State in Redis, shared by every instance, with this process's memory behind it: every write also
 * lands locally, so while Redis is down or unreachable the bot keeps answering from what it knows.
 * ioredis reconnects by itself; one warning is logged per outage and one line when Redis is back.
 */
export class RedisState implements SharedState {
  readonly kind = "redis" as const;
  readonly client: Redis;
  private readonly local = new MemoryState();
  private up = false;
  /** When a command last failed on a live connection (a timeout): memory answers for a moment. */
  private failedAt = Number.NEGATIVE_INFINITY;
  /** True once an outage has been reported, so one outage gives one warning. */
  private reported = false;
  private closing = false;
  /** Claims made in memory while Redis could not be asked: written to Redis once it answers again. */
  private readonly pendingClaims = new Map<string, number>();

  constructor(
    url: string,
    private readonly logger: Logger,
    private readonly options: RedisStateOptions = {},
  ) {
    this.client = new Redis(url, {
      keyPrefix: STATE_DEFAULTS.keyPrefix,
      // A command while disconnected fails at once (the memory answers) instead of queueing for later.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeoutMs ?? STATE_DEFAULTS.commandTimeoutMs,
      connectTimeout: 2_000,
      // Keep trying for ever, at most every 2 s: Redis coming back is noticed within seconds.
      retryStrategy: (times) => Math.min(100 * times, 2_000),
      lazyConnect: true,
    });
    this.client.on("ready", () => {
      this.up = true;
      this.failedAt = Number.NEGATIVE_INFINITY;
      this.recovered();
    });
    this.client.on("error", (error: Error) => this.down(error));
    this.client.on("close", () => this.down(new Error("connection closed")));
  }

  /** Connects, waiting a little for Redis; if it is not there the bot starts on memory anyway. */
  async start(): Promise<this> {
    const wait = this.options.connectWaitMs ?? 2_000;
    const connected = this.client.connect().then(
      () => true,
      () => false,
    );
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), wait).unref());
    if (!(await Promise.race([connected, timeout]))) this.down(new Error("not reachable at start"));
    return this;
  }

  private recovered(): void {
    if (this.reported) this.logger.info("redis reachable again: shared state back in use");
    this.reported = false;
    void this.flushClaims();
  }

  /**
   * A first delivery answered during an outage is claimed in Redis afterwards, so a retry of it that
   * reaches another instance later is still recognised.
   */
  private async flushClaims(): Promise<void> {
    const now = Date.now();
    const claims = [...this.pendingClaims];
    this.pendingClaims.clear();
    for (const [key, expiresAt] of claims) {
      if (expiresAt <= now) continue;
      try {
        await this.client.set(key, "1", "PX", expiresAt - now, "NX");
      } catch {
        return; // Down again: what is left stays in memory only.
      }
    }
  }

  /** The connection is gone (ioredis reconnects by itself and says "ready" when it is back). */
  private down(error: Error): void {
    this.up = false;
    this.report(error);
  }

  /**
   * A command failed on a connection that still looks open (a timeout, a busy server): memory answers
   * for the next moment, then Redis is tried again; a connection-level failure also shows up as down().
   */
  private failed(error: Error): void {
    this.failedAt = Date.now();
    this.report(error);
  }

  private report(error: Error): void {
    if (this.closing || this.reported) return;
    this.reported = true;
    this.logger.warn(
      { err: { message: error.message } },
      "redis unavailable: answering from this process's memory until it is back",
    );
  }

  healthy(): boolean {
    return (
      this.up &&
      this.client.status === "ready" &&
      Date.now() - this.failedAt > STATE_DEFAULTS.retryAfterFailureMs
    );
  }

  /** A command went through: if an outage was reported and the connection never dropped, it is over. */
  private succeeded(): void {
    if (this.reported && this.up) this.recovered();
    else if (this.pendingClaims.size > 0) void this.flushClaims();
  }

  async claim(key: string, ttlMs: number, failClosed = false): Promise<boolean> {
    const seenHere = this.local.hasSync(key);
    this.local.setSync(key, "1", ttlMs);
    if (this.healthy()) {
      try {
        const claimed = (await this.client.set(key, "1", "PX", ttlMs, "NX")) === "OK";
        this.succeeded();
        return claimed;
      } catch (error) {
        this.failed(error as Error);
      }
    }
    // Redis cannot be asked: what this process saw decides, then the caller's choice.
    if (seenHere) return false;
    if (failClosed) return false;
    if (this.pendingClaims.size < STATE_DEFAULTS.maxKeysPerNamespace)
      this.pendingClaims.set(key, Date.now() + ttlMs);
    return true;
  }

  async get(key: string): Promise<string | undefined> {
    if (this.healthy()) {
      try {
        const value = (await this.client.get(key)) ?? undefined;
        this.succeeded();
        return value;
      } catch (error) {
        this.failed(error as Error);
      }
    }
    return this.local.getSync(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.local.setSync(key, value, ttlMs);
    if (!this.healthy()) return;
    try {
      await this.client.set(key, value, "PX", ttlMs);
      this.succeeded();
    } catch (error) {
      this.failed(error as Error);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    this.client.disconnect();
    await this.local.close();
  }
}
