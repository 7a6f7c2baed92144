/**
 * Every quantity a sentence states, in digits or in words: counts, money, per cent, fractions
 * ("two-thirds", "one in five", "nearly half"), durations ("48-hour", "a fortnight") and scale
 * words ("nearly half a million"). Dates, times of day, years, ages and labels are not quantities.
 */

export type Unit = "count" | "percent" | "money" | "duration" | "points";

export interface Quantity {
  start: number;
  end: number;
  /** As written, with its approximation word: "nearly half", "£2,400", "sixty-five". */
  raw: string;
  value: number;
  unit: Unit;
  currency?: string;
  /** "an hour", "a year": what a money or count figure is per. */
  per?: string;
  /** Duration in days (hours / 24) for unit "duration". */
  days?: number;
  approx?: string;
  /** Written in words ("sixty-five"), so the answer shows the digits too. */
  inWords: boolean;
  /** A fraction or "one in five": a share of something else, shown as a per cent. */
  fraction?: boolean;
}

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALE: Record<string, number> = {
  hundred: 100,
  thousand: 1_000,
  k: 1_000,
  million: 1_000_000,
  m: 1_000_000,
  mn: 1_000_000,
  billion: 1_000_000_000,
  bn: 1_000_000_000,
  b: 1_000_000_000,
  trillion: 1e12,
};
const FRACTION: Record<string, number> = {
  half: 0.5,
  halves: 0.5,
  third: 1 / 3,
  thirds: 1 / 3,
  quarter: 0.25,
  quarters: 0.25,
  fifth: 0.2,
  fifths: 0.2,
  tenth: 0.1,
  tenths: 0.1,
};
const DURATION_DAYS: Record<string, number> = {
  minute: 1 / 1440,
  hour: 1 / 24,
  day: 1,
  night: 1,
  week: 7,
  fortnight: 14,
  month: 30,
  year: 365,
};

const APPROX =
  "nearly|almost|about|around|roughly|approximately|some|an estimated|estimated|more than|over|at least|up to|as many as|fewer than|less than|under|just over|just under|close to|upwards of|in excess of|a further|another";
const WORD_NUM =
  "(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?(?:[- ](?:hundred|thousand|million|billion)(?:[- ](?:and[- ])?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)?)*|(?:a|one) (?:hundred|thousand|million|billion)|(?:a|one|half a) dozen|dozens|hundreds|thousands)";
const DIGITS = "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?";
const CURRENCY = "(?:US\\$|C\\$|CA\\$|A\\$|AU\\$|NZ\\$|R\\$|£|\\$|€|EUR\\s?|GBP\\s?|USD\\s?)";
const SCALE_WORD = "(?:\\s?(?:million|billion|trillion|thousand|hundred|bn|mn|m|k|b)\\b)";
const PERCENT = "(?:\\s?%|\\s?per\\s?cent\\b|\\s?percent\\b|\\s?percentage points?\\b|\\s?points?\\b)";
const DURATION = "(?:[- ](?:minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?)\\b)";
const CURRENCY_AFTER = "(?:\\s(?:pounds|dollars|euros|cents|pence|p)\\b|p\\b)";

const NUMBER = new RegExp(
  `(?<approx>\\b(?:${APPROX})\\s+)?(?<cur>${CURRENCY})?(?<n>${DIGITS}|\\b${WORD_NUM}\\b)(?<scale>${SCALE_WORD})?(?<pct>${PERCENT})?(?<dur>${DURATION})?(?<cur2>${CURRENCY_AFTER})?`,
  "gi",
);
const FRACTION_RE = new RegExp(
  `(?<approx>\\b(?:${APPROX})\\s+)?\\b(?<num>a|one|two|three|four|nine|half|a half)?[- ]?(?<den>half|halves|thirds?|quarters?|fifths?|tenths?)\\b(?!\\s+(?:day|week|time|round|year|term|quarter|of the (?:year|season)))(?:\\s+(?:a|of a)\\s+(?<scale>million|billion|thousand))?`,
  "gi",
);
const ONE_IN =
  /\b(?<approx>(?:nearly|almost|about|around|roughly|more than|over|at least|up to)\s+)?(?<a>one|two|three|four|five|six|seven|eight|nine|\d+)\s+(?:in|out of)\s+(?<b>two|three|four|five|six|seven|eight|nine|ten|twenty|\d+)\b/gi;
const FORTNIGHT =
  /\b(?<approx>(?:nearly|almost|about|around|more than|over|at least|up to)\s+)?(?<n>a|one|two|three|four|\d+)\s+(?<u>fortnights?)\b/gi;
const MONTHS =
  "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december";
const WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const PER =
  /^\s*(?:(?:a|an|per|each|every)\s+(hour|day|week|month|year|annum|shift|night|head|worker|member))\b/i;

