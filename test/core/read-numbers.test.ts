import { describe, expect, it } from "vitest";
import { findDates } from "../../src/core/read/dates.js";
import { findQuantities, type Quantity } from "../../src/core/read/numbers.js";

/** The one quantity a sentence states; fails if it states none or several. */
function only(sentence: string): Quantity {
  const found = findQuantities(sentence);
  expect(found.map((q) => q.raw)).toHaveLength(1);
  return found[0]!;
}

/** The quantities found the way the pool finds them: with the sentence's dates and times masked. */
function masked(sentence: string): string[] {
  return findQuantities(sentence, findDates(sentence)).map((q) => q.raw);
}

describe("findQuantities: numbers written in words", () => {
  it.each([
    ["Sixty-five schools shut.", "Sixty-five", 65],
    ["The strike involves two thousand support staff.", "two thousand", 2000],
    ["Some twenty-one thousand workers took part.", "Some twenty-one thousand", 21_000],
    ["A dozen schools closed.", "A dozen", 12],
    ["Nearly half a million people were affected.", "Nearly half a million", 500_000],
  ])("reads %j as a count", (sentence, raw, value) => {
    expect(only(sentence)).toMatchObject({ raw, value, unit: "count", inWords: true });
  });

  it("keeps the approximation word of a count", () => {
    expect(only("Nearly half a million people were affected.").approx).toBe("nearly");
  });
});

describe("findQuantities: fractions and shares as per cent", () => {
  it.each([
    ["Nearly half of staff walked out.", 50],
    ["Two-thirds of members voted yes.", 66.7],
    ["Three-quarters of nurses backed action.", 75],
    ["A quarter of staff were off.", 25],
    ["One in four nurses joined the picket.", 25],
    ["One in five schools closed.", 20],
  ])("reads %j as a share of %d per cent", (sentence, value) => {
    expect(only(sentence)).toMatchObject({ value, unit: "percent", fraction: true });
  });

  it("marks an approximate share", () => {
    expect(only("Nearly half of staff walked out.").approx).toBe("nearly");
  });
});

describe("findQuantities: durations in days", () => {
  it.each([
    ["They plan a fortnight of action.", 14],
    ["It is a 48-hour strike.", 2],
    ["They held ten days of strikes.", 10],
  ])("reads %j as %d days", (sentence, days) => {
    expect(only(sentence)).toMatchObject({ unit: "duration", days });
  });
});

describe("findQuantities: money, per cent and points", () => {
  it("reads a yearly pound amount with what it is per", () => {
    expect(only("Staff were offered £2,400 a year.")).toMatchObject({
      raw: "£2,400",
      value: 2400,
      unit: "money",
      currency: "£",
      per: "year",
    });
  });

  it("reads an hourly dollar wage", () => {
    expect(only("Drivers earn $38.25 an hour.")).toMatchObject({
      value: 38.25,
      unit: "money",
      currency: "$",
      per: "hour",
    });
  });

  it("reads a Canadian dollar amount in millions", () => {
    expect(only("The deal is worth C$410 million.")).toMatchObject({
      value: 410_000_000,
      unit: "money",
      currency: "C$",
    });
  });

  it("reads pence as a fraction of a pound", () => {
    expect(only("Fares will rise by 50p.")).toMatchObject({ value: 0.5, unit: "money", currency: "£" });
  });

  it.each([
    ["Some 58 per cent voted to strike.", 58],
    ["In all, 96% backed action.", 96],
    ["They asked for a 40 percent rise.", 40],
  ])("reads %j as %d per cent", (sentence, value) => {
    expect(only(sentence)).toMatchObject({ value, unit: "percent" });
  });

  it("reads percentage points as points, not per cent", () => {
    expect(only("Turnout was 1.4 percentage points higher.")).toMatchObject({ value: 1.4, unit: "points" });
  });
});

describe("findQuantities: numbers that count nothing", () => {
  it.each([
    ["a year", "The last strike was in 2019."],
    ["a time of day", "Pickets gathered at 7 a.m. outside the gates."],
    ["a time after midnight", "The strike began at 12:01 a.m. on Monday."],
    ["a month then a day", "Nurses walk out on June 9 this year."],
    ["a day then a month", "Nurses walk out on 9 June this year."],
    ["an abbreviated month", "Talks resume on Jan. 22 at the latest."],
    ["a list of days of a month", "Nurses will strike on 2, 3, 5 and 6 May."],
    ["an age after a name", "Tamika Orloff, 38, joined the picket."],
    ["an age after 'aged'", "The driver, aged 37, joined the picket."],
    ["a route number", "Route 7 buses did not run."],
    ["a union local's number", "Local 318 members voted to strike."],
    ["an ordinal", "It is the 5th strike this year."],
  ])("finds no quantity in %s: %j", (_what, sentence) => {
    expect(findQuantities(sentence).map((q) => q.raw)).toEqual([]);
  });

  it("finds no quantity in a 24-hour time once the sentence's times are masked, as the pool reads it", () => {
    expect(masked("At 16:52 the union called the strike off.")).toEqual([]);
  });

  it("still finds the count beside a date and a time of day", () => {
    expect(masked("The strike began at 7 a.m. on June 9 and 412 services were cancelled.")).toEqual(["412"]);
  });

  // Known gap: unmasked, the minutes of "16:52" are read as a count of 52; only the caller's date mask hides them.
  it("finds no quantity in a 24-hour time on its own", () => {
    expect(findQuantities("At 16:52 the union called the strike off.").map((q) => q.raw)).toEqual([]);
  });

  // Known gap: "-year" in "37-year-old" matches the duration pattern before the age check runs,
  // so an age becomes a duration of 37 years (13,505 days); the dates mask does not hide it.
  it("finds no quantity in a hyphenated age", () => {
    expect(masked("Pickets, including a 37-year-old nurse, gathered.")).toEqual([]);
  });
});
