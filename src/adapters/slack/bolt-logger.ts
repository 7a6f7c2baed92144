import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../log.js";

function line(parts: unknown[]): string {
  return parts
    .map((p) => (p instanceof Error ? (p.stack ?? p.message) : typeof p === "string" ? p : JSON.stringify(p)))
    .join(" ");
}

/**
 * Bolt, the Socket Mode client and the Web API client log through this: their lines go to pino
 * (component "slack-sdk"); pino's redactor (src/redact.ts) strips anything secret from each line.
 */
export function boltLogger(logger: Logger, level: LogLevel = LogLevel.WARN): BoltLogger {
  const child = logger.child({ component: "slack-sdk" });
  let current = level;
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  const enabled = (l: LogLevel) => order.indexOf(l) >= order.indexOf(current);
  return {
    debug: (...msg: unknown[]) => {
      if (enabled(LogLevel.DEBUG)) child.debug(line(msg));
    },
    info: (...msg: unknown[]) => {
      if (enabled(LogLevel.INFO)) child.info(line(msg));
    },
    warn: (...msg: unknown[]) => {
      if (enabled(LogLevel.WARN)) child.warn(line(msg));
    },
    error: (...msg: unknown[]) => {
      if (enabled(LogLevel.ERROR)) child.error(line(msg));
    },
    setLevel: (l: LogLevel) => {
      current = l;
    },
    getLevel: () => current,
    setName: () => {},
  };
}
