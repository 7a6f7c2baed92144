import { describe, expect, it } from "vitest";
import { MATCHER_DEFAULTS } from "../../src/core/match/config.js";
import { MESSAGES } from "../../src/core/messages.js";
import { botOf } from "../support/core.js";

/** A tiny strike story, shaped like the real ones, so each test reads on its own. */
const STORY = [
  "NEARLY 2,000 hospital appointments were cancelled in Riverton when nurses went on strike.",
  "New figures from NHS England show that 1,854 appointments at Riverton General Hospital NHS Trust (RGH) were cancelled during the two-day walk-out on March 3 and 4.",
  "Of those cancelled, 158 were inpatient procedures, while 1,696 were outpatient.",
  "A total of 1,091 nurses, members of the Royal College of Nursing, took part in the strike over pay.",
  "Around 695 walked out on March 3 and 703 the following day.",
  "They are asking for a 12 per cent pay rise.",
  'Union organiser Helen Marsh said the strike "shows how stretched the service has become".',
  'She said: "We do not take this step lightly."',
];

describe("answering figures", () => {
  const bot = botOf(STORY);

  it("answers the precise figure, not the rounded headline, when asked how many appointments were cancelled", () => {
    const answer = bot.ask("How many appointments were cancelled?");
    expect(answer.status).toBe("answered");
    expect(answer.text).toMatch(/1,854/);
    expect(answer.sources[0]?.id).toBe("p2.s1");
  });

  it("answers the outpatient figure when asked about clinic appointments", () => {
    expect(bot.ask("how many clinic appointments were called off?").text).toMatch(/1,696/);
  });

  it("tolerates typos: 'apointments cancled', 'inpatinet'", () => {
    expect(bot.ask("how many apointments were cancled").text).toMatch(/1,854/);
    expect(bot.ask("inpatinet procedures?").text).toMatch(/\b158\b/);
  });

  it("matches a date in either order and resolves 'the following day'", () => {
    expect(bot.ask("How many nurses walked out on 4 March?").text).toMatch(/\b703\b/);
    expect(bot.ask("How many nurses walked out on March 3?").text).toMatch(/\b695\b/);
  });

  it("never gives a figure about something else: junior doctors are not counted", () => {
    const answer = bot.ask("How many junior doctors went on strike?");
    expect(answer.status).toBe("unknown");
    expect(answer.text).toContain(MESSAGES.notInArticle.replace(/\.$/, ""));
    expect(answer.text).toMatch(/1,091 nurses/);
  });

  it("says the article doesn't say for a place it doesn't cover", () => {
    expect(bot.ask("How many appointments were cancelled in Manchester?").status).toBe("unknown");
    expect(bot.ask("How many appointments were cancelled across England?").status).toBe("unknown");
    expect(bot.ask("How many appointments were cancelled in 2019?").status).toBe("unknown");
  });

  it("points off-topic questions at what it knows", () => {
    const answer = bot.ask("Who won the FA Cup?");
    expect(answer.status).toBe("unknown");
    expect(answer.intent).toBe("off-topic");
    expect(answer.suggestions.length).toBeGreaterThan(0);
  });
});

describe("computed answers show their working", () => {
  const bot = botOf(STORY);

  it("works out a difference", () => {
    expect(bot.ask("How many more outpatient than inpatient appointments were cancelled?").text).toContain(
      "1,696 − 158 = 1,538",
    );
  });

  it("works out a share of the whole", () => {
    expect(bot.ask("What percentage of the cancelled appointments were inpatient procedures?").text).toMatch(
      /8\.5%/,
    );
  });

  it("works out an average per day of the stated duration", () => {
    expect(bot.ask("On average how many appointments were cancelled per day?").text).toMatch(
      /1,854 ÷ 2 = 927/,
    );
  });

  it("adds up the parts of a list and says when they make the whole", () => {
    const text = bot.ask("How many inpatient and outpatient appointments were cancelled in total?").text;
    expect(text).toContain("158 + 1,696 = 1,854");
  });

  it("works out a ratio", () => {
    expect(bot.ask("What's the ratio of outpatient to inpatient cancellations?").text).toMatch(/10\.7/);
  });
});

