import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeBot } from "./fake-bot.js";
import {
  blockAction,
  channelMessage,
  directMessage,
  eventCallback,
  type Harness,
  mention,
  messageText,
  signedHeaders,
  slashCommand,
  startHarness,
} from "./support.js";

describe("Slack adapter over HTTP (mechanics, fake bot)", () => {
  let h: Harness;
  let bot: FakeBot;

  beforeEach(async () => {
    bot = new FakeBot();
    h = await startHarness("http", bot);
  });
  afterEach(async () => {
    await h.close();
  });

  it("checks the bot token with auth.test at start, sending it only as a bearer header", async () => {
    const [authTest] = h.fake.callsOf("auth.test");
    expect(authTest?.authorization).toBe("Bearer xoxb-1-test-token");
  });

  it("replies in the thread of a mention with the figure in its blocks", async () => {
    const event = mention("how many appointments were cancelled?");
    const res = await h.postEvent(eventCallback(event));
    expect(res.status).toBe(200);
    const posted = await h.fake.nthCall("chat.postMessage");
    expect(posted.channel).toBe("C1");
    expect(posted.thread_ts).toBe(event.ts);
    expect(JSON.stringify(posted.blocks)).toContain("1,854");
    expect(String(posted.text)).toContain("1,854");
    expect(bot.asked[0]?.text).toBe("how many appointments were cancelled?");
  });

  it("answers a follow-up in the thread without a mention, in the same conversation", async () => {
    const first = mention("how many appointments were cancelled?");
    await h.postEvent(eventCallback(first));
    await h.fake.nthCall("chat.postMessage", 1);
    await h.postEvent(eventCallback(channelMessage("and operations?", { thread_ts: first.ts })));
    const followUp = await h.fake.nthCall("chat.postMessage", 2);
    expect(followUp.thread_ts).toBe(first.ts);
    expect(JSON.stringify(followUp.blocks)).toContain("120 operations");
    expect(bot.asked[1]?.conversationId).toBe(bot.asked[0]?.conversationId);
  });

  it("ignores thread replies in threads it is not part of, and the message copy of a mention", async () => {
    await h.postEvent(
      eventCallback(channelMessage("how many appointments?", { thread_ts: "1600000000.000001" })),
    );
    const m = mention("how many appointments were cancelled?", { thread_ts: "1600000000.000002" });
    await h.postEvent(eventCallback(m));
    await h.postEvent(eventCallback(channelMessage(m.text, { thread_ts: "1600000000.000002" })));
    await h.postEvent(eventCallback(directMessage("how many appointments?")));
    await h.fake.nthCall("chat.postMessage", 2);
    expect(h.fake.posted.map((p) => p.channel)).toEqual(["C1", "D1"]);
    expect(bot.asked).toHaveLength(2);
  });

  it("answers a DM in the DM, each DM being a conversation", async () => {
    await h.postEvent(eventCallback(directMessage("how many appointments were cancelled?")));
    const posted = await h.fake.nthCall("chat.postMessage");
    expect(posted.channel).toBe("D1");
    expect(posted.thread_ts).toBeUndefined();
    expect(messageText(posted)).toContain("1,854");
    expect(bot.asked[0]?.conversationId).toBe("slack:T1:D1");
  });

  it("ignores its own messages, other bots, edits and joins", async () => {
    await h.postEvent(
      eventCallback(directMessage("how many appointments?", { user: "UBOT", bot_id: "BBOT" })),
    );
    await h.postEvent(
      eventCallback(directMessage("how many appointments?", { bot_id: "BOTHER", user: "U9" })),
    );
    await h.postEvent(eventCallback(directMessage("how many appointments?", { subtype: "message_changed" })));
    await h.postEvent(eventCallback(channelMessage("joined", { subtype: "channel_join" })));
    await h.postEvent(eventCallback(directMessage("how many appointments were cancelled?")));
    await h.fake.nthCall("chat.postMessage");
    expect(bot.asked).toHaveLength(1);
    expect(h.fake.posted).toHaveLength(1);
  });

  it("answers a retried event (X-Slack-Retry-Num) once", async () => {
    const body = eventCallback(mention("how many appointments were cancelled?"));
    await h.postEvent(body);
    const retry = await h.postEvent(body, {
      "x-slack-retry-num": "1",
      "x-slack-retry-reason": "http_timeout",
    });
    expect(retry.status).toBe(200);
    await h.waitForLog("duplicate log", (r) => r.msg === "duplicate event ignored");
    await h.postEvent(eventCallback(directMessage("how many appointments were cancelled?")));
    await h.fake.nthCall("chat.postMessage", 2);
    expect(h.fake.posted.map((p) => p.channel)).toEqual(["C1", "D1"]);
  });

  it("rejects a bad signature and a stale timestamp with 401 and posts nothing", async () => {
    const body = JSON.stringify(eventCallback(mention("how many appointments were cancelled?")));
    const url = `http://127.0.0.1:${h.slack.port}/slack/events`;
    const bad = await fetch(url, {
      method: "POST",
      body,
      headers: signedHeaders(body, "application/json", { secret: "ffffffffffffffffffffffffffffffff" }),
    });
    const stale = await fetch(url, {
      method: "POST",
      body,
      headers: signedHeaders(body, "application/json", {
        timestamp: Math.floor(Date.now() / 1000) - 60 * 10,
      }),
    });
    expect(bad.status).toBe(401);
    expect(stale.status).toBe(401);
    await h.postEvent(eventCallback(directMessage("how many appointments were cancelled?")));
    await h.fake.nthCall("chat.postMessage");
    expect(h.fake.posted.map((p) => p.channel)).toEqual(["D1"]);
    expect(bot.asked).toHaveLength(1);
  });

  it("answers url_verification with the challenge", async () => {
    const res = await h.postEvent({ token: "t", challenge: "abc123", type: "url_verification" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("abc123");
  });

  it("acks /strike at once and answers ephemerally through the response_url", async () => {
    const responseUrl = h.fake.responseUrl();
    const res = await h.postForm(slashCommand("ask how many appointments were cancelled?", responseUrl));
    expect(res.status).toBe(200);
    const response = await h.fake.nthResponse();
    expect(responseUrl.endsWith(response.id)).toBe(true);
    expect(response.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(response.body.blocks)).toContain("1,854");
    expect(JSON.stringify(response.body.blocks)).toContain("strike_public");
  });

  it("takes a bare /strike <question> as a question and `public` posts to the channel", async () => {
    await h.postForm(slashCommand("how many appointments were cancelled? public", h.fake.responseUrl()));
    const response = await h.fake.nthResponse();
    expect(response.body.response_type).toBe("in_channel");
    expect(bot.asked[0]?.text).toBe("how many appointments were cancelled?");
  });

  it("shows /strike stats as a card with a header and the figures as fields", async () => {
    await h.postForm(slashCommand("stats", h.fake.responseUrl()));
    const { body } = await h.fake.nthResponse();
    const blocks = body.blocks as { type: string; fields?: { text: string }[] }[];
    expect(blocks[0]?.type).toBe("header");
    const fields = blocks.find((b) => b.fields)?.fields?.map((f) => f.text) ?? [];
    expect(fields.join("\n")).toContain("1,854");
    expect(fields).toHaveLength(2);
    expect(typeof body.text).toBe("string");
  });

  it("shows /strike quote for one speaker and /strike help with the usage from the command metadata", async () => {
    await h.postForm(slashCommand("quote smith", h.fake.responseUrl()));
    await h.postForm(slashCommand("help", h.fake.responseUrl()));
    await h.fake.nthResponse(2);
    const all = h.fake.responses.map((r) => JSON.stringify(r.body)).join("\n");
    expect(all).toContain("Patients come first.");
    expect(all).toContain("/strike ask &lt;question&gt; [public]");
  });

  it("asks a suggestion when its button is clicked, in the thread the buttons were in", async () => {
    const res = await h.postAction(
      blockAction(
        { action_id: "strike_suggest:0", value: "how many appointments were cancelled?" },
        h.fake.responseUrl(),
        { threadTs: "1600000000.000100" },
      ),
    );
    expect(res.status).toBe(200);
    const posted = await h.fake.nthCall("chat.postMessage");
    expect(posted.channel).toBe("C1");
    expect(posted.thread_ts).toBe("1600000000.000100");
    expect(JSON.stringify(posted.blocks)).toContain("1,854");
  });

  it("posts an ephemeral slash answer to the channel when its public button is clicked", async () => {
    await h.postAction(
      blockAction(
        { action_id: "strike_public", value: JSON.stringify({ s: "stats", a: "" }) },
        h.fake.responseUrl(),
        {
          ephemeral: true,
        },
      ),
    );
    const { body } = await h.fake.nthResponse();
    expect(body.response_type).toBe("in_channel");
    expect(JSON.stringify(body.blocks)).toContain("1,854");
  });

  it("offers what it knows as suggestion buttons for an unknown question", async () => {
    await h.postEvent(eventCallback(mention("what is the weather?")));
    const posted = await h.fake.nthCall("chat.postMessage");
    const actions = (
      posted.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
    ).find((b) => b.type === "actions");
    expect(actions?.elements?.map((e) => e.value)).toContain("how many appointments were cancelled?");
    expect(actions?.elements?.[0]?.action_id).toMatch(/^strike_suggest:/);
  });

  it("serves GET /healthz", async () => {
    const res = await fetch(`http://127.0.0.1:${h.slack.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, adapter: "slack" });
  });
});
