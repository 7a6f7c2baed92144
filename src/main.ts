import { existsSync } from "node:fs";
import { startDiscord } from "./adapters/discord/index.js";
import { RateLimiter } from "./adapters/rate-limit.js";
import { startSlack } from "./adapters/slack/index.js";
import type { RunningAdapter } from "./adapters/types.js";
import { runTerminalChat } from "./cli/chat.js";
import { ConfigError } from "./config/error.js";
import { type AppConfig, readConfig } from "./config/index.js";
import { ArticleError, loadBot } from "./load-bot.js";
import { createLogger, type Logger } from "./log.js";

/** Reads the configuration once and starts what it names: Slack, Discord, or else the terminal chat. */
async function main(): Promise<void> {
  // A .env file beside the project (see .env.example) fills in variables the shell did not set.
  if (existsSync(".env")) process.loadEnvFile(".env");
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
  const flag = process.argv.indexOf("--article");
  const articlePath = flag >= 0 ? process.argv[flag + 1] : config.articlePath;
  if (flag >= 0 && !articlePath) throw new ConfigError("--article", "needs a file");
  const bot = loadBot(articlePath ? { articlePath } : {});
  if (!config.slack && !config.discord) {
    await runTerminalChat(bot);
    return;
  }
  const logger = createLogger(config.logLevel);
  const deps = { bot, logger, rateLimiter: new RateLimiter() };
  const running: RunningAdapter[] = [];
  const stopAll = () => Promise.allSettled(running.map((r) => r.stop()));
  try {
    const drain = { drainTimeoutMs: config.drainTimeoutMs };
    if (config.slack) running.push(await startSlack(config.slack, deps, drain));
    if (config.discord) running.push(await startDiscord(config.discord, deps, drain));
  } catch (error) {
    await stopAll();
    throw error;
  }
  logger.info({ adapters: running.map((r) => r.name) }, "strike-bot started");
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
