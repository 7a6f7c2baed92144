import { OAuth2Scopes, PermissionFlagsBits, REST, Routes } from "discord.js";
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

/**
 * What the bot needs in a channel: see it, read the message it replies to, answer (also in threads),
 * and show answers as embeds. Nothing that moderates, mentions everyone or manages the server.
 */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory;

/** The link a server admin opens to add the bot: the bot user plus its slash commands. */
export function inviteUrl(appId: string): string {
  const params = new URLSearchParams({
    client_id: appId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(" "),
    permissions: BOT_PERMISSIONS.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params}`;
}
