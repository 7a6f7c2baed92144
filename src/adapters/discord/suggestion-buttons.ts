import { createHash } from "node:crypto";
import { BoundedMap } from "../../core/bounded-map.js";
import { LIMITS } from "./limits.js";

export const ASK_BUTTON_PREFIX = "strike:ask:";
const HASHED_PREFIX = "strike:askh:";

/**
 * Custom ids for "ask this question" buttons. A question that fits in Discord's 100-character
 * custom id travels inside it (works across restarts and shards); a longer one is kept in a
 * bounded map under a hash, and a click on an expired one is reported as such.
 */
export class SuggestionButtons {
  private readonly long: BoundedMap<string, string>;

  constructor(maxRemembered = 1000) {
    this.long = new BoundedMap(maxRemembered);
  }

  idFor(question: string): string {
    const inline = `${ASK_BUTTON_PREFIX}${question}`;
    if (inline.length <= LIMITS.customId) return inline;
    const id = `${HASHED_PREFIX}${createHash("sha256").update(question).digest("base64url").slice(0, 32)}`;
    this.long.set(id, question);
    return id;
  }

  /** Whether this custom id is one of ours. */
  owns(customId: string): boolean {
    return customId.startsWith(ASK_BUTTON_PREFIX) || customId.startsWith(HASHED_PREFIX);
  }

  /** The question behind a button, or undefined when it is not ours or has been forgotten. */
  questionFor(customId: string): string | undefined {
    if (customId.startsWith(ASK_BUTTON_PREFIX)) return customId.slice(ASK_BUTTON_PREFIX.length);
    if (customId.startsWith(HASHED_PREFIX)) return this.long.peek(customId);
    return undefined;
  }
}
