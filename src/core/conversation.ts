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

  get size(): number {
    return this.states.size;
  }
}
