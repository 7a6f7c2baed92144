import type { Answer } from "../../core/answer.js";
import type { Bot } from "../../core/bot.js";
import type { Logger } from "../../log.js";
import type { Metrics } from "../../metrics.js";
import type { DiscordDelivery } from "../delivery/discord.js";
import type { CommandSources } from "./command-json.js";
import type { ConversationTracker } from "./conversations.js";
import type { DiscordRateGate } from "./slow-down.js";
import type { SuggestionButtons } from "./suggestion-buttons.js";

/** What the Discord listeners share. */
export interface HandlerContext {
  bot: Bot;
  /** Asks within a conversation whose context is shared (and records unanswered questions). */
  ask(text: string, conversationId: string): Promise<Answer>;
  /** The answer /strike gaps gives this user (the list for editors, a refusal for others). */
  gaps(userId: string): Promise<Answer>;
  logger: Logger;
  gate: DiscordRateGate;
  buttons: SuggestionButtons;
  conversations: ConversationTracker;
  /** The fact-store data the command definitions were built from (speakers for choices). */
  sources: CommandSources;
  /** Defer an interaction when this much of Discord's 3-second window has gone (default 2,000 ms). */
  deferAfterMs: number;
  now: () => number;
  /** Every reply, follow-up and edit goes out through here (retries, timeouts, expiry, counted losses). */
  delivery: DiscordDelivery;
  /** Answers, latency and rate limits are counted here. */
  metrics: Metrics;
}
