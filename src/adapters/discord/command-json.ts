import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { type CommandOption, STRIKE_COMMAND } from "../../commands.js";
import { LIMITS, truncate } from "./limits.js";

/** What the builder needs from the fact store. */
export interface CommandSources {
  speakers: readonly string[];
}

/** Whether an option fed from the fact store can be a fixed choice list (Discord allows 25 choices at most). */
export function usesChoices(option: CommandOption, sources: CommandSources): boolean {
  return (
    option.choicesFrom === "speakers" &&
    sources.speakers.length > 0 &&
    sources.speakers.length <= LIMITS.choices
  );
}

/** Whether Discord should ask the bot for suggestions while the user types this option. */
export function usesAutocomplete(option: CommandOption, sources: CommandSources): boolean {
  if (option.autocomplete === true) return true;
  // Too many speakers for a choice list: suggest them as the user types instead.
  return option.choicesFrom === "speakers" && sources.speakers.length > LIMITS.choices;
}

function buildOption(option: CommandOption, sources: CommandSources): APIApplicationCommandBasicOption {
  const base = {
    name: option.name,
    description: truncate(option.description, LIMITS.commandDescription),
    required: option.required,
  };
  if (option.type === "boolean") return { ...base, type: ApplicationCommandOptionType.Boolean };
  if (usesChoices(option, sources)) {
    return {
      ...base,
      type: ApplicationCommandOptionType.String,
      choices: sources.speakers.map((speaker) => ({
        name: truncate(speaker, LIMITS.choiceName),
        value: truncate(speaker, LIMITS.choiceValue),
      })),
    };
  }
  if (usesAutocomplete(option, sources)) {
    return { ...base, type: ApplicationCommandOptionType.String, autocomplete: true };
  }
  return { ...base, type: ApplicationCommandOptionType.String };
}

/**
 * Discord's application-command JSON for /strike, built from the shared STRIKE_COMMAND metadata.
 * Both the registration script (PUT body) and the runtime handler read this one function.
 */
export function buildCommandJson(sources: CommandSources): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const subcommands: APIApplicationCommandSubcommandOption[] = STRIKE_COMMAND.subcommands.map((sub) => ({
    type: ApplicationCommandOptionType.Subcommand,
    name: sub.name,
    description: truncate(sub.description, LIMITS.commandDescription),
    // Discord requires required options before optional ones.
    options: [...sub.options]
      .sort((a, b) => Number(b.required) - Number(a.required))
      .map((option) => buildOption(option, sources)),
  }));
  return {
    type: ApplicationCommandType.ChatInput,
    name: STRIKE_COMMAND.name,
    description: truncate(STRIKE_COMMAND.description, LIMITS.commandDescription),
    options: subcommands,
  };
}

/** The whole PUT body: every command this application has (bulk overwrite). */
export function buildCommandsBody(
  sources: CommandSources,
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [buildCommandJson(sources)];
}
