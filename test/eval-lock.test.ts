import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  appendLockedRow,
  askScriptFile,
  bootstrapInterval,
  checkReply,
  diffRuns,
  distinctiveRuns,
  findLeaks,
  lockedAggregate,
  parseLocked,
  parseQuestions,
  parseReplies,
  type Question,
  scoreSet,
  wilson,
  words,
} from "../eval/lib.mjs";

const ROOT = join(import.meta.dirname, "..");

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The text of every locked question (eval/locked.txt; none while it does not exist). */
function lockedQuestionTexts(): string[] {
  const list = join(ROOT, "eval", "locked.txt");
  if (!existsSync(list)) return [];
  const texts: string[] = [];
  for (const story of parseLocked(readFileSync(list, "utf8"))) {
    const file = join(ROOT, "eval", "corpus", `${story}.jsonl`);
    if (!existsSync(file)) continue;
    // parseQuestions names a bad line by number only: an error must not show a locked question either.
    for (const q of parseQuestions(readFileSync(file, "utf8"), "a locked set")) texts.push(String(q.q ?? ""));
  }
  return texts;
}

describe("locked questions stay out of the code", () => {
  it("no run of four distinctive words from a locked question appears under src/ or data/", () => {
    const files = [...walk(join(ROOT, "src")), ...walk(join(ROOT, "data"))]
      .map((path) => ({ path: path.slice(ROOT.length + 1), text: readFileSync(path, "utf8") }))
      .filter((f) => !f.text.includes("\u0000"));
    // The message names the file and its own words, never the locked story or question.
    expect(findLeaks(lockedQuestionTexts(), files)).toEqual([]);
  });

  it("finds a leaked run whatever its case and punctuation, and ignores runs of common words", () => {
    const question = "How many bin crews walked out on Friday?";
    const leaky = { path: "src/x.ts", text: 'const hint = "BIN-crews walked, out"; // how many are there' };
    expect(findLeaks([question], [leaky])).toEqual([{ path: "src/x.ts", runs: ["bin crews walked out"] }]);
    const common = { path: "src/y.ts", text: "// how many of them are there on the list" };
    expect(findLeaks(["How many of them are there?"], [common])).toEqual([]);
    expect(distinctiveRuns("what is it that they do")).toEqual(new Set());
    expect(words("Don't stop—the 48-hour walk-out")).toEqual([
      "dont",
      "stop",
      "the",
      "48",
      "hour",
      "walk",
      "out",
    ]);
  });
});

describe("eval tool: pass rule (as ../shared/eval/score.mjs)", () => {
  const q: Question = {
    id: "q1",
    q: "How many?",
    status: ["answered", "clarify"],
    all: ["\\b130\\b"],
    none: ["140"],
  };

  it("passes on an allowed status with every regex matched, case-insensitively", () => {
    expect(checkReply(q, { status: "clarify", answer: "About 130 crews" }).pass).toBe(true);
    expect(checkReply({ ...q, all: ["crews"] }, { status: "answered", answer: "CREWS" }).pass).toBe(true);
  });

  it("fails on a status not allowed, a missing regex or a forbidden one", () => {
    expect(checkReply(q, { status: "unknown", answer: "130" }).problems).toEqual([
      "status unknown, wanted answered|clarify",
    ]);
    expect(checkReply(q, { status: "answered", answer: "131" }).problems).toEqual(["missing /\\b130\\b/"]);
    expect(checkReply(q, { status: "answered", answer: "130 or 140" }).problems).toEqual([
      "must not match /140/",
    ]);
  });

  it("matches a string value instead of the answer, so the cited sentence cannot carry a wrong figure", () => {
    expect(checkReply(q, { status: "answered", value: "131", answer: "131 (source: 130 crews)" }).pass).toBe(
      false,
    );
    expect(checkReply(q, { status: "answered", value: 130, answer: "130 crews" }).pass).toBe(true);
  });

  it("fails a question with a bad regex instead of crashing", () => {
    expect(checkReply({ ...q, all: ["("] }, { status: "answered", answer: "(" }).pass).toBe(false);
  });

  it("counts replies answered that fail as answered wrongly, and scores all as failed without replies", () => {
    const set = scoreSet(
      [q, q, { id: "t", q: "trap", status: "unknown" }],
      parseReplies(
        '{"status":"answered","answer":"130"}\nnoise\n{"status":"answered","answer":"9"}\n{"status":"answered","answer":"x"}\n',
        3,
      ),
    );
    expect({ passed: set.passed, total: set.total, answered: set.answered, wrong: set.wrong }).toEqual({
      passed: 1,
      total: 3,
      answered: 3,
      wrong: 2,
    });
    expect(parseReplies('{"status":"answered"}\n', 2)).toBeNull();
    expect(scoreSet([q], null).passed).toBe(0);
  });
});

