/**
 * Hot article updates: the watcher rebuilds the fact store when the file changes and swaps it into the
 * BotHolder the adapters read; a file that cannot be built keeps the old store.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type ArticleWatcher, watchArticle } from "../../src/article-watcher.js";
import { BotHolder } from "../../src/bot-holder.js";
import type { Bot } from "../../src/core/bot.js";
import { DEFAULT_ARTICLE, loadBot } from "../../src/load-bot.js";
import { createMetrics, type Metrics } from "../../src/metrics.js";
import { memoryLogger } from "../discord/harness.js";

const WRENFIELD = readFileSync(
  new URL("../fixtures/articles/synthetic-wrenfield-paramedics-strike.txt", import.meta.url),
  "utf8",
);
const SOUTHAMPTON = readFileSync(DEFAULT_ARTICLE, "utf8");
const VOLUNTEERS = "How many call-outs were handled by volunteers?";

/** Waits for a condition no event signals (a file change seen by a watcher); gives up after a guard time. */
async function eventually(what: string, check: () => boolean, limitMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let southampton: Bot;
beforeAll(() => {
  southampton = loadBot();
});

describe("the article watcher", () => {
  let dir: string;
  let path: string;
  let watcher: ArticleWatcher | undefined;
  let holder: BotHolder;
  let metrics: Metrics;
  let log: ReturnType<typeof memoryLogger>;
  let loads: number;

  function start(options: { fsWatch?: boolean; debounceMs?: number } = {}): void {
    dir = mkdtempSync(join(tmpdir(), "strike-article-"));
    path = join(dir, "story.txt");
    writeFileSync(path, SOUTHAMPTON);
    holder = new BotHolder(southampton);
    metrics = createMetrics();
    log = memoryLogger();
    loads = 0;
    watcher = watchArticle({
      path,
      holder,
      load: () => {
        loads++;
        return loadBot({ articlePath: path });
      },
      logger: log.logger,
      metrics,
      debounceMs: options.debounceMs ?? 50,
      pollMs: 100,
      ...(options.fsWatch !== undefined ? { fsWatch: options.fsWatch } : {}),
    });
  }
  const reloads = async (result: "ok" | "failed") =>
    (await metrics.articleReloads.get()).values.find((v) => v.labels.result === result)?.value ?? 0;

  afterEach(() => {
    watcher?.stop();
    watcher = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers from the new version within seconds of the file changing, without a restart", async () => {
    start();
    expect(holder.ask("how many appointments were cancelled?").text).toContain("1,854");
    writeFileSync(path, WRENFIELD);
    await eventually("the new article", () => holder.title !== southampton.title);
    expect(holder.title).toMatch(/Wrenfield/);
    expect(holder.ask(VOLUNTEERS).text).toContain("437");
    expect(await reloads("ok")).toBe(1);
    expect(log.lines().some((l) => l.msg === "article reloaded")).toBe(true);
  });

  it("follows an editor's save by rename (a new file moved over the old one)", async () => {
    start();
    writeFileSync(join(dir, "story.txt.tmp"), WRENFIELD);
    renameSync(join(dir, "story.txt.tmp"), path);
    await eventually("the renamed article", () => holder.title !== southampton.title);
    expect(holder.ask(VOLUNTEERS).text).toContain("437");
  });

  it("notices the change by polling alone when the file system sends no events", async () => {
    start({ fsWatch: false });
    writeFileSync(path, WRENFIELD);
    await eventually("the polled article", () => holder.title !== southampton.title);
    expect(holder.ask(VOLUNTEERS).text).toContain("437");
  });

  it("keeps the old store, and says why, when the new file is empty or gone", async () => {
    start();
    writeFileSync(path, "   \n");
    await eventually("the failed reload", () => loads === 1);
    await eventually("the warning", () => log.lines().some((l) => l.level === 40));
    expect(holder.current()).toBe(southampton);
    expect(holder.ask("how many appointments were cancelled?").text).toContain("1,854");
    const warning = log.lines().find((l) => l.level === 40);
    expect(warning?.msg).toMatch(/could not be loaded; still answering from the previous version/);
    expect(String(warning?.err)).toMatch(/is empty/);
    rmSync(path);
    await eventually("the second failed reload", () => loads === 2);
    expect(holder.current()).toBe(southampton);
    expect(await reloads("failed")).toBe(2);
    expect(await reloads("ok")).toBe(0);
    // And a good file afterwards is picked up as usual.
    writeFileSync(path, WRENFIELD);
    await eventually("the recovered article", () => holder.title !== southampton.title);
  });

  it("rebuilds once for a burst of writes, from the last one", async () => {
    start({ debounceMs: 300 });
    const half = WRENFIELD.slice(0, Math.floor(WRENFIELD.length / 2));
    for (let i = 0; i < 5; i++) {
      writeFileSync(path, i < 4 ? `${half}\n${"x".repeat(i)}` : WRENFIELD);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await eventually("the rebuild", () => loads >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(loads).toBe(1);
    expect(holder.ask(VOLUNTEERS).text).toContain("437");
  });

  it("tells the holder's listeners the old and the new bot", async () => {
    start();
    const seen: [string, string][] = [];
    holder.onReplace((next, previous) => seen.push([previous.title, next.title]));
    await watcher?.reload();
    writeFileSync(path, WRENFIELD);
    await eventually("the swap", () => seen.length === 2);
    expect(seen[1]?.[0]).toBe(southampton.title);
    expect(seen[1]?.[1]).toMatch(/Wrenfield/);
  });
});
