import type { Server } from "node:http";
import { App, HTTPReceiver, LogLevel, type Receiver, SocketModeReceiver, type webApi } from "@slack/bolt";
import { ConfigError } from "../../config/error.js";
import { Health, serveHealth, serveMetrics } from "../../health.js";
import { createMetrics } from "../../metrics.js";
import { SharedConversations } from "../../state/conversations.js";
import { MemoryState } from "../../state/memory.js";
import type { AdapterDeps, RunningAdapter } from "../types.js";
import { boltLogger } from "./bolt-logger.js";
import type { SlackConfig } from "./config.js";
import { registerHandlers } from "./handlers.js";
import { registerHome } from "./home.js";
import { InFlight } from "./inflight.js";

export type { SlackConfig } from "./config.js";
export { readSlackConfig } from "./config.js";

/** Knobs the entry point leaves at their defaults; tests and the bench set them. */
export interface SlackRuntimeOptions {
  /** Web API retry policy; default: three quick retries. Tests use { retries: 0 }. */
  retryConfig?: webApi.RetryOptions;
  /** Socket Mode: pong timeout, which also sets the reconnect delay. Default: the SDK's 5000 ms. */
  clientPingTimeout?: number;
  /** How long stop() waits for in-flight answers before giving up on them. Default 10 s. */
  drainTimeoutMs?: number;
  /** SDK log level (Bolt, Socket Mode, Web API). Default warn. */
  sdkLogLevel?: LogLevel;
}

/** A running Slack adapter; `port` is the bound HTTP port in HTTP mode. */
export interface RunningSlack extends RunningAdapter {
  mode: SlackConfig["mode"];
  port?: number;
}

/**
 * Web API retries for answers: an answer that arrives minutes late is no use in a chat, so a few quick
 * retries (about 1 s, 2 s, 4 s, randomised), then the failure is logged. A 429's Retry-After is always honoured.
 */
const DEFAULT_RETRY: webApi.RetryOptions = {
  retries: 3,
  factor: 2,
  minTimeout: 1_000,
  maxTimeout: 10_000,
  randomize: true,
};

/** Web API errors that mean the token itself is bad, not that Slack is having a bad moment. */
const AUTH_ERRORS = new Set([
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "not_allowed_token_type",
  "user_removed_from_team",
  "team_disabled",
]);

/**
 * Start-up failures in plain words: a rejected token becomes a ConfigError naming its variable;
 * anything else says which API could not be reached. Never includes a token.
 */
function startError(error: unknown, variable: string, apiUrl: string | undefined): Error {
  const e = error as { code?: string; data?: { error?: string }; message?: string };
  const platform = e.code === "slack_webapi_platform_error" ? e.data?.error : undefined;
  if (platform !== undefined && AUTH_ERRORS.has(platform))
    return new ConfigError(variable, `was rejected by Slack (${platform})`);
  const where = apiUrl ?? "https://slack.com/api/";
  return new Error(
    `cannot start the Slack adapter (Web API ${where}): ${platform ?? e.message ?? String(error)}`,
    {
      cause: error,
    },
  );
}

/**
 * Starts the Slack adapter: validates the token against the API (auth.test), connects (Socket Mode)
 * or listens (HTTP: POST /slack/events, GET /healthz), and returns a handle whose stop() stops taking
 * events, finishes in-flight answers, then disconnects.
 */
