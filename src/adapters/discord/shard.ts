/**
 * One shard's process under ShardingManager (spawned by sharded.ts): loads the fact store, starts
 * the Discord adapter (discord.js reads SHARDS/SHARD_COUNT from the manager's environment), and
 * stops gracefully on SIGTERM/SIGINT.
 */

import { watchArticle } from "../../article-watcher.js";
import { BotHolder } from "../../bot-holder.js";
import { articlePathFrom, loadProjectEnv } from "../../config/environment.js";
import { ConfigError } from "../../config/error.js";
import { readConfig } from "../../config/index.js";
import { DEFAULT_ARTICLE, loadBot, loadBotInSteps } from "../../load-bot.js";
import { createLogger } from "../../log.js";
import { createServices } from "../../state/index.js";
import { startDiscord } from "./index.js";

async function main(): Promise<void> {
  loadProjectEnv();
  const app = readConfig(process.env);
  const logger = createLogger(app.logLevel).child({ shard: process.env.SHARDS });
  if (!app.discord)
    throw new ConfigError("DISCORD_TOKEN", "is missing: a shard needs the Discord variables.");
  // The manager hands this process its shard (SHARDS/SHARD_COUNT, read by discord.js): this machine's
  // DISCORD_SHARDS list was the manager's to split, not this process's to run whole.
  const { shards: _shards, shardCount: _count, ...config } = app.discord;
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
  const services = await createServices(app, logger);
  const discord = await startDiscord(config, {
    bot,
    logger,
    rateLimiter: services.rateLimiter,
    state: services.state,
    gaps: services.gaps,
    admins: app.admins,
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "discord shard stopping");
    watcher.stop();
    // A stop that hangs (a gateway reconnecting to nothing) must not leave the process behind.
    setTimeout(() => {
      logger.error("discord shard did not stop within 15 s; exiting");
      process.exit(1);
    }, 15_000).unref();
    discord
      .stop()
      .then(() => services.close())
      .then(
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
