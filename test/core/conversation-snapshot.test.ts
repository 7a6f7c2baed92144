/** A conversation's context as JSON: another bot (another instance, or after a restart) continues it. */
import { describe, expect, it } from "vitest";
import { loadBot } from "../../src/load-bot.js";

describe("conversation context as JSON", () => {
  it("lets another bot answer a follow-up with the first bot's context", () => {
    const first = loadBot();
    const second = loadBot();
    first.ask("how many inpatient procedures were cancelled?", "thread-1");
    const json = first.exportContext?.("thread-1");
    expect(json).toBeDefined();
    expect(() => JSON.parse(json!)).not.toThrow();

    // Without the context "what about outpatient?" is read on its own and gets the whole sentence.
    expect(second.ask("what about outpatient?", "thread-2").text).not.toMatch(/^1,696 outpatient/);
    second.importContext?.("thread-1", json);
    expect(second.ask("what about outpatient?", "thread-1").text).toMatch(/^1,696 outpatient/);
  });

  it("has nothing to export for an unknown conversation, and forgets on undefined", () => {
    const bot = loadBot();
    expect(bot.exportContext?.("never-asked")).toBeUndefined();
    bot.ask("how many inpatient procedures were cancelled?", "c");
    bot.importContext?.("c", undefined);
    expect(bot.exportContext?.("c")).toBeUndefined();
  });

  it("ignores damaged or foreign context instead of failing the answer", () => {
    const bot = loadBot();
    for (const bad of [
      "not json",
      "{}",
      '{"v":2}',
      JSON.stringify({ v: 1, at: 1, question: { terms: 3 } }),
    ]) {
      bot.importContext?.("c", bad);
      expect(bot.exportContext?.("c")).toBeUndefined();
    }
    // A reference to a fact this article does not have is dropped, the rest kept.
    const source = loadBot();
    source.ask("how many inpatient procedures were cancelled?", "c");
    const snapshot = JSON.parse(source.exportContext!("c")!);
    snapshot.entry = { kind: "figure", id: "no-such-figure" };
    bot.importContext?.("c", JSON.stringify(snapshot));
    expect(JSON.parse(bot.exportContext!("c")!).entry).toBeUndefined();
    expect(bot.ask("how many appointments were cancelled?", "c").status).toBe("answered");
  });
});
