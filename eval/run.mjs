#!/usr/bin/env node
// Cold-accuracy runner: scores the bot on every question set (shared and fit sets one by one, the
// locked stories only in aggregate). See docs/eval.md. Usage: `npm run eval -- --help`.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  appendLockedRow,
  askScriptFile,
  diffRuns,
  lockedAggregate,
  parseLocked,
  parseQuestions,
  parseReplies,
  savedRun,
  scoreSet,
  setRow,
  sumRows,
} from "./lib.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = join(ROOT, "eval", "corpus");
const LOCKED_FILE = join(ROOT, "eval", "locked.txt");
const LAST_RUN = join(ROOT, "eval", ".last-run.json");
const ACCURACY_DOC = join(ROOT, "docs", "accuracy.md");
const STORY_TIMEOUT_MS = 180_000;
const USAGE = `usage: npm run eval -- [--json] [--diff] [--record "note"] [--set NAME] [--jobs N] [--cmd "CMD ARGS"]
  --diff           also list questions that changed since the last saved run (eval/.last-run.json)
  --record "note"  append the locked aggregate to docs/accuracy.md ("## Locked scorings")
  --set NAME       only shared/fit sets whose name contains NAME, with every failure (never locked ones)
  --json           print the summary as JSON
  --jobs N         stories run at once (default 2)
  --cmd "CMD"      bot command instead of the ask script; "--json --article FILE" is appended`;

class UsageError extends Error {}

