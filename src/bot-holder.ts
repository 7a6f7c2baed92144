import type { Answer } from "./core/answer.js";
import type { Bot } from "./core/bot.js";

/** Called after the bot was replaced (a new version of the article), with the old one. */
export type BotListener = (next: Bot, previous: Bot) => void;

/**
 * The bot in use, replaceable while running (hot article updates). The adapters hold this, never a
 * bot: each call reads current(), so an answer comes from the newest fact store without a restart.
 * It is itself a Bot, delegating every call, so the handlers' code is the same either way.
 */
export class BotHolder implements Bot {
  private bot: Bot;
  private readonly listeners = new Set<BotListener>();

  constructor(bot: Bot) {
    this.bot = bot;
  }

  current(): Bot {
    return this.bot;
  }

  /** Swaps in a new bot and tells the listeners (a throwing listener does not stop the others). */
  replace(next: Bot): void {
    const previous = this.bot;
    this.bot = next;
    for (const listener of this.listeners) {
      try {
        listener(next, previous);
      } catch {
        // A listener's own failure is its business (it logs it); the swap has happened.
      }
    }
  }

  /** Subscribes to replacements; returns the unsubscribe function. */
  onReplace(listener: BotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get title(): string {
    return this.bot.title;
  }
  ask(text: string, conversationId?: string): Answer {
    return this.bot.ask(text, conversationId);
  }
  stats(): Answer {
    return this.bot.stats();
  }
  quotes(speaker?: string): Answer {
    return this.bot.quotes(speaker);
  }
  help(): Answer {
    return this.bot.help();
  }
  speakers(): string[] {
    return this.bot.speakers();
  }
  suggest(partial: string, limit?: number): string[] {
    return this.bot.suggest(partial, limit);
  }
  // Shared conversations (REDIS_URL) go through the holder too: a snapshot is read and written
  // against the bot in use, and one from before an article update is dropped where it no longer resolves.
  exportContext(conversationId: string): string | undefined {
    return this.bot.exportContext?.(conversationId);
  }
  importContext(conversationId: string, json: string | undefined): void {
    this.bot.importContext?.(conversationId, json);
  }
}

/** The holder behind a Bot: the same one when it already is one, else a new holder around it. */
export function holderFor(bot: Bot): BotHolder {
  return bot instanceof BotHolder ? bot : new BotHolder(bot);
}
