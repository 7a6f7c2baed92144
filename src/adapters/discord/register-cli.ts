/**
 * `npm run discord:register`: registers /strike from the same definitions the running bot reads,
 * to DISCORD_GUILD_ID when set (instant) or globally, then prints the invite link. Speaker choices
 * come from the fact store of the article the bot will answer about (ARTICLE_PATH).
 */

import { articlePathFrom, loadProjectEnv } from "../../config/environment.js";
import { ConfigError } from "../../config/error.js";
import { loadBot } from "../../load-bot.js";
import { readDiscordConfig } from "./config.js";
import { inviteUrl, registerCommands } from "./register.js";

async function main(): Promise<void> {
  loadProjectEnv();
  const config = readDiscordConfig(process.env);
  if (!config) {
    throw new ConfigError(
      "DISCORD_TOKEN",
      "is missing: set DISCORD_TOKEN and DISCORD_APP_ID to register commands.",
    );
  }
  const articlePath = articlePathFrom(process.env);
  const bot = loadBot(articlePath ? { articlePath } : {});
  const result = await registerCommands(config, { speakers: bot.speakers() });
  const where =
    result.scope === "guild" ? `guild ${config.guildId}` : "globally (may take a while to appear)";
  process.stdout.write(`Registered /${result.commands.join(", /")} ${where}.\n`);
  process.stdout.write(`Invite the bot to a server: ${inviteUrl(config.appId)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `discord:register failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