function parseArgs(argv) {
  const args = { json: false, diff: false, record: null, set: null, jobs: 2, cmd: null };
  const value = (i, name) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith("--")) throw new UsageError(`${name} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") args.json = true;
    else if (a === "--diff") args.diff = true;
    else if (a === "--record") args.record = value(i++, a);
    else if (a === "--set") args.set = value(i++, a);
    else if (a === "--cmd") args.cmd = value(i++, a);
    else if (a === "--jobs") {
      args.jobs = Number(value(i++, a));
      if (!Number.isInteger(args.jobs) || args.jobs < 1)
        throw new UsageError("--jobs needs a whole number ≥ 1");
    } else if (a === "--help" || a === "-h") throw new UsageError(USAGE);
    else throw new UsageError(`unknown argument ${a}\n${USAGE}`);
  }
  if (args.record !== null && !args.record.trim()) throw new UsageError("--record needs a note");
  if (args.record !== null && args.set !== null)
    throw new UsageError("--record scores the whole run: drop --set");
  return args;
}

/** ../shared beside the project, else /work/shared; null when neither has the eval sets. */
function sharedDir() {
  for (const dir of [resolve(ROOT, "..", "shared"), "/work/shared"]) {
    if (existsSync(join(dir, "eval", "dev.jsonl"))) return dir;
  }
  return null;
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Every set: shared (dev, Wrenfield, shared corpus), fit and locked (eval/corpus, split by locked.txt). */
function collectSets(warnings) {
  const sets = [];
  const shared = sharedDir();
  if (shared) {
    const articles = join(shared, "articles");
    sets.push({
      name: "dev",
      group: "shared",
      questions: join(shared, "eval", "dev.jsonl"),
      article: join(articles, "southampton-junior-doctors-strike.txt"),
    });
    sets.push({
      name: "wrenfield",
      group: "shared",
      questions: join(shared, "eval", "wrenfield.jsonl"),
      article: join(articles, "synthetic-wrenfield-paramedics-strike.txt"),
    });
    for (const file of walk(join(shared, "eval", "corpus"))
      .filter((f) => f.endsWith(".jsonl"))
      .sort()) {
      const base = file.slice(0, -".jsonl".length);
      sets.push({
        name: `shared/${relative(join(shared, "eval", "corpus"), base)}`,
        group: "shared",
        questions: file,
        article: `${base}.txt`,
      });
    }
  } else warnings.push("no shared eval folder (../shared or /work/shared): shared sets left out");

  const locked = existsSync(LOCKED_FILE) ? parseLocked(readFileSync(LOCKED_FILE, "utf8")) : new Set();
  const seenLocked = new Set();
  let lockedMissingArticle = 0;
  for (const file of walk(CORPUS)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()) {
    const base = file.slice(0, -".jsonl".length);
    const name = relative(CORPUS, base).split("\\").join("/");
    const isLocked = locked.has(name);
    if (isLocked) seenLocked.add(name);
    if (!existsSync(`${base}.txt`)) {
      if (isLocked) lockedMissingArticle++;
      else warnings.push(`${name}: no ${name}.txt beside the questions: left out`);
      continue;
    }
    sets.push({ name, group: isLocked ? "locked" : "fit", questions: file, article: `${base}.txt` });
  }
  const unmatched = locked.size - seenLocked.size + lockedMissingArticle;
  if (unmatched)
    warnings.push(`${unmatched} line(s) of eval/locked.txt name no complete story (questions + article)`);
  return sets;
}

/**
 * The ask script as [program, ...args]: `node FILE` is run directly (saves npm's start-up per story).
 * A leading build step (`npm run --silent build && node FILE`) is dropped: `npm run eval` has built
 * already, and a build per story would run tsc many times over, in parallel, on the same dist/.
 */
function botCommand(cmd) {
  if (cmd) return cmd.split(/\s+/).filter(Boolean);
  const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts ?? {};
  const direct = askScriptFile(scripts.ask);
  if (direct) return [process.execPath, join(ROOT, direct)];
  return ["npm", "run", "--silent", "ask", "--"];
}

/** Runs the bot once on a set, as score.mjs does; never throws (errors land in `error`). */
function runSet(set, command) {
  let questions;
  try {
    questions = parseQuestions(
      readFileSync(set.questions, "utf8"),
      set.group === "locked" ? "a locked set" : set.name,
    );
  } catch (e) {
    return Promise.resolve({ ...set, ...scoreSet([], null), error: e.message });
  }
  const input = `${questions.map((q) => JSON.stringify(q.conversation ? { text: q.q, conversation: q.conversation } : { text: q.q })).join("\n")}\n`;
  return new Promise((done) => {
    const child = spawn(command[0], [...command.slice(1), "--json", "--article", set.article], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    let failure = null;
    const timer = setTimeout(() => {
      failure = `no answer within ${STORY_TIMEOUT_MS / 1000} s`;
      child.kill("SIGKILL");
    }, STORY_TIMEOUT_MS);
    child.stdout.setEncoding("utf8").on("data", (d) => {
      out += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      err = (err + d).slice(-2000);
    });
    child.stdin.on("error", () => {}); // a bot that exits early closes the pipe: reported below
    child.on("error", (e) => {
      failure = `could not start ${command[0]}: ${e.message}`;
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const replies = failure ? null : parseReplies(out, questions.length);
      if (!replies && !failure) {
        const got = out.split("\n").filter((l) => l.trim().startsWith("{")).length;
        failure = `expected ${questions.length} JSON lines, got ${got} (exit code ${code})`;
      }
      done({ ...set, ...scoreSet(questions, replies), error: failure, stderr: failure ? err : "" });
    });
    child.stdin.end(input);
  });
}

async function runAll(sets, command, jobs) {
  const results = new Array(sets.length);
  let next = 0;
  const worker = async () => {
    while (next < sets.length) {
      const i = next++;
      results[i] = await runSet(sets[i], command);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, sets.length) }, worker));
  return results;
}

const pct = (x) => `${(100 * x).toFixed(1)}%`;
const ratio = (a, b) => (b ? pct(a / b) : "-");

function tableLine(name, r) {
  const wrong = `${r.wrong} of ${r.answered}`;
  return `${name.padEnd(40)} ${`${r.passed}/${r.total}`.padStart(9)} ${ratio(r.passed, r.total).padStart(7)}   ${wrong}${r.error ? `   ERROR: ${r.error}` : ""}`;
}

function printTable(rows, totals) {
  console.log(`${"set".padEnd(40)} ${"passed".padStart(9)} ${"%".padStart(7)}   answered wrongly`);
  for (const r of rows) console.log(tableLine(r.name, r));
  for (const [k, t] of Object.entries(totals))
    if (t.sets) console.log(tableLine(`TOTAL ${k} (${t.sets} sets)`, t));
}

function printLocked(agg) {
  if (!agg.stories) {
    console.log("\nlocked: no locked stories (eval/locked.txt missing or empty)");
    return;
  }
  const { interval: iv, trapsAnswered: t, answeredWrongly: w } = agg;
  console.log(`\nlocked: ${agg.stories} stories, ${agg.questions} questions (aggregate only)`);
  console.log(
    `  accuracy: ${pct(agg.accuracy)} (${agg.passed}/${agg.questions}), 95% bootstrap interval over stories ${pct(iv.low)}–${pct(iv.high)} (${iv.draws} draws, seed ${iv.seed})`,
  );
  console.log(
    `  traps answered: ${t.answered} of ${t.traps} (${pct(t.rate)}, 95% Wilson upper bound ${pct(t.upper95)})`,
  );
  console.log(
    `  answered wrongly: ${w.wrong} of ${w.answered} answerable questions answered (${pct(w.rate)})`,
  );
  const groups = (g) =>
    Object.entries(g)
      .map(([k, v]) => `${k} ${v.passed}/${v.total} (${ratio(v.passed, v.total)})`)
      .join(", ") || "-";
  console.log(`  by trap type: ${groups(agg.byTrap)}`);
  console.log(`  by kind: ${groups(agg.byKind)}`);
  if (agg.failedToRun)
    console.log(`  WARNING: ${agg.failedToRun} locked stories failed to run (scored as failed)`);
}

/** score.mjs's failure listing, for --set. */
function printFailures(s) {
  if (s.error)
    console.log(
      `${s.name}: ERROR ${s.error}${s.stderr ? `\n  stderr: ${s.stderr.trim().split("\n").slice(-5).join("\n  stderr: ")}` : ""}`,
    );
  for (const r of s.results.filter((x) => !x.pass)) {
    const conv = r.q.conversation ? ` [${r.q.conversation}]` : "";
    console.log(`FAIL ${s.name} ${r.q.id}${conv} ${JSON.stringify(r.q.q)}: ${r.problems.join("; ")}`);
    if (r.matched !== r.answer) console.log(`     value: ${JSON.stringify(r.matched.slice(0, 200))}`);
    console.log(`     answer: ${JSON.stringify(r.answer.slice(0, 300))}`);
  }
}

function git(args) {
  try {
    return execFileSync("git", args, {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

function commitLabel() {
  const hash = git(["rev-parse", "--short", "HEAD"]) ?? "unknown";
  const dirty = git(["status", "--porcelain", "--", "src", "data"]);
  return dirty ? `${hash} (dirty)` : hash;
}

function record(agg, note, commit) {
  const { interval: iv, trapsAnswered: t, answeredWrongly: w } = agg;
  const cells = [
    new Date().toISOString().slice(0, 16).replace("T", " "),
    commit,
    `${agg.stories} locked stories, ${agg.questions} questions`,
    `**${pct(agg.accuracy)}** (${agg.passed}/${agg.questions}), ${pct(iv.low)}–${pct(iv.high)}`,
    `${t.answered} of ${t.traps} (${pct(t.rate)}, ≤ ${pct(t.upper95)})`,
    `${w.wrong} of ${w.answered} answered (${pct(w.rate)})`,
    note,
  ];
  const doc = existsSync(ACCURACY_DOC) ? readFileSync(ACCURACY_DOC, "utf8") : "";
  mkdirSync(dirname(ACCURACY_DOC), { recursive: true });
  writeFileSync(ACCURACY_DOC, appendLockedRow(doc, cells));
  // Biome lints docs/ too and wants markdown tables aligned: let it lay the file out.
  const biome = join(ROOT, "node_modules", ".bin", "biome");
  try {
    execFileSync(biome, ["format", "--write", ACCURACY_DOC], { cwd: ROOT, stdio: "ignore" });
  } catch {
    console.error("eval: biome could not format docs/accuracy.md: run `npm run format`");
  }
  return cells;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const warnings = [];
  let sets = collectSets(warnings);
  if (args.set !== null) {
    const match = (s) => s.name.includes(args.set);
    const lockedHits = sets.filter((s) => s.group === "locked" && match(s)).length;
    sets = sets.filter((s) => s.group !== "locked" && match(s));
    if (!sets.length) {
      throw new UsageError(
        lockedHits
          ? `"${args.set}" matches only locked stories: those are shown in aggregate only (npm run eval)`
          : `no shared or fit set name contains "${args.set}"`,
      );
    }
    if (lockedHits) warnings.push(`${lockedHits} locked stories also match "${args.set}": left out`);
  }
  const started = Date.now();
  const scored = await runAll(sets, botCommand(args.cmd), args.jobs);
  const seconds = (Date.now() - started) / 1000;
  const open = scored.filter((s) => s.group !== "locked");
  const agg = lockedAggregate(scored.filter((s) => s.group === "locked"));
  const rows = open.map(setRow);
  const totals = {
    shared: sumRows(rows.filter((r) => r.group === "shared")),
    fit: sumRows(rows.filter((r) => r.group === "fit")),
  };
  const commit = commitLabel();
  const summary = { date: new Date().toISOString(), commit, seconds, sets: rows, totals };
  if (args.set === null) summary.locked = agg;
  if (args.set === null) {
    const current = savedRun(open, agg, commit);
    if (args.diff) {
      const previous = existsSync(LAST_RUN) ? JSON.parse(readFileSync(LAST_RUN, "utf8")) : null;
      summary.diff = previous
        ? { since: previous.date, commit: previous.commit, ...diffRuns(previous, current) }
        : null;
    }
    // A run with stories that did not run would make a poor baseline for the next --diff.
    const failed = scored.filter((s) => s.error).length;
    if (failed) warnings.push(`${failed} stories failed to run: eval/.last-run.json kept as it was`);
    // Indented: biome checks this ignored file too (`biome check .`), and accepts this layout.
    else writeFileSync(LAST_RUN, `${JSON.stringify(current, null, 2)}\n`);
    if (args.record !== null) {
      if (!agg.stories) throw new Error("--record: no locked stories to record (eval/locked.txt)");
      summary.recorded = record(agg, args.record.trim(), commit);
    }
  } else {
    summary.failures = open.flatMap((s) =>
      s.results
        .filter((r) => !r.pass)
        .map((r) => ({
          set: s.name,
          id: r.q.id,
          q: r.q.q,
          conversation: r.q.conversation,
          problems: r.problems,
          value: r.matched,
          answer: r.answer,
        })),
    );
  }
  summary.warnings = warnings;

  if (args.json) console.log(JSON.stringify(summary, null, 2));
  else {
    for (const w of warnings) console.log(`warning: ${w}`);
    if (args.set !== null) for (const s of open) printFailures(s);
    printTable(rows, totals);
    for (const s of open.filter((x) => x.error && x.stderr && args.set === null))
      console.log(`${s.name} stderr: ${s.stderr.trim().split("\n").slice(-3).join(" / ")}`);
    if (args.set === null) printLocked(agg);
    if (summary.diff === null) console.log("\ndiff: no saved run yet; this one is saved for next time");
    else if (summary.diff) {
      const { broke, fixed, since } = summary.diff;
      console.log(
        `\ndiff since ${since} (${summary.diff.commit}): ${broke.length} pass → fail, ${fixed.length} fail → pass`,
      );
      for (const d of broke) console.log(`  PASS→FAIL ${d.set} ${d.id} ${JSON.stringify(d.q)}`);
      for (const d of fixed) console.log(`  FAIL→PASS ${d.set} ${d.id} ${JSON.stringify(d.q)}`);
    }
    if (summary.recorded) console.log(`\nrecorded in docs/accuracy.md: ${summary.recorded.join(" | ")}`);
    console.log(`\ntime: ${seconds.toFixed(1)} s for ${scored.length} stories`);
  }
  return scored.some((s) => s.error) ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`eval: ${e.message}`);
      process.exit(e instanceof UsageError ? 2 : 1);
    },
  );
}