describe("quotes, people and organisations", () => {
  const bot = botOf(STORY);

  it("gives a quote verbatim with its speaker and role", () => {
    const answer = bot.ask("What did Helen Marsh say?");
    expect(answer.text).toMatch(/Helen Marsh \(Union organiser\)/);
    expect(answer.text).toMatch(/shows how stretched the service has become/);
  });

  it("gives the next quote of the same speaker for 'what else did she say?'", () => {
    bot.ask("What did Helen Marsh say?", "c1");
    expect(bot.ask("what else did she say?", "c1").text).toMatch(/We do not take this step lightly/);
  });

  it("says who someone is, from a misspelt name", () => {
    expect(bot.ask("who is helen marsch?").text).toMatch(/Helen Marsh is a Union organiser/);
  });

  it("names the union and expands an acronym", () => {
    expect(bot.ask("Which union are the nurses in?").text).toMatch(/Royal College of Nursing/);
    expect(bot.ask("What does RGH stand for?").text).toMatch(/Riverton General Hospital NHS Trust/);
  });

  it("lists the quotes by speaker", () => {
    const answer = bot.quotes();
    expect(answer.status).toBe("answered");
    expect(answer.text).toMatch(/^Helen Marsh/);
    expect(bot.speakers()).toEqual(["Helen Marsh"]);
    expect(bot.quotes("marsh").facts).toHaveLength(2);
    expect(bot.quotes("Boris Johnson").status).toBe("unknown");
  });
});

describe("dates, durations and reasons", () => {
  const bot = botOf(STORY);

  it("says when, how long and why", () => {
    expect(bot.ask("When was the strike?").text).toMatch(/March 3/);
    expect(bot.ask("How long was the walk-out?").text).toMatch(/two days/i);
    expect(bot.ask("Why did the nurses strike?").text).toMatch(/pay/);
    expect(bot.ask("What are they asking for?").text).toMatch(/12 per cent/);
  });
});

describe("conversations", () => {
  it("answers ellipsis follow-ups in the same conversation only", () => {
    const bot = botOf(STORY);
    bot.ask("How many inpatient procedures were cancelled?", "a");
    expect(bot.ask("and outpatient?", "a").text).toMatch(/1,696/);
    bot.ask("How many nurses walked out on March 3?", "b");
    expect(bot.ask("And the following day?", "b").text).toMatch(/\b703\b/);
  });

  it("resolves 'he'/'she' to the person just talked about", () => {
    const bot = botOf(STORY);
    bot.ask("What did Helen Marsh say?", "d");
    expect(bot.ask("What is her job?", "d").text).toMatch(/Union organiser/);
  });

  it("forgets a conversation after its time to live", () => {
    let now = 0;
    const bot = botOf(STORY, () => now);
    bot.ask("What did Helen Marsh say?", "e");
    now += MATCHER_DEFAULTS.context.ttlMs - 1;
    expect(bot.ask("What is her job?", "e").text).toMatch(/Union organiser/);
    now += MATCHER_DEFAULTS.context.ttlMs + 1;
    expect(bot.ask("What is her job?", "e").text).not.toMatch(/Union organiser/);
  });
});

describe("help, stats and bad input", () => {
  const bot = botOf(STORY);

  it("greets with help and examples it can answer", () => {
    for (const text of ["hi", "help", "What can you do?", "hello there"])
      expect(bot.ask(text).status).toBe("help");
    const examples = bot.help().suggestions;
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) expect(bot.ask(example).status).toBe("answered");
  });

  it("summarises the headline figures for /strike stats", () => {
    const stats = bot.stats();
    expect(stats.status).toBe("answered");
    expect(stats.facts.map((f) => f.value)).toEqual(expect.arrayContaining(["1,854", "158", "12 per cent"]));
    expect(stats.text).not.toMatch(/2,000/);
  });

  it("answers empty and over-long input with a clear message", () => {
    expect(bot.ask("   ").text).toBe(MESSAGES.empty);
    const long = bot.ask("how many ".repeat(20_000));
    expect(long.status).toBe("unknown");
    expect(long.text).toBe(MESSAGES.tooLong(MATCHER_DEFAULTS.maxQuestionLength));
  });

  it("autocompletes with questions it can answer", () => {
    const suggestions = bot.suggest("inpat");
    expect(suggestions[0]).toMatch(/inpatient/i);
    expect(bot.suggest("", 3)).toHaveLength(3);
  });
});
