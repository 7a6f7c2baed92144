/** The variables for several instances: REDIS_URL, STATE_DIR, STRIKE_ADMINS, DISCORD_SHARDS/_COUNT. */
import { describe, expect, it } from "vitest";
import { readDiscordConfig } from "../../src/adapters/discord/config.js";
import { ConfigError } from "../../src/config/error.js";
import { DEFAULT_STATE_DIR, readConfig } from "../../src/config/index.js";

const DISCORD = {
  DISCORD_TOKEN: "MTExMTExMTExMTExMTExMTEx.GfAkE0.fake-token-for-local-tests-only",
  DISCORD_APP_ID: "111111111111111111",
};

function failure(read: () => unknown): ConfigError {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("service configuration", () => {
  it("defaults to memory state, ./state and no admins", () => {
    const config = readConfig({});
    expect(config.redisUrl).toBeUndefined();
    expect(config.stateDir).toBe(DEFAULT_STATE_DIR);
    expect(config.admins).toEqual([]);
  });

  it("reads REDIS_URL, STATE_DIR and STRIKE_ADMINS", () => {
    const config = readConfig({
      REDIS_URL: "rediss://user:pw@redis.internal:6380/2",
      STATE_DIR: "/var/lib/strike-bot",
      STRIKE_ADMINS: "U012ABC, 123456789012345678 U012ABC",
    });
    expect(config).toMatchObject({
      redisUrl: "rediss://user:pw@redis.internal:6380/2",
      stateDir: "/var/lib/strike-bot",
      admins: ["U012ABC", "123456789012345678"],
    });
  });

  it("stops on a malformed REDIS_URL, naming it and never echoing the password", () => {
    for (const bad of ["localhost:6379", "http://h:1", "redis://", "redis://:hunter2@h:1/x"]) {
      const error = failure(() => readConfig({ REDIS_URL: bad }));
      expect(error.variable).toBe("REDIS_URL");
      expect(error.message).not.toContain("hunter2");
    }
  });

  it("stops on an admin id that is neither a Slack nor a Discord user id", () => {
    expect(failure(() => readConfig({ STRIKE_ADMINS: "U1ABC,@alice" })).variable).toBe("STRIKE_ADMINS");
  });

  it("reads this machine's Discord shards, both variables or neither", () => {
    expect(readDiscordConfig({ ...DISCORD, DISCORD_SHARDS: "1, 0", DISCORD_SHARD_COUNT: "4" })).toMatchObject(
      {
        shards: [0, 1],
        shardCount: 4,
      },
    );
    expect(readDiscordConfig(DISCORD)?.shards).toBeUndefined();
    const cases: [Record<string, string>, string][] = [
      [{ DISCORD_SHARDS: "0,1" }, "DISCORD_SHARD_COUNT"],
      [{ DISCORD_SHARD_COUNT: "2" }, "DISCORD_SHARDS"],
      [{ DISCORD_SHARDS: "0,2", DISCORD_SHARD_COUNT: "2" }, "DISCORD_SHARDS"],
      [{ DISCORD_SHARDS: "zero", DISCORD_SHARD_COUNT: "2" }, "DISCORD_SHARDS"],
      [{ DISCORD_SHARDS: "0", DISCORD_SHARD_COUNT: "0" }, "DISCORD_SHARD_COUNT"],
    ];
    for (const [env, variable] of cases)
      expect(failure(() => readDiscordConfig({ ...DISCORD, ...env })).variable).toBe(variable);
  });
});
