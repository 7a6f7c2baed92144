/** A hot article update reaches Discord: answers come from the new store, and /strike's speaker choices follow. */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildCommandsBody } from "../../src/adapters/discord/command-json.js";
import { BotHolder } from "../../src/bot-holder.js";
import type { Bot } from "../../src/core/bot.js";
import { loadBot } from "../../src/load-bot.js";
import { autocomplete, slashCommand } from "./fake-discord.js";
import { type Harness, startHarness } from "./harness.js";

const WRENFIELD = new URL("../fixtures/articles/synthetic-wrenfield-paramedics-strike.txt", import.meta.url)
  .pathname;

let southampton: Bot;
let wrenfield: Bot;
beforeAll(() => {
  southampton = loadBot();
  wrenfield = loadBot({ articlePath: WRENFIELD });
});

describe("Discord after the article changed", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("answers from the new article and re-registers /strike with the new speakers", async () => {
    const holder = new BotHolder(southampton);
    h = await startHarness({ bot: holder });
    holder.replace(wrenfield);
    const put = await h.fake.waitForRequest((r) => r.method === "PUT");
    expect(put.body).toEqual(
      JSON.parse(JSON.stringify(buildCommandsBody({ speakers: wrenfield.speakers() }))),
    );
    expect(JSON.stringify(put.body)).toContain("Helen Marsh");

    const ask = slashCommand("ask", { question: "How many call-outs were handled by volunteers?" });
    h.fake.dispatch("INTERACTION_CREATE", ask);
    const answer = await h.fake.waitForRequest((r) => r.path.startsWith(`/interactions/${ask.id}/`));
    expect(answer.body.data.embeds[0].description).toContain("437");

    const typed = autocomplete("ask", { question: "call-outs" }, "question");
    h.fake.dispatch("INTERACTION_CREATE", typed);
    const choices = await h.fake.waitForRequest((r) => r.path.startsWith(`/interactions/${typed.id}/`));
    expect(JSON.stringify(choices.body.data.choices)).toMatch(/call-outs/i);
  });

  it("does not re-register when the new version quotes the same people", async () => {
    const holder = new BotHolder(southampton);
    h = await startHarness({ bot: holder });
    holder.replace(loadBot());
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.fake.requests.filter((r) => r.method === "PUT")).toHaveLength(0);
  });
});
