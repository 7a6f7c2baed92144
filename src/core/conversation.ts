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
  private readonly states = new Map<string, ConversationState>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxConversations: number,
  ) {}

  get(id: string, now: number): ConversationState | undefined {
    const state = this.states.get(id);
    if (!state) return undefined;
    if (now - state.at > this.ttlMs) {
      this.states.delete(id);
      return undefined;
    }
    return state;
  }

  set(id: string, state: ConversationState): void {
    this.states.delete(id);
    this.states.set(id, state);
    while (this.states.size > this.maxConversations) {
      const oldest = this.states.keys().next().value;
      if (oldest === undefined) break;
      this.states.delete(oldest);
    }
  }

  get size(): number {
    return this.states.size;
  }
}
