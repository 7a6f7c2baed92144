import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from "discord.js";
import { STRIKE_COMMAND } from "../../commands.js";
import type { Answer, AnswerStatus } from "../../core/answer.js";
import { escapeText } from "./escape.js";
import { LIMITS, truncate } from "./limits.js";
import type { SuggestionButtons } from "./suggestion-buttons.js";

/** A message body Discord accepts as is: every limit already respected. */
export interface RenderedAnswer {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
}

const COLOURS: Record<AnswerStatus, number> = {
  answered: 0x2b8a3e,
  unknown: 0xe67700,
  clarify: 0x1971c2,
  help: 0x5f3dc4,
};

/** Answers whose suggestions become buttons: the bot didn't know, wasn't sure, or is explaining itself. */
const OFFERS_SUGGESTIONS = new Set<AnswerStatus>(["unknown", "clarify", "help"]);

/** "Header:\n• a\n• b" becomes "Header:"; text that is not such a list is kept whole. */
function withoutBulletList(text: string): string {
  const [first, ...rest] = text.split("\n");
  if (first !== undefined && rest.length > 0 && rest.every((l) => l.trimStart().startsWith("•")))
    return first;
  return text;
}

export interface RenderOptions {
  /** The heading: usually the user's question (escaped here), or a fixed title. */
  heading?: string;
  /** Where suggestion buttons get their custom ids; without it no buttons are drawn. */
  buttons?: SuggestionButtons;
}

/** Discord's own syntax for the subcommands, for the help embed. */
export function discordUsage(): string {
  return STRIKE_COMMAND.subcommands
    .map((sub) => {
      const options = sub.options
        .map((o) => (o.required ? `${o.name}:<${o.name}>` : `[${o.name}]`))
        .join(" ");
      return `/${STRIKE_COMMAND.name} ${sub.name}${options ? ` ${options}` : ""}: ${sub.description}`;
    })
    .join("\n");
}

function sourceFooter(answer: Answer): string | undefined {
  const [first, ...rest] = answer.sources;
  if (!first) return undefined;
  const more = rest.length > 0 ? ` (+${rest.length} more)` : "";
  // Footers do not render markdown: the sentence is shown as plain text, no escaping needed.
  return truncate(`Source: “${first.text}”${more}`, LIMITS.embedFooter);
}

/**
 * Renders an Answer as a Discord embed (answer text, facts as fields, source sentence in the
 * footer) and, for unknown/clarify/help answers, buttons that ask one of the suggested questions.
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): RenderedAnswer {
  let budget = LIMITS.embedTotal;
  const embed: APIEmbed = { color: COLOURS[answer.status] };

  if (options.heading) {
    embed.title = truncate(escapeText(options.heading), LIMITS.embedTitle);
    budget -= embed.title.length;
  }

  const footer = sourceFooter(answer);
  if (footer) {
    embed.footer = { text: footer };
    budget -= footer.length;
  }

  // Figures shown as fields need not be repeated as a bullet list in the text as well.
  const fullText = escapeText(answer.text);
  const shortText = answer.facts.length > 0 ? escapeText(withoutBulletList(answer.text)) : fullText;
  if (shortText.trim() !== "") {
    embed.description = truncate(shortText, Math.min(LIMITS.embedDescription, budget - 1200));
    budget -= embed.description.length;
  }

  const fields: APIEmbedField[] = [];
  const factFields = answer.facts.map((fact) => ({
    name: escapeText(fact.label),
    value: escapeText(fact.value),
    inline: fact.value.length <= 40,
  }));
  if (answer.status === "help") {
    factFields.push({ name: "Commands", value: escapeText(discordUsage()), inline: false });
  }
  for (const field of factFields) {
    if (fields.length >= LIMITS.embedFields) break;
    // Discord rejects blank field names and values: a zero-width space stands in.
    const name = truncate(field.name.trim() || "\u200b", LIMITS.embedFieldName);
    const value = truncate(field.value.trim() || "\u200b", LIMITS.embedFieldValue);
    if (name.length + value.length > budget) break;
    budget -= name.length + value.length;
    fields.push({ name, value, inline: field.inline });
  }
  if (fields.length > 0) embed.fields = fields;
  const factsShown = fields.length >= answer.facts.length;
  if (!factsShown && shortText !== fullText) {
    // Some figures did not fit as fields: keep the text's own list instead.
    budget += embed.description?.length ?? 0;
    embed.description = truncate(fullText, Math.min(LIMITS.embedDescription, budget));
  }

  const components: RenderedAnswer["components"] = [];
  if (options.buttons && OFFERS_SUGGESTIONS.has(answer.status)) {
    const seen = new Set<string>();
    const buttons: APIButtonComponentWithCustomId[] = [];
    for (const question of answer.suggestions) {
      const customId = options.buttons.idFor(question);
      if (seen.has(customId) || question.trim() === "") continue;
      seen.add(customId);
      buttons.push({
        type: ComponentType.Button,
        style: ButtonStyle.Secondary,
        custom_id: customId,
        // Button labels are plain text: no markdown to escape, and they cannot ping.
        label: truncate(question, LIMITS.buttonLabel),
      });
      if (buttons.length >= LIMITS.buttonsPerRow) break;
    }
    if (buttons.length > 0) components.push({ type: ComponentType.ActionRow, components: buttons });
  }

  return { embeds: [embed], components };
}

/** Total characters of an embed as Discord counts them against its 6,000 limit. */
export function embedSize(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}
