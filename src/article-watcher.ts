import { type FSWatcher, statSync, watch } from "node:fs";
import { basename, dirname } from "node:path";
import type { BotHolder } from "./bot-holder.js";
import { OPS } from "./config/index.js";
import type { Bot } from "./core/bot.js";
import type { Logger } from "./log.js";
import type { Metrics } from "./metrics.js";

export interface ArticleWatcherOptions {
  /** The article file to watch. */
  path: string;
  holder: BotHolder;
  /** Builds a bot from the file as it is now; throws (or rejects) when it cannot be read or built. */
  load: () => Bot | Promise<Bot>;
  logger: Logger;
  metrics?: Metrics;
  /** Called after a successful swap (health: the article's new title and time). */
  onReloaded?: (bot: Bot) => void;
  /** Quiet time after the last change before rebuilding (editors write a file in several steps). */
  debounceMs?: number;
  /** Poll interval of the fallback watcher (network file systems, bind mounts where fs.watch is silent). */
  pollMs?: number;
  /** Use fs.watch as well as polling (default true; tests turn it off to prove the poll alone works). */
  fsWatch?: boolean;
}

export interface ArticleWatcher {
  /** Rebuilds now (what a change triggers after the debounce); resolves with whether it swapped. */
  reload(): Promise<boolean>;
  stop(): void;
}

/**
 * Rebuilds the fact store when the article file changes and swaps it into the holder, so answers
 * come from the new version within seconds, without a restart. fs.watch on the folder catches
 * in-place writes and editors' rename-over saves; a stat poll (every pollMs) catches what fs.watch
 * misses (network file systems, some bind mounts). Changes
 * are debounced; a file that cannot be read or built keeps the old store and logs why.
 */
export function watchArticle(options: ArticleWatcherOptions): ArticleWatcher {
  const { path, holder, logger, metrics } = options;
  const log = logger.child({ article: path });
  const debounceMs = options.debounceMs ?? OPS.articleDebounceMs;
  const pollMs = options.pollMs ?? OPS.articlePollMs;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<boolean> | undefined;
  let again = false;
  let lastSeen = signature();
  /** The file's state that the pending debounce timer is for; a poll seeing it again changes nothing. */
  let pending: string | undefined;

  function signature(): string {
    try {
      const s = statSync(path);
      return `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return "missing";
    }
  }

  async function rebuild(): Promise<boolean> {
    // Let the event loop run once first: a reload is never in the middle of a handler.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const started = performance.now();
    let next: Bot;
    try {
      next = await options.load();
    } catch (error) {
      metrics?.articleReloads.inc({ result: "failed" });
      log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        "article changed but could not be loaded; still answering from the previous version",
      );
      return false;
    }
    const previous = holder.current();
    holder.replace(next);
    metrics?.articleReloads.inc({ result: "ok" });
    options.onReloaded?.(next);
    log.info(
      {
        title: next.title,
        changedTitle: next.title !== previous.title,
        ms: Math.round(performance.now() - started),
      },
      "article reloaded",
    );
    return true;
  }

  function reload(): Promise<boolean> {
    if (running) {
      // A change during a rebuild: build once more afterwards, with the newest text.
      again = true;
      return running;
    }
    running = rebuild().finally(() => {
      running = undefined;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      pending = undefined;
      lastSeen = signature();
      void reload();
    }, debounceMs);
    timer.unref();
  }

  /** A watch event or a poll: restart the debounce only when the file differs from what was seen. */
  function changed(): void {
    const now = signature();
    if (now === lastSeen || now === pending) return;
    pending = now;
    schedule();
  }

  let watcher: FSWatcher | undefined;
  if (options.fsWatch !== false) watcher = watchFolder();
  // Our own poll rather than fs.watchFile: watchFile takes its first stat asynchronously, so a change
  // made just after it starts becomes its baseline and is never reported.
  const poll = setInterval(changed, pollMs);
  poll.unref();

  function watchFolder(): FSWatcher | undefined {
    let folderWatcher: FSWatcher | undefined;
    try {
      // The folder, not the file: an editor that saves by renaming a new file over the old one would
      // leave a file watcher on the old, deleted inode.
      folderWatcher = watch(dirname(path), { persistent: false }, (_event, name) => {
        if (name === null || name === basename(path)) changed();
      });
      folderWatcher.on("error", (error) => {
        log.warn({ err: error.message }, "article folder watch failed; polling only");
        folderWatcher?.close();
        watcher = undefined;
      });
    } catch (error) {
      log.warn({ err: (error as Error).message }, "cannot watch the article folder; polling only");
    }
    return folderWatcher;
  }

  return {
    reload,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      clearInterval(poll);
    },
  };
}
