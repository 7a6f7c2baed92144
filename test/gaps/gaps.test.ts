/** The gaps log: what is kept of a question, the capped file, grouping by meaning, the CLI. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Lexicon } from "../../src/core/lexicon.js";
import { FileGapLog, type GapRecord, RedisGapLog, sanitizeQuestion } from "../../src/gaps/log.js";
import { groupGaps, parseSince } from "../../src/gaps/report.js";
import { loadBot, loadKnowledge } from "../../src/load-bot.js";
import { SharedConversations } from "../../src/state/conversations.js";
import { MemoryState } from "../../src/state/memory.js";
import { RedisState } from "../../src/state/redis.js";
import { captureLogger } from "../slack/support.js";
import { hasRedis, RedisServer } from "../support/redis.js";

const lexicon = new Lexicon(loadKnowledge().lexicon);
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "strike-gaps-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const gap = (question: string, at: number, status: GapRecord["status"] = "unknown"): GapRecord => ({
  question,
  status,
  platform: "slack",
  at,
});

describe("the gaps log", () => {
  it("keeps the question without mentions, addresses, links, phone numbers or control characters", () => {
    expect(
      sanitizeQuestion(
        "<@U123ABC> is the canteen open? ask jo@example.org https://x.test/a 07700 900123\u0007",
      ),
    ).toBe("is the canteen open? ask #");
    expect(sanitizeQuestion("@alice what about parking?")).toBe("what about parking?");
    expect(sanitizeQuestion("why ".repeat(200))).toHaveLength(200);
  });

  it("records unanswered and unclear questions with their platform, never who asked", async () => {
    const dir = tempDir();
    const log = new FileGapLog(dir);
    const asker = new SharedConversations(loadBot(), new MemoryState(), log, captureLogger().logger);
    await asker.ask("is the hospital canteen open during the strike?", "slack:T1:C1:1.0", "slack");
    await asker.ask("how many appointments were cancelled?", "slack:T1:C1:1.0", "slack");
    await asker.ask("<@U999> what is the capital of France?", "discord:dm:123", "discord");
    const records = await log.list();
    expect(records.map((r) => [r.platform, r.status])).toEqual([
      ["slack", "unknown"],
      ["discord", "unknown"],
    ]);
    const file = readFileSync(join(dir, "gaps.jsonl"), "utf8");
    expect(file).not.toMatch(/U999|T1|C1/);
  });

  it("drops the oldest lines once the file passes its cap", async () => {
    const dir = tempDir();
    const log = new FileGapLog(dir, 2_000);
    for (let i = 0; i < 100; i++) await log.record(gap(`question number ${i}?`, i));
    expect(statSync(join(dir, "gaps.jsonl")).size).toBeLessThanOrEqual(2_000);
    const kept = (await log.list()).map((r) => r.at);
    expect(kept).toContain(99);
    expect(kept).not.toContain(0);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
  });

  it("skips damaged lines instead of failing the report", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "gaps.jsonl"), `not json\n${JSON.stringify(gap("is it over?", 5))}\n{"at":1}\n`);
    expect(await new FileGapLog(dir).list()).toEqual([gap("is it over?", 5)]);
  });

  it("groups wordings of one question together, most asked first", () => {
    const groups = groupGaps(
      [
        gap("What did the mayor say?", 1),
        gap("How many porters went on strike?", 2),
        gap("how many porters were on strike", 3, "clarify"),
        gap("How many porters struck?", 4),
        gap("how many portres went on strike?", 5),
        gap("what did the mayor say", 6),
        gap("Is the canteen open?", 7),
      ],
      lexicon,
    );
    expect(groups.map((g) => [g.count, g.question])).toEqual([
      [4, "How many porters went on strike?"],
      [2, "What did the mayor say?"],
      [1, "Is the canteen open?"],
    ]);
    expect(groups[0]).toMatchObject({ lastAsked: 5, statuses: { unknown: 3, clarify: 1 } });
  });

  it("reads spans such as 7d, 24h and 30m, and nothing else", () => {
    expect(parseSince("7d")).toBe(7 * 86_400_000);
    expect(parseSince("24h")).toBe(86_400_000);
    expect(parseSince("30m")).toBe(1_800_000);
    expect(parseSince("7 days")).toBeUndefined();
    expect(parseSince("-1d")).toBeUndefined();
  });
});

const CLI = new URL("../../dist/src/gaps/cli.js", import.meta.url);

describe.skipIf(!existsSync(CLI))("npm run gaps", () => {
  const run = (env: Record<string, string>, ...args: string[]) => {
    const base = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(REDIS_URL|STATE_DIR)$/.test(k)),
    );
    return spawnSync(process.execPath, [CLI.pathname, ...args], {
      env: { ...base, ...env },
      encoding: "utf8",
      cwd: tmpdir(),
    });
  };

  it("prints the groups, honours --since and --json", () => {
    const dir = tempDir();
    const now = Date.now();
    const lines = [
      gap("is the canteen open?", now - 30 * 86_400_000),
      gap("How many porters went on strike?", now - 3_600_000),
      gap("how many porters struck?", now - 60_000),
      gap("what did the mayor say?", now - 120_000),
    ];
    writeFileSync(join(dir, "gaps.jsonl"), lines.map((l) => `${JSON.stringify(l)}\n`).join(""));
    const all = run({ STATE_DIR: dir });
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/4 unanswered questions in 3 groups/);
    expect(all.stdout.split("\n")[1]).toMatch(
      /^\s+2×.*How many porters went on strike\? \(\+1 other wordings\)/,
    );
    const recent = run({ STATE_DIR: dir }, "--since", "7d", "--json");
    const groups = JSON.parse(recent.stdout) as { question: string; count: number }[];
    expect(groups.map((g) => [g.question, g.count])).toEqual([
      ["How many porters went on strike?", 2],
      ["what did the mayor say?", 1],
    ]);
  });

  it("refuses a bad --since and a malformed REDIS_URL, naming them", () => {
    const bad = run({ STATE_DIR: tempDir() }, "--since", "lately");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--since");
    const url = run({ STATE_DIR: tempDir(), REDIS_URL: "http://secret@host" });
    expect(url.status).toBe(1);
    expect(url.stderr).toContain("REDIS_URL");
    expect(url.stderr).not.toContain("secret");
  });
});

describe.skipIf(!hasRedis)("the gaps log in Redis", () => {
  it("is shared by every instance, capped, and falls back to the file while Redis is away", async () => {
    const redis = await RedisServer.start();
    const logger = captureLogger().logger;
    const states = [
      await new RedisState(redis.url, logger).start(),
      await new RedisState(redis.url, logger).start(),
    ];
    try {
      const dir = tempDir();
      const [a, b] = states.map((s) => new RedisGapLog(s.client, () => s.healthy(), new FileGapLog(dir), 3));
      await a!.record(gap("one?", 1));
      await b!.record(gap("two?", 2));
      expect((await a!.list()).map((r) => r.question)).toEqual(["one?", "two?"]);
      await a!.record(gap("three?", 3));
      await b!.record(gap("four?", 4));
      expect((await b!.list()).map((r) => r.question)).toEqual(["two?", "three?", "four?"]);
      await redis.kill();
      await b!.record(gap("during the outage?", 5));
      expect(existsSync(join(dir, "gaps.jsonl"))).toBe(true);
      expect((await b!.list()).map((r) => r.question)).toEqual(["during the outage?"]);
    } finally {
      await Promise.all(states.map((s) => s.close()));
      await redis.stop();
    }
  });
});

describe("a gaps file that cannot be written", () => {
  it("reports the failure to the caller and keeps taking later records", async () => {
    const dir = tempDir();
    const blocked = join(dir, "not-a-folder");
    writeFileSync(blocked, "a file where the folder should be");
    const log = new FileGapLog(join(blocked, "state"));
    await expect(log.record(gap("lost?", 1))).rejects.toThrow();
    const logs = captureLogger();
    const asker = new SharedConversations(loadBot(), new MemoryState(), log, logs.logger);
    const answer = await asker.ask("is the canteen open during the strike?", "slack:c", "slack");
    expect(answer.status).toBe("unknown");
    await new Promise((r) => setTimeout(r, 50));
    expect(logs.records.some((r) => r.msg === "gaps log write failed")).toBe(true);
  });
});
