import { MemoryState } from "../../state/memory.js";
import { type SharedState, STATE_DEFAULTS } from "../../state/types.js";

/** What the tracker needs to know about an incoming message. */
export interface IncomingMessage {
  id: string;
  channelId: string;
  isDm: boolean;
  isThread: boolean;
  /** The message this one replies to, if any. */
  replyToId?: string;
  /** Whether the message @mentions the bot (a reply with ping counts). */
  mentionsBot: boolean;
  /** Whether the replied-to message was written by the bot. */
  repliesToBot: boolean;
}

/**
 * Decides which conversation a Discord message belongs to, and whether the bot should answer:
 * - a DM channel is one conversation;
 * - a mention in a channel starts a conversation keyed by that message;
 * - a reply to one of the bot's answers continues that answer's conversation;
 * - in a thread, the thread is the conversation; once the bot has answered in a thread,
 *   later messages there are follow-ups (their text only arrives with the Message Content intent,
 *   or when they mention or reply to the bot).
 * What it remembers lives in the shared state, so every shard and machine sees the same threads.
 */
export class ConversationTracker {
  constructor(
    private readonly state: SharedState = new MemoryState(),
    private readonly ttlMs: number = STATE_DEFAULTS.threadTtlMs,
  ) {}

  /** The conversation id for a message, or undefined when the bot should stay quiet. */
  async conversationFor(message: IncomingMessage): Promise<string | undefined> {
    if (message.isDm) return `discord:dm:${message.channelId}`;
    if (message.replyToId !== undefined) {
      const known = await this.state.get(`discord-answer:${message.replyToId}`);
      if (known !== undefined) return known;
      if (message.repliesToBot) {
        // An answer from before a restart (or another shard): the answer itself keys the conversation.
        return message.isThread ? `discord:thread:${message.channelId}` : `discord:msg:${message.replyToId}`;
      }
    }
    if (
      message.isThread &&
      (message.mentionsBot || (await this.state.get(`discord-thread:${message.channelId}`)) !== undefined)
    ) {
      return `discord:thread:${message.channelId}`;
    }
    if (message.mentionsBot) return `discord:msg:${message.id}`;
    return undefined;
  }

  /** Records that the bot answered in a conversation with the given message. */
  async answered(
    conversationId: string,
    botMessageId: string,
    channelId: string,
    isThread: boolean,
  ): Promise<void> {
    await this.state.set(`discord-answer:${botMessageId}`, conversationId, this.ttlMs);
    if (isThread) await this.state.set(`discord-thread:${channelId}`, "1", this.ttlMs);
  }
}
