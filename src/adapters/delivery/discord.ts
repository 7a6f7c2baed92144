import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { INTERACTION_TOKEN_TTL_MS } from "./config.js";
import type { Outbox } from "./outbox.js";
import { retryableStatus, type Verdict } from "./verdict.js";

/** Discord error codes meaning the interaction or its token is gone: no retry can help. */
const GONE_CODES = new Set([
  10062, // Unknown interaction (the 3-second window passed)
  10015, // Unknown webhook
  50027, // Invalid webhook token (the 15 minutes passed)
  10008, // Unknown message
  40060, // Interaction has already been acknowledged
]);

/** Reads a discord.js REST failure (its own retries are off: the outbox retries). */
export function discordVerdict(error: unknown): Verdict | undefined {
  if (error instanceof RateLimitError)
    return { retry: true, reason: "rate limited (429)", retryAfterMs: error.retryAfter };
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === "number" ? error.code : 0;
    if (GONE_CODES.has(code)) return { retry: false, reason: `gone (Discord code ${code})` };
    return { retry: retryableStatus(error.status), reason: `HTTP ${error.status} (Discord code ${code})` };
  }
  if (error instanceof HTTPError)
    return { retry: retryableStatus(error.status), reason: `HTTP ${error.status}` };
  return undefined;
}

/** Discord's outgoing calls (interaction replies, follow-ups, edits, message replies) through the outbox. */
export class DiscordDelivery {
  constructor(
    private readonly outbox: Outbox,
    private readonly messageTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** When an interaction's token stops working: 15 minutes after the interaction was created. */
  interactionExpiry(createdTimestamp: number): number {
    return createdTimestamp + INTERACTION_TOKEN_TTL_MS;
  }

  /** When a plain message reply is no use any more. */
  messageExpiry(): number {
    return this.now() + this.messageTtlMs;
  }

  hasRoom(): boolean {
    return this.outbox.hasRoom();
  }

  /**
   * Sends through the outbox; resolves with what the call returned, or undefined when the delivery
   * was lost or refused (already counted and logged there). Never rejects.
   */
  async send<T>(
    kind: string,
    what: string,
    expiresAt: number,
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    const outcome = await this.outbox.deliver({
      kind,
      what,
      expiresAt,
      attempt: () => call(),
      classify: discordVerdict,
    });
    return outcome.ok ? outcome.value : undefined;
  }
}
