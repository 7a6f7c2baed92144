import { ConfigError } from "../../config/error.js";

/** Everything the Discord adapter reads from the environment, validated. */
export interface DiscordConfig {
  /** The bot token. Never logged, never put in an error message. */
  token: string;
  /** The application (client) id, a snowflake. */
  appId: string;
  /** When set, commands are registered to this guild only (instant updates while developing). */
  guildId?: string;
  /** REST base URL without the version (discord.js's `rest.api`), e.g. https://discord.com/api. */
  apiUrl?: string;
  /** This machine's shards (DISCORD_SHARDS) out of DISCORD_SHARD_COUNT; absent: discord.js decides. */
  shards?: number[];
  shardCount?: number;
}

export const DISCORD_VARIABLES = [
  "DISCORD_TOKEN",
  "DISCORD_APP_ID",
  "DISCORD_GUILD_ID",
  "DISCORD_API_URL",
] as const;

const SNOWFLAKE = /^\d{17,20}$/;
/** A bot token is three dot-separated base64url parts (user id, timestamp, HMAC). */
const TOKEN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/**
 * Reads the DISCORD_* variables. Returns undefined when none is set (Discord is not configured);
 * throws ConfigError naming the variable when the set is partial or a value is malformed.
 */
export function readDiscordConfig(env: Env): DiscordConfig | undefined {
  if (DISCORD_VARIABLES.every((name) => read(env, name) === undefined)) return undefined;

  const rawToken = read(env, "DISCORD_TOKEN");
  if (rawToken === undefined) {
    throw new ConfigError(
      "DISCORD_TOKEN",
      "is missing: set it to the bot token from the Developer Portal (Bot tab).",
    );
  }
  // Accept a pasted "Bot xxx" form but store the bare token.
  const token = rawToken.replace(/^Bot\s+/i, "");
  if (!TOKEN.test(token)) {
    throw new ConfigError(
      "DISCORD_TOKEN",
      "is malformed: expected a bot token (three dot-separated parts), as copied from the Bot tab.",
    );
  }

  const appId = read(env, "DISCORD_APP_ID");
  if (appId === undefined) {
    throw new ConfigError(
      "DISCORD_APP_ID",
      "is missing: set it to the Application ID from the Developer Portal (General Information).",
    );
  }
  if (!SNOWFLAKE.test(appId)) {
    throw new ConfigError("DISCORD_APP_ID", "is malformed: expected a numeric Discord id (17-20 digits).");
  }

  const config: DiscordConfig = { token, appId };

  const guildId = read(env, "DISCORD_GUILD_ID");
  if (guildId !== undefined) {
    if (!SNOWFLAKE.test(guildId)) {
      throw new ConfigError(
        "DISCORD_GUILD_ID",
        "is malformed: expected a numeric Discord server id (17-20 digits).",
      );
    }
    config.guildId = guildId;
  }

  const apiUrl = read(env, "DISCORD_API_URL");
  if (apiUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(apiUrl);
    } catch {
      throw new ConfigError(
        "DISCORD_API_URL",
        "is malformed: expected an http(s) URL such as https://discord.com/api.",
      );
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new ConfigError(
        "DISCORD_API_URL",
        "is malformed: expected an http(s) URL such as https://discord.com/api.",
      );
    }
    if (/\/v\d+\/?$/.test(url.pathname)) {
      throw new ConfigError(
        "DISCORD_API_URL",
        "is malformed: leave the version off (use https://discord.com/api, not .../api/v10).",
      );
    }
    config.apiUrl = apiUrl.replace(/\/+$/, "");
  }

  const sharding = readSharding(env);
  if (sharding) {
    config.shards = sharding.shards;
    config.shardCount = sharding.shardCount;
  }
  return config;
}

/**
 * DISCORD_SHARDS ("0,1") and DISCORD_SHARD_COUNT (the total over every machine): each machine runs its
 * own shards and they share state through Redis. Both or neither; every id below the count.
 */
export function readSharding(env: Env): { shards: number[]; shardCount: number } | undefined {
  const rawShards = read(env, "DISCORD_SHARDS");
  const rawCount = read(env, "DISCORD_SHARD_COUNT");
  if (rawShards === undefined && rawCount === undefined) return undefined;
  if (rawCount === undefined)
    throw new ConfigError("DISCORD_SHARD_COUNT", "is missing: DISCORD_SHARDS needs the total shard count.");
  if (!/^\d{1,4}$/.test(rawCount) || Number(rawCount) < 1)
    throw new ConfigError(
      "DISCORD_SHARD_COUNT",
      "is malformed: expected a whole number of shards, 1 or more.",
    );
  const shardCount = Number(rawCount);
  if (rawShards === undefined)
    throw new ConfigError("DISCORD_SHARDS", "is missing: list this machine's shard ids, e.g. 0,1.");
  const parts = rawShards.split(",").map((p) => p.trim());
  if (parts.some((p) => !/^\d{1,4}$/.test(p)))
    throw new ConfigError(
      "DISCORD_SHARDS",
      "is malformed: expected shard ids separated by commas, e.g. 0,1.",
    );
  const shards = [...new Set(parts.map(Number))].sort((a, b) => a - b);
  const outside = shards.find((id) => id >= shardCount);
  if (outside !== undefined)
    throw new ConfigError(
      "DISCORD_SHARDS",
      `is malformed: shard ${outside} is not below DISCORD_SHARD_COUNT (${shardCount}).`,
    );
  return { shards, shardCount };
}