/** Parses a number written in words: "twenty-one thousand" → 21000, "a dozen" → 12. */
export function wordsToNumber(text: string): number | undefined {
  const words = text
    .toLowerCase()
    .replace(/-/g, " ")
    .split(/\s+/)
    .filter((w) => w && w !== "and");
  if (!words.length) return undefined;
  if (words.includes("dozen"))
    return (words[0] === "half" ? 6 : 12) * (words.length > 2 ? (SMALL[words[0]!] ?? 1) : 1);
  let total = 0;
  let current = 0;
  for (const w of words) {
    if (w in SMALL) current += SMALL[w]!;
    else if (w === "hundred") current = (current || 1) * 100;
    else if (w in SCALE) {
      total += (current || 1) * SCALE[w]!;
      current = 0;
    } else return undefined;
  }
  return total + current;
}

function toNumber(n: string): number | undefined {
  if (/\d/.test(n)) return Number(n.replace(/,/g, ""));
  if (/^(?:dozens|hundreds|thousands)$/i.test(n)) return undefined;
  return wordsToNumber(n);
}

/** Finds the quantities of one sentence, skipping the spans given (dates and times found elsewhere). */
export function findQuantities(
  sentence: string,
  masked: Array<{ start: number; end: number }> = [],
): Quantity[] {
  const out: Quantity[] = [];
  const taken = (s: number, e: number) => [...masked, ...out].some((m) => s < m.end && e > m.start);

  for (const m of sentence.matchAll(ONE_IN)) {
    const a = toNumber(m.groups!.a!);
    const b = toNumber(m.groups!.b!);
    if (!a || !b || a >= b) continue;
    const start = m.index!;
    push(out, {
      start,
      end: start + m[0].length,
      raw: m[0],
      value: round((a / b) * 100),
      unit: "percent",
      inWords: true,
      fraction: true,
      ...approx(m.groups!.approx),
    });
  }
  for (const m of sentence.matchAll(FORTNIGHT)) {
    const n = toNumber(m.groups!.n!) ?? 1;
    const start = m.index!;
    if (taken(start, start + m[0].length)) continue;
    push(out, {
      start,
      end: start + m[0].length,
      raw: m[0],
      value: n * 14,
      unit: "duration",
      days: n * 14,
      inWords: true,
      ...approx(m.groups!.approx),
    });
  }
  for (const m of sentence.matchAll(FRACTION_RE)) {
    const den = FRACTION[m.groups!.den!.toLowerCase()]!;
    const numWord = m.groups!.num?.toLowerCase();
    if (!numWord && !/^half$/i.test(m.groups!.den!)) continue; // "third" alone is an ordinal
    if (/^(?:a|one)$/.test(numWord ?? "") && /s$/.test(m.groups!.den!)) continue;
    const num = numWord === "half" || numWord === "a half" ? 0.5 : numWord ? (SMALL[numWord] ?? 1) : 1;
    const start = m.index!;
    const end = start + m[0].length;
    if (taken(start, end)) continue;
    if (/\b(?:first|second|last)\s+$/i.test(sentence.slice(0, start))) continue;
    const share = num * den;
    if (m.groups!.scale) {
      const value = share * SCALE[m.groups!.scale.toLowerCase()]!;
      push(out, { start, end, raw: m[0], value, unit: "count", inWords: true, ...approx(m.groups!.approx) });
    } else
      push(out, {
        start,
        end,
        raw: m[0],
        value: round(share * 100),
        unit: "percent",
        inWords: true,
        fraction: true,
        ...approx(m.groups!.approx),
      });
  }
  for (const m of sentence.matchAll(NUMBER)) {
    const g = m.groups!;
    const n = g.n!;
    const numberStart = m.index! + (g.approx?.length ?? 0) + (g.cur?.length ?? 0);
    const start = g.approx ? m.index! : numberStart - (g.cur?.length ?? 0);
    let end = m.index! + m[0].length;
    if (taken(numberStart, numberStart + n.length)) continue;
    let value = toNumber(n);
    if (value === undefined) continue;
    const before = sentence.slice(0, numberStart);
    const after = sentence.slice(end);
    const isWord = !/\d/.test(n);
    if (isWord && /^(?:a|an|one)$/i.test(n.trim()) && !g.scale && !g.dur) continue;
    if (isWord && /^(?:a|an)\s/i.test(n) && !/(?:hundred|thousand|million|billion|dozen)/i.test(n)) continue;
    if (/[\p{L}\d]$/u.test(before) && !/\s$/.test(before) && !g.cur) continue; // inside a word or code
    if (/\d[:.]$/.test(before)) continue; // the minutes of "16:52"
    if (g.dur && /^-?\s*old\b/i.test(after)) continue; // "a 37-year-old" is an age
    if (!isNotAQuantity(before, n, after, g)) continue;
    const scaleWord = g.scale?.trim().toLowerCase();
    if (scaleWord) {
      if (/^(?:m|b|k)$/.test(scaleWord) && !g.cur) continue;
      value *= SCALE[scaleWord]!;
    }
    const currency = (g.cur ?? g.cur2 ?? "").trim() || undefined;
    let unit: Unit = "count";
    let days: number | undefined;
    if (g.pct) unit = /point/i.test(g.pct) ? "points" : "percent";
    else if (currency) unit = "money";
    else if (g.dur) {
      const word = g.dur.replace(/^[- ]/, "").toLowerCase().replace(/s$/, "");
      unit = "duration";
      days = value * (DURATION_DAYS[word] ?? 1);
    }
    if (g.pct && /point/i.test(g.pct) && !/percentage/i.test(g.pct) && !/\d/.test(n)) continue;
    const perMatch = sentence.slice(end).match(PER);
    const per = perMatch ? perMatch[1]!.toLowerCase().replace("annum", "year") : undefined;
    if (unit === "money" && /^(?:p|pence)$/.test(currency ?? "")) value = value / 100;
    end = end - (m[0].length - m[0].trimEnd().length);
    push(out, {
      start,
      end,
      raw: sentence.slice(start, end),
      value,
      unit,
      ...(currency ? { currency: currency.replace(/p$|pence/, "£") } : {}),
      ...(per ? { per } : {}),
      ...(days !== undefined ? { days } : {}),
      inWords: isWord,
      ...approx(g.approx),
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Years, dates, times of day, ages, route numbers and labels look like numbers but count nothing. */
function isNotAQuantity(
  before: string,
  n: string,
  after: string,
  g: Record<string, string | undefined>,
): boolean {
  const b = before.toLowerCase();
  const a = after.toLowerCase();
  const isDigits = /^\d/.test(n);
  if (g.cur || g.pct || g.dur) {
    if (g.dur && new RegExp(`^\\s*(?:${MONTHS})\\b`).test(a)) return true;
    return true;
  }
  if (isDigits && /^(?:1[89]|20)\d\d$/.test(n) && !g.scale) return false; // a year
  if (
    isDigits &&
    /^\s*(?:[ap]\.?m\.?|:\d|\.\d\d\s*[ap]m|[-–]\d{1,2}\s*[ap]m|o'clock|gmt|bst|hrs\b|h\b)/i.test(a)
  )
    return false; // time of day
  if (isDigits && new RegExp(`(?:\\b(?:${MONTHS})\\.?|\\b(?:${WEEKDAYS}),?)\\s*$`).test(b)) return false; // June 9
  if (isDigits && new RegExp(`^(?:st|nd|rd|th)?\\s*(?:of\\s+)?(?:${MONTHS})\\b`).test(a)) return false; // 9 June
  if (/^(?:st|nd|rd|th)\b/.test(a)) return false; // ordinal
  // "2, 3, 5 and 6 May", "from 2 to 6 May": days of a month in a list.
  if (
    isDigits &&
    new RegExp(
      `^(?:st|nd|rd|th)?(?:\\s*,\\s*\\d{1,2}(?:st|nd|rd|th)?)*\\s*(?:,|and|&|to|-|–|or)\\s*\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\b`,
    ).test(a)
  )
    return false;
  if (
    isDigits &&
    /\b(?:aged|age|ages|route|routes|bus|no\.?|number|year|years|local|flight|gate|terminal|room|ward|platform|level|band|grade|step|phase|section|article|chapter|page|line|unit|region|district|zone|block|building|stage|round|day|week|part|tier|point|question|clause|division|league|channel|station|bed|bay|pier|berth|dock|apartment|floor|suite|highway|interstate|i-|a|m)\s*$/.test(
      b,
    )
  )
    return false;
  if (/^\d+$/.test(n) && /\p{Lu}[\p{L}'’]+,\s*$/u.test(before) && /^\s*,/.test(after)) return false; // "Tamika Orloff, 38,"
  if (/^\s*-?year-old/.test(a) || /^\s*(?:years?|yrs?) old\b/.test(a)) return false;
  if (isDigits && /^\s*[-–]\s*\d/.test(a)) return true;
  if (/^(?:one)$/i.test(n) && /^\s+(?:of|another|day|way|thing|side|hand|more)\b/.test(a)) return false;
  return true;
}

function approx(word: string | undefined): { approx?: string } {
  return word ? { approx: word.trim().toLowerCase() } : {};
}

function push(out: Quantity[], q: Quantity): void {
  if (out.some((o) => q.start < o.end && q.end > o.start)) return;
  out.push(q);
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
