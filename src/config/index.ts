import { type DiscordConfig, readDiscordConfig } from "../adapters/discord/config.js";
import { readSlackConfig, type SlackConfig } from "../adapters/slack/config.js";
import { ConfigError } from "./error.js";

export interface AppConfig {
  slack?: SlackConfig;
  discord?: DiscordConfig;
  logLevel: string;
  /** Another article to answer from (ARTICLE_PATH), instead of the bundled one. */
  articlePath?: string;
}

const LOG_LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** Reads and checks every variable once, at start; a problem throws a ConfigError naming the variable. */
export function readConfig(env: Record<string, string | undefined>): AppConfig {
  const logLevel = env.LOG_LEVEL?.trim() || "info";
  if (!LOG_LEVELS.has(logLevel))
    throw new ConfigError("LOG_LEVEL", `must be one of ${[...LOG_LEVELS].join(", ")}`);
  const config: AppConfig = { logLevel };
  const slack = readSlackConfig(env);
  const discord = readDiscordConfig(env);
  if (slack) config.slack = slack;
  if (discord) config.discord = discord;
  if (env.ARTICLE_PATH?.trim()) config.articlePath = env.ARTICLE_PATH.trim();
  return config;
}
