import type { Answer } from "../core/answer.js";
import { Lexicon } from "../core/lexicon.js";
import { MESSAGES } from "../core/messages.js";
import { loadKnowledge } from "../load-bot.js";
import type { GapLog } from "./log.js";
import { formatGaps, groupGaps } from "./report.js";

/** How many groups /strike gaps shows. */
export const GAPS_SHOWN = 10;

let lexicon: Lexicon | undefined;

/**
 * /strike gaps: the ten most asked unanswered questions for a user listed in STRIKE_ADMINS, a polite
 * refusal for anyone else (the list is editors' material, even though it holds no names).
 */
export async function gapsAnswer(
  gaps: GapLog | undefined,
  admins: readonly string[],
  userId: string,
): Promise<Answer> {
  const base = { intent: "gaps", confidence: 1, facts: [], sources: [], suggestions: [] };
  if (!admins.includes(userId)) return { ...base, status: "help", text: MESSAGES.gapsRefused };
  lexicon ??= new Lexicon(loadKnowledge().lexicon);
  const groups = groupGaps((await gaps?.list()) ?? [], lexicon);
  if (groups.length === 0) return { ...base, status: "help", text: MESSAGES.gapsNone };
  const shown = Math.min(GAPS_SHOWN, groups.length);
  const lines = formatGaps(groups, shown).map((l) => l.trim());
  return { ...base, status: "help", text: [MESSAGES.gapsIntro(shown, groups.length), ...lines].join("\n") };
}
