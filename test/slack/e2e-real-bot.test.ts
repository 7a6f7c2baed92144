/**
 * End to end with the real bot (src/load-bot.ts, the Southampton strike article) behind the real Bolt
 * app, against the fake Slack, in both connection modes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/adapters/rate-limit.js";
import type { Bot } from "../../src/core/bot.js";
import { loadBot } from "../../src/load-bot.js";
import { blockKitProblems } from "./block-limits.js";
import {
  blockAction,
  channelMessage,
  directMessage,
  eventCallback,
  type Harness,
  mention,
  messageText,
  slashCommand,
  startHarness,
} from "./support.js";

const CANCELLED = "how many appointments were cancelled?";

let bot: Bot;
beforeAll(() => {
  bot = loadBot();
});

for (const mode of ["http", "socket"] as const) {
  describe(`strike-bot on Slack (${mode === "http" ? "HTTP" : "Socket Mode"}, real bot)`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(mode, bot, { rateLimiter: new RateLimiter() });
    });
    afterAll(async () => {
      await h.close();
    });

    const deliver = async (body: unknown) => {
      if (mode === "http") {
        const res = await h.postEvent(body);
        expect(res.status).toBe(200);
      } else {
        await h.fake.send("events_api", body);
      }
    };
    const command = async (text: string, user = "U1") => {
      const form = slashCommand(text, h.fake.responseUrl(), user);
      if (mode === "http") {
        const res = await h.postForm(form);
        expect(res.status).toBe(200);
      } else {
        await h.fake.send("slash_commands", form);
      }
    };
    const click = async (payload: unknown) => {
      if (mode === "http") await h.postAction(payload);
      else await h.fake.send("interactive", payload);
    };

    it("replies in the thread of a mention with the cancelled-appointments figure, quoting the source", async () => {
      const m = mention(CANCELLED, { user: "UA" });
      await deliver(eventCallback(m));
      const posted = await h.fake.nthCall("chat.postMessage", 1);
      expect(posted.channel).toBe("C1");
      expect(posted.thread_ts).toBe(m.ts);
      const blocks = JSON.stringify(posted.blocks);
      expect(blocks).toContain("1,854");
      expect(blocks).toContain('"type":"context"');
      expect(String(posted.text)).toContain("1,854");
      expect(blockKitProblems(posted)).toEqual([]);

      // A follow-up in the same thread, without a mention, is answered there in the same conversation.
      await deliver(
        eventCallback(channelMessage("and how many were outpatient?", { user: "UA", thread_ts: m.ts })),
      );
      const followUp = await h.fake.nthCall("chat.postMessage", 2);
      expect(followUp.thread_ts).toBe(m.ts);
      expect(JSON.stringify(followUp.blocks)).toContain("1,696");
    });

    it("answers a DM in the DM", async () => {
      const before = h.fake.posted.length;
      await deliver(eventCallback(directMessage(CANCELLED, { user: "UB" })));
      const posted = await h.fake.nthCall("chat.postMessage", before + 1);
      expect(posted.channel).toBe("D1");
      expect(messageText(posted)).toContain("1,854");
    });

    it("shows /strike stats as a card whose fields carry the headline figures", async () => {
      const before = h.fake.responses.length;
      await command("stats", "UC");
      const { body } = await h.fake.nthResponse(before + 1);
      expect(body.response_type).toBe("ephemeral");
      const blocks = body.blocks as { type: string; fields?: { text: string }[] }[];
      expect(blocks[0]?.type).toBe("header");
      const fields = blocks.flatMap((b) => b.fields ?? []).map((f) => f.text);
      expect(fields.some((f) => f.includes("1,854"))).toBe(true);
      expect(blockKitProblems(body)).toEqual([]);
    });

    it("answers /strike ask publicly when asked to, and lists a speaker's quotes", async () => {
      const before = h.fake.responses.length;
      await command(`ask ${CANCELLED} public`, "UD");
      await command("quote Powis", "UD");
      await h.fake.nthResponse(before + 2);
      const latest = h.fake.responses.slice(before);
      const ask = latest.find((r) => r.body.response_type === "in_channel");
      const quote = latest.find((r) => r.body.response_type === "ephemeral");
      expect(ask?.body.response_type).toBe("in_channel");
      expect(JSON.stringify(ask?.body.blocks)).toContain("1,854");
      expect(JSON.stringify(quote?.body.blocks)).toContain("Powis");
    });

    it("gives the core's too-long answer to an over-long message", async () => {
      const before = h.fake.posted.length;
      await deliver(eventCallback(mention(`${CANCELLED} ${"very ".repeat(400)}`, { user: "UE" })));
      const posted = await h.fake.nthCall("chat.postMessage", before + 1);
      expect(String(posted.text)).toContain("too long");
    });

    it("offers suggestion buttons for an unknown question, and a click asks that question in the thread", async () => {
      const before = h.fake.posted.length;
      // Whichever of these the core does not know (its matcher evolves), with suggestions to offer.
      const offTopic = [
        "what is the weather on mars?",
        "qwerty zxcvb plugh",
        "who won the football last night?",
      ].find((q) => {
        const a = bot.ask(q, "probe");
        return a.status === "unknown" && a.suggestions.length > 0;
      });
      expect(offTopic).toBeDefined();
      const m = mention(offTopic ?? "", { user: "UF" });
      await deliver(eventCallback(m));
      const posted = await h.fake.nthCall("chat.postMessage", before + 1);
      const actions = (
        posted.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
      ).find((b) => b.type === "actions");
      const button = actions?.elements?.[0];
      expect(button?.action_id).toMatch(/^strike_suggest:/);
      await click(
        blockAction(
          { action_id: button?.action_id ?? "", value: button?.value ?? "" },
          h.fake.responseUrl(),
          {
            threadTs: m.ts,
          },
        ),
      );
      const answer = await h.fake.nthCall("chat.postMessage", before + 2);
      expect(answer.thread_ts).toBe(m.ts);
      expect((answer.blocks as unknown[]).length).toBeGreaterThan(0);
      expect(String(answer.text)).not.toContain("I can only answer");
    });
  });
}