describe("eval tool: statistics", () => {
  it("bootstraps a fixed interval over stories that holds the pooled accuracy", () => {
    const stories = [
      { passed: 1, total: 4 },
      { passed: 3, total: 4 },
      { passed: 2, total: 4 },
    ];
    const a = bootstrapInterval(stories, { draws: 500, seed: 7 });
    expect(a.estimate).toBeCloseTo(0.5);
    expect(a.low).toBeGreaterThanOrEqual(0.25);
    expect(a.high).toBeLessThanOrEqual(0.75);
    expect(a.low).toBeLessThan(0.5);
    expect(a.high).toBeGreaterThan(0.5);
    expect(bootstrapInterval(stories, { draws: 500, seed: 7 })).toEqual(a);
    const same = bootstrapInterval([stories[2]!, stories[2]!], { draws: 100 });
    expect([same.low, same.high]).toEqual([0.5, 0.5]);
    expect(bootstrapInterval([])).toEqual({ estimate: 0, low: 0, high: 0, draws: 0 });
  });

  it("gives Wilson bounds that match the textbook values", () => {
    expect(wilson(0, 10).high).toBeCloseTo(0.2775, 4);
    const mid = wilson(5, 10);
    expect(mid.low).toBeCloseTo(0.2366, 4);
    expect(mid.high).toBeCloseTo(0.7634, 4);
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it("aggregates locked stories into traps answered, wrong values and groups, with nothing per story", () => {
    const qs: Question[] = [
      { id: "a", q: "count?", status: "answered", all: ["5"], kind: "count" },
      { id: "b", q: "money?", status: "answered", all: ["£9"], kind: "money" },
      { id: "c", q: "where?", status: "unknown", trap: "place" },
      { id: "d", q: "when?", status: "unknown", trap: "period" },
    ];
    const replies = [
      { status: "answered", answer: "5" },
      { status: "answered", answer: "£8" },
      { status: "answered", answer: "Leeds" },
      { status: "unknown", answer: "The article does not say." },
    ];
    const agg = lockedAggregate([scoreSet(qs, replies), scoreSet(qs.slice(0, 1), null)], { draws: 50 });
    expect(agg.stories).toBe(2);
    expect([agg.passed, agg.questions]).toEqual([2, 5]);
    expect(agg.trapsAnswered).toMatchObject({ answered: 1, traps: 2, rate: 0.5 });
    expect(agg.answeredWrongly).toEqual({ wrong: 1, answered: 2, rate: 0.5 });
    expect(agg.byTrap).toEqual({ period: { passed: 1, total: 1 }, place: { passed: 0, total: 1 } });
    expect(agg.byKind.count).toEqual({ passed: 1, total: 2 });
    expect(JSON.stringify(agg)).not.toMatch(/count\?|Leeds|"id"/);
  });
});

describe("eval tool: files", () => {
  it("reads eval/locked.txt with comments, blank lines and file endings", () => {
    expect(parseLocked("# locked\nuk/uk-a\n\n./us/us-b.jsonl  # note\nex/ex-c.txt\n")).toEqual(
      new Set(["uk/uk-a", "us/us-b", "ex/ex-c"]),
    );
  });

  it("lists questions that went from pass to fail and back, ignoring new sets", () => {
    const prev = { sets: { s: { questions: { a: { pass: true, q: "A" }, b: { pass: false, q: "B" } } } } };
    const cur = {
      sets: {
        s: {
          questions: { a: { pass: false, q: "A" }, b: { pass: true, q: "B" }, c: { pass: true, q: "C" } },
        },
        t: { questions: { x: { pass: false, q: "X" } } },
      },
    };
    expect(diffRuns(prev, cur)).toEqual({
      broke: [{ set: "s", id: "a", q: "A" }],
      fixed: [{ set: "s", id: "b", q: "B" }],
    });
  });

  it("runs the ask script's node file directly, past the build step npm run eval has already done", () => {
    expect(askScriptFile("node dist/src/cli/ask.js")).toBe("dist/src/cli/ask.js");
    expect(askScriptFile("npm run --silent build && node dist/src/cli/ask.js")).toBe("dist/src/cli/ask.js");
    expect(askScriptFile("tsx src/cli/ask.ts")).toBeNull();
    expect(askScriptFile(undefined)).toBeNull();
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts;
    expect(askScriptFile(scripts.ask)).toBe("dist/src/cli/ask.js");
  });

  it("appends a locked row under its section, creating the section when missing", () => {
    const fresh = appendLockedRow("# Accuracy record\n\n## Cold scorings\n\n| a |\n|---|\n| 1 |\n", [
      "d",
      "c|x",
    ]);
    expect(fresh).toContain("## Locked scorings");
    expect(fresh.trimEnd().endsWith("| d | c\\|x |")).toBe(true);
    const again = appendLockedRow(`${fresh}\n## Later\n\ntext\n`, ["e", "f"]);
    const lines = again.split("\n");
    expect(lines.indexOf("| e | f |")).toBe(lines.indexOf("| d | c\\|x |") + 1);
    expect(lines.indexOf("| e | f |")).toBeLessThan(lines.indexOf("## Later"));
    expect(again.match(/## Locked scorings/g)).toHaveLength(1);
  });
});
