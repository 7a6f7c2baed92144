import { DEFAULT_DRAIN_TIMEOUT_MS } from "../adapters/delivery/config.js";
import { type DiscordConfig, readDiscordConfig } from "../adapters/discord/config.js";
import { readSlackConfig, type SlackConfig } from "../adapters/slack/config.js";
import { ConfigError } from "./error.js";

export interface AppConfig {
  slack?: SlackConfig;
  discord?: DiscordConfig;
  logLevel: string;
  /** Another article to answer from (ARTICLE_PATH), instead of the bundled one. */
  articlePath?: string;
  /** How long SIGTERM waits for answers to be delivered before counting the rest lost (DRAIN_TIMEOUT_MS). */
  drainTimeoutMs: number;
  /** Where /healthz and /metrics listen outside Slack HTTP mode (HEALTH_PORT); unset means nowhere. */
  healthPort?: number;
  /** Shared state for several instances (REDIS_URL); absent: each process keeps its own memory. */
  redisUrl?: string;
  /** Where the gaps log file lives without Redis (STATE_DIR, default ./state). */
  stateDir: string;
  /** Slack and Discord user ids allowed to see /strike gaps (STRIKE_ADMINS, comma-separated). */
  admins: string[];
}

/** Operational tunables, in one place. */
export const OPS = Object.freeze({
  /** Quiet time after the article file last changed before it is rebuilt. */
  articleDebounceMs: 300,
  /** Poll interval of the fallback article watcher. */
  articlePollMs: 2_000,
});

export const DEFAULT_STATE_DIR = "./state";

const LOG_LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** Reads and checks every variable once, at start; a problem throws a ConfigError naming the variable. */
export function readConfig(env: Record<string, string | undefined>): AppConfig {
  const logLevel = env.LOG_LEVEL?.trim() || "info";
  if (!LOG_LEVELS.has(logLevel))
    throw new ConfigError("LOG_LEVEL", `must be one of ${[...LOG_LEVELS].join(", ")}`);
  const rawDrain = env.DRAIN_TIMEOUT_MS?.trim();
  let drainTimeoutMs = DEFAULT_DRAIN_TIMEOUT_MS;
  if (rawDrain) {
    if (!/^\d+$/.test(rawDrain) || Number(rawDrain) > 600_000)
      throw new ConfigError("DRAIN_TIMEOUT_MS", "must be a whole number of milliseconds from 0 to 600000");
    drainTimeoutMs = Number(rawDrain);
  }
  const config: AppConfig = {
    logLevel,
    drainTimeoutMs,
    stateDir: readStateDir(env),
    admins: readAdmins(env),
  };
  const redisUrl = readRedisUrl(env);
  if (redisUrl) config.redisUrl = redisUrl;
  const slack = readSlackConfig(env);
  const discord = readDiscordConfig(env);
  if (slack) config.slack = slack;
  if (discord) config.discord = discord;
  if (env.ARTICLE_PATH?.trim()) config.articlePath = env.ARTICLE_PATH.trim();
  const healthPort = env.HEALTH_PORT?.trim();
  if (healthPort) {
    if (!/^\d+$/.test(healthPort) || Number(healthPort) > 65535)
      throw new ConfigError("HEALTH_PORT", `is malformed: "${healthPort}" is not a port number (0-65535)`);
    config.healthPort = Number(healthPort);
  }
  return config;
}

/** redis://[user:password@]host[:port][/db] or rediss:// (TLS). The URL may hold a password: never echoed. */
export function readRedisUrl(env: Record<string, string | undefined>): string | undefined {
  const raw = env.REDIS_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("REDIS_URL", "is malformed: expected a URL such as redis://127.0.0.1:6379");
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:")
    throw new ConfigError("REDIS_URL", "is malformed: it must start with redis:// or rediss://");
  if (!url.hostname) throw new ConfigError("REDIS_URL", "is malformed: it names no host");
  if (url.pathname.length > 1 && !/^\/\d{1,2}$/.test(url.pathname))
    throw new ConfigError("REDIS_URL", "is malformed: the path, if any, is a database number such as /0");
  return raw;
}

export function readStateDir(env: Record<string, string | undefined>): string {
  const raw = env.STATE_DIR?.trim();
  if (!raw) return DEFAULT_STATE_DIR;
  if (raw.includes("\u0000")) throw new ConfigError("STATE_DIR", "is malformed: not a folder path");
  return raw;
}

/** Slack user ids (U…/W…) and Discord ids (17–20 digits), comma- or space-separated. */
export function readAdmins(env: Record<string, string | undefined>): string[] {
  const raw = env.STRIKE_ADMINS?.trim();
  if (!raw) return [];
  const ids = raw.split(/[\s,]+/).filter((id) => id !== "");
  for (const id of ids) {
    if (!/^[UW][A-Z0-9]{2,}$/.test(id) && !/^\d{17,20}$/.test(id))
      throw new ConfigError(
        "STRIKE_ADMINS",
        `is malformed: "${id.slice(0, 30)}" is neither a Slack user id (U…) nor a Discord user id`,
      );
  }
  return [...new Set(ids)];
}
