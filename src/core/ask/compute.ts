/**
 * Worked answers: a difference, a sum of parts, a remainder (how many stayed open) or a share,
 * from candidates the ranker found, with the working shown. The operation comes from the
 * question's wording; which figures take part comes from the ranking and the question's sides.
 */
import type { Candidate } from "../pool/types.js";
import { FEATURES, type Scored } from "./gather.js";
import type { Question } from "./question.js";

export interface Computed {
  value: string;
  parts: Candidate[];
  /** How well the parts meet the question, for the decision. */
  support: number;
}

type Ranked = Scored & { p: number };

const IN_QUESTION = FEATURES.indexOf("inQuestion");
const NUMERIC = new Set(["count", "money", "percent", "points", "duration"]);
/** Ways a question names the two things it compares, each as (first side, second side). */
const SIDE_PATTERNS = [
  /\bbetween (.+?) and (.+)/i,
  /\bshort of (.+?) (?:is|are|was|were|does|do|did|would|will) (.+)/i,
  /\bapart (?:are|is|were|was) (.+?) and (.+)/i,
  /\bseparate[sd]? (.+?) (?:from|and) (.+)/i,
  /(.+)\s(?:than|compared (?:with|to)|versus|vs\.?|against)\s(.+)/i,
  /(.+?)\sand\s((?:the|in|at|for|on)\s.+)/i,
];
const COUNT_WORDS: Record<string, number> = { both: 2, two: 2, three: 3, four: 4, five: 5, six: 6 };

export function compute(q: Question, ranked: Ranked[]): Computed | undefined {
  const numeric = ranked
    .filter((r) => NUMERIC.has(r.c.type) && r.c.value !== undefined && !r.features[IN_QUESTION])
    .slice(0, 30);
  if (numeric.length < 2) return undefined;
  switch (q.op) {
    case "difference":
      return difference(q, numeric);
    case "sum":
      return sum(q, numeric);
    case "remainder":
      return partOfWhole(numeric, "remainder");
    case "share":
      return partOfWhole(numeric, "share");
    case "perday":
      return perDay(numeric, ranked);
    default:
      return undefined;
  }
}

/** Which question terms belong to which side of "X than Y", "between X and Y", "short of X". */
function sides(q: Question): [Set<number>, Set<number>] | undefined {
  for (const pattern of SIDE_PATTERNS) {
    const m = q.text.match(pattern);
    if (!m) continue;
    const split = sidesOf(q, m[1]!.toLowerCase(), m[2]!.toLowerCase());
    if (split) return split;
  }
  return undefined;
}

function sidesOf(q: Question, a: string, b: string): [Set<number>, Set<number>] | undefined {
  const left = new Set<number>();
  const right = new Set<number>();
  q.terms.forEach((t, i) => {
    const inA = new RegExp(`\\b${escapeRegExp(t.word)}\\b`).test(a);
    const inB = new RegExp(`\\b${escapeRegExp(t.word)}\\b`).test(b);
    if (inA && !inB) left.add(i);
    if (inB && !inA) right.add(i);
  });
  return left.size && right.size ? [left, right] : undefined;
}

function sideCover(r: Ranked, side: Set<number>, q: Question): number {
  let got = 0;
  let total = 0;
  for (const i of side) {
    const w = q.terms[i]!.weight;
    total += w;
    got += w * (r.met[i] ?? 0);
  }
  return total ? got / total : 0;
}

function sameKind(a: Candidate, b: Candidate): boolean {
  const money = (c: Candidate) => c.type === "money";
  const pct = (c: Candidate) => c.type === "percent" || c.type === "points";
  if (money(a) !== money(b) || pct(a) !== pct(b)) return false;
  if (money(a) && (a.per ?? "") !== (b.per ?? "")) return false;
  return true;
}

function difference(q: Question, ranked: Ranked[]): Computed | undefined {
  const split = sides(q);
  let best: { a: Ranked; b: Ranked; s: number } | undefined;
  for (const a of ranked) {
    for (const b of ranked) {
      if (a === b || a.c.value === b.c.value || !sameKind(a.c, b.c)) continue;
      let s = a.score + b.score + 2 * alike(a.c, b.c);
      if (split) {
        const ca = sideCover(a, split[0], q);
        const cb = sideCover(b, split[1], q);
        if (ca === 0 || cb === 0) continue;
        s += 4 * (ca + cb) - 2 * (sideCover(a, split[1], q) + sideCover(b, split[0], q));
      }
      if (!best || s > best.s) best = { a, b, s };
    }
  }
  if (!best) return undefined;
  const { a, b } = best;
  const hi = a.c.value! >= b.c.value! ? a : b;
  const lo = hi === a ? b : a;
  const diff = hi.c.value! - lo.c.value!;
  const points = hi.c.type === "percent" || hi.c.type === "points";
  const shown = points ? `${Math.round(diff * 100) / 100} percentage points` : show(diff, hi.c);
  return {
    value: `${shown} (${hi.c.raw} minus ${lo.c.raw})`,
    parts: [hi.c, lo.c],
    support: Math.min(a.features[0]!, b.features[0]!) + (split ? 0.2 : 0),
  };
}

/** Two figures compared count the same thing: 1 when their counted words meet, -1 when one counts nothing. */
function alike(a: Candidate, b: Candidate): number {
  const ka = a.counted?.length ? a.counted : a.near;
  const kb = b.counted?.length ? b.counted : b.near;
  if (!ka.length || !kb.length) return -1;
  return ka.some((k) => kb.includes(k)) ? 1 : 0;
}

