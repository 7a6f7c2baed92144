import { Writable } from "node:stream";
import {
  type RunningDiscord,
  type StartDiscordOptions,
  startDiscord,
} from "../../src/adapters/discord/index.js";
import { RateLimiter } from "../../src/adapters/rate-limit.js";
import type { AdapterDeps } from "../../src/adapters/types.js";
import type { Bot } from "../../src/core/bot.js";
import { createLogger, type Logger } from "../../src/log.js";
import type { Metrics } from "../../src/metrics.js";
import { FakeBot } from "./fake-bot.js";
import { APP_ID, FakeDiscord, TOKEN } from "./fake-discord.js";

/** A pino logger writing JSON lines into memory, so tests can read what was logged. */
export function memoryLogger(): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  raw: () => string;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger("debug", stream);
  const raw = () => chunks.join("");
  const lines = () =>
    raw()
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, raw };
}

export interface Harness {
  fake: FakeDiscord;
  discord: RunningDiscord;
  bot: Bot;
  log: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

export interface HarnessOptions extends StartDiscordOptions {
  bot?: Bot;
  rateLimiter?: RateLimiter;
  metrics?: Metrics;
  /** Shared state, gaps log, admins: what the entry point would pass. */
  deps?: Partial<AdapterDeps>;
}

/** A fake Discord plus the real adapter (real discord.js) connected to it. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeDiscord.start();
  const log = memoryLogger();
  const bot = options.bot ?? new FakeBot();
  const { bot: _bot, rateLimiter, metrics, deps, ...startOptions } = options;
  let discord: RunningDiscord;
  try {
    discord = await startDiscord(
      { token: TOKEN, appId: APP_ID, apiUrl: fake.apiUrl },
      {
        bot,
        logger: log.logger,
        rateLimiter: rateLimiter ?? new RateLimiter({ burst: 1000, perSecond: 1000 }),
        ...(metrics ? { metrics } : {}),
        ...deps,
      },
      {
        ...startOptions,
        // Quick retries so a fault test takes milliseconds; the policy is the real one.
        delivery: { baseDelayMs: 5, maxDelayMs: 40, callTimeoutMs: 2_000, ...startOptions.delivery },
      },
    );
  } catch (error) {
    await fake.close();
    throw error;
  }
  return {
    fake,
    discord,
    bot,
    log,
    async close() {
      await discord.stop();
      await fake.close();
    },
  };
}
