import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/adapters/rate-limit.js";
import type { SlackConfig } from "../../src/adapters/slack/config.js";
import { startSlack } from "../../src/adapters/slack/index.js";
import { ConfigError } from "../../src/config/error.js";
import { FakeBot } from "./fake-bot.js";
import { FakeSlack } from "./fake-slack.js";
import { APP_TOKEN, BOT_TOKEN, captureLogger, SIGNING_SECRET } from "./support.js";

const deps = () => ({ bot: new FakeBot(), logger: captureLogger().logger, rateLimiter: new RateLimiter() });
const quick = { retryConfig: { retries: 0 } };

describe("Slack adapter start-up", () => {
  let fake: FakeSlack | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it("names SLACK_BOT_TOKEN when Slack rejects the bot token", async () => {
    fake = await new FakeSlack().start();
    fake.authError = "invalid_auth";
    const config: SlackConfig = {
      mode: "http",
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      port: 0,
      apiUrl: fake.apiUrl,
    };
    const error = await startSlack(config, deps(), quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe("SLACK_BOT_TOKEN");
    expect(String(error)).not.toContain(BOT_TOKEN);
  });

  it("names SLACK_APP_TOKEN when Slack rejects the app-level token", async () => {
    fake = await new FakeSlack().start();
    fake.appTokenError = "invalid_auth";
    const config: SlackConfig = {
      mode: "socket",
      botToken: BOT_TOKEN,
      appToken: APP_TOKEN,
      port: 0,
      apiUrl: fake.apiUrl,
    };
    const error = await startSlack(config, deps(), quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe("SLACK_APP_TOKEN");
  });

  it("fails with a plain error naming the API when Slack cannot be reached", async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const apiUrl = `http://127.0.0.1:${port}/api/`;
    const config: SlackConfig = {
      mode: "http",
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      port: 0,
      apiUrl,
    };
    const error = await startSlack(config, deps(), quick).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toContain(apiUrl);
  });

  it("names PORT when the HTTP port is taken", async () => {
    fake = await new FakeSlack().start();
    const taken = Number(new URL(fake.url).port);
    const config: SlackConfig = {
      mode: "http",
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      port: taken,
      apiUrl: fake.apiUrl,
    };
    const error = await startSlack(config, deps(), quick).catch((e: unknown) => e);
    expect((error as ConfigError).variable).toBe("PORT");
  });
});
