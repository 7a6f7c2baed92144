import type { Server } from "node:http";
import { App, HTTPReceiver, LogLevel, type Receiver, SocketModeReceiver, type webApi } from "@slack/bolt";
import type { AdapterDeps, RunningAdapter } from "../types.js";
import { boltLogger } from "./bolt-logger.js";
import type { SlackConfig } from "./config.js";
import { registerHandlers } from "./handlers.js";
import { InFlight } from "./inflight.js";

export type { SlackConfig } from "./config.js";
export { readSlackConfig } from "./config.js";

/** Knobs the entry point leaves at their defaults; tests and the bench set them. */
export interface SlackRuntimeOptions {
  /** Web API retry policy; default: five retries in about five minutes. Tests use { retries: 0 }. */
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

const DEFAULT_RETRY: webApi.RetryOptions = { retries: 5, factor: 3.86 };

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

  let receiver: Receiver;
  if (config.mode === "socket") {
    if (config.appToken === undefined) throw new Error("Socket Mode needs an app-level token");
    receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger: sdkLogger,
      logLevel: sdkLevel,
      // The Socket Mode client takes its Web API options (base URL, retries) from here.
      installerOptions: { clientOptions: clientOptions() },
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
        {
          path: "/healthz",
          method: ["GET"],
          handler: (_req, res) => {
            const stopping = inflight.isStopping;
            res.writeHead(stopping ? 503 : 200, { "content-type": "application/json" });
            res.end(JSON.stringify({ ok: !stopping, adapter: "slack", inFlight: inflight.size }));
          },
        },
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
  registerHandlers(app, { bot: deps.bot, logger, rateLimiter: deps.rateLimiter, inflight });

  await app.init();
  const started = (await app.start()) as unknown;
  const server = config.mode === "http" ? (started as Server) : undefined;
  const address = server?.address();
  const port = address !== null && typeof address === "object" ? address.port : undefined;
  logger.info({ mode: config.mode, ...(port !== undefined ? { port } : {}) }, "slack adapter started");

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      logger.info({ inFlight: inflight.size }, "slack adapter stopping");
      inflight.refuse();
      // Stop taking events: close the listener / the socket. In HTTP mode idle keep-alive connections
      // are closed by server.close(); busy ones get a moment, then are closed too.
      const closing = app
        .stop()
        .catch((error: unknown) => logger.warn({ err: error }, "slack receiver stop failed"));
      const forceClose = setTimeout(() => server?.closeAllConnections(), 2_000);
      await closing;
      clearTimeout(forceClose);
      const finished = await inflight.drain(options.drainTimeoutMs ?? 10_000);
      logger.info({ finished }, "slack adapter stopped");
    })();
    return stopped;
  };

  return { name: "slack", mode: config.mode, ...(port !== undefined ? { port } : {}), stop };
}
