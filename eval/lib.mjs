// Pure parts of the eval tool (eval/run.mjs): the pass rule, the statistics, the locked list, the
// leak check. No I/O here, so test/eval-lock.test.ts can test each on tiny fixtures.

/** Parses a JSONL question set; a bad line names its line number, never its text. */
export function parseQuestions(text, label = "questions") {
  const out = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      throw new Error(`${label}: line ${i + 1} is not JSON`);
    }
  }
  return out;
}

/** The statuses a question allows (a string or a list in the set). */
export function allowedStatuses(q) {
  return [].concat(q.status);
}

/** A trap: the article does not answer it, so the only right status is "unknown" (or another non-answer). */
export function isTrap(q) {
  const allowed = allowedStatuses(q);
  return allowed.includes("unknown") && !allowed.includes("answered");
}

/** An answerable question: "answered" is an allowed status. */
export function isAnswerable(q) {
  return allowedStatuses(q).includes("answered");
}

/**
 * The rule of ../shared/eval/score.mjs: the status is one of those allowed, every regex in `all`
 * matches and none in `none` does (case-insensitive), on `value` when the reply has a string value,
 * else on `answer`.
 */
export function checkReply(q, reply) {
  const answer = String(reply?.answer ?? "");
  const matched = typeof reply?.value === "string" ? reply.value : answer;
  const allowed = allowedStatuses(q);
  const status = reply?.status;
  const problems = [];
  if (!allowed.includes(status)) problems.push(`status ${status}, wanted ${allowed.join("|")}`);
  for (const re of q.all ?? []) if (!test(re, matched)) problems.push(`missing /${re}/`);
  for (const re of q.none ?? []) if (test(re, matched) !== false) problems.push(`must not match /${re}/`);
  return { pass: problems.length === 0, answered: status === "answered", status, problems, answer, matched };
}

/** A regex test that cannot throw: a bad pattern in a set is null (the question fails), not a crash. */
function test(re, text) {
  try {
    return new RegExp(re, "i").test(text);
  } catch {
    return null;
  }
}

/** Parses the command's stdout into replies; null when the line count does not match. */
export function parseReplies(stdout, count) {
  const lines = stdout.split("\n").filter((l) => l.trim().startsWith("{"));
  if (lines.length !== count) return null;
  return lines.map((l) => {
    try {
      return JSON.parse(l);
    } catch {
      return { status: "<unparseable>", answer: l };
    }
  });
}

/** Scores one set: per-question results plus the counts score.mjs prints. */
export function scoreSet(questions, replies) {
  const results = questions.map((q, i) => {
    const r = replies ? checkReply(q, replies[i]) : checkReply(q, { status: "<no reply>", answer: "" });
    return { q, ...r };
  });
  return { results, ...countResults(results) };
}

/** passed, total, answered, wrong (score.mjs's "answered wrongly": replies answered that fail). */
export function countResults(results) {
  let passed = 0;
  let answered = 0;
  let wrong = 0;
  for (const r of results) {
    if (r.pass) passed++;
    if (r.answered) {
      answered++;
      if (!r.pass) wrong++;
    }
  }
  return { passed, total: results.length, answered, wrong };
}

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same interval on every run. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Percentile bootstrap over stories: each draw resamples the stories with replacement and takes
 * the pooled accuracy (passed / total over the drawn stories). Stories, not questions, are the unit,
 * because questions about one story succeed or fail together.
 */
