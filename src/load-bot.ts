import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Bot } from "./core/bot.js";
import { type BotOptions, buildStore, createBot, type Knowledge } from "./core/create-bot.js";
import type { Paraphrases } from "./core/pool/related.js";
import { BUILDER_VERSION, type FactStore } from "./core/store.js";

/** The project's data folder, found from this file so it works from src/ (tests) and dist/src/ (runtime). */
export const DATA_DIR = findDataDir(dirname(fileURLToPath(import.meta.url)));
export const DEFAULT_ARTICLE = join(DATA_DIR, "southampton-junior-doctors-strike.txt");
export const DEFAULT_FACTS = join(DATA_DIR, "facts.json");

export class ArticleError extends Error {}

export function loadKnowledge(dataDir = DATA_DIR): Knowledge {
  return {
    lexicon: JSON.parse(readFileSync(join(dataDir, "lexicon.json"), "utf8")),
    questions: JSON.parse(readFileSync(join(dataDir, "questions.json"), "utf8")),
    reading: JSON.parse(readFileSync(join(dataDir, "reading.json"), "utf8")),
    weights: JSON.parse(readFileSync(join(dataDir, "weights.json"), "utf8")),
    paraphrases: () => loadParaphrases(dataDir),
  };
}

/** The WordNet and neighbour tables: read only when a store is built, and optional. */
function loadParaphrases(dataDir: string): Paraphrases {
  const read = (name: string) => {
    const path = join(dataDir, name);
    return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : undefined;
  };
  return { wordnet: read("wordnet.json"), neighbours: read("neighbours.json") };
}

export function readArticle(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ArticleError(
      `cannot read article ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`,
    );
  }
  if (!text.trim()) throw new ArticleError(`article ${path} is empty`);
  if (text.includes("\u0000")) throw new ArticleError(`article ${path} is not a text file`);
  return text;
}

export interface LoadOptions extends BotOptions {
  /** Another article: its fact store is built on the fly. */
  articlePath?: string;
}

/**
 * The default article's store comes from data/facts.json, rebuilt when the article, the lexicon
 * or the builder is newer; another article is built in memory.
 */
export function loadStore(options: { articlePath?: string } = {}, knowledge = loadKnowledge()): FactStore {
  if (options.articlePath && resolve(options.articlePath) !== resolve(DEFAULT_ARTICLE)) {
    return buildStore(readArticle(options.articlePath), knowledge);
  }
  if (isFresh(DEFAULT_FACTS, [DEFAULT_ARTICLE, join(DATA_DIR, "lexicon.json"), ...builderFiles()])) {
    try {
      const store = JSON.parse(readFileSync(DEFAULT_FACTS, "utf8")) as FactStore;
      if (store.builderVersion === BUILDER_VERSION) return store;
    } catch {
      // A damaged facts.json is rebuilt below.
    }
  }
  const store = buildStore(readArticle(DEFAULT_ARTICLE), knowledge);
  try {
    writeFileSync(DEFAULT_FACTS, `${JSON.stringify(store, null, 2)}\n`);
  } catch {
    // A read-only checkout still answers from the store built in memory.
  }
  return store;
}

export function loadBot(options: LoadOptions = {}): Bot {
  const knowledge = loadKnowledge();
  return createBot(loadStore(options, knowledge), knowledge, options);
}

/**
 * loadBot for a running process (article updates): the same steps, with the event loop let run
 * between building the store and building the bot, so no single step holds it for both.
 */
export async function loadBotInSteps(options: LoadOptions = {}): Promise<Bot> {
  const knowledge = loadKnowledge();
  const store = await loadStoreInWorker(options);
  await new Promise<void>((resolve) => setImmediate(resolve));
  return createBot(store, knowledge, options);
}

/**
 * The store built in a worker thread (src/store-worker.ts), so reading an article never blocks
 * answers and its NLP model leaves with the thread. Run from source (the tests), where there is
 * no compiled worker, it is built here.
 */
export function loadStoreInWorker(options: { articlePath?: string } = {}): Promise<FactStore> {
  const script = new URL("./store-worker.js", import.meta.url);
  if (!existsSync(fileURLToPath(script))) return Promise.resolve().then(() => loadStore(options));
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: { ...(options.articlePath ? { articlePath: options.articlePath } : {}) },
    });
    worker.once("message", (m: { store?: FactStore; error?: string; article?: boolean }) => {
      if (m.store) resolve(m.store);
      else reject(m.article ? new ArticleError(m.error ?? "unreadable article") : new Error(m.error));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the store worker stopped with code ${code}`));
    });
  });
}

/** The builder's own code: a newer builder means a stale facts.json. */
function builderFiles(): string[] {
  const core = join(dirname(fileURLToPath(import.meta.url)), "core");
  return ["ingest", "read", "pool"].flatMap((folder) => {
    try {
      return readdirSync(join(core, folder)).map((f) => join(core, folder, f));
    } catch {
      return [];
    }
  });
}

function isFresh(target: string, sources: string[]): boolean {
  if (!existsSync(target)) return false;
  const built = statSync(target).mtimeMs;
  return sources.every((s) => !existsSync(s) || statSync(s).mtimeMs <= built);
}

function findDataDir(from: string): string {
  let dir = from;
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "data", "lexicon.json"))) return join(dir, "data");
    dir = dirname(dir);
  }
  return join(from, "..", "data");
}
