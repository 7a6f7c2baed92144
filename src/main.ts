import type { RunningAdapter } from "./adapters/types.js";
import { watchArticle } from "./article-watcher.js";
import { BotHolder } from "./bot-holder.js";
import { runTerminalChat } from "./cli/chat.js";
import { articlePathFrom, loadProjectEnv } from "./config/environment.js";
import { ConfigError } from "./config/error.js";
import { type AppConfig, readConfig } from "./config/index.js";
import { Health, type RunningOpsServer, startOpsServer } from "./health.js";
import { ArticleError, DEFAULT_ARTICLE, loadBotInSteps } from "./load-bot.js";
import { createLogger, type Logger } from "./log.js";
import { createMetrics } from "./metrics.js";
import { createServices } from "./state/index.js";

/** Reads the configuration once and starts what it names: Slack, Discord, or else the terminal chat. */
async function main(): Promise<void> {
  // The project's .env (see .env.example) fills in variables the shell did not set.
  loadProjectEnv();
  let config: AppConfig;
  try {
    config = readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`strike-bot: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // `npm start -- --article FILE` answers about another article, as ARTICLE_PATH does.
  const articlePath = articlePathFrom(process.env);
  const options = articlePath ? { articlePath } : {};
  const holder = new BotHolder(await loadBotInSteps(options));
  const terminal = !config.slack && !config.discord;
  // The terminal chat keeps its screen for the conversation: only warnings go to stderr there.
  const logger = createLogger(terminal && !process.env.LOG_LEVEL ? "warn" : config.logLevel);
  const metrics = createMetrics({ processMetrics: true });
  const health = new Health(metrics);
  health.articleLoaded(holder.title);
  const watcher = watchArticle({
    path: articlePath ?? DEFAULT_ARTICLE,
    holder,
    load: () => loadBotInSteps(options),
    logger,
    metrics,
    onReloaded: (bot) => health.articleLoaded(bot.title),
  });
  // /healthz and /metrics on HEALTH_PORT; Slack HTTP mode serves them on PORT as well.
  let ops: RunningOpsServer | undefined;
  if (config.healthPort !== undefined) {
    try {
      ops = await startOpsServer(config.healthPort, { health, metrics });
    } catch (error) {
      throw new ConfigError(
        "HEALTH_PORT",
        `${config.healthPort} cannot be used (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      );
    }
    logger.info({ port: ops.port }, "health and metrics listening");
  }

  if (terminal) {
    await runTerminalChat(holder, undefined, metrics);
    watcher.stop();
    await ops?.close();
    return;
  }
  // Redis when REDIS_URL is set (memory while it is away), this process's memory otherwise.
  const services = await createServices(config, logger);
  const deps = {
    bot: holder,
    logger,
    rateLimiter: services.rateLimiter,
    state: services.state,
    gaps: services.gaps,
    admins: config.admins,
    metrics,
    health,
  };
  if (config.slack) health.expect("slack");
  if (config.discord) health.expect("discord");
  const running: RunningAdapter[] = [];
  const stopAll = async () => {
    health.markStopping();
    watcher.stop();
    await Promise.allSettled(running.map((r) => r.stop()));
    await services.close();
    await ops?.close();
  };
  try {
    const drain = { drainTimeoutMs: config.drainTimeoutMs };
    // Each SDK is loaded only when its platform is configured: discord.js alone is ~20 MB of RSS.
    if (config.slack) {
      const { startSlack } = await import("./adapters/slack/index.js");
      running.push(await startSlack(config.slack, deps, drain));
    }
    if (config.discord) {
      const { startDiscord } = await import("./adapters/discord/index.js");
      running.push(await startDiscord(config.discord, deps, drain));
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  logger.info({ adapters: running.map((r) => r.name), state: services.state.kind }, "strike-bot started");
  handleSignals(logger, stopAll, config.drainTimeoutMs);
}

function handleSignals(logger: Logger, stopAll: () => Promise<unknown>, drainTimeoutMs: number): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, drainTimeoutMs }, "strike-bot stopping: finishing answers in flight");
    // The adapters keep the drain limit themselves; this is the backstop if a disconnect hangs.
    setTimeout(() => process.exit(1), drainTimeoutMs + 5_000).unref();
    stopAll().then(() => process.exit(0));
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  // A rejection nobody handled is a bug: log it and keep serving the other conversations.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const prefix =
    error instanceof ConfigError
      ? "configuration error: "
      : error instanceof ArticleError
        ? "article error: "
        : "";
  process.stderr.write(`strike-bot: ${prefix}${message}\n`);
  process.exit(1);
});
