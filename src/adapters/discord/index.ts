import { once } from "node:events";
import { type Client, type ClientEvents, type ClientOptions, Events, RESTEvents } from "discord.js";
import { holderFor } from "../../bot-holder.js";
import { gapsAnswer } from "../../gaps/command.js";
import { Health } from "../../health.js";
import { createMetrics } from "../../metrics.js";
import { SharedConversations } from "../../state/conversations.js";
import { MemoryState } from "../../state/memory.js";
import { capConversationId } from "../conversation-id.js";
import { DEFAULT_DELIVERY, DEFAULT_DRAIN_TIMEOUT_MS, type DeliveryConfig } from "../delivery/config.js";
import { DiscordDelivery } from "../delivery/discord.js";
import { type DeliveryStats, MemoryOutbox, type Outbox } from "../delivery/outbox.js";
import type { AdapterDeps, RunningAdapter } from "../types.js";
import { createDiscordClient } from "./client.js";
import type { DiscordConfig } from "./config.js";
import type { HandlerContext } from "./context.js";
import { ConversationTracker } from "./conversations.js";
import { InFlight } from "./in-flight.js";
import { handleInteraction, replyHandlerError } from "./interaction-handler.js";
import { handleMessage, replyMessageError } from "./message-handler.js";
import { registerCommands } from "./register.js";
import { DiscordRateGate } from "./slow-down.js";
import { SuggestionButtons } from "./suggestion-buttons.js";

export type { DiscordConfig } from "./config.js";
export { readDiscordConfig } from "./config.js";

export interface StartDiscordOptions {
  /** Defer interactions once this much of the 3-second window has gone (default 2,000 ms). */
  deferAfterMs?: number;
  /** Clock for the defer decision (tests). */
  now?: () => number;
  /** Extra discord.js client options (tests shorten timeouts with these). */
  clientOptions?: Partial<ClientOptions>;
  /** How long stop() waits for answers in flight before counting them lost. Default 10 s. */
  drainTimeoutMs?: number;
  /** Delivery tunables (retries, backoff, timeouts, queue bounds). */
  delivery?: Partial<DeliveryConfig>;
  /** Another outbox (shared with another adapter, or persistent). Default: an in-memory one. */
  outbox?: Outbox;
}

export interface RunningDiscord extends RunningAdapter {
  /** The underlying discord.js client, for diagnostics and tests. */
  client: Client;
  /** Delivered, retried, lost, refused, pending, failing. */
  deliveryStats(): DeliveryStats;
}

/**
 * Connects to Discord and answers mentions, replies, DMs and /strike interactions until stop().
 * Resolves once the gateway session is ready; rejects (with the client destroyed) if login fails.
 */
