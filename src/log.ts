import { type Logger, pino } from "pino";

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

/** Logs go to stderr so that stdout stays clean for the command-line JSON contract. */
export function createLogger(level = "info"): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, pino.destination(2));
}
