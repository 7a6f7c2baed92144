import { appendFile, mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Redis } from "ioredis";
import type { AnswerStatus } from "../core/answer.js";

/** One question the story did not answer. Never a user id or name: the text, how it went, where, when. */
export interface GapRecord {
  question: string;
  status: Extract<AnswerStatus, "unknown" | "clarify">;
  platform: string;
  /** Milliseconds since the epoch. */
  at: number;
}

/** Where the gaps go: Redis when configured, else a JSON-lines file under STATE_DIR. */
export interface GapLog {
  record(gap: GapRecord): Promise<void>;
  /** Every kept record, oldest first; `since` (ms epoch) drops older ones. */
  list(since?: number): Promise<GapRecord[]>;
}

export const GAP_DEFAULTS = Object.freeze({
  /** Longest question text kept. */
  maxQuestionLength: 200,
  /** The file is cut back to half this size, oldest lines first, once it grows past it. */
  maxFileBytes: 1_000_000,
  /** Records kept in Redis (a capped list, newest first). */
  maxRedisEntries: 10_000,
  fileName: "gaps.jsonl",
  redisKey: "gaps",
});

const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * The question as it may be stored: no mentions (<@U123>, <#C1|name>, @someone), no e-mail addresses,
 * links or long digit runs (phone numbers, ids), no control characters; whitespace folded; capped.
 */
export function sanitizeQuestion(text: string): string {
  return text
    .replace(CONTROL, " ")
    .replace(/<[@#!][^>]*>/g, " ")
    .replace(/https?:\/\/\S+/gi, " ")
    .replace(/\S+@\S+\.\S+/g, " ")
    .replace(/(^|\s)@\S+/g, "$1")
    .replace(/\d[\d\s-]{7,}\d/g, "#")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, GAP_DEFAULTS.maxQuestionLength);
}

function parseRecord(line: string): GapRecord | undefined {
  try {
    const r = JSON.parse(line) as Partial<GapRecord>;
    if (typeof r.question !== "string" || typeof r.at !== "number" || typeof r.platform !== "string")
      return undefined;
    if (r.status !== "unknown" && r.status !== "clarify") return undefined;
    return { question: r.question, status: r.status, platform: r.platform, at: r.at };
  } catch {
    return undefined;
  }
}

/** Append-only JSON lines; past maxBytes the oldest half is dropped (rewritten through a temp file). */
export class FileGapLog implements GapLog {
  private readonly path: string;
  private size: number | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number = GAP_DEFAULTS.maxFileBytes,
  ) {
    this.path = join(dir, GAP_DEFAULTS.fileName);
  }

  record(gap: GapRecord): Promise<void> {
    // Writes are queued so lines never interleave and the trim sees a whole file; a failed write is
    // the caller's to report, and does not stop the ones after it.
    const write = this.queue.then(() => this.append(gap));
    this.queue = write.catch(() => {});
    return write;
  }

  private async append(gap: GapRecord): Promise<void> {
    const line = `${JSON.stringify(gap)}\n`;
    if (this.size === undefined) {
      await mkdir(this.dir, { recursive: true });
      this.size = await stat(this.path).then(
        (s) => s.size,
        () => 0,
      );
    }
    await appendFile(this.path, line);
    this.size += Buffer.byteLength(line);
    if (this.size > this.maxBytes) await this.trim();
  }

  private async trim(): Promise<void> {
    const lines = (await readFile(this.path, "utf8")).split("\n").filter((l) => l !== "");
    const kept: string[] = [];
    let bytes = 0;
    for (let i = lines.length - 1; i >= 0; i--) {
      const length = Buffer.byteLength(lines[i]!) + 1;
      if (bytes + length > this.maxBytes / 2) break;
      kept.unshift(lines[i]!);
      bytes += length;
    }
    const temp = `${this.path}.tmp`;
    await writeFile(temp, kept.map((l) => `${l}\n`).join(""));
    await rename(temp, this.path);
    this.size = bytes;
  }

  async list(since = 0): Promise<GapRecord[]> {
    await this.queue;
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch {
      return [];
    }
    return text
      .split("\n")
      .map(parseRecord)
      .filter((r): r is GapRecord => r !== undefined && r.at >= since);
  }
}

/** A capped Redis list shared by every instance; while Redis is down, records go to the file instead. */
export class RedisGapLog implements GapLog {
  constructor(
    private readonly client: Redis,
    private readonly healthy: () => boolean,
    private readonly fallback: GapLog,
    private readonly maxEntries: number = GAP_DEFAULTS.maxRedisEntries,
  ) {}

  async record(gap: GapRecord): Promise<void> {
    if (this.healthy()) {
      try {
        await this.client
          .multi()
          .lpush(GAP_DEFAULTS.redisKey, JSON.stringify(gap))
          .ltrim(GAP_DEFAULTS.redisKey, 0, this.maxEntries - 1)
          .exec();
        return;
      } catch {
        // Redis blinked: the file keeps the record.
      }
    }
    await this.fallback.record(gap);
  }

  async list(since = 0): Promise<GapRecord[]> {
    const local = await this.fallback.list(since);
    if (!this.healthy()) return local;
    try {
      const lines = await this.client.lrange(GAP_DEFAULTS.redisKey, 0, -1);
      const shared = lines
        .reverse()
        .map(parseRecord)
        .filter((r): r is GapRecord => r !== undefined && r.at >= since);
      return [...local, ...shared].sort((a, b) => a.at - b.at);
    } catch {
      return local;
    }
  }
}
