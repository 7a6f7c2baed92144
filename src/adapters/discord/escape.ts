import { escapeMarkdown } from "discord.js";

const ZERO_WIDTH_SPACE = "\u200b";

/**
 * Makes user (or article) text safe to echo: Discord markdown is escaped so it shows literally,
 * and mention syntax is broken with a zero-width space so it cannot even look like a ping.
 * Pings are prevented anyway by allowedMentions; this is the belt to those braces.
 */
export function escapeText(text: string): string {
  const escaped = escapeMarkdown(text, {
    codeBlock: true,
    inlineCode: true,
    bold: true,
    italic: true,
    underline: true,
    strikethrough: true,
    spoiler: true,
    codeBlockContent: true,
    inlineCodeContent: true,
    escape: true,
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
  return escaped
    .replace(/@(everyone|here)/gi, `@${ZERO_WIDTH_SPACE}$1`)
    .replace(/<(@[!&]?|#)(\d+)>/g, `<${ZERO_WIDTH_SPACE}$1$2>`);
}

/** Removes mentions of the bot itself (`<@id>` / `<@!id>`) from a message before it is asked. */
export function stripBotMention(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, "g"), " ")
    .replace(/\s+/g, " ")
    .trim();
}
