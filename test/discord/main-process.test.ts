import { existsSync } from "node:fs";
/** The whole bot (node dist/src/main.js) against a local Discord, through DISCORD_API_URL. */
import { afterEach, describe, expect, it } from "vitest";
import { BOT_ID, FakeDiscord, slashCommand, userMessage } from "./fake-discord.js";
import { ROOT, type Spawned, spawnBuilt } from "./process.js";

// The entry point is another engineer's file; until it exists there is no whole process to run.
const HAS_MAIN = existsSync(`${ROOT}src/main.ts`);

describe.skipIf(!HAS_MAIN)("npm start with the Discord variables", () => {
  let fake: FakeDiscord | undefined;
  let proc: Spawned | undefined;
  afterEach(async () => {
    await proc?.stop("SIGKILL");
    await fake?.close();
    proc = undefined;
    fake = undefined;
  });

  it("connects through DISCORD_API_URL, answers a slash ask and a mention, and stops cleanly on SIGTERM", async () => {
    fake = await FakeDiscord.start();
    proc = spawnBuilt("dist/src/main.js", fake.env());
    const identify = await fake.waitForOp(2);
    expect(identify.d.intents).toBe(1 + 512 + 4096); // Guilds, GuildMessages, DirectMessages: nothing privileged
    await fake.waitForRequest((r) => r.path === "/gateway/bot");

    const interaction = slashCommand("ask", { question: "how many appointments were cancelled?" });
    fake.dispatch("INTERACTION_CREATE", interaction);
    const callback = await fake.waitForRequest((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
    expect(callback.body.data.flags).toBe(64);
    expect(callback.body.data.embeds[0].description).toContain("1,854");

    const mention = userMessage({
      content: `<@${BOT_ID}> how many appointments were cancelled?`,
      mentionsBot: true,
    });
    fake.dispatch("MESSAGE_CREATE", mention);
    const reply = await fake.waitForRequest((r) => r.body?.message_reference?.message_id === mention.id);
    expect(reply.body.embeds[0].description).toContain("1,854");
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });

    expect(await proc.stop("SIGTERM")).toBe(0);
    expect(fake.clientCloseCodes).toContain(1000);
    expect(proc.stderr() + proc.stdout()).not.toContain(fake.env().DISCORD_TOKEN);
  });

  it("exits non-zero naming a malformed variable, before contacting Discord", async () => {
    fake = await FakeDiscord.start();
    proc = spawnBuilt("dist/src/main.js", { ...fake.env(), DISCORD_APP_ID: "strike-bot" });
    expect(await proc.exited).not.toBe(0);
    expect(proc.stderr() + proc.stdout()).toContain("DISCORD_APP_ID");
    expect(fake.requests).toHaveLength(0);
  });

  it("exits non-zero naming a missing token", async () => {
    fake = await FakeDiscord.start();
    const { DISCORD_TOKEN: _token, ...withoutToken } = fake.env();
    proc = spawnBuilt("dist/src/main.js", withoutToken);
    expect(await proc.exited).not.toBe(0);
    expect(proc.stderr() + proc.stdout()).toContain("DISCORD_TOKEN");
  });
});
