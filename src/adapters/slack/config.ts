import { ConfigError } from "../../config/error.js";

/** How the Slack adapter connects: Socket Mode (an app-level token) or HTTP (a signing secret and a port). */
export type SlackMode = "socket" | "http";

export interface SlackConfig {
  mode: SlackMode;
  botToken: string;
  /** Present in Socket Mode. */
  appToken?: string;
  /** Required in HTTP mode, optional in Socket Mode. */
  signingSecret?: string;
  /** HTTP mode only: where /slack/events and /healthz listen. */
  port: number;
  /** Another Slack Web API base URL (GovSlack, a proxy, a local fake in tests); undefined means Slack's own. */
  apiUrl?: string;
}

export const DEFAULT_SLACK_PORT = 3000;

const BOT_TOKEN = /^xoxb-[A-Za-z0-9-]+$/;
const APP_TOKEN = /^xapp-[A-Za-z0-9-]+$/;
const SIGNING_SECRET = /^[0-9a-f]{32}$/i;
const SLACK_VARIABLES = [
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "SLACK_API_URL",
] as const;

type Env = Record<string, string | undefined>;

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/**
 * Reads the Slack settings from the environment.
 * Returns undefined when no SLACK_* variable is set (Slack is simply not configured);
 * throws ConfigError naming the variable when the settings are partial or malformed.
 * Error messages never include a token's value.
 */
export function readSlackConfig(env: Env): SlackConfig | undefined {
  if (!SLACK_VARIABLES.some((name) => present(env, name) !== undefined)) return undefined;

  const botToken = present(env, "SLACK_BOT_TOKEN");
  if (botToken === undefined)
    throw new ConfigError("SLACK_BOT_TOKEN", "is missing: set the Bot User OAuth Token (xoxb-...)");
  if (!BOT_TOKEN.test(botToken))
    throw new ConfigError(
      "SLACK_BOT_TOKEN",
      "is malformed: a bot token starts with xoxb- (check for quotes or spaces)",
    );

  const appToken = present(env, "SLACK_APP_TOKEN");
  if (appToken !== undefined && !APP_TOKEN.test(appToken))
    throw new ConfigError("SLACK_APP_TOKEN", "is malformed: an app-level token starts with xapp-");

  const signingSecret = present(env, "SLACK_SIGNING_SECRET");
  if (signingSecret !== undefined && !SIGNING_SECRET.test(signingSecret))
    throw new ConfigError(
      "SLACK_SIGNING_SECRET",
      "is malformed: the signing secret is 32 hexadecimal characters",
    );

  const mode: SlackMode = appToken !== undefined ? "socket" : "http";
  if (mode === "http" && signingSecret === undefined)
    throw new ConfigError(
      "SLACK_SIGNING_SECRET",
      "is missing: HTTP mode needs it (or set SLACK_APP_TOKEN to use Socket Mode)",
    );

  let port = DEFAULT_SLACK_PORT;
  const rawPort = present(env, "PORT");
  if (mode === "http" && rawPort !== undefined) {
    if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535)
      throw new ConfigError("PORT", `is malformed: "${rawPort}" is not a port number (0-65535)`);
    port = Number(rawPort);
  }

  let apiUrl: string | undefined;
  const rawApiUrl = present(env, "SLACK_API_URL");
  if (rawApiUrl !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(rawApiUrl);
    } catch {
      throw new ConfigError("SLACK_API_URL", "is malformed: expected a URL such as https://slack.com/api/");
    }
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
      throw new ConfigError("SLACK_API_URL", "is malformed: expected an http(s) URL");
    apiUrl = parsed.href.endsWith("/") ? parsed.href : `${parsed.href}/`;
  }

  return {
    mode,
    botToken,
    ...(appToken !== undefined ? { appToken } : {}),
    ...(signingSecret !== undefined ? { signingSecret } : {}),
    port,
    ...(apiUrl !== undefined ? { apiUrl } : {}),
  };
}
