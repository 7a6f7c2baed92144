import { buildStore, createBot } from "../../src/core/create-bot.js";
import type { FactStore } from "../../src/core/store.js";
import { loadKnowledge } from "../../src/load-bot.js";

export const knowledge = loadKnowledge();

/** A fact store from a few lines of text: tiny fixtures keep builder tests readable. */
export function storeOf(...paragraphs: string[]): FactStore {
  return buildStore(paragraphs.join("\n\n"), knowledge);
}

export function botOf(paragraphs: string[], now?: () => number) {
  return createBot(storeOf(...paragraphs), knowledge, now ? { now } : {});
}