function sum(q: Question, ranked: Ranked[]): Computed | undefined {
  const names = q.terms.map((t, i) => (t.name && !t.period ? i : -1)).filter((i) => i >= 0);
  if (names.length < 2) return countedSum(q, ranked);
  const parts: Ranked[] = [];
  for (const i of names) {
    const pick = ranked.find(
      (r) =>
        (r.met[i] ?? 0) >= 0.6 &&
        !parts.includes(r) &&
        (!parts[0] || (sameKind(parts[0].c, r.c) && alike(parts[0].c, r.c) >= 0)),
    );
    if (!pick) return undefined;
    parts.push(pick);
  }
  const total = parts.reduce((n, r) => n + r.c.value!, 0);
  return {
    value: `${show(total, parts[0]!.c)} (${parts.map((r) => r.c.raw).join(" + ")})`,
    parts: parts.map((r) => r.c),
    support: Math.min(...parts.map((r) => r.features[0]!)),
  };
}

/** "the three centres, added up": the best figures of one kind, as many as the question says, in different clauses. */
function countedSum(q: Question, ranked: Ranked[]): Computed | undefined {
  const n = COUNT_WORDS[q.text.toLowerCase().match(/\b(both|two|three|four|five|six)\b/)?.[1] ?? ""];
  if (!n) return undefined;
  const first = ranked[0]!;
  const parts = [first];
  for (const r of ranked.slice(1)) {
    if (parts.length === n) break;
    if (!sameKind(first.c, r.c) || alike(first.c, r.c) < 1) continue;
    if (parts.some((p) => p.c.value === r.c.value || (p.c.s === r.c.s && p.c.clauseText === r.c.clauseText)))
      continue;
    parts.push(r);
  }
  if (parts.length < n) return undefined;
  const total = parts.reduce((sum, r) => sum + r.c.value!, 0);
  return {
    value: `${show(total, first.c)} (${parts.map((r) => r.c.raw).join(" + ")})`,
    parts: parts.map((r) => r.c),
    support: Math.min(...parts.map((r) => r.features[0]!)),
  };
}

/** "31 of its 64 schools shut": the whole and the part stand in one sentence, or the part names its whole. */
function partOfWhole(ranked: Ranked[], kind: "remainder" | "share"): Computed | undefined {
  const counts = ranked.filter((r) => r.c.type === "count" || r.c.type === "money");
  for (const part of counts.slice(0, 6)) {
    const named = part.c.whole !== undefined ? counts.find((r) => r.c.value === part.c.whole) : undefined;
    if (named) {
      const support = part.features[0]!;
      if (kind === "remainder")
        return {
          value: `${show(named.c.value! - part.c.value!, named.c)} (${named.c.raw} minus ${part.c.raw})`,
          parts: [named.c, part.c],
          support,
        };
      const pct = Math.round((part.c.value! / named.c.value!) * 1000) / 10;
      return { value: `${pct}% (${part.c.raw} of ${named.c.raw})`, parts: [part.c, named.c], support };
    }
    const whole = counts
      .filter(
        (r) =>
          r !== part &&
          r.c.s === part.c.s &&
          r.c.value! > part.c.value! &&
          r.c.near.some((k) => part.c.near.includes(k)),
      )
      .sort((x, y) => y.score - x.score)[0];
    if (!whole) continue;
    const support = Math.min(part.features[0]!, whole.features[0]!);
    if (kind === "remainder") {
      return {
        value: `${show(whole.c.value! - part.c.value!, whole.c)} (${whole.c.raw} minus ${part.c.raw})`,
        parts: [whole.c, part.c],
        support,
      };
    }
    const pct = Math.round((part.c.value! / whole.c.value!) * 1000) / 10;
    return { value: `${pct}% (${part.c.raw} of ${whole.c.raw})`, parts: [part.c, whole.c], support };
  }
  return undefined;
}

/** "On average how many a day": a total over the strike's length in days. */
function perDay(numeric: Ranked[], ranked: Ranked[]): Computed | undefined {
  const total = numeric.find((r) => r.c.type === "count" || r.c.type === "money");
  const length = ranked.find((r) => r.c.type === "duration" && r.c.days && r.c.days >= 1);
  if (!total || !length) return undefined;
  const days = length.c.days!;
  const mean = Math.round((total.c.value! / days) * 10) / 10;
  return {
    value: `${show(mean, total.c)} a day (${total.c.raw} over ${days} days)`,
    parts: [total.c, length.c],
    support: Math.min(total.features[0]!, length.features[0]!),
  };
}

function show(n: number, like: Candidate): string {
  const rounded = Math.round(n * 100) / 100;
  const text = rounded.toLocaleString("en-GB", { maximumFractionDigits: 2 });
  if (like.type === "money") {
    const cur =
      like.currency && !/^[A-Z]{3}/.test(like.currency)
        ? like.currency
        : like.currency
          ? `${like.currency} `
          : "";
    return `${cur}${text}${like.per ? ` a${/^[aeiou]/.test(like.per) ? "n" : ""} ${like.per}` : ""}`;
  }
  if (like.type === "percent" && !/points?/.test(like.raw)) return `${text}%`;
  if (like.type === "duration") return `${text} ${/hour/i.test(like.raw) ? "hours" : "days"}`;
  return text;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
