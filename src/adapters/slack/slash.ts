import { STRIKE_COMMAND, SUBCOMMAND_NAMES, type SubcommandName } from "../../commands.js";

/** What a /strike invocation asks for, after the subcommand and the `public` word are read. */
export interface SlashRequest {
  subcommand: SubcommandName;
  /** The question (ask) or the speaker (quote); empty when not given. */
  argument: string;
  /** Post to the channel instead of only to the user. */
  visibility: "ephemeral" | "public";
}

const PUBLIC_WORD = STRIKE_COMMAND.subcommands
  .flatMap((s) => s.options)
  .find((o) => o.type === "boolean" && o.name === "public")?.name;

/**
 * Parses the text after /strike. Subcommand names come from STRIKE_COMMAND; anything that does not
 * start with one is a question (`/strike how many…` = `/strike ask how many…`); an empty command is help.
 * `public` as the first or last word makes the answer visible to the channel.
 */
export function parseSlash(text: string): SlashRequest {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "");
  let visibility: SlashRequest["visibility"] = "ephemeral";
  if (PUBLIC_WORD !== undefined) {
    const isPublic = (w: string | undefined) => w !== undefined && w.toLowerCase() === PUBLIC_WORD;
    if (isPublic(words[words.length - 1])) {
      words.pop();
      visibility = "public";
    } else if (isPublic(words[0])) {
      words.shift();
      visibility = "public";
    }
  }
  const first = words[0]?.toLowerCase();
  const named = SUBCOMMAND_NAMES.find((name) => name === first);
  if (named !== undefined) return { subcommand: named, argument: words.slice(1).join(" "), visibility };
  if (words.length === 0) return { subcommand: "help", argument: "", visibility };
  return { subcommand: "ask", argument: words.join(" "), visibility };
}

/** The usage lines for help texts, read from the shared command metadata. */
export function usageLines(): string[] {
  return STRIKE_COMMAND.subcommands.map((s) => `${s.usage} (${s.description})`);
}
