import type { webApi } from "@slack/bolt";
import { BoundedMap } from "../../core/bounded-map.js";
import { DEFAULT_DELIVERY, RESPONSE_URL_TTL_MS } from "./config.js";
import type { Outbox, Outcome } from "./outbox.js";
import { DeliveryError, parseRetryAfter, retryableStatus, type Verdict } from "./verdict.js";

/** Slack platform errors that are Slack's trouble, not ours: worth another try. */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "ratelimited",
]);

/** Reads a Web API client failure (the client itself never retries: the outbox does). */
export function slackVerdict(error: unknown): Verdict | undefined {
  const e = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    headers?: Record<string, string | undefined>;
    data?: { error?: string };
  };
  switch (e?.code) {
    case "slack_webapi_rate_limited_error":
      return { retry: true, reason: "rate limited (429)", retryAfterMs: (e.retryAfter ?? 1) * 1000 };
    case "slack_webapi_request_error":
      return { retry: true, reason: "network error" };
    case "slack_webapi_http_error": {
      const status = e.statusCode ?? 0;
      const retryAfterMs = parseRetryAfter(e.headers?.["retry-after"]);
      return {
        retry: retryableStatus(status),
        reason: `HTTP ${status}`,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      };
    }
    case "slack_webapi_platform_error": {
      const platform = e.data?.error ?? "unknown";
      return { retry: TRANSIENT_PLATFORM_ERRORS.has(platform), reason: platform };
    }
    default:
      return undefined;
  }
}

/** Arguments of chat.postMessage / chat.postEphemeral as the handlers build them. */
export type PostArgs = webApi.ChatPostMessageArguments;
export type EphemeralArgs = webApi.ChatPostEphemeralArguments;

interface UrlBudget {
  firstSeen: number;
  /** Posts that got through, and posts under way (each may use the URL once). */
  uses: number;
  inFlight: number;
}

/**
 * Slack's outgoing calls through the outbox: chat.postMessage, chat.postEphemeral (Web API client
 * with its own retries off and a timeout) and response_url posts (fetch with an abort signal), the
 * latter kept within Slack's 30 minutes and 5 uses.
 */
export class SlackDelivery {
  private readonly urls = new BoundedMap<string, UrlBudget>(20_000);

  constructor(
    private readonly outbox: Outbox,
    private readonly client: webApi.WebClient,
    private readonly messageTtlMs: number,
    private readonly now: () => number = Date.now,
    private readonly responseUrlUses = DEFAULT_DELIVERY.responseUrlUses,
  ) {}

  /** Whether one more delivery would be taken now. */
  hasRoom(): boolean {
    return this.outbox.hasRoom();
  }

  postMessage(args: PostArgs, what: string): Promise<Outcome<unknown>> {
    return this.outbox.deliver({
      kind: "chat.postMessage",
      what,
      target: args.channel,
      expiresAt: this.now() + this.messageTtlMs,
      attempt: () => this.client.chat.postMessage(args),
      classify: slackVerdict,
    });
  }

  postEphemeral(args: EphemeralArgs, what: string): Promise<Outcome<unknown>> {
    return this.outbox.deliver({
      kind: "chat.postEphemeral",
      what,
      target: args.channel,
      expiresAt: this.now() + this.messageTtlMs,
      attempt: () => this.client.chat.postEphemeral(args),
      classify: slackVerdict,
    });
  }

  /** Notes when a response_url was first seen (its 30 minutes run from the request that carried it). */
  seen(responseUrl: string): void {
    if (!this.urls.has(responseUrl))
      this.urls.set(responseUrl, { firstSeen: this.now(), uses: 0, inFlight: 0 });
  }

  respond(responseUrl: string, body: Record<string, unknown>, what: string): Promise<Outcome<unknown>> {
    this.seen(responseUrl);
    const budget = this.urls.peek(responseUrl) ?? { firstSeen: this.now(), uses: 0, inFlight: 0 };
    return this.outbox.deliver({
      kind: "response_url",
      what,
      target: responseUrl,
      expiresAt: budget.firstSeen + RESPONSE_URL_TTL_MS,
      unusable: () =>
        budget.uses + budget.inFlight >= this.responseUrlUses
          ? `response_url already used ${this.responseUrlUses} times`
          : undefined,
      attempt: async (signal) => {
        budget.inFlight += 1;
        try {
          const res = await fetch(responseUrl, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
            signal,
          });
          await res.arrayBuffer();
          if (!res.ok)
            throw new DeliveryError(
              `response_url answered ${res.status}`,
              res.status,
              parseRetryAfter(res.headers.get("retry-after")),
            );
          budget.uses += 1;
        } finally {
          budget.inFlight -= 1;
        }
      },
    });
  }
}
