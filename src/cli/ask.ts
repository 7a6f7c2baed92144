import { createInterface } from "node:readline";
import type { Answer } from "../core/answer.js";
import type { Bot } from "../core/bot.js";
import { ArticleError, loadBot } from "../load-bot.js";
import { formatAnswer } from "./format.js";

/** A reader that goes away (`| head`) is not an error worth a stack trace. */
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const USAGE = 'usage: npm run ask -- [--article FILE] "question" | --json (questions on stdin, one a line)';

interface Args {
  json: boolean;
  article?: string;
  question: string;
}

export function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, question: "" };
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") args.json = true;
    else if (a === "--article") {
      const file = argv[++i];
      if (!file) throw new UsageError("--article needs a file");
      args.article = file;
    } else if (a === "--help" || a === "-h") throw new UsageError(USAGE);
    else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
    else words.push(a);
  }
  args.question = words.join(" ");
  if (!args.json && !args.question.trim()) throw new UsageError(`no question given. ${USAGE}`);
  return args;
}

class UsageError extends Error {}

/** One JSON object a line, in order: the scorer's contract. */
export function jsonLine(text: string, answer: Answer): string {
  return JSON.stringify({
    text,
    status: answer.status,
    answer: answer.text,
    ...(answer.value !== undefined ? { value: answer.value } : {}),
    intent: answer.intent,
    confidence: answer.confidence,
    sources: answer.sources,
  });
}

function parseLine(line: string): { text: string; conversation?: string } {
  const trimmed = line.trim();
  if (trimmed.startsWith("{")) {
    try {
      const obj = JSON.parse(trimmed) as { text?: unknown; conversation?: unknown };
      const out: { text: string; conversation?: string } = {
        text: typeof obj.text === "string" ? obj.text : "",
      };
      if (typeof obj.conversation === "string") out.conversation = obj.conversation;
      return out;
    } catch {
      // Not JSON after all: take the line as the question.
    }
  }
  return { text: line };
}

async function answerStdin(bot: Bot): Promise<void> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const { text, conversation } = parseLine(line);
    // Without a conversation id each line stands alone, as the scorer expects.
    const answer = bot.ask(text, conversation ?? `line-${n++}`);
    process.stdout.write(`${jsonLine(text, answer)}\n`);
  }
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`ask: ${(error as Error).message}\n`);
    process.exit(2);
  }
  let bot: Bot;
  try {
    bot = loadBot(args.article ? { articlePath: args.article } : {});
  } catch (error) {
    if (error instanceof ArticleError) {
      process.stderr.write(`ask: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (args.json) await answerStdin(bot);
  else process.stdout.write(`${formatAnswer(bot.ask(args.question, "cli"))}\n`);
}

await main();
