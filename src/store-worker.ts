/**
 * Builds a fact store in a worker thread: the NLP model and the word tables load here and go
 * when the thread ends, so the answering process stays small and keeps answering meanwhile.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ArticleError, loadStore } from "./load-bot.js";

try {
  parentPort?.postMessage({ store: loadStore(workerData as { articlePath?: string }) });
} catch (error) {
  parentPort?.postMessage({ error: (error as Error).message, article: error instanceof ArticleError });
}