export async function startSlack(
  config: SlackConfig,
  deps: AdapterDeps,
  options: SlackRuntimeOptions = {},
): Promise<RunningSlack> {
  const logger = deps.logger.child({ adapter: "slack" });
  const sdkLevel = options.sdkLogLevel ?? LogLevel.WARN;
  const sdkLogger = boltLogger(deps.logger, sdkLevel);
  const clientOptions = (): webApi.WebClientOptions => ({
    ...(config.apiUrl !== undefined ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: options.retryConfig ?? DEFAULT_RETRY,
  });
  const inflight = new InFlight();
  const metrics = deps.metrics ?? createMetrics();
  const health = deps.health ?? new Health(metrics);
  if (!deps.health) health.articleLoaded(deps.bot.title);
  health.expect("slack");
  const ops = {
    health,
    metrics,
    extra: () => ({ adapter: "slack", inFlight: inflight.size }),
  };

  let receiver: Receiver;
  if (config.mode === "socket") {
    if (config.appToken === undefined) throw new Error("Socket Mode needs an app-level token");
    receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: sdkLogger,
      logLevel: sdkLevel,
      // The Socket Mode client takes its Web API options from here. Its own retry policy for
      // apps.connections.open (many quick retries) is what keeps reconnection going through an outage,
      // so it is replaced only when a caller (a test) asks for it.
      installerOptions: {
        clientOptions: {
          ...(config.apiUrl !== undefined ? { slackApiUrl: config.apiUrl } : {}),
          ...(options.retryConfig !== undefined ? { retryConfig: options.retryConfig } : {}),
        },
      },
      ...(options.clientPingTimeout !== undefined ? { clientPingTimeout: options.clientPingTimeout } : {}),
    });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret ?? "",
      endpoints: "/slack/events",
      port: config.port,
      logger: sdkLogger,
      logLevel: sdkLevel,
      customRoutes: [
        { path: "/healthz", method: ["GET"], handler: (_req, res) => serveHealth(ops, res) },
        { path: "/metrics", method: ["GET"], handler: (_req, res) => void serveMetrics(ops, res) },
      ],
    });
  }

  const app = new App({
    token: config.botToken,
    receiver,
    socketMode: config.mode === "socket",
    logger: sdkLogger,
    logLevel: sdkLevel,
    clientOptions: clientOptions(),
    // Conversations are keyed by the core (thread / DM ids); Bolt's own conversation store is unused.
    convoStore: false,
    // auth.test runs in init() below, where a failure is an ordinary rejection, not an unhandled one.
    deferInitialization: true,
  });
  const state = deps.state ?? new MemoryState();
  registerHandlers(app, {
    bot: deps.bot,
    logger,
    rateLimiter: deps.rateLimiter,
    inflight,
    metrics,
    state,
    conversations: new SharedConversations(deps.bot, state, deps.gaps, logger),
    ...(deps.gaps ? { gaps: deps.gaps } : {}),
    admins: deps.admins ?? [],
  });
  registerHome(app, { bot: deps.bot, logger });
  if (receiver instanceof SocketModeReceiver) {
    // The Socket Mode connection's state, for /healthz and the platform_connected gauge.
    const socket = receiver.client;
    socket.on("connected", () => health.connection("slack", true));
    for (const down of ["reconnecting", "disconnected", "close"])
      socket.on(down, () => health.connection("slack", false));
  }

  try {
    await app.init();
  } catch (error) {
    throw startError(error, "SLACK_BOT_TOKEN", config.apiUrl);
  }
  let started: unknown;
  try {
    started = await app.start();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (config.mode === "http" && (code === "EADDRINUSE" || code === "EACCES"))
      throw new ConfigError("PORT", `${config.port} cannot be used (${code})`);
    throw startError(error, "SLACK_APP_TOKEN", config.apiUrl);
  }
  const server = config.mode === "http" ? (started as Server) : undefined;
  if (server) health.connection("slack", true);
  const address = server?.address();
  const port = address !== null && typeof address === "object" ? address.port : undefined;
  logger.info({ mode: config.mode, ...(port !== undefined ? { port } : {}) }, "slack adapter started");

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      logger.info({ inFlight: inflight.size }, "slack adapter stopping");
      inflight.refuse();
      health.markStopping();
      // Stop taking events: close the listener / the socket. In HTTP mode idle keep-alive connections
      // are closed by server.close(); busy ones get a moment, then are closed too.
      const closing = app
        .stop()
        .catch((error: unknown) => logger.warn({ err: error }, "slack receiver stop failed"));
      const forceClose = setTimeout(() => server?.closeAllConnections(), 2_000);
      await closing;
      clearTimeout(forceClose);
      const finished = await inflight.drain(options.drainTimeoutMs ?? 10_000);
      health.connection("slack", false);
      logger.info({ finished }, "slack adapter stopped");
    })();
    return stopped;
  };

  return { name: "slack", mode: config.mode, ...(port !== undefined ? { port } : {}), stop };
}
