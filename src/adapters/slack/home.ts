import type { App, types } from "@slack/bolt";
import type { Bot } from "../../core/bot.js";
import { MESSAGES } from "../../core/messages.js";
import type { Logger } from "../../log.js";
import { mrkdwnWithin } from "./escape.js";
import { renderAnswer } from "./render.js";
import { usageLines } from "./slash.js";

/** Slack allows at most 100 blocks in a Home view. */
const HOME_MAX_BLOCKS = 100;
const EXAMPLES = 5;

/**
 * The App Home tab: the story's title and headline figures (the same card as /strike stats),
 * example questions the bot has checked it can answer, and how to ask.
 */
export function renderHome(bot: Bot): types.HomeView {
  const stats = renderAnswer(bot.stats(), { title: bot.title });
  const section = (text: string): types.KnownBlock => ({
    type: "section",
    text: { type: "mrkdwn", text: mrkdwnWithin(text, 3000), verbatim: true },
  });
  const examples = bot.suggest("", EXAMPLES).map((q) => `• ${q}`);
  const blocks: types.KnownBlock[] = [
    ...stats.blocks,
    { type: "divider" },
    section(`*${MESSAGES.homeExamplesHeading}*\n${examples.join("\n")}`),
    section(`*${MESSAGES.homeHowToHeading}*\n${[...MESSAGES.homeHowTo, ...usageLines()].join("\n")}`),
  ];
  return { type: "home", blocks: blocks.slice(0, HOME_MAX_BLOCKS) };
}

/** Publishes the Home tab whenever a user opens it, from the bot in use (so it follows article updates). */
export function registerHome(app: App, ctx: { bot: Bot; logger: Logger }): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    try {
      await client.views.publish({ user_id: event.user, view: renderHome(ctx.bot) });
    } catch (error) {
      ctx.logger.error({ adapter: "slack", err: error }, "slack home tab publish failed");
    }
  });
}
