/**
 * Slack text in and out.
 * In: users type Slack markup (<@U1>, <#C1|general>, <https://x|label>, &lt;); the core wants plain text.
 * Out: anything rendered as mrkdwn is escaped so that nothing a user typed can become a mention,
 * a broadcast (<!channel>, <!here>) or a link when the bot echoes it back.
 */

const ENTITY: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">" };

/** Turns the text of a Slack message into plain text: mentions and links become readable words. */
export function slackToPlain(text: string, botUserId?: string): string {
  let out = text;
  if (botUserId) out = out.split(`<@${botUserId}>`).join(" ");
  out = out.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = "", label] = inner.split("|", 2);
    if (target.startsWith("@")) return label ? `@${label}` : target;
    if (target.startsWith("#")) return label ? `#${label}` : target;
    if (target.startsWith("!")) {
      const name = target.slice(1).split("^")[0] ?? "";
      return label ?? `@${name}`;
    }
    return label ?? target;
  });
  out = out.replace(/&(amp|lt|gt);/g, (entity) => ENTITY[entity] ?? entity);
  return out.replace(/\s+/g, " ").trim();
}

const BROADCAST = /@(channel|here|everyone)\b/gi;

/**
 * Escapes plain text for mrkdwn (and for the top-level text fallback): &, < and > become entities,
 * so <!channel>, <@U…> and <http://…|…> cannot be formed; bare @here/@channel words get a
 * zero-width space so no client or parse mode can turn them into a broadcast.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(BROADCAST, (_whole, word: string) => `@\u200b${word}`);
}

/** Plain-text Block Kit fields (buttons, headers) are not parsed, but broadcasts are still neutralised. */
export function safePlain(text: string): string {
  return text.replace(BROADCAST, (_whole, word: string) => `@\u200b${word}`);
}

/** Cuts text to a Block Kit limit, ending with an ellipsis when it had to cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Escapes plain text for mrkdwn and keeps the escaped result within a Block Kit length limit. */
export function mrkdwnWithin(text: string, max: number): string {
  let plain = truncate(text, max);
  let escaped = escapeMrkdwn(plain);
  while (escaped.length > max) {
    plain = truncate(plain, plain.length - (escaped.length - max));
    escaped = escapeMrkdwn(plain);
  }
  return escaped;
}
