import { ApplicationCommandOptionType } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommandsBody } from "../../src/adapters/discord/command-json.js";
import { BOT_PERMISSIONS, inviteUrl, registerCommands } from "../../src/adapters/discord/register.js";
import { FakeBot } from "./fake-bot.js";
import { APP_ID, FakeDiscord, GUILD_ID, type OptionValues, slashCommand, TOKEN } from "./fake-discord.js";
import { type Harness, startHarness } from "./harness.js";

describe("the invite link", () => {
  it("names the app, asks for the bot and its slash commands, and only the permissions answering needs", () => {
    const url = new URL(inviteUrl(APP_ID));
    expect(url.origin + url.pathname).toBe("https://discord.com/oauth2/authorize");
    expect(url.searchParams.get("client_id")).toBe(APP_ID);
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
    // View Channel, Send Messages, Send Messages in Threads, Embed Links, Read Message History.
    expect(url.searchParams.get("permissions")).toBe(String(1024n + 2048n + 274877906944n + 16384n + 65536n));
    expect(BOT_PERMISSIONS & 8n).toBe(0n); // never Administrator
  });
});

describe("registering /strike", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("PUTs the runtime's command definitions to the guild when DISCORD_GUILD_ID is set", async () => {
    const speakers = new FakeBot().speakers();
    const result = await registerCommands(
      { token: TOKEN, appId: APP_ID, guildId: GUILD_ID, apiUrl: fake.apiUrl },
      {
        speakers,
      },
    );
    expect(result).toEqual({ scope: "guild", commands: ["strike"] });
    const put = await fake.waitForRequest((r) => r.method === "PUT");
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(put.body).toEqual(JSON.parse(JSON.stringify(buildCommandsBody({ speakers }))));
  });

  it("PUTs globally without a guild id", async () => {
    await registerCommands({ token: TOKEN, appId: APP_ID, apiUrl: fake.apiUrl }, { speakers: [] });
    const put = await fake.waitForRequest(
      (r) => r.method === "PUT" && r.path === `/applications/${APP_ID}/commands`,
    );
    expect(put.body[0].name).toBe("strike");
  });
});

describe("the running bot and the registered command agree", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ bot: new FakeBot() });
  });
  afterAll(async () => {
    await h.close();
  });

  it("answers every subcommand of the registered body, with every option filled in", async () => {
    const [command] = buildCommandsBody({ speakers: h.bot.speakers() });
    for (const sub of command?.options ?? []) {
      if (sub.type !== ApplicationCommandOptionType.Subcommand) throw new Error("expected subcommands only");
      const values: OptionValues = {};
      for (const option of sub.options ?? []) {
        if (option.type === ApplicationCommandOptionType.Boolean) values[option.name] = false;
        else if (option.type === ApplicationCommandOptionType.String) {
          values[option.name] = option.choices?.[0]?.value ?? "how many appointments were cancelled?";
        }
      }
      const interaction = slashCommand(sub.name, values);
      h.fake.dispatch("INTERACTION_CREATE", interaction);
      const callback = await h.fake.waitForRequest((r) =>
        r.path.startsWith(`/interactions/${interaction.id}/`),
      );
      expect(callback.body.type, sub.name).toBe(4);
      expect(callback.body.data.embeds, sub.name).toHaveLength(1);
    }
  });
});
