import { readFileSync } from "node:fs";
import type { Answer } from "../../src/core/answer.js";
import type { Bot } from "../../src/core/bot.js";

/** One line of a question set, in the format of the shared eval sets. */
export interface QuestionCase {
  id: string;
  q: string;
  status: string | string[];
  all?: string[];
  none?: string[];
  conversation?: string;
}

export function readQuestions(path: string): QuestionCase[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as QuestionCase);
}

/** Asks every question in order; lines without a conversation stand alone, as the scorer runs them. */
export function askAll(bot: Bot, cases: QuestionCase[]): Map<string, Answer> {
  const answers = new Map<string, Answer>();
  cases.forEach((c, i) => {
    answers.set(c.id, bot.ask(c.q, c.conversation ?? `single-${i}`));
  });
  return answers;
}

/** The scorer's rule: an allowed status, every "all" pattern, no "none" pattern (case-insensitive). */
export function problemsWith(c: QuestionCase, answer: Answer): string[] {
  const problems: string[] = [];
  const allowed = ([] as string[]).concat(c.status);
  if (!allowed.includes(answer.status)) problems.push(`status ${answer.status}, wanted ${allowed.join("|")}`);
  for (const re of c.all ?? []) if (!new RegExp(re, "i").test(answer.text)) problems.push(`missing /${re}/`);
  for (const re of c.none ?? [])
    if (new RegExp(re, "i").test(answer.text)) problems.push(`must not match /${re}/`);
  return problems;
}
