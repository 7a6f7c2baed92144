import { type DiscordConfig, readDiscordConfig } from "../adapters/discord/config.js";
import { readSlackConfig, type SlackConfig } from "../adapters/slack/config.js";
import { ConfigError } from "./error.js";

export interface AppConfig {
  slack?: SlackConfig;
  discord?: DiscordConfig;
  logLevel: string;
  /** Another article to answer from (ARTICLE_PATH), instead of the bundled one. */
  articlePath?: string;
  /** Where /healthz and /metrics listen outside Slack HTTP mode (HEALTH_PORT); unset means nowhere. */
  healthPort?: number;
}

/** Operational tunables, in one place. */
export const OPS = Object.freeze({
  /** Quiet time after the article file last changed before it is rebuilt. */
  articleDebounceMs: 300,
  /** Poll interval of the fallback article watcher. */
  articlePollMs: 2_000,
});

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
  const healthPort = env.HEALTH_PORT?.trim();
  if (healthPort) {
    if (!/^\d+$/.test(healthPort) || Number(healthPort) > 65535)
      throw new ConfigError("HEALTH_PORT", `is malformed: "${healthPort}" is not a port number (0-65535)`);
    config.healthPort = Number(healthPort);
  }
  return config;
}
