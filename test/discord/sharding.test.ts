import { afterEach, describe, expect, it } from "vitest";
import { buildCommandsBody } from "../../src/adapters/discord/command-json.js";
import { loadBot } from "../../src/load-bot.js";
import { FakeDiscord, GUILD_ID, slashCommand, userMessage } from "./fake-discord.js";
import { type Spawned, spawnBuilt } from "./process.js";

describe("the Discord adapter as whole processes", () => {
  let fake: FakeDiscord | undefined;
  let proc: Spawned | undefined;
  afterEach(async () => {
    await proc?.stop("SIGKILL");
    await fake?.close();
    proc = undefined;
    fake = undefined;
  });

  it("runs under ShardingManager: one process per shard, answers, and stops every shard on SIGTERM", async () => {
    fake = await FakeDiscord.start({ shards: 2 });
    proc = spawnBuilt("dist/src/adapters/discord/sharded.js", fake.env());
    const [first, second] = await Promise.all([
      fake.waitForOp(2, (d) => d.shard?.[0] === 0),
      fake.waitForOp(2, (d) => d.shard?.[0] === 1),
    ]);
    expect(first.d.shard).toEqual([0, 2]);
    expect(second.d.shard).toEqual([1, 2]);

    const guildShard = fake.shardOf(GUILD_ID);
    const interaction = slashCommand("ask", { question: "how many appointments were cancelled?" });
    fake.dispatch("INTERACTION_CREATE", interaction, guildShard);
    const callback = await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
    expect(callback.body.data.embeds[0].description).toContain("1,854");

    // DMs always arrive on shard 0.
    const dm = userMessage({ content: "how many appointments were cancelled?", where: "dm" });
    fake.dispatch("MESSAGE_CREATE", dm, 0);
    const reply = await fake.waitForRequest((r) => r.body?.message_reference?.message_id === dm.id);
    expect(reply.body.embeds[0].description).toContain("1,854");

    expect(await proc.stop("SIGTERM")).toBe(0);
    expect(fake.clientCloseCodes.filter((c) => c === 1000)).toHaveLength(2);
    expect(proc.stderr()).not.toContain(fake.env().DISCORD_TOKEN);
  });

  it("registers /strike with npm run discord:register: the PUT body is the runtime's command definitions", async () => {
    fake = await FakeDiscord.start();
    proc = spawnBuilt("dist/src/adapters/discord/register-cli.js", {
      ...fake.env(),
      DISCORD_GUILD_ID: GUILD_ID,
    });
    expect(await proc.exited).toBe(0);
    const put = await fake.waitForRequest((r) => r.method === "PUT");
    expect(put.path).toBe(`/applications/${fake.env().DISCORD_APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.body).toEqual(
      JSON.parse(JSON.stringify(buildCommandsBody({ speakers: loadBot().speakers() }))),
    );
    expect(proc.stdout()).toContain(`guild ${GUILD_ID}`);
    expect(proc.stdout()).toContain(
      `https://discord.com/oauth2/authorize?client_id=${fake.env().DISCORD_APP_ID}&scope=bot+applications.commands`,
    );
  });

  it("answers about ARTICLE_PATH in every shard, and registers that article's speakers", async () => {
    const article = new URL("../fixtures/articles/synthetic-wrenfield-paramedics-strike.txt", import.meta.url)
      .pathname;
    fake = await FakeDiscord.start();
    proc = spawnBuilt("dist/src/adapters/discord/register-cli.js", { ...fake.env(), ARTICLE_PATH: article });
    expect(await proc.exited).toBe(0);
    const put = await fake.waitForRequest((r) => r.method === "PUT");
    expect(put.body).toEqual(
      JSON.parse(
        JSON.stringify(buildCommandsBody({ speakers: loadBot({ articlePath: article }).speakers() })),
      ),
    );

    proc = spawnBuilt("dist/src/adapters/discord/sharded.js", { ...fake.env(), ARTICLE_PATH: article });
    await fake.waitForOp(2);
    const interaction = slashCommand("ask", { question: "How many call-outs were handled by volunteers?" });
    fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
    expect(callback.body.data.embeds[0].description).toContain("437");
    expect(await proc.stop("SIGTERM")).toBe(0);
  });

  it("refuses to register with a malformed variable, naming it", async () => {
    fake = await FakeDiscord.start();
    proc = spawnBuilt("dist/src/adapters/discord/register-cli.js", {
      ...fake.env(),
      DISCORD_APP_ID: "strike-bot",
    });
    expect(await proc.exited).not.toBe(0);
    expect(proc.stderr()).toContain("DISCORD_APP_ID");
    expect(fake.requests).toHaveLength(0);
  });
});
