import type { Answer } from "./answer.js";

/**
 * What the adapters talk to: plain strings in, plain Answer values out.
 * Every method is synchronous and never throws on user input.
 */
export interface Bot {
  /** Answers one message of a conversation; the id keys follow-up context (a thread, a DM, a channel). */
  ask(text: string, conversationId?: string): Answer;
  /** The headline figures (what /strike stats shows). */
  stats(): Answer;
  /** The quotes, all by speaker, or one speaker's (fuzzy name match). */
  quotes(speaker?: string): Answer;
  /** What the bot knows, with example questions. */
  help(): Answer;
  /** Display names of everyone quoted in the article, for pickers. */
  speakers(): string[];
  /** Questions the bot can answer that match what the user has typed so far (autocomplete). */
  suggest(partial: string, limit?: number): string[];
  /**
   * A conversation's follow-up context as JSON (undefined when there is none or it expired), and the
   * way back in: adapters keep it in shared state so any instance, or a restarted one, can continue.
   */
  exportContext?(conversationId: string): string | undefined;
  /** Replaces a conversation's context with one from exportContext; undefined forgets it. */
  importContext?(conversationId: string, json: string | undefined): void;
  /** The article's headline sentence, for titles. */
  readonly title: string;
}
