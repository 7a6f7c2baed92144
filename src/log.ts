import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";
import { redactText, redactValue } from "./redact.js";

export type { Logger };

/** Paths pino blanks out wherever they appear in a log object: secrets never reach a log line. */
export const REDACTED_PATHS = [
  "token",
  "*.token",
  "botToken",
  "appToken",
  "signingSecret",
  "*.botToken",
  "*.appToken",
  "*.signingSecret",
  "headers.authorization",
  "*.headers.authorization",
];

/**
 * The logger options every logger of the bot uses (tests too): named secret fields are blanked, and
 * every logged object, error and message string goes through the one redactor (src/redact.ts), which
 * strips tokens and secret URLs by their shape wherever they hide (an SDK error's URL or body).
 */
export function loggerOptions(level = "info"): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    serializers: { err: (error: unknown) => redactValue(error) },
    formatters: { log: (object) => redactValue(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === "string" ? redactText(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
}

/** Logs go to stderr so that stdout stays clean for the command-line JSON contract. */
export function createLogger(level = "info", destination: DestinationStream = pino.destination(2)): Logger {
  return pino(loggerOptions(level), destination);
}
