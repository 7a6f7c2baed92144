import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type InteractionReplyOptions,
  MessageFlags,
  type RepliableInteraction,
} from "discord.js";
import { STRIKE_COMMAND, type SubcommandName } from "../../commands.js";
import type { Answer } from "../../core/answer.js";
import { MESSAGES } from "../../core/messages.js";
import { NO_MENTIONS } from "./client.js";
import { usesAutocomplete } from "./command-json.js";
import type { HandlerContext } from "./context.js";
import { LIMITS, truncate } from "./limits.js";
import { type RenderedAnswer, renderAnswer } from "./render.js";

interface SlashResult {
  answer: Answer;
  heading: string;
}

type SubcommandHandler = (
  interaction: ChatInputCommandInteraction,
  ctx: HandlerContext,
) => SlashResult | Promise<SlashResult>;

/** One handler per subcommand of the shared STRIKE_COMMAND: the compiler checks none is missing. */
const SUBCOMMANDS: Record<SubcommandName, SubcommandHandler> = {
  stats: (_i, ctx) => ({ answer: ctx.bot.stats(), heading: MESSAGES.statsHeading }),
  ask: async (i, ctx) => {
    const question = i.options.getString("question", true);
    return { answer: await ctx.ask(question, slashConversation(i)), heading: question };
  },
  quote: (i, ctx) => {
    const who = i.options.getString("who") ?? undefined;
    return { answer: ctx.bot.quotes(who), heading: who ?? MESSAGES.quotesHeading };
  },
  help: (_i, ctx) => ({ answer: ctx.bot.help(), heading: MESSAGES.helpHeading }),
  gaps: async (i, ctx) => ({ answer: await ctx.gaps(i.user.id), heading: MESSAGES.gapsHeading }),
};

/** Slash asks by one user in one channel form a conversation. */
function slashConversation(interaction: Interaction): string {
  return `discord:slash:${interaction.channelId ?? "dm"}:${interaction.user.id}`;
}

function flagsFor(ephemeral: boolean): InteractionReplyOptions["flags"] {
  return ephemeral ? MessageFlags.Ephemeral : undefined;
}

/**
 * Replies inside Discord's 3-second window: when the interaction is already late (a backlog) or the
 * answer took long, it is deferred first (before and/or after producing the answer) and the answer
 * edited in afterwards.
 */
async function answerInteraction(
  interaction: RepliableInteraction,
  ctx: HandlerContext,
  produce: () => Promise<RenderedAnswer>,
  ephemeral: boolean,
): Promise<void> {
  const expiresAt = ctx.delivery.interactionExpiry(interaction.createdTimestamp);
  const deferIfLate = async () => {
    const late = ctx.now() - interaction.createdTimestamp >= ctx.deferAfterMs;
    if (late && !interaction.deferred && !interaction.replied) {
      await ctx.delivery.send("discord.defer", "interaction", expiresAt, () =>
        interaction.deferReply({ flags: ephemeral ? MessageFlags.Ephemeral : undefined }),
      );
    }
  };
  await deferIfLate();
  const rendered = await produce();
  await deferIfLate();
  // Each attempt picks its call afresh: after a deferral that got through, the answer is an edit.
  await ctx.delivery.send<unknown>("discord.reply", "interaction", expiresAt, () =>
    interaction.deferred || interaction.replied
      ? interaction.editReply({ ...rendered, allowedMentions: NO_MENTIONS })
      : interaction.reply({ ...rendered, allowedMentions: NO_MENTIONS, flags: flagsFor(ephemeral) }),
  );
}

async function replyText(
  interaction: RepliableInteraction,
  content: string,
  ctx: HandlerContext,
): Promise<void> {
  const body = { content: truncate(content, LIMITS.content), allowedMentions: NO_MENTIONS };
  await ctx.delivery.send<unknown>(
    "discord.notice",
    "interaction",
    ctx.delivery.interactionExpiry(interaction.createdTimestamp),
    () =>
      interaction.deferred || interaction.replied
        ? interaction.followUp({ ...body, flags: MessageFlags.Ephemeral })
        : interaction.reply({ ...body, flags: MessageFlags.Ephemeral }),
  );
}

