import { BoundedMap } from "./bounded-map.js";
import type { Entry } from "./match/entries.js";
import type { ParsedQuestion } from "./match/question.js";

/** What a conversation remembers between messages, for pronouns and "and outpatient?" follow-ups. */
export interface ConversationState {
  question: ParsedQuestion;
  entry?: Entry;
  /** The last speaker or person talked about ("he", "she"). */
  speakerId?: string;
  personId?: string;
  quotesGiven: string[];
  at: number;
}

/** Bounded memory: entries expire after ttlMs and the least recently used go past maxConversations. */
export class ConversationMemory {
  private readonly states: BoundedMap<string, ConversationState>;

  constructor(
    private readonly ttlMs: number,
    maxConversations: number,
  ) {
    this.states = new BoundedMap(maxConversations);
  }

  get(id: string, now: number): ConversationState | undefined {
    const state = this.states.peek(id);
    if (!state) return undefined;
    if (now - state.at > this.ttlMs) {
      this.states.delete(id);
      return undefined;
    }
    return state;
  }

  set(id: string, state: ConversationState): void {
    this.states.set(id, state);
  }

  delete(id: string): void {
    this.states.delete(id);
  }

  get size(): number {
    return this.states.size;
  }
}

/** An entry named by its kind and fact id: how a conversation refers to a fact outside the process. */
export interface EntryRef {
  kind: Entry["kind"];
  id: string;
}

/**
 * A conversation's state as plain JSON, so another instance (through shared state) or this one after a
 * restart can pick the conversation up. Entries travel as references and are looked up again on arrival.
 */
export interface ConversationSnapshot {
  v: 1;
  question: Omit<ParsedQuestion, "near"> & { near?: EntryRef };
  entry?: EntryRef;
  speakerId?: string;
  personId?: string;
  quotesGiven: string[];
  at: number;
}

/** The same cap the in-process memory implies: a conversation never lists more quotes than this. */
const MAX_QUOTES_REMEMBERED = 100;

function refOf(entry: Entry): EntryRef {
  return { kind: entry.kind, id: entry.fact.id };
}

export function toSnapshot(state: ConversationState): ConversationSnapshot {
  const { near, ...question } = state.question;
  const snapshot: ConversationSnapshot = {
    v: 1,
    question: near ? { ...question, near: refOf(near) } : question,
    quotesGiven: state.quotesGiven.slice(-MAX_QUOTES_REMEMBERED),
    at: state.at,
  };
  if (state.entry) snapshot.entry = refOf(state.entry);
  if (state.speakerId) snapshot.speakerId = state.speakerId;
  if (state.personId) snapshot.personId = state.personId;
  return snapshot;
}

/**
 * Rebuilds a state from a snapshot against this process's entries; undefined for anything malformed
 * or written against another article (a reference that no longer resolves is dropped, not guessed).
 */
export function fromSnapshot(
  value: unknown,
  findEntry: (ref: EntryRef) => Entry | undefined,
): ConversationState | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const s = value as Partial<ConversationSnapshot>;
  if (s.v !== 1 || typeof s.at !== "number" || typeof s.question !== "object" || s.question === null)
    return undefined;
  if (!Array.isArray(s.question.terms) || typeof s.question.text !== "string") return undefined;
  const resolve = (ref: unknown): Entry | undefined => {
    if (typeof ref !== "object" || ref === null) return undefined;
    const r = ref as Partial<EntryRef>;
    return typeof r.kind === "string" && typeof r.id === "string"
      ? findEntry({ kind: r.kind, id: r.id })
      : undefined;
  };
  const { near: nearRef, ...rest } = s.question;
  const question = { ...rest } as ParsedQuestion;
  const near = resolve(nearRef);
  if (near) question.near = near;
  const state: ConversationState = {
    question,
    quotesGiven: Array.isArray(s.quotesGiven)
      ? s.quotesGiven.filter((q): q is string => typeof q === "string").slice(-MAX_QUOTES_REMEMBERED)
      : [],
    at: s.at,
  };
  const entry = resolve(s.entry);
  if (entry) state.entry = entry;
  if (typeof s.speakerId === "string") state.speakerId = s.speakerId;
  if (typeof s.personId === "string") state.personId = s.personId;
  return state;
}
