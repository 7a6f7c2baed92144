import type { Server } from "node:http";
import { App, HTTPReceiver, LogLevel, type Receiver, SocketModeReceiver, webApi } from "@slack/bolt";
import { ConfigError } from "../../config/error.js";
import { Health, serveHealth, serveMetrics } from "../../health.js";
import { createMetrics } from "../../metrics.js";
import { SharedConversations } from "../../state/conversations.js";
import { MemoryState } from "../../state/memory.js";
import { DEFAULT_DELIVERY, DEFAULT_DRAIN_TIMEOUT_MS, type DeliveryConfig } from "../delivery/config.js";
import { type DeliveryStats, MemoryOutbox, type Outbox } from "../delivery/outbox.js";
import { SlackDelivery } from "../delivery/slack.js";
import type { AdapterDeps, RunningAdapter } from "../types.js";
import { boltLogger } from "./bolt-logger.js";
import type { SlackConfig } from "./config.js";
import { registerHandlers } from "./handlers.js";
import { registerHome } from "./home.js";
import { InFlight } from "./inflight.js";
import { DEFAULT_REQUEST_LIMITS, guardRequests, type RequestLimits } from "./request-checks.js";

export type { SlackConfig } from "./config.js";
export { readSlackConfig } from "./config.js";

/** Knobs the entry point leaves at their defaults; tests and the bench set them. */
export interface SlackRuntimeOptions {
  /**
   * Web API retry policy for start-up calls (auth.test, apps.connections.open); default: three quick
   * retries. Answers never use it: the delivery path retries them.
   */
  retryConfig?: webApi.RetryOptions;
  /** Socket Mode: pong timeout, which also sets the reconnect delay. Default: the SDK's 5000 ms. */
  clientPingTimeout?: number;
  /** How long stop() waits for in-flight answers before counting them lost. Default 10 s. */
  drainTimeoutMs?: number;
  /** Delivery tunables (retries, backoff, timeouts, queue bounds). */
  delivery?: Partial<DeliveryConfig>;
  /** Another outbox (shared with another adapter, or persistent). Default: an in-memory one. */
  outbox?: Outbox;
  /** HTTP mode: body size and timestamp limits checked before Bolt. */
  requestLimits?: RequestLimits;
  /** SDK log level (Bolt, Socket Mode, Web API). Default warn. */
  sdkLogLevel?: LogLevel;
}

/** A running Slack adapter; `port` is the bound HTTP port in HTTP mode. */
export interface RunningSlack extends RunningAdapter {
  mode: SlackConfig["mode"];
  port?: number;
  /** Delivered, retried, lost, refused, pending, failing: what /healthz reports. */
  deliveryStats(): DeliveryStats;
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
    extra: () => ({ adapter: "slack", inFlight: inflight.size, delivery: outbox.stats() }),
  };
  const deliveryConfig = { ...DEFAULT_DELIVERY, ...options.delivery };
  const outbox = options.outbox ?? new MemoryOutbox(logger, deliveryConfig);
  // Answers go through their own client: no retries of its own (the outbox retries, honouring
  // Retry-After), a timeout on every call, and a 429 handed back instead of waited out.
  const deliveryClient = new webApi.WebClient(config.botToken, {
    ...(config.apiUrl !== undefined ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: deliveryConfig.callTimeoutMs,
    rejectRateLimitedCalls: true,
    logger: sdkLogger,
    logLevel: sdkLevel,
  });
  const delivery = new SlackDelivery(
    outbox,
    deliveryClient,
    deliveryConfig.messageTtlMs,
    Date.now,
    deliveryConfig.responseUrlUses,
  );
  health.check("slack-delivery", () => outbox.healthy());

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
    // Refuse oversized, unsigned or stale/future-dated requests before Bolt reads a byte of them.
    const http = receiver as HTTPReceiver;
    const limits = options.requestLimits ?? DEFAULT_REQUEST_LIMITS;
    http.requestListener = guardRequests(http.requestListener, limits, (rejection) =>
      logger.warn({ status: rejection.status, reason: rejection.reason }, "slack request refused"),
    );
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
    delivery,
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
      const drainMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
      const deadline = Date.now() + drainMs;
      logger.info({ inFlight: inflight.size, pending: outbox.stats().pending }, "slack adapter stopping");
      inflight.refuse();
      health.markStopping();
      // Stop taking events: close the listener / the socket. In HTTP mode idle keep-alive connections
      // are closed by server.close(); busy ones get a moment, then are closed too.
      const closing = app
        .stop()
        .catch((error: unknown) => logger.warn({ err: error }, "slack receiver stop failed"));
      const forceClose = setTimeout(() => server?.closeAllConnections(), Math.min(2_000, drainMs));
      await closing;
      clearTimeout(forceClose);
      // Answers still being worked out end in the outbox; the outbox drains until the deadline and
      // counts and logs what it could not deliver, which lets the last handlers finish too.
      await inflight.drain(Math.max(0, deadline - Date.now()));
      const drained = await outbox.drain(Math.max(0, deadline - Date.now()));
      await inflight.drain(100);
      health.connection("slack", false);
      logger.info(
        { finished: drained.delivered, lost: drained.lost, delivery: outbox.stats() },
        "slack adapter stopped",
      );
    })();
    return stopped;
  };

  return {
    name: "slack",
    mode: config.mode,
    ...(port !== undefined ? { port } : {}),
    deliveryStats: () => outbox.stats(),
    stop,
  };
}
