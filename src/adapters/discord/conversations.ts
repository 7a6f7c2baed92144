import { BoundedMap } from "../../core/bounded-map.js";

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
 */
export class ConversationTracker {
  private readonly byBotMessage: BoundedMap<string, string>;
  private readonly threads: BoundedMap<string, true>;

  constructor(max = 10_000) {
    this.byBotMessage = new BoundedMap(max);
    this.threads = new BoundedMap(max);
  }

  /** The conversation id for a message, or undefined when the bot should stay quiet. */
  conversationFor(message: IncomingMessage): string | undefined {
    if (message.isDm) return `discord:dm:${message.channelId}`;
    if (message.replyToId !== undefined) {
      const known = this.byBotMessage.get(message.replyToId);
      if (known !== undefined) return known;
      if (message.repliesToBot) {
        // An answer from before a restart (or another shard): the answer itself keys the conversation.
        return message.isThread ? `discord:thread:${message.channelId}` : `discord:msg:${message.replyToId}`;
      }
    }
    if (message.isThread && (message.mentionsBot || this.threads.has(message.channelId))) {
      return `discord:thread:${message.channelId}`;
    }
    if (message.mentionsBot) return `discord:msg:${message.id}`;
    return undefined;
  }

  /** Records that the bot answered in a conversation with the given message. */
  answered(conversationId: string, botMessageId: string, channelId: string, isThread: boolean): void {
    this.byBotMessage.set(botMessageId, conversationId);
    if (isThread) this.threads.set(channelId, true);
  }
}
