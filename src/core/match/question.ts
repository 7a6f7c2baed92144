import { findDates } from "../ingest/dates.js";
import type { Lexicon, Term } from "../lexicon.js";
import type { Entry } from "./entries.js";
import type { SpellingCorrector } from "./spelling.js";

/** The shape of data/questions.json. */
export interface QuestionPatterns {
  kinds: [string, ...string[]][];
  followUp: string[];
  pronouns: { person: string[]; group: string[] };
  countPhrase: string;
  unionWords: string[];
  employerWords: string[];
  /** A plain "how many ..." that none of the arithmetic kinds can claim: a count, without testing every pattern. */
  plainCount: { starts: string; unless: string };
  /** Words that ask for a person rather than an organisation ("the Unite guy", "who runs"). */
  personWords: string[];
  /** Words of a which-organisation question that name the kind of body, not the body. */
  orgQuestionWords: string[];
}

export type QuestionKind =
  | "help"
  | "stats"
  | "quotes-list"
  | "summary"
  | "open"
  | "quote-more"
  | "who-said"
  | "quote"
  | "who-is"
  | "source"
  | "which-org"
  | "average"
  | "difference"
  | "ratio"
  | "percent"
  | "sum"
  | "how-long"
  | "when"
  | "why"
  | "describe"
  | "offer"
  | "demand"
  | "count"
  | "yes-no"
  | "who"
  | "what"
  | "keyword";

export interface QuestionDate {
  month: number;
  day?: number;
  text: string;
}

export interface ParsedQuestion {
  /** The question as typed, trimmed. */
  raw: string;
  /** Lower-cased, typos corrected. */
  text: string;
  kind: QuestionKind;
  /** Content words that must be found. */
  terms: Term[];
  /** Words carried over from the conversation: they help rank but need not be found. */
  optional: Term[];
  /** The noun phrase a count asks about ("inpatient procedures" in "how many inpatient procedures ..."). */
  countNoun: Term[];
  date?: QuestionDate;
  isFollowUp: boolean;
  /** In a follow-up, the fact just given: facts beside it are the likely subject. */
  near?: Entry;
  personPronoun: boolean;
  groupPronoun: boolean;
  /** "on the first day": only a figure tied to a day answers, the earliest or latest of its list. */
  ordinalDay: boolean;
  /** The question is about money ("how much did it cost"): only money figures answer it. */
  asksMoney: boolean;
  /** The article's places it names (filled in by the answerer). */
  places?: string[];
  /** Words that looked like words but are in neither the article nor the lexicon. */
  unknownWords: string[];
}

const PAST_VERB = /^[a-z]{3,}ed$/;

export class QuestionParser {
  private readonly kinds: { kind: QuestionKind; patterns: RegExp[] }[];
  private readonly followUp: RegExp[];
  private readonly countPhrase: RegExp;
  private readonly personPronouns: Set<string>;
  private readonly groupPronouns: Set<string>;
  private readonly verbs: Set<string>;
  private readonly shorthand: Map<string, string>;
  private readonly money: RegExp;
  private readonly plainCountStart: RegExp;
  private readonly plainCountUnless: RegExp;

  constructor(
    readonly patterns: QuestionPatterns,
    private readonly lexicon: Lexicon,
    private readonly spelling: SpellingCorrector,
  ) {
    this.kinds = patterns.kinds.map(([kind, ...res]) => ({
      kind: kind as QuestionKind,
      patterns: res.map((r) => new RegExp(r, "i")),
    }));
    this.followUp = patterns.followUp.map((r) => new RegExp(r, "i"));
    this.countPhrase = new RegExp(patterns.countPhrase, "i");
    this.personPronouns = new Set(patterns.pronouns.person);
    this.groupPronouns = new Set(patterns.pronouns.group);
    this.verbs = new Set(lexicon.data.verbs);
    this.shorthand = new Map(Object.entries(lexicon.data.shorthand));
    this.plainCountStart = new RegExp(patterns.plainCount.starts, "i");
    this.plainCountUnless = new RegExp(patterns.plainCount.unless, "i");
    const moneyWords = lexicon.data.moneyWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    this.money = new RegExp(`(?:^|\\s)(?:${moneyWords.join("|")})(?=\\s|$|\\?)|£`);
  }

