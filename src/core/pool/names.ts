/** People, organisations, places and quotes as candidates: from the entity finders and from every mention. */
import { capitalisedRuns } from "../ingest/entities.js";
import type { FactStore } from "../store.js";
import { FUNCTION_WORDS, key, sameSentence } from "../text/terms.js";
import { clauseAt, clauseSpans, keysIn, windowKeys } from "./clauses.js";
import type { Draft } from "./sentences.js";
import type { Candidate, PoolSentence } from "./types.js";

/** People, organisations, places and quotes from the entity finders, tied to pool sentences. */
export function namedCandidates(store: FactStore, sentences: PoolSentence[]): Candidate[] {
  const out: Candidate[] = [];
  const oldText = new Map(store.sentences.map((s) => [s.id, s.text]));
  const locate = (oldId: string | undefined): number => {
    const text = oldId ? oldText.get(oldId) : undefined;
    if (!text) return 0;
    // Matched on the first 40 characters of the store's sentence, as the candidates were always placed.
    const i = sentences.findIndex((s) => sameSentence(s.text, text.slice(0, 40)));
    return Math.max(i, 0);
  };
  const keysOf = (text: string) => [
    ...new Set(
      (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !FUNCTION_WORDS.has(w)).map(key),
    ),
  ];
  for (const p of store.people) {
    const s = locate(p.sentenceId);
    const org = p.organisation ? `, ${p.organisation}` : "";
    const answer = `${p.title ? `${p.title} ` : ""}${p.name}${p.role ? `, ${p.role}` : ""}${p.role && org ? org.replace(/^, /, " of ") : org}`;
    out.push({
      type: "person",
      s,
      raw: p.name,
      answer,
      near: keysOf([p.name, ...p.aliases].join(" ")),
      clause: keysOf(`${p.role ?? ""} ${p.organisation ?? ""}`),
      clauseText: answer,
      ref: p.id,
    });
  }
  for (const o of store.organisations) {
    const s = locate(o.sentenceId);
    out.push({
      type: "org",
      s,
      raw: o.name,
      answer: o.acronym ? `${o.name} (${o.acronym})` : o.name,
      near: keysOf(`${o.name} ${o.acronym ?? ""}`),
      clause: keysOf(`${o.kind} ${sentences[s]?.text ?? ""}`),
      clauseText: o.name,
      ref: o.id,
    });
  }
  const speakers = new Map(store.speakers.map((sp) => [sp.id, sp]));
  for (const q of store.quotes) {
    const speaker = speakers.get(q.speakerId);
    const s = locate(q.sentenceIds[0]);
    out.push({
      type: "quote",
      s,
      raw: q.text,
      answer: `${speaker?.name ?? "Someone"}: "${q.text}"`,
      near: keysOf([speaker?.name ?? "", speaker?.role ?? "", ...(speaker?.keywords ?? [])].join(" ")),
      clause: keysOf(q.text),
      clauseText: q.text,
      ref: q.id,
    });
  }
  store.places.forEach((place, i) => {
    const s = Math.max(
      0,
      sentences.findIndex((x) => x.text.includes(place)),
    );
    out.push({
      type: "place",
      s,
      raw: place,
      answer: place,
      near: keysOf(place),
      clause: keysOf(place),
      clauseText: place,
      ref: `place${i + 1}`,
    });
  });
  return out;
}

/**
 * Every mention of a place, organisation or person in every sentence, so that "which council was
 * hardest hit" finds the name that stands in that clause, not only the first mention.
 */
export function mentionCandidates(drafts: Draft[], store: FactStore): Candidate[] {
  const out: Candidate[] = [];
  const places = store.places.map((p) => p.toLowerCase());
  const orgs = store.organisations.map((o) => ({
    o,
    names: [o.name, o.acronym].filter(Boolean).map((n) => n!.toLowerCase()),
  }));
  const people = store.people.map((p) => ({ p, names: [p.name, ...p.aliases].map((n) => n.toLowerCase()) }));
  drafts.forEach((d, s) => {
    const text = d.read.text;
    const clauses = clauseSpans(text);
    for (const run of capitalisedRuns(text)) {
      const lower = run.text.toLowerCase();
      if (run.start === 0 && run.words.length === 1) continue;
      const person = people.find((x) =>
        x.names.some((n) => n === lower || n.endsWith(` ${lower}`) || lower.endsWith(n)),
      );
      const org = orgs.find((x) =>
        x.names.some((n) => n === lower || lower.includes(n) || n.includes(lower)),
      );
      const place = places.find((p) => p === lower || lower.startsWith(`${p} `) || lower.endsWith(` ${p}`));
      const type = person ? "person" : place ? "place" : org ? "org" : undefined;
      if (!type) continue;
      const clause = clauseAt(clauses, run.start, text);
      const answer = person
        ? person.p.role
          ? `${person.p.name}, ${person.p.role}`
          : person.p.name
        : org && type === "org"
          ? org.o.name
          : run.text;
      out.push({
        type,
        s,
        raw: run.text,
        answer,
        near: windowKeys(d.read.tokens, run.start, run.end, clause),
        clause: keysIn(d.read.tokens, clause.start, clause.end),
        clauseText: clause.text,
        ...(person ? { ref: person.p.id } : org && type === "org" ? { ref: org.o.id } : {}),
      });
    }
  });
  return out;
}
