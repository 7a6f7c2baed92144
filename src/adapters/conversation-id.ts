import { createHash } from "node:crypto";
import type { Bot } from "../core/bot.js";

/** Conversation ids longer than this reach the core as a fixed-length hash instead. */
export const MAX_CONVERSATION_ID = 200;

/**
 * Caps a conversation id: ids come from platform payloads (team, channel, thread ids), and a
 * request that carries a 20 KB id would make every lookup of it slow. A long id becomes
 * `h:` + its sha256, so distinct ids stay distinct and the same id maps to the same conversation.
 */
export function capConversationId(id: string | undefined): string | undefined {
  if (id === undefined || id.length <= MAX_CONVERSATION_ID) return id;
  return `h:${createHash("sha256").update(id).digest("hex")}`;
}

/** The bot as the adapters see it: every conversation id capped before it reaches the core. */
export function withCappedConversations(bot: Bot): Bot {
  return {
    get title() {
      return bot.title;
    },
    ask: (text, conversationId) => bot.ask(text, capConversationId(conversationId)),
    stats: () => bot.stats(),
    quotes: (speaker) => bot.quotes(speaker),
    help: () => bot.help(),
    speakers: () => bot.speakers(),
    suggest: (partial, limit) => bot.suggest(partial, limit),
  };
}
