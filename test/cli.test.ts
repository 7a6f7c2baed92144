import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildStore } from "../src/core/create-bot.js";
import { DEFAULT_ARTICLE, DEFAULT_FACTS, loadKnowledge } from "../src/load-bot.js";

/** The command line runs from dist/, which `npm test` builds before vitest starts. */
const ASK = "dist/src/cli/ask.js";
const INGEST = "dist/src/cli/ingest.js";
const MAIN = "dist/src/main.js";

function run(script: string, args: string[], input = "", env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [script, ...args], {
    input,
    encoding: "utf8",
    env: { PATH: process.env.PATH, ...env },
    timeout: 15_000,
  });
}

describe("npm run ask", () => {
  it("answers one question in words, with its source", () => {
    const result = run(ASK, ["how", "many", "appointments", "were", "cancelled?"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/1,854/);
    expect(result.stdout).toMatch(/source \(paragraph 2\)/);
  });

  it("with --json answers stdin line by line, plain or JSON lines, and prints nothing else", () => {
    const input = [
      "How many inpatient procedures were cancelled?",
      JSON.stringify({ text: "How many inpatient procedures were cancelled?", conversation: "c" }),
      JSON.stringify({ text: "and outpatient?", conversation: "c" }),
      "",
      "hi",
    ].join("\n");
    const result = run(ASK, ["--json"], input);
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(Object.keys(line).filter((k) => k !== "value")).toEqual([
        "text",
        "status",
        "answer",
        "intent",
        "confidence",
        "sources",
      ]);
      // The answer itself, apart from the sentence it cites, for every answered line.
      if (line.status === "answered") expect(typeof line.value).toBe("string");
    }
    expect(lines[2].answer).toMatch(/1,696/);
    expect(lines[3].status).toBe("help");
  });

  it("answers from another article with --article", () => {
    const result = run(ASK, [
      "--article",
      "test/fixtures/articles/synthetic-wrenfield-paramedics-strike.txt",
      "how many paramedics struck?",
    ]);
    expect(result.stdout).toMatch(/\b280\b/);
  });

  it.each([
    ["an unknown option", ["--nope", "q"], /unknown option --nope/],
    ["no question", [], /no question given/],
    ["--article without a file", ["--article"], /--article needs a file/],
    [
      "an unreadable article",
      ["--article", "/no/such/file.txt", "q"],
      /cannot read article \/no\/such\/file\.txt: ENOENT/,
    ],
  ])("prints one clear line on stderr and exits non-zero for %s", (_name, args, message) => {
    const result = run(ASK, args);
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("refuses a binary file as an article", () => {
    const dir = mkdtempSync(join(tmpdir(), "strike-bot-"));
    const binary = join(dir, "binary.txt");
    writeFileSync(binary, Buffer.from([0, 1, 2, 3, 255]));
    const result = run(ASK, ["--article", binary, "q"]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/is not a text file/);
  });
});

describe("npm run ingest", () => {
  it("writes the fact store the builder makes, and says what it found", () => {
    const out = join(mkdtempSync(join(tmpdir(), "strike-bot-")), "facts.json");
    const result = run(INGEST, [
      "test/fixtures/articles/synthetic-wrenfield-paramedics-strike.txt",
      "--out",
      out,
    ]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/wrote .*facts\.json: 9 figures, \d+ quotes/);
    const store = JSON.parse(readFileSync(out, "utf8"));
    expect(store.figures.map((f: { raw: string }) => f.raw)).toContain("437");
  });

  it("keeps the committed data/facts.json equal to what the builder makes from the article", () => {
    const committed = JSON.parse(readFileSync(DEFAULT_FACTS, "utf8"));
    expect(committed).toEqual(
      JSON.parse(JSON.stringify(buildStore(readFileSync(DEFAULT_ARTICLE, "utf8"), loadKnowledge()))),
    );
  });
});

describe("npm start without platform credentials", () => {
  it("runs the terminal chat: answers, follows up, and quits", async () => {
    const child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
    });
    child.stdin.end("How many inpatient procedures were cancelled?\nand outpatient?\nstats\nquit\n");
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/ask me about "NEARLY 2,000/);
    expect(out).toMatch(/bot> 158 inpatient procedures/);
    expect(out).toMatch(/bot> 1,696 outpatient appointments/);
    expect(out).toMatch(/The headline figures/);
    expect(out).toMatch(/bye/);
  });

  it("stops at start with a message that names a malformed variable", () => {
    const result = run(MAIN, [], "", { LOG_LEVEL: "loud" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/configuration error: LOG_LEVEL must be one of/);
  });
});
