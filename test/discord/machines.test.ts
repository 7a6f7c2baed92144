/**
 * Discord across machines: each machine runs its own shards (DISCORD_SHARDS of DISCORD_SHARD_COUNT)
 * and they share state through one Redis. One machine runs `node dist/src/main.js`, the other
 * `npm run start:sharded`'s script; the per-user rate limit is counted once across both.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MESSAGES } from "../../src/core/messages.js";
import { hasRedis, RedisServer } from "../support/redis.js";
import { FakeDiscord, GUILD_ID, slashCommand, userMessage } from "./fake-discord.js";
import { type Spawned, spawnBuilt } from "./process.js";

describe.skipIf(!hasRedis)("Discord shards on two machines sharing Redis", () => {
  let fake: FakeDiscord | undefined;
  let redis: RedisServer | undefined;
  const procs: Spawned[] = [];
  afterEach(async () => {
    // SIGTERM: the sharding manager stops its shard processes too (SIGKILL would orphan them).
    await Promise.all(procs.splice(0).map((p) => p.stop("SIGTERM")));
    await fake?.close();
    await redis?.stop();
  });

  it("identifies each machine's shards only, and limits a user across them", async () => {
    fake = await FakeDiscord.start({ shards: 2 });
    redis = await RedisServer.start();
    const env = { ...fake.env(), REDIS_URL: redis.url, DISCORD_SHARD_COUNT: "2" };
    const guildShard = fake.shardOf(GUILD_ID);
    // Machine "dm": shard 0, where DMs arrive; machine "guild": the other shard, where the guild is.
    procs.push(spawnBuilt("dist/src/main.js", { ...env, DISCORD_SHARDS: "0" }));
    procs.push(spawnBuilt("dist/src/adapters/discord/sharded.js", { ...env, DISCORD_SHARDS: "1" }));
    const [zero, one] = await Promise.all([
      fake.waitForOp(2, (d) => d.shard?.[0] === 0),
      fake.waitForOp(2, (d) => d.shard?.[0] === 1),
    ]);
    expect([zero.d.shard, one.d.shard]).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(guildShard).toBe(1);

    // Five DMs on machine "dm" spend the user's allowance (5 per window)...
    const dms = Array.from({ length: 5 }, () =>
      userMessage({ content: "how many appointments were cancelled?", where: "dm" }),
    );
    for (const dm of dms) fake.dispatch("MESSAGE_CREATE", dm, 0);
    for (const dm of dms) {
      const reply = await fake.waitForRequest((r) => r.body?.message_reference?.message_id === dm.id);
      expect(reply.body.embeds[0].description).toContain("1,854");
    }
    // ...so the same user's slash command on machine "guild" is told to slow down.
    const interaction = slashCommand("ask", { question: "how many appointments were cancelled?" });
    fake.dispatch("INTERACTION_CREATE", interaction, guildShard);
    const callback = await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
    expect(callback.body.data.content).toBe(MESSAGES.slowDown);
  }, 30_000);
});
