import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { REST, type RESTGetAPIGatewayBotResult, Routes, type Shard, ShardingManager } from "discord.js";
import type { Logger } from "../../log.js";
import type { DiscordConfig } from "./config.js";

/** Discord allows this many IDENTIFYs per 5 seconds per concurrency bucket. */
const IDENTIFY_WINDOW_MS = 5500;

export interface ShardPlan {
  totalShards: number;
  /** Pause between spawning shards: none when every shard fits in one identify window. */
  spawnDelayMs: number;
}

/**
 * Asks Discord (or DISCORD_API_URL) how many shards to run. discord.js's own "auto" mode always
 * asks discord.com, so the lookup is done here through the configured REST base instead.
 */
export async function planShards(config: DiscordConfig): Promise<ShardPlan> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const info = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  const totalShards = Math.max(1, info.shards);
  const concurrency = Math.max(1, info.session_start_limit.max_concurrency);
  return { totalShards, spawnDelayMs: totalShards <= concurrency ? 0 : IDENTIFY_WINDOW_MS };
}

export interface RunningShards {
  manager: ShardingManager;
  /** Stops every shard gracefully (SIGTERM, each finishes its answers) and waits for them to exit. */
  stop(): Promise<void>;
}

/** Spawns one process per shard running shard.js (which loads the bot and starts the adapter). */
export async function startShards(config: DiscordConfig, logger: Logger): Promise<RunningShards> {
  // DISCORD_SHARDS / DISCORD_SHARD_COUNT: this machine runs its share; other machines run the rest.
  const plan =
    config.shards && config.shardCount
      ? { totalShards: config.shardCount, spawnDelayMs: config.shards.length > 1 ? IDENTIFY_WINDOW_MS : 0 }
      : await planShards(config);
  const shardList = config.shards ?? "auto";
  const file = fileURLToPath(new URL("./shard.js", import.meta.url));
  const manager = new ShardingManager(file, {
    token: config.token,
    totalShards: plan.totalShards,
    shardList,
    mode: "process",
    respawn: true,
    // As npm start runs the bot: a small young generation keeps each shard's RSS down under load.
    execArgv: ["--max-semi-space-size=2"],
  });
  let stopping = false;
  manager.on("shardCreate", (shard: Shard) => {
    logger.info({ shard: shard.id, of: plan.totalShards }, "discord shard spawned");
    shard.on("death", () => {
      if (!stopping) logger.warn({ shard: shard.id }, "discord shard process exited; respawning");
    });
    shard.on("error", (error) => logger.error({ err: error, shard: shard.id }, "discord shard error"));
  });
  await manager.spawn({ amount: plan.totalShards, delay: plan.spawnDelayMs, timeout: 60_000 });
  logger.info({ shards: config.shards ?? plan.totalShards, of: plan.totalShards }, "discord shards ready");

  return {
    manager,
    async stop() {
      stopping = true;
      const exits: Promise<unknown>[] = [];
      for (const shard of manager.shards.values()) {
        const child = shard.process;
        if (child && child.exitCode === null) {
          exits.push(once(child, "exit"));
          // kill() detaches the respawn listener and sends SIGTERM: the shard shuts down gracefully.
          shard.kill();
        }
      }
      await Promise.all(exits);
    },
  };
}
