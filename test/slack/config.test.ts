import { describe, expect, it } from "vitest";
import { readSlackConfig } from "../../src/adapters/slack/config.js";
import { ConfigError } from "../../src/config/error.js";

const SECRET = "0123456789abcdef0123456789abcdef";

function problem(env: Record<string, string>): ConfigError {
  try {
    readSlackConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("Slack configuration", () => {
  it("is absent when no SLACK_* variable is set", () => {
    expect(readSlackConfig({ PORT: "8080", DISCORD_TOKEN: "x" })).toBeUndefined();
  });

  it("uses Socket Mode when SLACK_APP_TOKEN is present", () => {
    expect(readSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1-2-abc", SLACK_APP_TOKEN: "xapp-1-A1-2-def" })).toEqual({
      mode: "socket",
      botToken: "xoxb-1-2-abc",
      appToken: "xapp-1-A1-2-def",
      port: 3000,
    });
  });

  it("uses HTTP mode without an app token, on PORT (default 3000), with an optional SLACK_API_URL", () => {
    expect(readSlackConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: SECRET })).toMatchObject({
      mode: "http",
      port: 3000,
    });
    expect(
      readSlackConfig({
        SLACK_BOT_TOKEN: "xoxb-1",
        SLACK_SIGNING_SECRET: SECRET,
        PORT: "8080",
        SLACK_API_URL: "https://slack.example.gov/api",
      }),
    ).toMatchObject({ mode: "http", port: 8080, apiUrl: "https://slack.example.gov/api/" });
  });

  it("names the variable that is missing or malformed, without echoing the token", () => {
    expect(problem({ SLACK_APP_TOKEN: "xapp-1" }).variable).toBe("SLACK_BOT_TOKEN");
    const malformed = problem({ SLACK_BOT_TOKEN: "xoxp-user-token-secret", SLACK_APP_TOKEN: "xapp-1" });
    expect(malformed.variable).toBe("SLACK_BOT_TOKEN");
    expect(malformed.message).not.toContain("xoxp-user-token-secret");
    expect(problem({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xoxb-oops" }).variable).toBe(
      "SLACK_APP_TOKEN",
    );
    expect(problem({ SLACK_BOT_TOKEN: "xoxb-1" }).variable).toBe("SLACK_SIGNING_SECRET");
    expect(problem({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "not-hex" }).variable).toBe(
      "SLACK_SIGNING_SECRET",
    );
    expect(problem({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: SECRET, PORT: "http" }).variable).toBe(
      "PORT",
    );
    expect(problem({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: SECRET, PORT: "70000" }).variable).toBe(
      "PORT",
    );
    expect(
      problem({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", SLACK_API_URL: "ftp://x" }).variable,
    ).toBe("SLACK_API_URL");
    expect(
      problem({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", SLACK_API_URL: "::" }).variable,
    ).toBe("SLACK_API_URL");
  });
});
