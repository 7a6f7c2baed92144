import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/answer.js";
import type { Bot } from "../../src/core/bot.js";
import { buildStore, createBot } from "../../src/core/create-bot.js";
import { loadBot, loadKnowledge } from "../../src/load-bot.js";

/** A made-up story: three districts, one figure each, one of them a part of a whole. */
const ARTICLE = `Teachers strike closes schools across three districts

Sixty-five schools shut in Glenmorven on Monday as teachers walked out over pay.

In Lochardie, 22 schools closed and pupils were sent home.

Kilbride council said 31 of its 64 schools shut for the day.

The Scottish Teachers Union wants a 12 per cent pay rise. Its general secretary, Moira Baird, said members were "angry and exhausted".`;

let bot: Bot;
let fromFile: Bot;
let dir: string;
let conversation = 0;

/** Each question in a conversation of its own unless one is given. */
const ask = (question: string, id = `c${++conversation}`): Answer => bot.ask(question, id);

beforeAll(() => {
  const knowledge = loadKnowledge();
  bot = createBot(buildStore(ARTICLE, knowledge), knowledge);
  dir = mkdtempSync(join(tmpdir(), "strike-bot-engine-"));
  const path = join(dir, "districts.txt");
  writeFileSync(path, ARTICLE);
  fromFile = loadBot({ articlePath: path });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("reading engine end to end on a made-up article", () => {
  it("answers a count with the figure and what it counts in value", () => {
    const answer = ask("How many schools shut in Glenmorven?");
    expect(answer.status).toBe("answered");
    expect(answer.value).toBe("Sixty-five (65) schools");
  });

  it("answers the same from an article file loaded with loadBot", () => {
    const answer = fromFile.ask("How many schools shut in Glenmorven?", "file");
    expect(answer.status).toBe("answered");
    expect(answer.value).toBe("Sixty-five (65) schools");
  });

  // Known gap: every word of the question is met right by "22 schools", but with two other school
  // counts beside it the fitted decision puts it just under the rescue threshold, and the fact
  // matcher finds nothing, so the reply is "the article doesn't say".
  it.fails("answers a fully matched count from the second of three districts (known gap: under the rescue threshold)", () => {
    const answer = ask("How many schools closed in Lochardie?");
    expect(answer.status).toBe("answered");
    expect(answer.value).toMatch(/^22 schools\b/);
  });

  it("says it does not know an attribute the article never mentions", () => {
    const answer = ask("What was the teachers' average salary?");
    expect(answer.status).toBe("unknown");
    expect(answer.value).toBeUndefined();
  });

  it("answers a place follow-up with the new place's figure", () => {
    const first = ask("How many schools shut in Glenmorven?", "follow");
    const next = ask("And in Lochardie?", "follow");
    expect(first.value).toMatch(/\(65\)/);
    expect(next.status).toBe("answered");
    expect(next.value).toMatch(/^22 schools\b/);
  });

  it("works out a difference between two places", () => {
    const answer = ask("How many more schools shut in Glenmorven than in Lochardie?");
    expect(answer.status).toBe("answered");
    expect(answer.value).toMatch(/^43\b/);
    expect(answer.facts.map((f) => f.kind)).toEqual(["computed"]);
  });

  it("works out how many stayed open from '31 of its 64 schools shut'", () => {
    const answer = ask("How many schools stayed open in Kilbride?");
    expect(answer.status).toBe("answered");
    expect(answer.value).toMatch(/^33\b/);
  });

  it("works out a share as a percentage of the whole", () => {
    const answer = ask("What percentage of schools shut in Kilbride?");
    expect(answer.status).toBe("answered");
    expect(answer.value).toMatch(/^48\.4%/);
  });

  it.each([
    "How many schools shut in Glenmorven?",
    "How many more schools shut in Glenmorven than in Lochardie?",
    "How many schools stayed open in Kilbride?",
    "What percentage of schools shut in Kilbride?",
  ])("gives %j a value apart from the sentence it cites", (question) => {
    const answer = ask(question);
    expect(answer.status).toBe("answered");
    expect(answer.value).toBeTruthy();
    expect(answer.sources.length).toBeGreaterThan(0);
    for (const source of answer.sources) expect(answer.value).not.toContain(source.text);
  });

  it("gives a name answered by the fact matcher a value without the sentence it cites", () => {
    const answer = ask("Who is Moira Baird?");
    expect(answer.status).toBe("answered");
    expect(answer.value).toMatch(/Moira Baird/);
    for (const source of answer.sources) expect(answer.value).not.toContain(source.text);
  });

  it("gives a demand answered by the fact matcher a value apart from the sentence it cites", () => {
    const answer = ask("What pay rise does the union want?");
    expect(answer.status).toBe("answered");
    expect(answer.value).toBeTruthy();
    for (const source of answer.sources) expect(answer.value).not.toContain(source.text);
  });
});
