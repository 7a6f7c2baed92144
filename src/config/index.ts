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
}

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
  const config: AppConfig = { logLevel, drainTimeoutMs };
  const slack = readSlackConfig(env);
  const discord = readDiscordConfig(env);
  if (slack) config.slack = slack;
  if (discord) config.discord = discord;
  if (env.ARTICLE_PATH?.trim()) config.articlePath = env.ARTICLE_PATH.trim();
  return config;
}
