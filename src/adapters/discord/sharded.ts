/**
 * `npm run start:sharded`: runs the Discord adapter under discord.js's ShardingManager, one child
 * process per shard (each runs shard.js). Stops all shards gracefully on SIGTERM/SIGINT.
 */
import { articlePathFrom, loadProjectEnv } from "../../config/environment.js";
import { ConfigError } from "../../config/error.js";
import { createLogger } from "../../log.js";
import { readDiscordConfig } from "./config.js";
import { startShards } from "./sharding.js";

async function main(): Promise<void> {
  // Read here so the shards, which inherit this environment, see the same .env values.
  loadProjectEnv();
  // `--article FILE` reaches the shard processes as ARTICLE_PATH (they inherit this environment).
  const articlePath = articlePathFrom(process.env);
  if (articlePath) process.env.ARTICLE_PATH = articlePath;
  const logger = createLogger(process.env.LOG_LEVEL ?? "info");
  const config = readDiscordConfig(process.env);
  if (!config)
    throw new ConfigError("DISCORD_TOKEN", "is missing: sharding needs the Discord variables set.");
  const shards = await startShards(config, logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping discord shards");
    shards.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "discord shards did not stop cleanly");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
  process.stderr.write(`strike-bot (sharded): ${message}\n`);
  process.exit(1);
});
