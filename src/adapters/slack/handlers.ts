import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackCommandMiddlewareArgs,
} from "@slack/bolt";
import { STRIKE_COMMAND } from "../../commands.js";
import type { Answer } from "../../core/answer.js";
import type { Bot } from "../../core/bot.js";
import { MESSAGES } from "../../core/messages.js";
import { gapsAnswer } from "../../gaps/command.js";
import type { GapLog } from "../../gaps/log.js";
import type { Logger } from "../../log.js";
import type { Metrics } from "../../metrics.js";
import type { SharedConversations } from "../../state/conversations.js";
import { type SharedState, STATE_DEFAULTS } from "../../state/types.js";
import { capConversationId } from "../conversation-id.js";
import type { SlackDelivery } from "../delivery/slack.js";
import type { UserRateLimiter } from "../rate-limit.js";
import { slackToPlain } from "./escape.js";
import type { InFlight } from "./inflight.js";
import {
  decodePublicRequest,
  PUBLIC_ACTION,
  type RenderOptions,
  renderAnswer,
  renderNotice,
  type SlackMessage,
  SUGGEST_ACTION,
} from "./render.js";
import { parseSlash, type SlashRequest, usageLines } from "./slash.js";

export interface HandlerContext {
  bot: Bot;
  logger: Logger;
  rateLimiter: UserRateLimiter;
  inflight: InFlight;
  metrics: Metrics;
  /** Event ids, slash trigger ids and threads: shared by every instance when Redis is configured. */
  state: SharedState;
  conversations: SharedConversations;
  gaps?: GapLog;
  /** User ids that may see /strike gaps. */
  admins: readonly string[];
  /** Every message goes out through here (retries, timeouts, expiry, counted losses). */
  delivery: SlackDelivery;
}

/** Where an answer goes: a channel/DM message (optionally in a thread), or a slash command's response_url. */
type Target =
  | { kind: "message"; channel: string; threadTs?: string; user: string }
  | { kind: "response"; responseUrl: string; visibility: "ephemeral" | "public" };

/** Options every chat.postMessage/postEphemeral carries: no parsing of names, no unfurling of links. */
const SAFE_POST = { parse: "none", link_names: false, unfurl_links: false, unfurl_media: false } as const;

/** Message subtypes that are a person writing to the bot; edits, joins, bot posts and the like are ignored. */
const ANSWERABLE_SUBTYPES = new Set<string | undefined>([undefined, "thread_broadcast", "file_share"]);

function threadKey(team: string, channel: string, threadTs: string): string {
  return `slack:${team}:${channel}:${threadTs}`;
}

