import type { Answer } from "../core/answer.js";
import type { Bot } from "../core/bot.js";
import { MATCHER_DEFAULTS } from "../core/match/config.js";
import { type GapLog, sanitizeQuestion } from "../gaps/log.js";
import type { Logger } from "../log.js";
import type { SharedState } from "./types.js";

/**
 * Asks the bot within a conversation whose context lives in shared state: the context is loaded
 * before the (synchronous) core answers and saved after, so a follow-up that reaches another instance,
 * or this one after a restart, is read against the same context. Questions the story does not answer
 * go to the gaps log. With memory state the core's own memory is the context, as before.
 */
export class SharedConversations {
  constructor(
    private readonly bot: Bot,
    private readonly state: SharedState,
    private readonly gaps: GapLog | undefined,
    private readonly logger: Logger,
    private readonly ttlMs: number = MATCHER_DEFAULTS.context.ttlMs,
  ) {}

  async ask(text: string, conversationId: string, platform: string): Promise<Answer> {
    const shared = this.state.kind !== "memory" && this.bot.importContext && this.bot.exportContext;
    const key = `context:${conversationId}`;
    let before: string | undefined;
    if (shared) {
      before = await this.state.get(key);
      this.bot.importContext?.(conversationId, before);
    }
    const answer = this.bot.ask(text, conversationId);
    if (shared) {
      const after = this.bot.exportContext?.(conversationId);
      if (after !== undefined && after !== before) await this.state.set(key, after, this.ttlMs);
    }
    // An internal error (intent "error") is the bot's gap, not the story's: the log line covers it.
    const { status } = answer;
    if ((status === "unknown" || status === "clarify") && answer.intent !== "error" && this.gaps) {
      const question = sanitizeQuestion(text);
      if (question) {
        this.gaps
          .record({ question, status, platform, at: Date.now() })
          .catch((error: unknown) => this.logger.warn({ err: error }, "gaps log write failed"));
      }
    }
    return answer;
  }
}
