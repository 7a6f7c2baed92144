import type { Answer } from "../core/answer.js";

/** The terminal rendering of an Answer: the text, where it comes from, and what else to ask. */
export function formatAnswer(answer: Answer): string {
  const lines = [answer.text];
  for (const s of answer.sources.slice(0, 3)) lines.push(`  source (paragraph ${s.paragraph}): ${s.text}`);
  if (answer.suggestions.length) lines.push(`  try: ${answer.suggestions.join(" | ")}`);
  return lines.join("\n");
}
