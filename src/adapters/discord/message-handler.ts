import type { Message } from "discord.js";
import { MESSAGES } from "../../core/messages.js";
import { NO_MENTIONS } from "./client.js";
import type { HandlerContext } from "./context.js";
import { stripBotMention } from "./escape.js";
import { renderAnswer } from "./render.js";

/**
 * Answers a message that mentions the bot, replies to one of its answers, arrives in a DM, or
 * continues a thread the bot answered in. Bots, webhooks and system messages are ignored.
 */
export async function handleMessage(message: Message, ctx: HandlerContext): Promise<void> {
  if (message.author.bot || message.webhookId !== null || message.system) return;
  const botId = message.client.user?.id;
  if (!botId) return;

  const isDm = !message.inGuild();
  const isThread = message.channel.isThread();
  const mentionsBot = message.mentions.users.has(botId);
  const conversationId = await ctx.conversations.conversationFor({
    id: message.id,
    channelId: message.channelId,
    isDm,
    isThread,
    mentionsBot,
    repliesToBot: message.mentions.repliedUser?.id === botId,
    ...(message.reference?.messageId ? { replyToId: message.reference.messageId } : {}),
  });
  if (conversationId === undefined) return;

  const text = stripBotMention(message.content, botId);
  // Without the Message Content intent, messages that neither mention the bot nor are DMs arrive
  // with empty content: there is nothing to answer, so stay quiet rather than guess.
  if (text === "" && !mentionsBot && !isDm) return;

  const answered = ctx.metrics.startAnswer("discord");
  const verdict = await ctx.gate.check(message.author.id);
  if (verdict !== "ok") {
    ctx.metrics.rateLimited.inc({ platform: "discord" });
    if (verdict === "notify") {
      await ctx.delivery.send("discord.message", "slow-down", ctx.delivery.messageExpiry(), () =>
        message.reply({ content: MESSAGES.slowDown, allowedMentions: NO_MENTIONS, failIfNotExists: false }),
      );
    }
    return;
  }

  let status = "error"; // counted as such when asking or sending throws
  try {
    const answer = await ctx.ask(text, conversationId);
    // failIfNotExists: false — if the question was deleted meanwhile, the answer is still posted.
    const rendered = renderAnswer(answer, { buttons: ctx.buttons });
    const sent = await ctx.delivery.send("discord.message", "message", ctx.delivery.messageExpiry(), () =>
      message.reply({ failIfNotExists: false, ...rendered, allowedMentions: NO_MENTIONS }),
    );
    status = answer.status;
    // A lost answer (counted and logged by the delivery path) starts no conversation.
    if (sent !== undefined)
      await ctx.conversations.answered(conversationId, sent.id, message.channelId, isThread);
  } finally {
    answered(status);
  }
}

/** The polite answer to a message whose handler failed. */
export async function replyMessageError(message: Message, ctx: HandlerContext): Promise<void> {
  if (message.author.bot || message.webhookId !== null) return;
  const botId = message.client.user?.id;
  // Only messages addressed to the bot get an apology; others were never going to be answered.
  const addressed =
    !message.inGuild() ||
    (botId !== undefined &&
      (message.mentions.users.has(botId) || message.mentions.repliedUser?.id === botId));
  if (!addressed) return;
  await ctx.delivery.send("discord.message", "apology", ctx.delivery.messageExpiry(), () =>
    message.reply({ content: MESSAGES.handlerError, allowedMentions: NO_MENTIONS, failIfNotExists: false }),
  );
}
