/**
 * `npm run gaps [-- --since 7d] [-- --json]`: what readers asked that the story doesn't answer,
 * grouped by meaning, most asked first. Reads Redis when REDIS_URL is set, else STATE_DIR's file.
 */
import { existsSync } from "node:fs";
import { ConfigError } from "../config/error.js";
import { readRedisUrl, readStateDir } from "../config/index.js";
import { Lexicon } from "../core/lexicon.js";
import { loadKnowledge } from "../load-bot.js";
import { createLogger } from "../log.js";
import { RedisState } from "../state/redis.js";
import { FileGapLog, type GapLog, RedisGapLog } from "./log.js";
import { formatGaps, groupGaps, parseSince } from "./report.js";

const USAGE = "usage: npm run gaps -- [--since 7d|24h|30m|2w] [--json]";

interface GapsArgs {
  sinceMs?: number;
  json: boolean;
}

function parseGapsArgs(argv: readonly string[]): GapsArgs {
  const args: GapsArgs = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--json") args.json = true;
    else if (arg === "--since" || arg.startsWith("--since=")) {
      const value = arg.includes("=") ? arg.slice("--since=".length) : argv[++i];
      const ms = value === undefined ? undefined : parseSince(value);
      if (ms === undefined) throw new Error(`--since needs a span such as 7d, 24h or 30m\n${USAGE}`);
      args.sinceMs = ms;
    } else if (arg === "--help" || arg === "-h") throw new Error(USAGE);
    else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return args;
}

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const args = parseGapsArgs(process.argv.slice(2));
  const stateDir = readStateDir(process.env);
  const redisUrl = readRedisUrl(process.env);
  const file = new FileGapLog(stateDir);
  let log: GapLog = file;
  let redis: RedisState | undefined;
  if (redisUrl) {
    // Warnings (Redis unreachable: the file is read instead) go to stderr; the report to stdout.
    redis = await new RedisState(redisUrl, createLogger(process.env.LOG_LEVEL?.trim() || "warn")).start();
    log = new RedisGapLog(redis.client, () => redis?.healthy() ?? false, file);
  }
  try {
    const since = args.sinceMs === undefined ? 0 : Date.now() - args.sinceMs;
    const groups = groupGaps(await log.list(since), new Lexicon(loadKnowledge().lexicon));
    if (args.json) {
      process.stdout.write(`${JSON.stringify(groups, null, 2)}\n`);
    } else if (groups.length === 0) {
      process.stdout.write("No unanswered questions recorded.\n");
    } else {
      const total = groups.reduce((n, g) => n + g.count, 0);
      process.stdout.write(`${total} unanswered questions in ${groups.length} groups, most asked first:\n`);
      process.stdout.write(`${formatGaps(groups).join("\n")}\n`);
    }
  } finally {
    await redis?.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `strike-bot gaps: ${error instanceof ConfigError ? "configuration error: " : ""}${message}\n`,
  );
  process.exit(1);
});
