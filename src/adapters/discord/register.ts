import { REST, Routes } from "discord.js";
import { buildCommandsBody, type CommandSources } from "./command-json.js";
import type { DiscordConfig } from "./config.js";

export interface RegistrationResult {
  scope: "guild" | "global";
  commands: string[];
}

/**
 * Registers /strike (bulk overwrite, so stale commands disappear) from the same definitions the
 * runtime handler reads: to one guild when DISCORD_GUILD_ID is set (instant), else globally.
 */
export async function registerCommands(
  config: DiscordConfig,
  sources: CommandSources,
): Promise<RegistrationResult> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.appId, config.guildId)
    : Routes.applicationCommands(config.appId);
  const body = buildCommandsBody(sources);
  const saved = (await rest.put(route, { body })) as { name: string }[];
  return { scope: config.guildId ? "guild" : "global", commands: saved.map((c) => c.name) };
}
