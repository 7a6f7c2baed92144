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
  slashCommand,
  startHarness,
} from "./support.js";

describe("Slack adapter over Socket Mode (mechanics, fake bot)", () => {
  let h: Harness;
  let bot: FakeBot;

  beforeEach(async () => {
    bot = new FakeBot();
    h = await startHarness("socket", bot);
  });
  afterEach(async () => {
    await h.close();
  });

  it("opens the socket with the app-level token via apps.connections.open", async () => {
    const [open] = h.fake.callsOf("apps.connections.open");
    expect(open?.authorization).toBe("Bearer xapp-1-test-token");
    expect(h.slack.mode).toBe("socket");
  });

  it("replies in the thread of a mention and follows up in that thread", async () => {
    const first = mention("how many appointments were cancelled?");
    await h.fake.send("events_api", eventCallback(first));
    const posted = await h.fake.nthCall("chat.postMessage");
    expect(posted.thread_ts).toBe(first.ts);
    expect(JSON.stringify(posted.blocks)).toContain("1,854");
    await h.fake.send(
      "events_api",
      eventCallback(channelMessage("and operations?", { thread_ts: first.ts })),
    );
    const followUp = await h.fake.nthCall("chat.postMessage", 2);
    expect(followUp.thread_ts).toBe(first.ts);
    expect(bot.asked[1]?.conversationId).toBe(bot.asked[0]?.conversationId);
  });

  it("answers a DM in the DM", async () => {
    await h.fake.send("events_api", eventCallback(directMessage("how many appointments were cancelled?")));
    const posted = await h.fake.nthCall("chat.postMessage");
    expect(posted.channel).toBe("D1");
    expect(messageText(posted)).toContain("1,854");
  });

  it("acks a slash command envelope and answers through the response_url", async () => {
    await h.fake.send(
      "slash_commands",
      slashCommand("ask how many appointments were cancelled?", h.fake.responseUrl()),
    );
    const { body } = await h.fake.nthResponse();
    expect(body.response_type).toBe("ephemeral");
    expect(JSON.stringify(body.blocks)).toContain("1,854");
  });

  it("acks an interactive envelope and asks the clicked suggestion", async () => {
    await h.fake.send(
      "interactive",
      blockAction(
        { action_id: "strike_suggest:0", value: "how many appointments were cancelled?" },
        h.fake.responseUrl(),
        {
          threadTs: "1600000000.000100",
        },
      ),
    );
    const posted = await h.fake.nthCall("chat.postMessage");
    expect(posted.thread_ts).toBe("1600000000.000100");
    expect(JSON.stringify(posted.blocks)).toContain("1,854");
  });

  it("answers a redelivered envelope (retry_attempt) once", async () => {
    const body = eventCallback(mention("how many appointments were cancelled?"));
    await h.fake.send("events_api", body);
    await h.fake.send("events_api", body, { retry_attempt: 1, retry_reason: "timeout" });
    await h.fake.send("events_api", eventCallback(directMessage("how many appointments were cancelled?")));
    await h.fake.nthCall("chat.postMessage", 2);
    expect(h.fake.posted.map((p) => p.channel)).toEqual(["C1", "D1"]);
  });

  it("redelivers an envelope sent while the socket is being replaced, and answers it once", async () => {
    h.fake.requestDisconnect();
    // Sent at once: it reaches the closing socket or waits for the next one; either way it is acked and answered.
    const acked = h.fake.send(
      "events_api",
      eventCallback(directMessage("how many appointments were cancelled?")),
    );
    await h.fake.connected(2);
    await acked;
    const posted = await h.fake.nthCall("chat.postMessage");
    expect(posted.channel).toBe("D1");
    await h.fake.send("events_api", eventCallback(mention("how many appointments were cancelled?")));
    await h.fake.nthCall("chat.postMessage", 2);
    expect(h.fake.posted.map((p) => p.channel)).toEqual(["D1", "C1"]);
  });

  it("reconnects after the connection drops and gets what was sent meanwhile", async () => {
    h.fake.dropConnection();
    const acked = h.fake.send("slash_commands", slashCommand("stats", h.fake.responseUrl()));
    await h.fake.connected(2);
    await acked;
    const { body } = await h.fake.nthResponse();
    expect(JSON.stringify(body.blocks)).toContain("1,854");
  });

  it("reconnects after a server-initiated disconnect and loses nothing", async () => {
    // A question is in flight when Slack asks the client to reconnect.
    await h.fake.send("events_api", eventCallback(mention("how many appointments were cancelled?")));
    h.fake.requestDisconnect();
    await h.fake.connected(2);
    expect(h.fake.callsOf("apps.connections.open")).toHaveLength(2);
    await h.fake.send("events_api", eventCallback(directMessage("how many appointments were cancelled?")));
    await h.fake.send("slash_commands", slashCommand("stats", h.fake.responseUrl()));
    await h.fake.nthCall("chat.postMessage", 2);
    await h.fake.nthResponse(1);
    expect(h.fake.posted.map((p) => p.channel)).toEqual(["C1", "D1"]);
    expect(JSON.stringify(h.fake.responses[0]?.body)).toContain("1,854");
  });
});