  parse(raw: string): ParsedQuestion {
    const { text, unknownWords } = this.correct(raw);
    const kind = this.kindOf(text, raw.toLowerCase());
    const words = new Set(text.split(/[^\p{L}\p{N}'-]+/u));
    const dates = findDates(text, this.lexicon).filter((d) => d.start_ || d.monthOnly);
    const firstDate = dates[0];
    let withoutDates = text;
    for (const d of [...dates].reverse())
      withoutDates = withoutDates.slice(0, d.start) + withoutDates.slice(d.end);
    // "on the first day": an ordinal of the strike's days, matched by date order, not by the words.
    const ordinalDay = /\b(?:first|opening|second|last|final) day\b/.test(text);
    const parsed: ParsedQuestion = {
      raw,
      text,
      kind,
      terms: this.lexicon
        .terms(withoutDates)
        .filter((t) => !ordinalDay || !/^(?:first|opening|second|last|final|day)$/.test(t.word)),
      optional: [],
      countNoun: this.countNounOf(text),
      isFollowUp: this.followUp.some((r) => r.test(text)),
      personPronoun: [...this.personPronouns].some((p) => words.has(p)),
      groupPronoun: [...this.groupPronouns].some((p) => words.has(p)),
      unknownWords,
      asksMoney: this.money.test(text) || this.money.test(raw.toLowerCase()),
      ordinalDay,
    };
    if (firstDate) {
      const date: QuestionDate = {
        month: firstDate.start_?.month ?? firstDate.monthOnly ?? 0,
        text: firstDate.text,
      };
      if (firstDate.start_?.day) date.day = firstDate.start_.day;
      parsed.date = date;
    } else {
      // "on the 19th": a day without its month (the conversation or the article supplies it).
      const day = text.match(/\bthe (\d{1,2})(?:st|nd|rd|th)\b/);
      if (day?.[1]) {
        parsed.date = { month: 0, day: Number(day[1]), text: day[0] };
        parsed.terms = parsed.terms.filter((t) => t.word !== `${day[1]}th` && t.word !== day[1]);
      }
    }
    return parsed;
  }

  /** Chat shorthand to words ("r" -> "are", "avg" -> "average"), from data/lexicon.json. */
  private expandShorthand(text: string): string {
    return text.replace(/[\p{L}\p{N}'./&%£-]+/gu, (word) => {
      const bare = word.replace(/[.?!,]+$/, "");
      const long = this.shorthand.get(bare) ?? this.shorthand.get(bare.replace(/'/g, ""));
      return long === undefined ? word : word.replace(bare, long);
    });
  }

  kindOf(text: string, typed = text): QuestionKind {
    // Most questions are plain counts: recognising them first spares compiling every other pattern.
    if (this.plainCountStart.test(text) && !this.plainCountUnless.test(text)) return "count";
    for (const { kind, patterns } of this.kinds)
      if (patterns.some((p) => p.test(text) || p.test(typed))) return kind;
    return "keyword";
  }

  private countNounOf(text: string): Term[] {
    // "security staff on strike - how many?": the noun comes first.
    const fronted = text.match(/^(?:of\s+(?:the|those|these)\s+)?([\w' -]+?)\s*[-–:,]+\s*how many\b/);
    if (fronted?.[1])
      return this.nounPhrase(fronted[1].split(/\s+(?:on|in|at|who|that|were|was)\b/)[0] ?? "");
    const m =
      text.match(this.countPhrase) ??
      text.match(
        /\bhow (?:big|large|long|high|bad) (?:is|was|are|were) (?:the )?([\w' -]+?)(?:\s+(?:in|at|on|for|during|across|of|from|to|according)\b|\?|$)/i,
      ) ??
      text.match(
        /\b(?:total|number) (?:number )?of (?:the )?([\w' -]+?)(?:\s+(?:who|that|which|in|at|on|for|during|across|over|were|was)\b|\?|$)/i,
      );
    if (!m?.[1]) return [];
    const phrase = m[1].trim();
    if (/^(?:do|does|did|is|are|was|were|has|have|had|will|would|can|could)\b/.test(phrase)) return [];
    return this.nounPhrase(phrase);
  }

  /** The noun phrase ends before a verb: "nurses struck", "call-outs handled", "people living in". */
  private nounPhrase(phrase: string): Term[] {
    const words = phrase.split(/\s+/);
    const verbAt = words.findIndex(
      (w, i) =>
        i > 0 &&
        (PAST_VERB.test(w) ||
          this.verbs.has(w) ||
          // "people living in": a participle before a preposition, not "local stopping services".
          (/^[a-z]{3,}ing$/.test(w) && this.lexicon.isStopword(words[i + 1] ?? "in"))),
    );
    const terms = this.lexicon.terms(verbAt > 0 ? words.slice(0, verbAt).join(" ") : phrase);
    // "hours a week": the unit is what is counted.
    const unit = terms.findIndex((t) => t.word in this.lexicon.data.unitWords);
    return unit >= 0 ? terms.slice(0, unit + 1) : terms;
  }

  /** Lower-cases, folds curly quotes and corrects words that are not in the article or lexicon. */
  private correct(raw: string): { text: string; unknownWords: string[] } {
    const unknownWords: string[] = [];
    const text = this.expandShorthand(raw.toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"'))
      // "lectures, not seminars": what is ruled out is not what is asked about.
      .replace(
        /(?:,\s*(?:but\s+)?not\s+|\s+but\s+not\s+|\s+not\s+including\s+|\s+(?:excluding|except(?: for)?|apart from|other than|rather than)\s+)([\w' -]+?)(?=[,.?!]|$)/g,
        "",
      )
      .replace(/(?<![\p{N}])[\p{L}][\p{L}'-]*/gu, (word) => {
        const bare = word.replace(/'s$|'$/, "");
        if (this.lexicon.isStopword(word) || this.lexicon.isStopword(bare)) return word;
        // A plural of a known word is known too ("quotes" when only "quote" is listed).
        if (this.spelling.knows(bare.replace(/e?s$/, "")) || this.spelling.knows(bare.replace(/s$/, "")))
          return word;
        const fixed = this.spelling.correct(bare) ?? this.spelling.correct(bare.replace(/s$/, ""));
        if (fixed === undefined) {
          unknownWords.push(bare);
          return word;
        }
        return fixed === bare ? word : fixed;
      });
    return { text, unknownWords };
  }
}
