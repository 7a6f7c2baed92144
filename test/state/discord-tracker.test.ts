/** The Discord conversation tracker on shared state: a thread one shard answered in is known to all. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConversationTracker } from "../../src/adapters/discord/conversations.js";
import { RedisState } from "../../src/state/redis.js";
import { captureLogger } from "../slack/support.js";
import { hasRedis, RedisServer } from "../support/redis.js";

describe.skipIf(!hasRedis)("Discord conversations across shards and machines", () => {
  let redis: RedisServer;
  const states: RedisState[] = [];
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await Promise.all(states.map((s) => s.close()));
    await redis.stop();
  });

  it("follows a thread and a reply chain started on another process", async () => {
    for (let i = 0; i < 2; i++) states.push(await new RedisState(redis.url, captureLogger().logger).start());
    const [a, b] = states.map((s) => new ConversationTracker(s));
    const inThread = {
      id: "m2",
      channelId: "thread-9",
      isDm: false,
      isThread: true,
      mentionsBot: false,
      repliesToBot: false,
    };
    expect(await b!.conversationFor(inThread)).toBeUndefined();
    await a!.answered("discord:thread:thread-9", "bot-answer-1", "thread-9", true);
    expect(await b!.conversationFor(inThread)).toBe("discord:thread:thread-9");

    await a!.answered("discord:msg:m0", "bot-answer-2", "chan-1", false);
    const reply = {
      id: "m3",
      channelId: "chan-1",
      isDm: false,
      isThread: false,
      mentionsBot: false,
      repliesToBot: false,
      replyToId: "bot-answer-2",
    };
    expect(await b!.conversationFor(reply)).toBe("discord:msg:m0");
  });
});
