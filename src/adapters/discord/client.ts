import {
  Client,
  type ClientOptions,
  GatewayIntentBits,
  type MessageMentionOptions,
  Partials,
} from "discord.js";
import type { DiscordConfig } from "./config.js";

/** Nothing the bot sends may ping anyone: no @everyone/@here, roles, users, nor the replied-to author. */
export const NO_MENTIONS: MessageMentionOptions = Object.freeze({ parse: [], repliedUser: false });

/**
 * Gateway intents, none privileged:
 * - Guilds: channel and thread caches (needed to resolve where a message or interaction came from);
 * - GuildMessages: MESSAGE_CREATE in servers, to see mentions of the bot and replies to it;
 * - DirectMessages: MESSAGE_CREATE in DMs.
 * Message Content is deliberately not requested: Discord still sends the text of DMs and of
 * messages that mention the bot (a reply that pings the bot counts), which is all the bot reads.
 */
export const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
] as const;

/** The discord.js client for the adapter; `apiUrl` points REST (and so the gateway lookup) elsewhere. */
export function createDiscordClient(
  config: DiscordConfig,
  extra: Partial<ClientOptions> = {},
  callTimeoutMs = 15_000,
): Client {
  return new Client({
    intents: [...INTENTS],
    // DM channels are not cached before their first message: without this, DMs are dropped.
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    // DISCORD_SHARDS / DISCORD_SHARD_COUNT: this machine's share of the shards.
    ...(config.shards && config.shardCount ? { shards: config.shards, shardCount: config.shardCount } : {}),
    ...extra,
    rest: {
      ...(config.apiUrl ? { api: config.apiUrl } : {}),
      // Answers are retried by the delivery path, which honours Retry-After and knows when an
      // interaction token expires; discord.js makes one attempt per call, bounded by the timeout,
      // and waits out only the 429s shorter than a call (a longer one comes back as a RateLimitError).
      retries: 0,
      timeout: callTimeoutMs,
      rejectOnRateLimit: (data) => data.retryAfter > callTimeoutMs,
      ...extra.rest,
    },
  });
}
