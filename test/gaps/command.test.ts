/** /strike gaps on Slack and Discord: the top ten for editors (STRIKE_ADMINS), a polite no for others. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MESSAGES } from "../../src/core/messages.js";
import { FileGapLog } from "../../src/gaps/log.js";
import { loadBot } from "../../src/load-bot.js";
import { slashCommand as discordSlash, USER_ID } from "../discord/fake-discord.js";
import { startHarness as startDiscord } from "../discord/harness.js";
import { slashCommand, startHarness as startSlack } from "../slack/support.js";

const bot = loadBot();
let dir: string;
let gaps: FileGapLog;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "strike-gaps-cmd-"));
  gaps = new FileGapLog(dir);
  const now = Date.now();
  const topics = [
    "parking",
    "canteen menu",
    "pharmacy",
    "visiting hours",
    "chaplain",
    "car park fees",
    "bus routes",
    "flu jabs",
    "blood tests",
    "maternity ward",
    "physiotherapy",
    "x-ray waits",
  ];
  for (const [i, topic] of topics.entries())
    await gaps.record({
      question: `what about ${topic}?`,
      status: "unknown",
      platform: "slack",
      at: now - i,
    });
  for (let i = 0; i < 3; i++)
    await gaps.record({ question: "Is the canteen open?", status: "unknown", platform: "discord", at: now });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("/strike gaps on Slack", () => {
  it("shows an editor the ten most asked, and anyone else a polite refusal", async () => {
    const h = await startSlack("http", bot, { deps: { gaps, admins: ["UEDITOR"] } });
    try {
      await h.postForm(slashCommand("gaps", h.fake.responseUrl(), "UEDITOR"));
      const { body } = await h.fake.nthResponse(1);
      const text = JSON.stringify(body);
      expect(text).toContain("Is the canteen open?");
      expect(text).toContain(MESSAGES.gapsIntro(10, 13));
      expect(body.response_type).toBe("ephemeral");

      // `public` does not put the editors' list in the channel.
      await h.postForm(slashCommand("gaps public", h.fake.responseUrl(), "UEDITOR"));
      expect((await h.fake.nthResponse(2)).body.response_type).toBe("ephemeral");

      await h.postForm(slashCommand("gaps", h.fake.responseUrl(), "UREADER"));
      const refusal = await h.fake.nthResponse(3);
      expect(JSON.stringify(refusal.body)).toContain(MESSAGES.gapsRefused.slice(0, 40));
      expect(JSON.stringify(refusal.body)).not.toContain("canteen");
    } finally {
      await h.close();
    }
  });
});

describe("/strike gaps on Discord", () => {
  const callback = async (h: Awaited<ReturnType<typeof startDiscord>>, interaction: { id: string }) =>
    JSON.stringify(
      (
        await h.fake.waitForRequest(
          (r) => r.method === "POST" && r.path.startsWith(`/interactions/${interaction.id}/`),
        )
      ).body,
    );

  it("shows the list to a listed Discord id", async () => {
    const h = await startDiscord({ bot, deps: { gaps, admins: [USER_ID] } });
    try {
      const interaction = discordSlash("gaps");
      h.fake.dispatch("INTERACTION_CREATE", interaction);
      const body = await callback(h, interaction);
      expect(body).toContain("Is the canteen open?");
      expect(body).toContain(MESSAGES.gapsHeading.slice(0, 30));
    } finally {
      await h.close();
    }
  });

  it("politely refuses anyone else", async () => {
    const h = await startDiscord({ bot, deps: { gaps, admins: ["U0SOMEONE"] } });
    try {
      const interaction = discordSlash("gaps");
      h.fake.dispatch("INTERACTION_CREATE", interaction);
      const body = await callback(h, interaction);
      expect(body).toContain(MESSAGES.gapsRefused.slice(0, 40));
      expect(body).not.toContain("canteen");
    } finally {
      await h.close();
    }
  });
});
