/**
 * One shard's process under ShardingManager (spawned by sharded.ts): loads the fact store, starts
 * the Discord adapter (discord.js reads SHARDS/SHARD_COUNT from the manager's environment), and
 * stops gracefully on SIGTERM/SIGINT.
 */

import { watchArticle } from "../../article-watcher.js";
import { BotHolder } from "../../bot-holder.js";
import { articlePathFrom, loadProjectEnv } from "../../config/environment.js";
import { DEFAULT_ARTICLE, loadBot, loadBotInSteps } from "../../load-bot.js";
import { createLogger } from "../../log.js";
import { RateLimiter } from "../rate-limit.js";
import { readDiscordConfig } from "./config.js";
import { startDiscord } from "./index.js";

async function main(): Promise<void> {
  loadProjectEnv();
  const logger = createLogger(process.env.LOG_LEVEL ?? "info").child({ shard: process.env.SHARDS });
  const config = readDiscordConfig(process.env);
  if (!config) throw new Error("DISCORD_TOKEN is missing: a shard needs the Discord variables.");
  const articlePath = articlePathFrom(process.env);
  const options = articlePath ? { articlePath } : {};
  // Each shard follows article updates on its own (the registration call is idempotent).
  const bot = new BotHolder(loadBot(options));
  const watcher = watchArticle({
    path: articlePath ?? DEFAULT_ARTICLE,
    holder: bot,
    load: () => loadBotInSteps(options),
    logger,
  });
  const discord = await startDiscord(config, { bot, logger, rateLimiter: new RateLimiter() });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "discord shard stopping");
    watcher.stop();
    discord.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "discord shard did not stop cleanly");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  // The manager's IPC channel closes when the manager dies: do not live on as an orphan.
  process.once("disconnect", () => shutdown("manager gone"));
}

main().catch((error: unknown) => {
  process.stderr.write(`strike-bot shard: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
