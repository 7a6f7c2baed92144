/**
 * The one redactor every log line passes through (src/log.ts wires it into pino). Errors from the
 * Slack and Discord SDKs carry the URLs and bodies of the requests that failed, and those URLs carry
 * secrets: an interaction token lets anyone reply as the bot for 15 minutes, a response_url or a
 * webhook URL lets anyone post into the channel. So secrets are removed by shape, wherever they are.
 */

export const REDACTED = "[redacted]";

/** Secret shapes, each replaced whole or (with a group) after the part that names what it is. */
const PATTERNS: readonly [RegExp, string][] = [
  // Slack tokens: bot, user, app-level, refresh, configuration (xoxb-, xoxp-, xoxa-, xoxe-, xapp-).
  [/\bxox[a-z]-[A-Za-z0-9-]+/g, REDACTED],
  [/\bxapp-[A-Za-z0-9-]+/g, REDACTED],
  // An Authorization header value, whatever the scheme.
  [/\b(Bot|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`],
  // Discord bot tokens: three base64url parts joined by dots (user id, timestamp, HMAC).
  [/\b[A-Za-z0-9_-]{18,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}/g, REDACTED],
  // Discord interaction and webhook tokens in REST paths: /interactions/<id>/<token>/…, /webhooks/<id>/<token>.
  [/(\/(?:interactions|webhooks)\/[^/\s"'?#]+\/)[^/\s"'?#]+/g, `$1${REDACTED}`],
  // Slack response_urls and incoming webhooks: hooks.slack.com/commands|actions|services|workflows|triggers/….
  [/(\/(?:commands|actions|services|workflows|triggers)\/)[^\s"'?#]+/g, `$1${REDACTED}`],
];

/** Keys whose values are never logged: request bodies can quote user text and carry tokens. */
const DROPPED_KEYS = new Set(["requestBody", "body", "rawBody", "authorization", "Authorization"]);

const MAX_DEPTH = 8;

/** Removes every secret-shaped part of a string. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A copy of a value with every string redacted and request bodies dropped; Errors become plain
 * objects (type, message, stack, code, status and their own properties). Cycles and deep nesting stop.
 */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[deep]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  if (value instanceof Error) {
    out.type = value.constructor.name;
    out.message = redactText(value.message);
    if (value.stack !== undefined) out.stack = redactText(value.stack);
    if (value.cause !== undefined) out.cause = redactValue(value.cause, depth + 1, seen);
  }
  for (const [key, item] of Object.entries(value)) {
    if (DROPPED_KEYS.has(key)) {
      out[key] = "[omitted]";
      continue;
    }
    // Sockets, agents and streams hang off network errors: nothing in them is worth a log line.
    if (item !== null && typeof item === "object" && isMachinery(item)) continue;
    out[key] = redactValue(item, depth + 1, seen);
  }
  return out;
}

function isMachinery(value: object): boolean {
  const name = value.constructor?.name ?? "";
  return /Socket|Agent|Stream|ClientRequest|IncomingMessage|Timeout|AbortSignal|Client$/.test(name);
}
