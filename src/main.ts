import { existsSync } from "node:fs";
import type { RunningAdapter } from "./adapters/types.js";
import { runTerminalChat } from "./cli/chat.js";
import { ConfigError } from "./config/error.js";
import { type AppConfig, readConfig } from "./config/index.js";
import { ArticleError, loadBot } from "./load-bot.js";
import { createLogger, type Logger } from "./log.js";
import { createServices } from "./state/index.js";

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
  // Redis when REDIS_URL is set (memory while it is away), this process's memory otherwise.
  const services = await createServices(config, logger);
  const deps = {
    bot,
    logger,
    rateLimiter: services.rateLimiter,
    state: services.state,
    gaps: services.gaps,
    admins: config.admins,
  };
  const running: RunningAdapter[] = [];
  const stopAll = async () => {
    await Promise.allSettled(running.map((r) => r.stop()));
    await services.close();
  };
  try {
    // Each SDK is loaded only when its platform is configured: discord.js alone is ~20 MB of RSS.
    if (config.slack) {
      const { startSlack } = await import("./adapters/slack/index.js");
      running.push(await startSlack(config.slack, deps));
    }
    if (config.discord) {
      const { startDiscord } = await import("./adapters/discord/index.js");
      running.push(await startDiscord(config.discord, deps));
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  logger.info({ adapters: running.map((r) => r.name), state: services.state.kind }, "strike-bot started");
  handleSignals(logger, stopAll);
}

function handleSignals(logger: Logger, stopAll: () => Promise<unknown>): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "strike-bot stopping: finishing answers in flight");
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
