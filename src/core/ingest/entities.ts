import type { Lexicon } from "../lexicon.js";
import type { OrganisationFact, PersonFact, SentenceRecord } from "../store.js";
import { stem } from "../text/tokens.js";

/** A run of capitalised words: the raw material of names of people, organisations and places. */
export interface NameRun {
  text: string;
  words: string[];
  start: number;
  end: number;
}

const CONNECTORS = new Set(["of", "for", "and", "the", "de", "du", "von", "van"]);

/** Capitalised runs, allowing "of"/"for" inside ("Department of Health") but not at the ends. */
export function capitalisedRuns(sentence: string): NameRun[] {
  const runs: NameRun[] = [];
  const words = [...sentence.matchAll(/[\p{L}][\p{L}'’.-]*/gu)];
  let current: RegExpMatchArray[] = [];
  const flush = () => {
    while (current.length && CONNECTORS.has(current[current.length - 1]![0].toLowerCase())) current.pop();
    if (current.length) {
      const first = current[0]!;
      const last = current[current.length - 1]!;
      const start = first.index ?? 0;
      const end = (last.index ?? 0) + last[0].length;
      const text = sentence.slice(start, end).replace(/['’]s$/, "");
      runs.push({ text, words: current.map((w) => w[0].replace(/['’]s$/, "")), start, end });
    }
    current = [];
  };
  for (const w of words) {
    const word = w[0];
    const gap = current.length ? sentence.slice(endOf(current[current.length - 1]!), w.index) : " ";
    const joined = /^\s+$/.test(gap) || gap === "";
    const isCap = /^\p{Lu}/u.test(word);
    if (isCap && (joined || current.length === 0)) {
      if (!joined) flush();
      current.push(w);
    } else if (current.length && joined && CONNECTORS.has(word.toLowerCase()) && word !== "and") {
      current.push(w);
    } else {
      flush();
      if (isCap) current.push(w);
    }
    if (/['’]s$/.test(word)) flush();
  }
  flush();
  return runs;
}

function endOf(m: RegExpMatchArray): number {
  return (m.index ?? 0) + m[0].length;
}

export function isOrganisationName(words: string[], lexicon: Lexicon): boolean {
  return words.some((word) => {
    const w = word.replace(/\.$/, "");
    return lexicon.orgWords.has(w) || (/^[A-Z]{2,6}$/.test(w) && w !== "I");
  });
}

/** Initials of the significant words: "British Medical Association" -> "BMA". */
export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => (/^[A-Z]{2,}$/.test(w) ? w : w[0]))
    .join("");
}

export interface EntityIndex {
  people: PersonFact[];
  organisations: OrganisationFact[];
  places: string[];
}

/**
 * People are runs of two or more capitalised words, optionally behind titles, that are neither
 * organisations nor places nor sentence-initial common words; organisations carry an org word or an acronym.
 */
export function findEntities(sentences: SentenceRecord[], lexicon: Lexicon): EntityIndex {
  const people: PersonFact[] = [];
  const organisations: OrganisationFact[] = [];
  const places = findPlaces(sentences, lexicon);
  const placeSet = new Set(places.map((p) => p.toLowerCase()));
  // Stems of words the story writes in lower case: a capitalised one of these is not part of a name.
  const commonStems = new Set(
    sentences.flatMap((s) => [...s.text.matchAll(/\b[a-z][a-z-]+\b/g)].map((m) => stem(m[0]))),
  );
  for (const s of sentences) {
    if (s.isCrossReference) continue;
    for (const run of capitalisedRuns(s.text)) {
      const words = dropSentenceInitial(run, s.text, lexicon);
      if (words.length === 0) continue;
      const text = words.join(" ");
      if (isOrganisationName(words, lexicon)) {
        // One ordinary word ("Schools", "Government") is not a name; acronyms and union names are.
        const single =
          words.length === 1 &&
          !/^[A-Z]{2,}$/.test(words[0]!) &&
          !lexicon.data.unionNames.includes(words[0]!);
        if (!single) addOrganisation(organisations, text, s, lexicon);
        continue;
      }
      const titles: string[] = [];
      while (words.length && lexicon.titles.has(words[0]!.replace(/\.$/, ""))) titles.push(words.shift()!);
      const nameWords = words.filter((w) => !lexicon.monthIndex.has(w.toLowerCase()));
      // "Passenger Maureen Tully": a common noun of the story before a two-word name is a role.
      let rolePrefix: string | undefined;
      if (nameWords.length >= 3 && commonStems.has(stem(nameWords[0]!.toLowerCase())))
        rolePrefix = nameWords.shift();
      if (nameWords.length < 2 || nameWords.length > 4) continue;
      const lowerName = nameWords.join(" ").toLowerCase();
      if (nameWords.some((w) => placeSet.has(w.toLowerCase())) || placeSet.has(lowerName)) continue;
      if (places.some((p) => p.toLowerCase().includes(lowerName) || lowerName.includes(p.toLowerCase())))
        continue;
      if (lexicon.data.placeSuffixes.includes(nameWords[nameWords.length - 1]!)) continue;
      const name = nameWords.join(" ");
      if (people.some((p) => p.name === name)) continue;
      const person: PersonFact = {
        id: `person${people.length + 1}`,
        name,
        aliases: [
          name,
          nameWords[nameWords.length - 1]!,
          ...(titles.length ? [`${titles.join(" ")} ${name}`] : []),
        ],
        sentenceId: s.id,
      };
      if (titles.length) person.title = titles.join(" ");
      const role = roleAround(
        s.text,
        run,
        titles.length > 0,
        lexicon,
        organisations[organisations.length - 1]?.name,
      );
      const described = role ?? rolePrefix;
      if (described) person.role = described;
      people.push(person);
    }
    // "(UHS)" after a name is its acronym; its initials also recover a name split at "and".
    for (const m of s.text.matchAll(/([\p{Lu}][\p{L}’' ]+?)\s*\(([A-Z]{2,8})\)/gu)) {
      const acronym = m[2]!;
      const full = nameForAcronym(s.text.slice(0, m.index! + m[1]!.length), acronym);
      const org = organisations.find((o) => m[1]!.trim().endsWith(o.name) || o.name.endsWith(m[1]!.trim()));
      if (org) {
        org.acronym = acronym;
        if (full && full.length > org.name.length && full.endsWith(org.name)) org.name = full;
      }
    }
  }
  // An acronym seen alone ("UHS") is the same organisation as the name it abbreviates.
  const acronyms = new Set(organisations.map((o) => o.acronym).filter(Boolean));
  const distinct = organisations.filter((o) => !acronyms.has(o.name));
  organisations.splice(0, organisations.length, ...distinct.map((o, i) => ({ ...o, id: `org${i + 1}` })));
  for (const org of organisations) {
    if (!org.acronym && !org.name.split(/\s+/).some((w) => /^[A-Z]{2,}$/.test(w))) {
      if (org.name.split(/\s+/).length < 3) continue;
      const guess = initials(org.name.replace(/\bof\b|\bthe\b|\band\b/g, ""));
      if (guess.length >= 2 && guess !== org.name) org.acronym = guess;
    }
  }
  return { people, organisations, places };
}

/**
 * A role written beside a name: "ASLEF general secretary Martin Keeble", "Graham Ostler, managing
 * director of HCR, apologised", "The trust's chief executive, Dr Alan Pryce, said".
 */
function roleAround(
  sentence: string,
  run: NameRun,
  hasTitle: boolean,
  lexicon: Lexicon,
  previousOrg: string | undefined,
): string | undefined {
  const after = sentence.slice(run.end).match(/^,\s+((?:a |an |the )?[\p{Ll}][^,.;:“”"]{2,70}?),/u);
  if (after && !/^(?:who|whose|which|where)\b/i.test(after[1]!))
    return after[1]!.replace(/^(?:a|an|the)\s+/i, "").trim();
  const before = sentence.slice(0, run.start);
  const appositive = before.match(/(?:^|[.;:]\s*)((?:The|A|An|Its|Their)\s+[^,]{3,60}),\s*$/);
  if (appositive) {
    const role = appositive[1]!.replace(/^(?:the|a|an)\s+/i, "").trim();
    // "Its chairman, Peter Glynn": "its" is the organisation the story just named.
    return /^(?:its|their)\s/i.test(role) && previousOrg
      ? `${role.replace(/^(?:its|their)\s+/i, "")} of ${previousOrg}`
      : role;
  }
  const clauseStart = Math.max(
    before.lastIndexOf(","),
    before.lastIndexOf(":"),
    before.lastIndexOf(";"),
    before.lastIndexOf("."),
  );
  const prefix = before.slice(clauseStart + 1).trim();
  const words = prefix.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 7) return undefined;
  if (
    words.some((w) => lexicon.isStopword(w.toLowerCase()) && !["of", "for", "the"].includes(w.toLowerCase()))
  )
    return undefined;
  if (!hasTitle && words.every((w) => /^\p{Lu}/u.test(w))) return undefined;
  return words.join(" ");
}

/** The words before "(UCU)" whose initials spell it: "University and College Union". */
function nameForAcronym(before: string, acronym: string): string | undefined {
  const words = before.trim().split(/\s+/);
  for (let start = words.length - 1; start >= Math.max(0, words.length - 10); start--) {
    const candidate = words.slice(start);
    const letters = candidate
      .filter((w) => /^\p{Lu}/u.test(w))
      .map((w) => w[0])
      .join("");
    if (letters === acronym && /^\p{Lu}/u.test(candidate[0] ?? "")) return candidate.join(" ");
  }
  return undefined;
}

function dropSentenceInitial(run: NameRun, sentence: string, lexicon: Lexicon): string[] {
  const words = [...run.words];
  // A capital at the start of a sentence says nothing: drop a first word that is a common word.
  const atStart = sentence.slice(0, run.start).replace(/["“‘'\s]/g, "") === "";
  if (atStart && words.length && !lexicon.titles.has(words[0]!) && !lexicon.orgWords.has(words[0]!)) {
    const lower = words[0]!.toLowerCase();
    const isCommonCapsWord = lexicon.isStopword(lower) || lower in lexicon.data.approxWords;
    if (
      isCommonCapsWord ||
      (!/^[A-Z]+$/.test(words[0]!) && (/(ly|ing|ed|s)$/.test(lower) || words.length === 1))
    ) {
      words.shift();
    }
    while (words.length && CONNECTORS.has(words[0]!.toLowerCase())) words.shift();
  }
  // Quoted sentence openings ("Junior doctors know ...") are not names either.
  return words.filter((w) => !/^[A-Z]{3,}$/.test(w) || w.length <= 6);
}

function addOrganisation(list: OrganisationFact[], name: string, s: SentenceRecord, lexicon: Lexicon): void {
  const clean = name.replace(/^(?:The|A|An)\s+/, "");
  const existing = list.find((o) => o.name === clean || o.acronym === clean);
  if (existing) return;
  // A shorter mention of a longer organisation ("University Hospital Southampton" inside its full name).
  const longer = list.find((o) => o.name.startsWith(clean) && o.name.length > clean.length);
  if (longer) return;
  const lower = clean.toLowerCase();
  const has = (words: string[]) => words.some((w) => new RegExp(`\\b${w}\\b`).test(lower));
  const kind: OrganisationFact["kind"] = has(lexicon.data.unionWords)
    ? "union"
    : has(lexicon.data.bodyWords)
      ? "body"
      : has(lexicon.data.employerWords)
        ? "employer"
        : "body";
  list.push({ id: `org${list.length + 1}`, name: clean, kind, sentenceId: s.id });
}

/** Capitalised words after "in", "across" ...: the places the story names, the lead's first. */
export function findPlaces(sentences: SentenceRecord[], lexicon: Lexicon): string[] {
  const places: string[] = [];
  const preps = lexicon.data.placePrepositions.join("|");
  const pattern = new RegExp(`\\b(?:${preps})\\s+((?:the\\s+)?[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?)`, "g");
  for (const s of sentences) {
    if (s.isCrossReference) continue;
    for (const m of s.text.matchAll(pattern)) {
      const words = m[1]!.replace(/^the\s+/, "").split(/\s+/);
      if (words.some((w) => lexicon.data.notPlaces.includes(w.toLowerCase()))) continue;
      if (isOrganisationName(words, lexicon)) continue;
      const place = words.join(" ");
      if (!places.includes(place)) places.push(place);
    }
  }
  return places;
}
