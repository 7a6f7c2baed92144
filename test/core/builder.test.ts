import { describe, expect, it } from "vitest";
import { storeOf } from "../support/core.js";

describe("fact store builder", () => {
  it("gives every sentence an id by paragraph and position", () => {
    const store = storeOf("First one. Second one here.", "Third.");
    expect(store.sentences.map((s) => s.id)).toEqual(["p1.s1", "p1.s2", "p2.s1"]);
  });

  it("reads one line a paragraph when an article has no blank lines", () => {
    const store = storeOf("First paragraph here.\nREAD MORE: Another story\nA total of 40 nurses struck.");
    expect(store.sentences.map((s) => [s.id, s.isCrossReference])).toEqual([
      ["p1.s1", false],
      ["p2.s1", true],
      ["p3.s1", false],
    ]);
  });

  it("keeps READ MORE lines out of the facts, as headlines of other stories", () => {
    const store = storeOf(
      "Nurses walked out.",
      "READ MORE: Ferry fares to rise by 6 per cent",
      "A total of 40 nurses struck.",
    );
    expect(store.crossReferences).toEqual(["Ferry fares to rise by 6 per cent"]);
    expect(store.figures.map((f) => f.raw)).toEqual(["40"]);
  });

  it("reads a figure's value, what it counts and its approximation", () => {
    const [figure] = storeOf("Around 280 paramedics took part in the strike.").figures;
    expect(figure).toMatchObject({
      raw: "280",
      value: 280,
      counts: "paramedics",
      head: "paramedics",
      approx: "around",
    });
  });

  it("reads percentages and millions as numbers", () => {
    const store = storeOf(
      "They want a 35 per cent pay rise.",
      "There is a waiting list of 7.2 million in England.",
    );
    expect(store.figures.map((f) => [f.value, f.unit, f.counts])).toEqual([
      [35, "percent", "pay rise"],
      [7_200_000, "count", "waiting list"],
    ]);
  });

  it("splits a list of figures into parts of the figure before it", () => {
    const store = storeOf(
      "Figures show that 1,854 appointments were rescheduled.",
      "Of those cancelled, 158 were inpatient procedures, while 1,696 were outpatient.",
    );
    const [whole, inpatient, outpatient] = store.figures;
    expect(inpatient).toMatchObject({ counts: "inpatient procedures", parentId: whole?.id });
    expect(outpatient).toMatchObject({ counts: "outpatient appointments", parentId: whole?.id });
  });

  it("reads a state as a qualifier: '13 were partially closed'", () => {
    const store = storeOf(
      "Figures show 34 schools were hit.",
      "Of those, 21 were closed to all pupils, while 13 were partially closed.",
    );
    expect(store.figures[2]).toMatchObject({ counts: "schools", predicate: "partially closed" });
  });

  it("links a rounded headline figure to the precise one that explains it", () => {
    const store = storeOf(
      "NEARLY 2,000 appointments were cancelled.",
      "Figures show that 1,854 appointments were cancelled.",
    );
    const [rounded, precise] = store.figures;
    expect(rounded?.roundsId).toBe(precise?.id);
    expect(precise?.roundedById).toBe(rounded?.id);
  });

  it("resolves 'the following day' against the date before it", () => {
    const store = storeOf(
      "A total of 1,091 nurses struck.",
      "Around 695 walked out on January 18 and 703 the following day.",
    );
    expect(store.figures.map((f) => [f.raw, f.counts, f.date?.month, f.date?.day])).toEqual([
      ["1,091", "nurses", undefined, undefined],
      ["695", "nurses", 1, 18],
      ["703", "nurses", 1, 19],
    ]);
    expect(store.durations).toContainEqual(expect.objectContaining({ days: 2, derived: true }));
  });

  it("reads date ranges and written durations: 'a four-day walk-out from April 11 to 15'", () => {
    const store = storeOf(
      "Junior doctors staged a four-day walk-out from April 11 to 15 following a dispute over pay.",
    );
    expect(store.dates[0]).toMatchObject({
      text: "April 11 to 15",
      start: { month: 4, day: 11 },
      end: { month: 4, day: 15 },
    });
    expect(store.durations[0]).toMatchObject({ text: "four-day", days: 4 });
    expect(store.reasons).toContainEqual(
      expect.objectContaining({ kind: "reason", text: "dispute over pay" }),
    );
  });

  it("does not count labels and years as quantities", () => {
    const store = storeOf("Our Year 11 pupils sit exams in 2024, and 45 staff left.");
    expect(store.figures.map((f) => f.raw)).toEqual(["45"]);
  });

  it("finds organisations with their acronyms, written or derived from initials", () => {
    const store = storeOf(
      "Figures from University Hospital Southampton NHS Foundation Trust (UHS) were out.",
      "Members of the British Medical Association took part.",
    );
    expect(store.organisations.map((o) => [o.name, o.acronym, o.kind])).toEqual([
      ["University Hospital Southampton NHS Foundation Trust", "UHS", "employer"],
      ["British Medical Association", "BMA", "union"],
    ]);
  });

  it("recovers a full name split at 'and' from its acronym", () => {
    const store = storeOf("Lecturers in the University and College Union (UCU) walked out.");
    expect(store.organisations[0]).toMatchObject({ name: "University and College Union", acronym: "UCU" });
  });

  it("reads a role before a name, and an appositive role after it", () => {
    const store = storeOf(
      'NHS national medical director Professor Sir Stephen Powis said the figures "lay bare the impact".',
      "Graham Ostler, managing director of HCR, apologised to passengers.",
    );
    expect(store.people.map((p) => [p.name, p.title, p.role])).toEqual([
      ["Stephen Powis", "Professor Sir", "NHS national medical director"],
      ["Graham Ostler", undefined, "managing director of HCR"],
    ]);
  });

  it("continues a quote into the next paragraph and gives 'He said' to the last person named", () => {
    const store = storeOf(
      'Union organiser Helen Marsh said the strike "shows how stretched we are".',
      'She said: "We do not take this lightly.',
      '"The ones who stay are exhausted."',
    );
    const [partial, full] = store.quotes;
    expect(partial?.text).toBe("shows how stretched we are");
    expect(full?.text).toBe("We do not take this lightly. The ones who stay are exhausted.");
    expect(new Set(store.quotes.map((q) => q.speakerId)).size).toBe(1);
  });

  it("joins a quote split around 'he said' and keeps its speaker for the next quote paragraph", () => {
    const store = storeOf(
      "Graham Ostler, managing director of HCR, apologised.",
      "“We know how frustrating this has been,” he said.",
      "“Our door remains open.”",
    );
    const speaker = store.speakers.find((s) => s.id === store.quotes[0]?.speakerId);
    expect(speaker?.name).toBe("Graham Ostler");
    expect(store.quotes.map((q) => q.speakerId)).toEqual([speaker?.id, speaker?.id]);
  });

  it("quotes two people together as one speaker with their organisation", () => {
    const store = storeOf(
      'Dr Vivek Trivedi and Dr Robert Laurenson, of the British Medical Association’s junior doctors committee, said: "Junior doctors know the frustration."',
    );
    const speaker = store.speakers[0];
    expect(speaker?.personIds).toHaveLength(2);
    expect(speaker?.keywords).toEqual(expect.arrayContaining(["trivedi", "laurenson", "bma", "committee"]));
  });

  it("finds where figures come from and what strikers demand", () => {
    const store = storeOf(
      "New figures from NHS England show that 1,854 appointments were rescheduled.",
      "They are asking for a 35 per cent pay rise.",
    );
    expect(store.reasons.map((r) => [r.kind, r.text])).toEqual([
      ["source", "NHS England"],
      ["demand", "a 35 per cent pay rise"],
    ]);
  });
});
