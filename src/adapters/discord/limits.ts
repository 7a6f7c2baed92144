/** Discord's documented size limits, in one place; renderers cut to these by construction. */
export const LIMITS = Object.freeze({
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  /** Sum of title, description, field names/values, footer and author over all embeds of a message. */
  embedTotal: 6000,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandDescription: 100,
});

/** Cuts text to at most `max` characters (UTF-16 units), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (max <= 0) return "";
  if (text.length <= max) return text;
  if (max === 1) return "…";
  let cut = text.slice(0, max - 1);
  // Do not leave half of a surrogate pair, nor a dangling escape backslash.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  while (cut.endsWith("\\")) cut = cut.slice(0, -1);
  return `${cut}…`;
}
