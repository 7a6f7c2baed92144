/**
 * `npm run discord:register`: registers /strike from the same definitions the running bot reads,
 * to DISCORD_GUILD_ID when set (instant) or globally. Speaker choices come from the fact store.
 */
import { ConfigError } from "../../config/error.js";
import { loadBot } from "../../load-bot.js";
import { readDiscordConfig } from "./config.js";
import { registerCommands } from "./register.js";

async function main(): Promise<void> {
  const config = readDiscordConfig(process.env);
  if (!config) {
    throw new ConfigError(
      "DISCORD_TOKEN",
      "is missing: set DISCORD_TOKEN and DISCORD_APP_ID to register commands.",
    );
  }
  const bot = loadBot();
  const result = await registerCommands(config, { speakers: bot.speakers() });
  const where =
    result.scope === "guild" ? `guild ${config.guildId}` : "globally (may take a while to appear)";
  process.stdout.write(`Registered /${result.commands.join(", /")} ${where}.\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `discord:register failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
