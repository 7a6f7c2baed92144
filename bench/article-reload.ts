/**
 * Hot article updates: how long a rebuild takes (it runs on the main thread, so it is also the
 * longest the event loop is held), and how soon after the file is written the new version answers,
 * with the default debounce. The article alternates between two real stories in a temporary file.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { watchArticle } from "../src/article-watcher.js";
import { BotHolder } from "../src/bot-holder.js";
import { DEFAULT_ARTICLE, loadBot, loadBotInSteps } from "../src/load-bot.js";
import { createLogger } from "../src/log.js";
import { median, repoRoot } from "./core.js";

export interface ReloadResult {
  swaps: number;
  rebuildP50Ms: number;
  rebuildMaxMs: number;
  visibleP50Ms: number;
  visibleMaxMs: number;
  eventLoopDelayMaxMs: number;
}

export async function benchArticleReload(swaps = 12): Promise<ReloadResult> {
  const dir = mkdtempSync(join(tmpdir(), "strike-bench-article-"));
  const path = join(dir, "story.txt");
  copyFileSync(DEFAULT_ARTICLE, path);
  const texts = [
    readFileSync(
      join(repoRoot(), "test/fixtures/articles/synthetic-wrenfield-paramedics-strike.txt"),
      "utf8",
    ),
    readFileSync(DEFAULT_ARTICLE, "utf8"),
  ];
  const holder = new BotHolder(loadBot({ articlePath: path }));
  const rebuilds: number[] = [];
  const watcher = watchArticle({
    path,
    holder,
    logger: createLogger("silent"),
    // As src/main.ts does it; the time includes the one turn of the event loop between the steps.
    load: async () => {
      const started = performance.now();
      const bot = await loadBotInSteps({ articlePath: path });
      rebuilds.push(performance.now() - started);
      return bot;
    },
  });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const visible: number[] = [];
  try {
    delay.enable();
    for (let i = 0; i < swaps; i++) {
      const before = holder.current();
      const written = performance.now();
      writeFileSync(path, texts[i % 2] ?? "");
      while (holder.current() === before) {
        if (performance.now() - written > 10_000) throw new Error("the article was not reloaded in 10 s");
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      visible.push(performance.now() - written);
    }
  } finally {
    delay.disable();
    watcher.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    swaps,
    rebuildP50Ms: median(rebuilds),
    rebuildMaxMs: Math.max(...rebuilds),
    visibleP50Ms: median(visible),
    visibleMaxMs: Math.max(...visible),
    eventLoopDelayMaxMs: delay.max / 1e6,
  };
}
