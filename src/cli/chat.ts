import { createInterface, type Interface } from "node:readline";
import type { Bot } from "../core/bot.js";
import type { Metrics } from "../metrics.js";
import { formatAnswer } from "./format.js";

/** A reader that goes away (`| head`) is not an error worth a stack trace. */
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const QUIT = /^(?:quit|exit|bye|\/quit|\/exit)$/i;

/**
 * The terminal chat: the bot with no platform, for trying it out and for newsrooms without Slack or
 * Discord. One conversation, so follow-ups ("and outpatient?") work as they do in a thread.
 */
export function runTerminalChat(
  bot: Bot,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = {
    input: process.stdin,
    output: process.stdout,
  },
  /** Where answers are counted (platform "terminal") when /metrics is served (HEALTH_PORT). */
  metrics?: Metrics,
): Promise<void> {
  const rl: Interface = createInterface({
    input: io.input,
    output: io.output,
    terminal: Boolean((io.output as NodeJS.WriteStream).isTTY),
  });
  const say = (text: string) => io.output.write(`${text}\n`);
  say(`strike-bot: ask me about "${bot.title}"`);
  say(`Try: ${bot.suggest("", 3).join(" | ")}  (type "stats", "quotes" or "quit")\n`);
  rl.setPrompt("you> ");
  rl.prompt();
  return new Promise((resolve) => {
    rl.on("line", (line) => {
      const text = line.trim();
      if (QUIT.test(text)) {
        rl.close();
        return;
      }
      if (text) {
        const answered = metrics?.startAnswer("terminal");
        const answer = /^\/?stats$/i.test(text)
          ? bot.stats()
          : /^\/?quotes?$/i.test(text)
            ? bot.quotes()
            : bot.ask(text, "terminal");
        say(`bot> ${formatAnswer(answer)}\n`);
        answered?.(answer.status);
      }
      rl.prompt();
    });
    rl.on("close", () => {
      say("bye");
      resolve();
    });
  });
}
