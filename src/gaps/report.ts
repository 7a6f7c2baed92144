import Fuse from "fuse.js";
import type { Lexicon } from "../core/lexicon.js";
import type { GapRecord } from "./log.js";

/** One meaning readers asked about: its wordings, how often, and when last. */
export interface GapGroup {
  /** The wording asked most often (the first asked on a tie). */
  question: string;
  count: number;
  lastAsked: number;
  statuses: Record<string, number>;
  platforms: Record<string, number>;
  wordings: string[];
}

/**
 * Two normalised questions this close (Fuse.js score, 0 = same) and of about the same length are
 * taken as one meaning: a typo ("portr" for "porter") joins, "canteen menu" and "canteen open" do not.
 */
const SAME_MEANING = 0.2;
const LENGTH_RATIO = 0.8;

/**
 * The matcher's own view of a question: its content terms (stopwords out), each as its synonym
 * concept when the lexicon has one, else its stem, sorted. "How many porters went on strike?",
 * "how many porters struck" and "porters on strike, how many?" all become "porter ~strik".
 */
export function normaliseQuestion(question: string, lexicon: Lexicon): string {
  const keys = lexicon.terms(question).map((t) => t.keys.find((k) => k.startsWith("~")) ?? t.stem);
  return keys.length ? [...new Set(keys)].sort().join(" ") : question.toLowerCase().trim();
}

/** Groups gaps by meaning (same normal form, then near ones by Fuse.js), most asked first. */
export function groupGaps(records: readonly GapRecord[], lexicon: Lexicon): GapGroup[] {
  interface Building extends GapGroup {
    key: string;
    byWording: Map<string, { count: number; last: number }>;
  }
  const groups: Building[] = [];
  const byKey = new Map<string, Building>();
  const fuse = new Fuse<Building>([], {
    keys: ["key"],
    includeScore: true,
    threshold: SAME_MEANING,
    ignoreLocation: true,
  });
  const similarLength = (a: string, b: string) =>
    Math.min(a.length, b.length) / Math.max(a.length, b.length) >= LENGTH_RATIO;
  for (const record of records) {
    const key = normaliseQuestion(record.question, lexicon);
    let group = byKey.get(key);
    if (!group) {
      group = fuse
        .search(key, { limit: 5 })
        .find((r) => (r.score ?? 1) <= SAME_MEANING && similarLength(r.item.key, key))?.item;
    }
    if (!group) {
      group = {
        key,
        question: record.question,
        count: 0,
        lastAsked: 0,
        statuses: {},
        platforms: {},
        wordings: [],
        byWording: new Map(),
      };
      groups.push(group);
      fuse.add(group);
    }
    byKey.set(key, group);
    group.count += 1;
    group.lastAsked = Math.max(group.lastAsked, record.at);
    group.statuses[record.status] = (group.statuses[record.status] ?? 0) + 1;
    group.platforms[record.platform] = (group.platforms[record.platform] ?? 0) + 1;
    const wording = group.byWording.get(record.question) ?? { count: 0, last: 0 };
    wording.count += 1;
    wording.last = Math.max(wording.last, record.at);
    group.byWording.set(record.question, wording);
  }
  return groups
    .map(({ key: _key, byWording, ...group }) => {
      // The most asked wording names the group; on a tie, the first one asked (Map order).
      const ranked = [...byWording].sort((a, b) => b[1].count - a[1].count);
      return { ...group, question: ranked[0]?.[0] ?? group.question, wordings: ranked.map(([w]) => w) };
    })
    .sort((a, b) => b.count - a.count || b.lastAsked - a.lastAsked);
}

/** "7d", "12h", "30m", "2w" → milliseconds; undefined for anything else. */
export function parseSince(text: string): number | undefined {
  const m = /^(\d+)\s*([mhdw])$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2]!.toLowerCase() as "m"];
  return Number(m[1]) * unit;
}

/** The report as plain lines: count, last asked (UTC, to the minute), the question, other wordings. */
export function formatGaps(groups: readonly GapGroup[], limit = groups.length): string[] {
  return groups.slice(0, limit).map((g) => {
    const when = new Date(g.lastAsked).toISOString().slice(0, 16).replace("T", " ");
    const others = g.wordings.length > 1 ? ` (+${g.wordings.length - 1} other wordings)` : "";
    return `${String(g.count).padStart(4)}×  last ${when} UTC  ${g.question}${others}`;
  });
}