/** Registers the listeners: mentions, thread follow-ups, DMs, /strike, and the buttons. */
export function registerHandlers(app: App, ctx: HandlerContext): void {
  const { bot, logger, rateLimiter, inflight, metrics, state, conversations, delivery } = ctx;
  // Conversation ids are capped before they reach the state or the core (a 20 KB id is hashed).
  const ask = (text: string, conversationId: string) =>
    conversations.ask(text, capConversationId(conversationId), "slack");
  const followThread = (key: string) => state.set(`thread:${key}`, "1", STATE_DEFAULTS.threadTtlMs);
  const inThread = async (key: string) => (await state.get(`thread:${key}`)) !== undefined;

  /** Hands the answer to the delivery path; a loss there is already counted and logged. */
  async function send(target: Target, message: SlackMessage, what: string): Promise<void> {
    if (target.kind === "message") {
      await delivery.postMessage(
        {
          channel: target.channel,
          ...(target.threadTs !== undefined ? { thread_ts: target.threadTs } : {}),
          text: message.text,
          blocks: message.blocks,
          ...SAFE_POST,
        },
        what,
      );
    } else {
      await delivery.respond(
        target.responseUrl,
        {
          response_type: target.visibility === "public" ? "in_channel" : "ephemeral",
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        },
        what,
      );
    }
  }

  /** A notice only the user sees (slow down, error): ephemeral in the channel or thread they wrote in. */
  async function notice(target: Target, text: string, what: string): Promise<void> {
    const message = renderNotice(text);
    if (target.kind === "message") {
      await delivery.postEphemeral(
        {
          channel: target.channel,
          user: target.user,
          ...(target.threadTs !== undefined ? { thread_ts: target.threadTs } : {}),
          text: message.text,
          blocks: message.blocks,
          ...SAFE_POST,
        },
        what,
      );
    } else {
      await delivery.respond(
        target.responseUrl,
        { response_type: "ephemeral", replace_original: false, ...message },
        what,
      );
    }
  }

  /**
   * The common path: rate limit, compute, render, send; a thrown error becomes a polite reply and a
   * log line. Sending never throws and is not waited for: the delivery path owns the answer from
   * there (retries, expiry, drain), and counts and logs what it loses.
   */
  function answer(
    what: string,
    userKey: string,
    target: Target,
    compute: () => Promise<{ answer: Answer; options?: RenderOptions }>,
  ): Promise<void> {
    return inflight.run(async () => {
      // Let pending acknowledgements go out first: Slack times out on the ack, not on the answer.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const answered = metrics.startAnswer("slack");
      try {
        if (!(await rateLimiter.take(userKey))) {
          logger.info({ adapter: "slack", what }, "rate limited");
          metrics.rateLimited.inc({ platform: "slack" });
          void notice(target, MESSAGES.slowDown, what);
          return;
        }
        const { answer: result, options } = await compute();
        void send(target, renderAnswer(result, options), what);
        answered(result.status);
      } catch (error) {
        answered("error");
        logger.error({ adapter: "slack", what, err: error }, "slack answer failed");
        void notice(target, MESSAGES.handlerError, what);
      }
    });
  }

  async function runSlash(
    request: SlashRequest,
    conversationId: string,
    userId: string,
  ): Promise<{ answer: Answer; options?: RenderOptions }> {
    const publicRequest = request.visibility === "ephemeral" ? { publicRequest: request } : {};
    switch (request.subcommand) {
      case "stats":
        return { answer: bot.stats(), options: { title: bot.title, ...publicRequest } };
      case "quote":
        return { answer: bot.quotes(request.argument || undefined), options: publicRequest };
      case "help":
        return { answer: bot.help(), options: { extraLines: usageLines() } };
      case "ask":
        if (request.argument.trim() === "")
          return { answer: bot.help(), options: { extraLines: usageLines() } };
        return { answer: await ask(request.argument, conversationId), options: publicRequest };
      case "gaps":
        return { answer: await gapsAnswer(ctx.gaps, ctx.admins, userId) };
    }
  }

  // Retried deliveries (X-Slack-Retry-Num / retry_attempt) carry the same event_id: answer it once.
  // (Once shutting down, events are still acknowledged (Bolt acks them before middleware) but
  // inflight.run refuses to start new answers.)
  // With Redis the claim is shared, so a retry that lands on another instance is dropped there too; if
  // the claim cannot be checked, a retry is dropped (fail closed) and a first delivery answered (open).
  // A replayed slash command carries the same trigger_id.
  app.use(async (args) => {
    const { body, context, next } = args;
    const {
      event_id: eventId,
      command,
      trigger_id: triggerId,
    } = body as {
      event_id?: unknown;
      command?: unknown;
      trigger_id?: unknown;
    };
    const isRetry = context.retryNum !== undefined;
    const key =
      typeof eventId === "string"
        ? `dedupe:slack-event:${eventId}`
        : typeof command === "string" && typeof triggerId === "string"
          ? `dedupe:slack-trigger:${triggerId}`
          : undefined;
    if (key !== undefined && !(await state.claim(key, STATE_DEFAULTS.dedupeTtlMs, isRetry))) {
      logger.info({ adapter: "slack", key, retry: context.retryNum }, "duplicate event ignored");
      metrics.duplicatesDropped.inc({ platform: "slack" });
      // Events are acknowledged before middleware runs; a replayed command still needs its ack.
      await (args as { ack?: () => Promise<void> }).ack?.();
      return;
    }
    await next();
  });

  // @strike-bot question → answer in the thread of that message; the thread becomes the conversation.
  app.event("app_mention", async ({ event, context }) => {
    if (event.bot_id !== undefined || event.subtype !== undefined || !event.user) return;
    const team = event.team ?? context.teamId ?? "-";
    const threadTs = event.thread_ts ?? event.ts;
    const key = threadKey(team, event.channel, threadTs);
    await followThread(key);
    const text = slackToPlain(event.text, context.botUserId);
    await answer(
      "mention",
      `slack:${team}:${event.user}`,
      { kind: "message", channel: event.channel, threadTs, user: event.user },
      async () => ({ answer: await ask(text, key) }),
    );
  });

  // DMs, and replies in a thread the bot is talking in (no mention needed).
  app.event("message", async ({ event, context }) => {
    if (!ANSWERABLE_SUBTYPES.has(event.subtype)) return;
    const message = event as typeof event & {
      user?: string;
      text?: string;
      bot_id?: string;
      thread_ts?: string;
      team?: string;
    };
    if (message.bot_id !== undefined || !message.user || message.user === context.botUserId) return;
    const rawText = message.text ?? "";
    const team = message.team ?? context.teamId ?? "-";
    const user = message.user;

    if (message.channel_type === "im") {
      const conversation = `slack:${team}:${message.channel}`;
      await answer(
        "dm",
        `slack:${team}:${user}`,
        {
          kind: "message",
          channel: message.channel,
          ...(message.thread_ts !== undefined ? { threadTs: message.thread_ts } : {}),
          user,
        },
        async () => ({ answer: await ask(slackToPlain(rawText, context.botUserId), conversation) }),
      );
      return;
    }

    if (message.thread_ts === undefined) return;
    // A mention is answered by app_mention; answering it here too would reply twice.
    if (context.botUserId && rawText.includes(`<@${context.botUserId}>`)) return;
    const key = threadKey(team, message.channel, message.thread_ts);
    if (!(await inThread(key))) return;
    await answer(
      "thread",
      `slack:${team}:${user}`,
      { kind: "message", channel: message.channel, threadTs: message.thread_ts, user },
      async () => ({ answer: await ask(slackToPlain(rawText, context.botUserId), key) }),
    );
  });

  // /strike: ack at once, then answer through the response_url (ephemeral unless `public`).
  app.command(
    `/${STRIKE_COMMAND.name}`,
    async ({ command, ack }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
      // No room to deliver one more answer: say so in the acknowledgement itself, which needs none.
      if (!delivery.hasRoom()) {
        logger.warn({ adapter: "slack", what: "slash" }, "slash command refused: delivery queue full");
        await ack(MESSAGES.busy);
        return;
      }
      await ack();
      delivery.seen(command.response_url);
      const request = parseSlash(slackToPlain(command.text));
      const conversation = `slack:${command.team_id}:${command.channel_id}:slash:${command.user_id}`;
      await answer(
        `slash:${request.subcommand}`,
        `slack:${command.team_id}:${command.user_id}`,
        // The gaps list is for editors only: never posted to the channel, even with `public`.
        {
          kind: "response",
          responseUrl: command.response_url,
          visibility: request.subcommand === "gaps" ? "ephemeral" : request.visibility,
        },
        () => runSlash(request, conversation, command.user_id),
      );
    },
  );

  // A suggestion button: ask that question in the same place the buttons were shown.
  app.action<BlockAction<ButtonAction>>(new RegExp(`^${SUGGEST_ACTION}:`), async ({ ack, body, action }) => {
    await ack();
    const question = action.value ?? "";
    const team = body.team?.id ?? "-";
    const user = body.user.id;
    const container = body.container as { is_ephemeral?: boolean; thread_ts?: string; message_ts?: string };
    const channel = body.channel?.id ?? (body.container as { channel_id?: string }).channel_id;
    const threadTs = body.message?.thread_ts ?? container.thread_ts;
    let target: Target;
    let conversation: string;
    if (container.is_ephemeral || channel === undefined) {
      target = { kind: "response", responseUrl: body.response_url, visibility: "ephemeral" };
      conversation = `slack:${team}:${channel ?? "-"}:slash:${user}`;
    } else if (threadTs !== undefined) {
      conversation = threadKey(team, channel, threadTs);
      await followThread(conversation);
      target = { kind: "message", channel, threadTs, user };
    } else {
      conversation = `slack:${team}:${channel}`;
      target = { kind: "message", channel, user };
    }
    await answer("suggestion", `slack:${team}:${user}`, target, async () => ({
      answer: await ask(question, conversation),
    }));
  });

  // "Post to channel" under an ephemeral slash answer: run the same request again, visibly.
  app.action<BlockAction<ButtonAction>>(PUBLIC_ACTION, async ({ ack, body, action }) => {
    await ack();
    const request = decodePublicRequest(action.value);
    if (request === undefined) return;
    const team = body.team?.id ?? "-";
    const conversation = `slack:${team}:${body.channel?.id ?? "-"}:slash:${body.user.id}`;
    await answer(
      `public:${request.subcommand}`,
      `slack:${team}:${body.user.id}`,
      { kind: "response", responseUrl: body.response_url, visibility: "public" },
      () => runSlash(request, conversation, body.user.id),
    );
  });

  // Anything that escapes a listener: log it; Bolt has already acknowledged the request.
  app.error(async (error) => {
    logger.error({ adapter: "slack", err: error }, "slack listener error");
  });
}
