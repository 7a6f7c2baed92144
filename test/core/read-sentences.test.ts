import { beforeAll, describe, expect, it } from "vitest";
import { findDates, spanDays } from "../../src/core/read/dates.js";
import { readText } from "../../src/core/read/nlp.js";

const sentencesOf = (text: string) => readText(text).map((s) => s.text);

describe("readText: sentences", () => {
  // The NLP model loads on first use: once per file, before the timed tests.
  beforeAll(() => {
    readText("Warm up.");
  });

  it("keeps an abbreviated month and its day inside one sentence", () => {
    expect(sentencesOf("Nurses will walk out on Nov. 3 at the hospital. Talks failed.")).toEqual([
      "Nurses will walk out on Nov. 3 at the hospital.",
      "Talks failed.",
    ]);
  });

  it("keeps a title and the name after it inside one sentence", () => {
    expect(sentencesOf("Dr. Patel said the wards were full. She spoke outside.")).toEqual([
      "Dr. Patel said the wards were full.",
      "She spoke outside.",
    ]);
  });

  it("keeps a saint's name inside one sentence", () => {
    expect(sentencesOf("Pickets gathered at St. Brendan's hospital on Monday. The union agreed.")).toEqual([
      "Pickets gathered at St. Brendan's hospital on Monday.",
      "The union agreed.",
    ]);
  });

  it("splits ordinary sentences at their full stops", () => {
    expect(sentencesOf("Nurses walked out. Doctors joined them. Talks resume today.")).toEqual([
      "Nurses walked out.",
      "Doctors joined them.",
      "Talks resume today.",
    ]);
  });

  it("ends a sentence after 'p.m.' when a new sentence starts", () => {
    expect(sentencesOf("The strike ends by 4 p.m. The union said talks would resume.")).toHaveLength(2);
  });

  it("gives tokens with their lemma, part of speech and offsets within the sentence", () => {
    const [, second] = readText("Talks failed. Schools were closed by striking teachers.");
    const tokens = second!.tokens;
    const by = (text: string) => tokens.find((t) => t.text === text)!;
    expect(by("were")).toMatchObject({ lemma: "be", pos: "AUX" });
    expect(by("closed")).toMatchObject({ lemma: "close", pos: "VERB" });
    expect(by("teachers")).toMatchObject({ lemma: "teacher", pos: "NOUN" });
    const teachers = by("teachers");
    expect(second!.text.slice(teachers.start, teachers.end)).toBe("teachers");
  });
});

describe("findDates", () => {
  it("reads 'June 6 to June 9' as one span of four days", () => {
    const [span] = findDates("The strike ran from June 6 to June 9.");
    expect(span).toMatchObject({
      text: "June 6 to June 9",
      from: { month: 6, day: 6 },
      to: { month: 6, day: 9 },
    });
    expect(spanDays(span!.from, span!.to)).toBe(4);
  });

  it("reads an abbreviated month with its day", () => {
    expect(findDates("Talks resume on Jan. 22.")).toMatchObject([
      { text: "Jan. 22", from: { month: 1, day: 22 }, timeOnly: false },
    ]);
  });

  it("reads a weekday with a day and month", () => {
    expect(findDates("Staff walk out on Monday 20 April.")).toMatchObject([
      { from: { month: 4, day: 20, weekday: 1 }, timeOnly: false },
    ]);
  });

  it("reads 'next week' relative to the reference date", () => {
    const [next] = findDates("A ballot will be held next week.", new Date(Date.UTC(2026, 5, 1)));
    expect(next).toMatchObject({ text: "next week", timeOnly: false, from: { month: 6, day: 8 } });
  });

  it("reads a 24-hour clock time as a time only", () => {
    expect(findDates("The update came at 16:52.")).toMatchObject([
      { from: { hour: 16, minute: 52 }, timeOnly: true },
    ]);
  });

  it.each(["The deal will run in three years.", "Pay rose three weeks after the vote."])(
    "finds no date in a span of time: %j",
    (sentence) => {
      expect(findDates(sentence)).toEqual([]);
    },
  );
});
