import { describe, expect, it } from "vitest";
import { readDiscordConfig } from "../../src/adapters/discord/config.js";
import { ConfigError } from "../../src/config/error.js";

const TOKEN = "MTExMTExMTExMTExMTExMTEx.GfAkE0.fake-token-for-local-tests-only";
const APP = "111111111111111111";

function configError(env: Record<string, string>): ConfigError {
  try {
    readDiscordConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("Discord configuration", () => {
  it("is undefined when no DISCORD_* variable is set", () => {
    expect(readDiscordConfig({ SLACK_BOT_TOKEN: "x" })).toBeUndefined();
    expect(readDiscordConfig({ DISCORD_TOKEN: "  " })).toBeUndefined();
  });

  it("reads a complete configuration, guild and API URL optional", () => {
    expect(readDiscordConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APP_ID: APP })).toEqual({
      token: TOKEN,
      appId: APP,
    });
    expect(
      readDiscordConfig({
        DISCORD_TOKEN: `Bot ${TOKEN}`,
        DISCORD_APP_ID: APP,
        DISCORD_GUILD_ID: "222222222222222222",
        DISCORD_API_URL: "http://127.0.0.1:9999/api/",
      }),
    ).toEqual({
      token: TOKEN,
      appId: APP,
      guildId: "222222222222222222",
      apiUrl: "http://127.0.0.1:9999/api",
    });
  });

  it("names a missing token or application id", () => {
    expect(configError({ DISCORD_APP_ID: APP }).variable).toBe("DISCORD_TOKEN");
    expect(configError({ DISCORD_TOKEN: TOKEN }).variable).toBe("DISCORD_APP_ID");
    expect(configError({ DISCORD_GUILD_ID: "222222222222222222" }).variable).toBe("DISCORD_TOKEN");
  });

  it("names each malformed variable without echoing the token", () => {
    const bad = configError({ DISCORD_TOKEN: "not a token", DISCORD_APP_ID: APP });
    expect(bad.variable).toBe("DISCORD_TOKEN");
    expect(bad.message).toMatch(/^DISCORD_TOKEN is malformed/);
    expect(bad.message).not.toContain("not a token");
    expect(configError({ DISCORD_TOKEN: TOKEN, DISCORD_APP_ID: "my-app" }).variable).toBe("DISCORD_APP_ID");
    expect(configError({ DISCORD_TOKEN: TOKEN, DISCORD_APP_ID: APP, DISCORD_GUILD_ID: "x1" }).variable).toBe(
      "DISCORD_GUILD_ID",
    );
    expect(
      configError({ DISCORD_TOKEN: TOKEN, DISCORD_APP_ID: APP, DISCORD_API_URL: "localhost" }).variable,
    ).toBe("DISCORD_API_URL");
    expect(
      configError({ DISCORD_TOKEN: TOKEN, DISCORD_APP_ID: APP, DISCORD_API_URL: "ftp://example.com/api" })
        .variable,
    ).toBe("DISCORD_API_URL");
    expect(
      configError({
        DISCORD_TOKEN: TOKEN,
        DISCORD_APP_ID: APP,
        DISCORD_API_URL: "https://discord.com/api/v10",
      }).message,
    ).toContain("version");
  });
});
