import { beforeAll, describe, expect, it } from "vitest";
import { buildStore } from "../../src/core/create-bot.js";
import { clauseSpans } from "../../src/core/pool/clauses.js";
import type { Candidate, Pool } from "../../src/core/pool/types.js";
import { loadKnowledge } from "../../src/load-bot.js";

// The WordNet and neighbour tables are read once for the file, not once per tiny article.
const loaded = loadKnowledge();
const tables = loaded.paraphrases?.() ?? {};
const knowledge = { ...loaded, paraphrases: () => tables };

const ARTICLES = {
  words: "Teachers strike\n\nSixty-five schools shut in Glenmorven, and a dozen were shut in Lochardie.",
  nextSentence: "Teachers strike\n\nSixty-five schools shut in Glenmorven. A dozen were shut in Lochardie.",
  keyFacts: "Strike update\n\nKey facts\n\nSchools closed: 65\nPupils affected: 12,000",
  dayList:
    "Flights hit\n\nCancellations by day:\n- Friday, June 6: 61 flights cancelled\n- Saturday, June 7: 45 flights",
  table:
    "Flights hit\n\n| Day | Flights cancelled |\n|---|---|\n| Friday, June 6 | 61 |\n| Saturday, June 7 | 45 |",
  parts:
    "Nurses strike\n\nSome 1,854 nurses are members of the union. Nearly 2,000 nurses were balloted, and 1,450 of the striking nurses joined pickets.",
  followingDay:
    "Rail strike\n\nThe first strike was on June 9. Drivers walked out again the following day, when 300 trains were cancelled.",
  followingDayOneSentence:
    "Rail strike\n\nOn June 9, 412 services were cancelled, and the following day 300 trains were cancelled.",
  clock:
    "Port strike\n\nThe union said 1,450 dockers walked out at 12:01 a.m. on Monday, with 300 more joining later.",
};

type Name = keyof typeof ARTICLES;
const pools = {} as Record<Name, Pool>;

beforeAll(() => {
  for (const name of Object.keys(ARTICLES) as Name[])
    pools[name] = buildStore(ARTICLES[name], knowledge).pool!;
});

/** The figure candidate written as raw in an article's pool. */
function figure(name: Name, raw: string): Candidate {
  const found = pools[name].candidates.filter(
    (c) => c.raw === raw && ["count", "percent", "money", "duration", "points"].includes(c.type),
  );
  expect(found, `one figure "${raw}" in ${name}`).toHaveLength(1);
  return found[0]!;
}

describe("candidate pool: what a figure counts", () => {
  it("gives a count written in words its digits and what it counts", () => {
    expect(figure("words", "Sixty-five")).toMatchObject({
      type: "count",
      value: 65,
      answer: "Sixty-five (65) schools",
      counted: ["school"],
    });
  });

  it("lets 'a dozen were shut' inherit the noun of the figure before it in the sentence", () => {
    expect(figure("words", "a dozen")).toMatchObject({ value: 12, counted: ["school"] });
  });

  // Known gap: the noun is inherited only within one sentence; a figure in the next sentence counts nothing.
  it("lets 'A dozen were shut' in the next sentence inherit the noun", () => {
    expect(figure("nextSentence", "A dozen").counted).toContain("school");
  });

  it("takes a 'Label: value' line's label as what its figure counts", () => {
    const closed = figure("keyFacts", "65");
    expect(closed.counted).toEqual(expect.arrayContaining(["school"]));
    expect(closed.answer).toBe("65 (Schools closed)");
    expect(figure("keyFacts", "12,000").counted).toEqual(expect.arrayContaining(["pupil"]));
  });

  it("takes a day label of a list item as its scope, not as what its figure counts", () => {
    const friday = figure("dayList", "61");
    expect(friday.scope).toEqual(expect.arrayContaining(["friday"]));
    expect(friday.counted).toContain("flight");
    expect(friday.counted).not.toContain("friday");
  });

  it("takes a table row's first cell as the scope of its figures", () => {
    expect(figure("table", "61").scope).toEqual(expect.arrayContaining(["friday"]));
    expect(figure("table", "61").counted).toContain("flight");
  });

  // Known gap: headerKeys() adds the row's first cell to what every cell counts, so a day counts as the noun.
  it("keeps a table row's day label out of what its figure counts", () => {
    expect(figure("table", "61").counted).not.toContain("friday");
  });
});

describe("candidate pool: parts, rounding and days", () => {
  it("marks '1,450 of the striking nurses' as a part", () => {
    expect(figure("parts", "1,450").part).toBe(true);
    expect(figure("parts", "Some 1,854").part).toBeUndefined();
  });

  it("marks 'nearly 2,000' beside a precise 1,854 as rounded, and not the precise one", () => {
    expect(figure("parts", "Nearly 2,000").rounded).toBe(true);
    expect(figure("parts", "Some 1,854").rounded).toBeUndefined();
  });

  it("resolves 'the following day' to the day after the date named before it", () => {
    expect(figure("followingDay", "300").on).toEqual(["06-10"]);
  });

  // Known gap: "day" before a number marks a label ("day 3"), so "the following day 300 trains" loses the 300.
  it.fails("reads the figure right after 'the following day' in the same sentence (known gap: read as 'day 300')", () => {
    expect(figure("followingDayOneSentence", "300").on).toEqual(["06-10"]);
  });
});

describe("candidate pool: clauses", () => {
  it("does not split a clause at the comma of '1,450' or the colon of '12:01'", () => {
    const text = "The union said 1,450 dockers walked out at 12:01 a.m., with 300 more joining later.";
    expect(clauseSpans(text).map((s) => s.text)).toEqual([
      "The union said 1,450 dockers walked out at 12:01 a.m.",
      ", with 300 more joining later.",
    ]);
  });

  it("gives a figure the clause that holds it, whole across '1,450' and '12:01'", () => {
    expect(figure("clock", "1,450").clauseText).toBe(
      "The union said 1,450 dockers walked out at 12:01 a.m. on Monday",
    );
    expect(figure("clock", "300").clauseText).toBe("with 300 more joining later.");
  });
});
