import { beforeAll, describe, expect, it } from "vitest";
import type { Bot } from "../../src/core/bot.js";
import { buildStore, createBot, type Knowledge } from "../../src/core/create-bot.js";
import type { FactStore } from "../../src/core/store.js";
import { loadKnowledge } from "../../src/load-bot.js";

/** Three districts, so that a follow-up naming another district needs the question before it. */
const ARTICLE = `Teachers strike closes schools across three districts

Sixty-five schools shut in Glenmorven on Monday as teachers walked out over pay.

In Lochardie, 22 schools closed and pupils were sent home.

Kilbride council said 31 of its 64 schools shut for the day.`;

let knowledge: Knowledge;
let store: FactStore;
const bot = (): Bot => createBot(store, knowledge);

beforeAll(() => {
  knowledge = loadKnowledge();
  store = buildStore(ARTICLE, knowledge);
});

describe("conversation context across instances", () => {
  it("exports the reading engine's turn with the matcher's context", () => {
    const a = bot();
    a.ask("How many schools shut in Glenmorven?", "t1");
    const context = JSON.parse(a.exportContext?.("t1") ?? "{}") as { pool?: { q: { text: string } } };
    expect(context.pool?.q.text).toBe("How many schools shut in Glenmorven?");
  });

  it("answers a follow-up on another instance as the first instance would", () => {
    const a = bot();
    const b = bot();
    const fresh = bot();
    a.ask("How many schools shut in Glenmorven?", "t2");
    b.importContext?.("t2", a.exportContext?.("t2"));
    const onA = a.ask("what about Lochardie?", "t2");
    const onB = b.ask("what about Lochardie?", "t2");
    expect(onB.value).toBe(onA.value);
    expect(onB.value).toMatch(/^22 schools/);
    // Without the context the same words are no follow-up: the sentence, not the figure.
    expect(fresh.ask("what about Lochardie?", "t2").value).not.toBe(onA.value);
  });

  it("keeps the engine's turn through an import, so the next instance passes it on", () => {
    const a = bot();
    a.ask("How many schools shut in Glenmorven?", "t4");
    const exported = a.exportContext?.("t4");
    const b = bot();
    b.importContext?.("t4", exported);
    const again = JSON.parse(b.exportContext?.("t4") ?? "{}") as { pool?: unknown };
    expect(again.pool).toEqual((JSON.parse(exported ?? "{}") as { pool?: unknown }).pool);
  });

  it("drops a malformed engine turn and keeps answering", () => {
    const a = bot();
    a.ask("How many schools shut in Glenmorven?", "t3");
    const context = JSON.parse(a.exportContext?.("t3") ?? "{}") as Record<string, unknown>;
    const b = bot();
    b.importContext?.("t3", JSON.stringify({ ...context, pool: { q: "not a question", at: "never" } }));
    expect(b.ask("and in Kilbride?", "t3").status).toMatch(/answered|unknown/);
  });
});