export function bootstrapInterval(stories, { draws = 2000, seed = 20261202, level = 0.95 } = {}) {
  const n = stories.length;
  const passed = stories.reduce((s, x) => s + x.passed, 0);
  const total = stories.reduce((s, x) => s + x.total, 0);
  const estimate = total ? passed / total : 0;
  if (n === 0 || total === 0) return { estimate, low: 0, high: 0, draws: 0 };
  const rand = seededRandom(seed);
  const stats = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    let p = 0;
    let t = 0;
    for (let i = 0; i < n; i++) {
      const s = stories[Math.floor(rand() * n)];
      p += s.passed;
      t += s.total;
    }
    stats[d] = t ? p / t : 0;
  }
  stats.sort();
  const tail = (1 - level) / 2;
  return { estimate, low: quantile(stats, tail), high: quantile(stats, 1 - tail), draws };
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted, p) {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Wilson score interval for k successes in n (z = 1.96: two-sided 95%). */
export function wilson(k, n, z = 1.96) {
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * The only view of locked stories the tool ever gives: totals over all of them, never per story or
 * per question. `stories` holds one scored set per locked story (from scoreSet).
 */
export function lockedAggregate(stories, { draws = 2000, seed = 20261202 } = {}) {
  const perStory = stories.map((s) => ({ passed: s.passed, total: s.total }));
  const interval = bootstrapInterval(perStory, { draws, seed });
  const all = stories.flatMap((s) => s.results);
  const counts = countResults(all);
  const traps = all.filter((r) => isTrap(r.q));
  const trapsAnswered = traps.filter((r) => r.answered).length;
  const answerable = all.filter((r) => isAnswerable(r.q) && r.answered);
  const wrongValues = answerable.filter((r) => !r.pass).length;
  return {
    stories: stories.length,
    questions: counts.total,
    passed: counts.passed,
    accuracy: interval.estimate,
    interval: { low: interval.low, high: interval.high, draws: interval.draws, seed, level: 0.95 },
    trapsAnswered: {
      answered: trapsAnswered,
      traps: traps.length,
      rate: traps.length ? trapsAnswered / traps.length : 0,
      upper95: wilson(trapsAnswered, traps.length).high,
    },
    answeredWrongly: {
      wrong: wrongValues,
      answered: answerable.length,
      rate: answerable.length ? wrongValues / answerable.length : 0,
    },
    byTrap: groupAccuracy(
      all.filter((r) => r.q.trap !== undefined || isTrap(r.q)),
      (r) => r.q.trap ?? "(untyped)",
    ),
    byKind: groupAccuracy(all, (r) => r.q.kind ?? "(none)"),
    failedToRun: stories.filter((s) => s.error).length,
  };
}

/** { key: { passed, total } }, keys sorted. */
export function groupAccuracy(results, keyOf) {
  const groups = new Map();
  for (const r of results) {
    const k = String(keyOf(r));
    const g = groups.get(k) ?? { passed: 0, total: 0 };
    g.total++;
    if (r.pass) g.passed++;
    groups.set(k, g);
  }
  return Object.fromEntries([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * eval/locked.txt: one story path a line relative to eval/corpus ("uk/uk-kelmsworth-bins"); "#"
 * starts a comment; a trailing .txt or .jsonl and leading "./" are tolerated.
 */
export function parseLocked(text) {
  const out = new Set();
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    out.add(normaliseStoryPath(line));
  }
  return out;
}

export function normaliseStoryPath(p) {
  return p
    .replace(/\\/g, "/")
    .replace(/^\.\//, "")
    .replace(/\.(txt|jsonl)$/, "");
}

/**
 * The node file an `ask` script runs, or null when it is not a plain `node FILE`. A leading build step
 * (`npm run --silent build && node FILE`) is allowed: `npm run eval` has built already.
 */
export function askScriptFile(script) {
  return /^(?:npm run (?:--silent )?build && )?node\s+(\S+)$/.exec(script ?? "")?.[1] ?? null;
}

/** Question-by-question changes between two saved runs: { broke: [...], fixed: [...] }. */
export function diffRuns(previous, current) {
  const broke = [];
  const fixed = [];
  for (const [set, cur] of Object.entries(current.sets ?? {})) {
    const prev = previous.sets?.[set];
    if (!prev) continue;
    for (const [id, q] of Object.entries(cur.questions ?? {})) {
      const before = prev.questions?.[id];
      if (!before || before.pass === q.pass) continue;
      (q.pass ? fixed : broke).push({ set, id, q: q.q });
    }
  }
  return { broke, fixed };
}

// Words so common in questions that a run made of them says nothing about where it came from.
export const STOPWORDS = new Set(
  (
    "a an the and or but of to in on at for from by with about as into over after before than then " +
    "is are was were be been being am do does did done has have had will would can could should shall may might must " +
    "what which who whom whose when where why how many much any some all each every no not " +
    "i me my we us our you your he him his she her it its they them their there here this that these those " +
    "if so up out off just also yet still only very more most s t " +
    // everyday time words and light verbs: "took part in the", "day of the week" say nothing either
    "day days week weeks month months year years time times take takes took taken taking part get got go going went make made"
  ).split(" "),
);

/** Lower-case words: apostrophes dropped ("don't" → "dont"), any other non [a-z0-9] splits words. */
export function words(text) {
  return text
    .toLowerCase()
    .replace(/['’‘`]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Every run of `n` consecutive words with at least `minContent` words outside the stoplist. */
export function distinctiveRuns(text, n = 4, minContent = 2) {
  const w = words(text);
  const out = new Set();
  for (let i = 0; i + n <= w.length; i++) {
    const run = w.slice(i, i + n);
    if (run.filter((x) => !STOPWORDS.has(x)).length >= minContent) out.add(run.join(" "));
  }
  return out;
}

/** Every run of `n` consecutive words of a file's text (no stoplist: it only has to contain the question's run). */
export function allRuns(text, n = 4) {
  const w = words(text);
  const out = new Set();
  for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(" "));
  return out;
}

/** Leaks: for each file, the distinctive question runs it contains. `files` is [{ path, text }]. */
export function findLeaks(questionTexts, files, n = 4) {
  const runs = new Set();
  for (const q of questionTexts) for (const r of distinctiveRuns(q, n)) runs.add(r);
  const leaks = [];
  if (runs.size === 0) return leaks;
  for (const f of files) {
    const found = [...allRuns(f.text, n)].filter((r) => runs.has(r));
    if (found.length) leaks.push({ path: f.path, runs: found });
  }
  return leaks;
}

const LOCKED_HEADER = [
  "## Locked scorings",
  "",
  'Written by `npm run eval -- --record "note"`: the locked stories in aggregate only (see docs/eval.md).',
  "",
  "| Date | Commit | Material | Accuracy (95% interval over stories) | Traps answered | Answered wrongly | Note |",
  "|---|---|---|---|---|---|---|",
];

/** Appends a row to the "## Locked scorings" table of docs/accuracy.md, creating what is missing. */
export function appendLockedRow(doc, cells) {
  const line = `| ${cells.map((c) => String(c).replace(/\|/g, "\\|").replace(/\s+/g, " ")).join(" | ")} |`;
  const lines = doc ? doc.replace(/\n+$/, "").split("\n") : ["# Accuracy record"];
  const start = lines.findIndex((l) => l.trim() === "## Locked scorings");
  if (start < 0) return `${[...lines, "", ...LOCKED_HEADER, line].join("\n")}\n`;
  let end = lines.findIndex((l, i) => i > start && /^##?\s/.test(l));
  if (end < 0) end = lines.length;
  let lastRow = -1;
  for (let i = start + 1; i < end; i++) if (lines[i].startsWith("|")) lastRow = i;
  if (lastRow < 0) lines.splice(end, 0, ...LOCKED_HEADER.slice(4), line);
  else lines.splice(lastRow + 1, 0, line);
  return `${lines.join("\n")}\n`;
}

/** One line of the table (and of --json) for a shared or fit set. */
export function setRow(s) {
  return {
    name: s.name,
    group: s.group,
    passed: s.passed,
    total: s.total,
    accuracy: s.total ? s.passed / s.total : 0,
    answered: s.answered,
    wrong: s.wrong,
    ...(s.error ? { error: s.error } : {}),
  };
}

/** Totals over table lines. */
export function sumRows(rows) {
  const sum = (k) => rows.reduce((n, r) => n + r[k], 0);
  const t = {
    sets: rows.length,
    passed: sum("passed"),
    total: sum("total"),
    answered: sum("answered"),
    wrong: sum("wrong"),
  };
  return { ...t, accuracy: t.total ? t.passed / t.total : 0 };
}

/** What eval/.last-run.json keeps: shared and fit sets question by question, locked ones only in aggregate. */
export function savedRun(open, agg, commit) {
  const sets = {};
  for (const s of open) {
    const questions = {};
    s.results.forEach((r, i) => {
      let id = r.q.id ?? `#${i + 1}`;
      if (questions[id]) id = `${id}#${i + 1}`;
      questions[id] = { pass: r.pass, q: r.q.q };
    });
    sets[s.name] = { passed: s.passed, total: s.total, questions };
  }
  return { date: new Date().toISOString(), commit, sets, locked: agg };
}