export async function startDiscord(
  config: DiscordConfig,
  deps: AdapterDeps,
  options: StartDiscordOptions = {},
): Promise<RunningDiscord> {
  const { logger } = deps;
  // Read through the holder on every call: a hot article update changes answers and speakers.
  const bot = holderFor(deps.bot);
  const log = logger.child({ adapter: "discord" });
  const metrics = deps.metrics ?? createMetrics();
  const health = deps.health ?? new Health(metrics);
  if (!deps.health) health.articleLoaded(bot.title);
  health.expect("discord");
  const state = deps.state ?? new MemoryState();
  const shared = new SharedConversations(bot, state, deps.gaps, log);
  const deliveryConfig = { ...DEFAULT_DELIVERY, ...options.delivery };
  const client = createDiscordClient(config, options.clientOptions, deliveryConfig.callTimeoutMs);
  const outbox = options.outbox ?? new MemoryOutbox(log, deliveryConfig);
  health.check("discord-delivery", () => outbox.healthy());
  const ctx: HandlerContext = {
    bot,
    // Conversation ids are capped before they reach the state or the core (a 20 KB id is hashed).
    ask: (text, conversationId) => shared.ask(text, capConversationId(conversationId), "discord"),
    gaps: (userId) => gapsAnswer(deps.gaps, deps.admins ?? [], userId),
    logger: log,
    gate: new DiscordRateGate(deps.rateLimiter),
    buttons: new SuggestionButtons(),
    conversations: new ConversationTracker(state),
    sources: {
      get speakers() {
        return bot.speakers();
      },
    },
    deferAfterMs: options.deferAfterMs ?? 2000,
    now: options.now ?? Date.now,
    delivery: new DiscordDelivery(outbox, deliveryConfig.messageTtlMs),
    metrics,
  };
  const inFlight = new InFlight();
  let stopping = false;

  // Every listener runs inside this wrapper: a throw becomes a log line and a polite reply.
  function listen<E extends keyof ClientEvents>(
    event: E,
    handler: (...args: ClientEvents[E]) => Promise<void>,
    apologise: (...args: ClientEvents[E]) => Promise<void>,
  ): void {
    client.on(event, (...args: ClientEvents[E]) => {
      if (stopping) return;
      void inFlight.track(
        (async () => {
          try {
            await handler(...args);
          } catch (error) {
            log.error({ err: error, event }, "discord handler failed");
            try {
              await apologise(...args);
            } catch (replyError) {
              log.error({ err: replyError, event }, "discord apology failed too");
            }
          }
        })(),
      );
    });
  }

  client.on(Events.Error, (error) => log.error({ err: error }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn({ message }, "discord warning"));
  client.on(Events.ShardError, (error, shardId) =>
    log.warn({ err: error, shardId }, "discord gateway error"),
  );
  // Connected while every shard this client runs is ready (for /healthz and the gauge).
  const shardsUp = new Map<number, boolean>();
  const shardState = (shardId: number, up: boolean) => {
    shardsUp.set(shardId, up);
    health.connection("discord", [...shardsUp.values()].every(Boolean));
  };
  client.on(Events.ShardReady, (shardId) => shardState(shardId, true));
  client.on(Events.ShardDisconnect, (event, shardId) => {
    shardState(shardId, false);
    log.error({ code: event.code, shardId }, "discord gateway closed for good");
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    shardState(shardId, false);
    if (!stopping) log.info({ shardId }, "discord gateway reconnecting");
  });
  client.on(Events.ShardResume, (shardId, replayed) => {
    shardState(shardId, true);
    log.info({ shardId, replayed }, "discord gateway resumed");
  });
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn(
      { route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global },
      "discord rate limited; waiting as told",
    ),
  );
  // A 429 Discord did not announce in its headers is only reported as a debug line; discord.js
  // then sleeps for Retry-After and retries. Log it (bucket and wait only: URLs carry tokens).
  client.rest.on(RESTEvents.Debug, (message) => {
    if (!message.includes("Encountered unexpected 429")) return;
    const detail = (label: string) =>
      message
        .split("\n")
        .find((line) => line.trim().startsWith(label))
        ?.split(":")
        .slice(1)
        .join(":")
        .trim();
    log.warn(
      { route: detail("Bucket"), retryAfter: detail("Retry After"), global: detail("Global") === "true" },
      "discord rate limited; waiting as told",
    );
  });

  listen(
    Events.InteractionCreate,
    (interaction) => handleInteraction(interaction, ctx),
    (interaction) => replyHandlerError(interaction, ctx),
  );
  listen(
    Events.MessageCreate,
    (message) => handleMessage(message, ctx),
    (message) => replyMessageError(message, ctx),
  );

  const ready = once(client, Events.ClientReady);
  ready.catch(() => {}); // awaited below; this only keeps a later rejection from going unhandled
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  log.info(
    { user: client.user?.tag, shards: client.ws.shards.map((s) => s.id), guilds: client.guilds.cache.size },
    "discord connected",
  );

  // A new version of the article with other speakers: the /strike quote choices follow (the
  // registration is a bulk overwrite, so only when the list really changed).
  let registering = Promise.resolve();
  const unsubscribe = bot.onReplace((next, previous) => {
    const speakers = next.speakers();
    if (sameList(speakers, previous.speakers())) return;
    registering = registering
      .then(() => registerCommands(config, { speakers }))
      .then(
        (result) => log.info({ scope: result.scope, speakers: speakers.length }, "re-registered /strike"),
        (error: unknown) =>
          log.error({ err: error }, "re-registering /strike after an article update failed"),
      );
  });

  let stopped: Promise<void> | undefined;
  return {
    name: "discord",
    client,
    deliveryStats: () => outbox.stats(),
    stop() {
      stopped ??= (async () => {
        stopping = true;
        unsubscribe();
        // The same limit as Slack: answers get the drain time, then what is left is counted lost
        // (the outbox settles it), so the handlers waiting on it finish too.
        const drainMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
        const deadline = Date.now() + drainMs;
        const idle = inFlight.idle();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([idle, new Promise((resolve) => (timer = setTimeout(resolve, drainMs)))]);
        clearTimeout(timer);
        const drained = await outbox.drain(Math.max(0, deadline - Date.now()));
        await Promise.race([idle, new Promise((resolve) => setTimeout(resolve, 100))]);
        await registering;
        await client.destroy();
        health.connection("discord", false);
        log.info({ lost: drained.lost, delivery: outbox.stats() }, "discord disconnected");
      })();
      return stopped;
    },
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