async function handleSlash(interaction: ChatInputCommandInteraction, ctx: HandlerContext): Promise<void> {
  const name = interaction.options.getSubcommand(true);
  const handler = (SUBCOMMANDS as Record<string, SubcommandHandler | undefined>)[name];
  if (!handler) {
    await replyText(interaction, MESSAGES.unknownCommand(`${STRIKE_COMMAND.name} ${name}`), ctx);
    return;
  }
  if (!(await passesGate(interaction, ctx))) {
    await replyText(interaction, MESSAGES.slowDown, ctx);
    return;
  }
  const ephemeral = !(interaction.options.getBoolean("public") ?? false);
  const answered = ctx.metrics.startAnswer("discord");
  let status = "error";
  const produce = async () => {
    const { answer, heading } = await handler(interaction, ctx);
    status = answer.status;
    return renderAnswer(answer, { heading, buttons: ctx.buttons });
  };
  try {
    await answerInteraction(interaction, ctx, produce, ephemeral);
  } finally {
    answered(status); // "error" when producing or sending the answer threw
  }
}

async function handleAutocomplete(interaction: AutocompleteInteraction, ctx: HandlerContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const sub = STRIKE_COMMAND.subcommands.find((s) => s.name === interaction.options.getSubcommand(false));
  const option = sub?.options.find((o) => o.name === focused.name);
  let suggestions: string[] = [];
  if (option && usesAutocomplete(option, ctx.sources)) {
    const typed = String(focused.value);
    if (option.choicesFrom === "speakers") {
      const needle = typed.toLowerCase();
      suggestions = ctx.sources.speakers.filter((s) => s.toLowerCase().includes(needle));
    } else {
      suggestions = ctx.bot.suggest(typed, LIMITS.choices);
    }
  }
  const seen = new Set<string>();
  const choices: { name: string; value: string }[] = [];
  for (const suggestion of suggestions) {
    const value = truncate(suggestion, LIMITS.choiceValue);
    if (seen.has(value) || value.trim() === "") continue;
    seen.add(value);
    choices.push({ name: truncate(suggestion, LIMITS.choiceName), value });
    if (choices.length >= LIMITS.choices) break;
  }
  await interaction.respond(choices);
}

async function handleButton(interaction: ButtonInteraction, ctx: HandlerContext): Promise<void> {
  const question = ctx.buttons.questionFor(interaction.customId);
  if (question === undefined) {
    await replyText(interaction, MESSAGES.buttonExpired, ctx);
    return;
  }
  if (!(await passesGate(interaction, ctx))) {
    await replyText(interaction, MESSAGES.slowDown, ctx);
    return;
  }
  const answered = ctx.metrics.startAnswer("discord");
  let status = "error";
  const produce = async () => {
    const answer = await ctx.ask(question, slashConversation(interaction));
    status = answer.status;
    return renderAnswer(answer, { heading: question, buttons: ctx.buttons });
  };
  try {
    await answerInteraction(interaction, ctx, produce, true);
  } finally {
    answered(status);
  }
}

/** The per-user rate limit (shared between instances with Redis); a refusal is counted. */
async function passesGate(interaction: Interaction, ctx: HandlerContext): Promise<boolean> {
  if ((await ctx.gate.check(interaction.user.id)) === "ok") return true;
  ctx.metrics.rateLimited.inc({ platform: "discord" });
  return false;
}

/** Routes one interaction; throws are caught by the listener wrapper, which replies politely. */
export async function handleInteraction(interaction: Interaction, ctx: HandlerContext): Promise<void> {
  if (interaction.user.bot) return;
  if (interaction.isAutocomplete()) {
    if (interaction.commandName === STRIKE_COMMAND.name) await handleAutocomplete(interaction, ctx);
    else await interaction.respond([]);
    return;
  }
  if (interaction.isChatInputCommand()) {
    if (interaction.commandName === STRIKE_COMMAND.name) await handleSlash(interaction, ctx);
    else await replyText(interaction, MESSAGES.unknownCommand(interaction.commandName), ctx);
    return;
  }
  if (interaction.isButton() && ctx.buttons.owns(interaction.customId)) {
    await handleButton(interaction, ctx);
  }
}

/** The polite answer to an interaction whose handler failed. */
export async function replyHandlerError(interaction: Interaction, ctx: HandlerContext): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (interaction.isRepliable()) await replyText(interaction, MESSAGES.handlerError, ctx);
}
