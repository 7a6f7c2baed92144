import { createHash } from "node:crypto";

/** Conversation ids longer than this reach the core as a fixed-length hash instead. */
export const MAX_CONVERSATION_ID = 200;

/**
 * Caps a conversation id: ids come from platform payloads (team, channel, thread ids), and a
 * request that carries a 20 KB id would make every lookup of it slow. A long id becomes
 * `h:` + its sha256, so distinct ids stay distinct and the same id maps to the same conversation.
 */
export function capConversationId(id: string): string;
export function capConversationId(id: string | undefined): string | undefined;
export function capConversationId(id: string | undefined): string | undefined {
  if (id === undefined || id.length <= MAX_CONVERSATION_ID) return id;
  return `h:${createHash("sha256").update(id).digest("hex")}`;
}
