/**
 * The /strike command, described once: the Slack handler, the Discord handler and the
 * Discord registration script all read this object, so they cannot drift apart.
 */
export interface CommandOption {
  name: string;
  description: string;
  type: "string" | "boolean";
  required: boolean;
  /** Discord offers live suggestions from the bot while the user types. */
  autocomplete?: boolean;
  /** Discord choices are filled from the fact store (its speakers) at registration time. */
  choicesFrom?: "speakers";
}

export interface Subcommand {
  name: "stats" | "ask" | "quote" | "help" | "gaps";
  description: string;
  /** How the subcommand is typed after /strike in Slack, for help texts. */
  usage: string;
  options: readonly CommandOption[];
}

const publicOption: CommandOption = {
  name: "public",
  description: "Post the answer to the channel instead of only to you",
  type: "boolean",
  required: false,
};

export const STRIKE_COMMAND = Object.freeze({
  name: "strike",
  description: "Ask strike-bot about the strike story",
  subcommands: [
    {
      name: "stats",
      description: "The headline figures from the article",
      usage: "/strike stats [public]",
      options: [publicOption],
    },
    {
      name: "ask",
      description: "Ask a question about the article",
      usage: "/strike ask <question> [public]",
      options: [
        {
          name: "question",
          description: "Your question, e.g. how many appointments were cancelled?",
          type: "string",
          required: true,
          autocomplete: true,
        },
        publicOption,
      ],
    },
    {
      name: "quote",
      description: "What people in the article said",
      usage: "/strike quote [who] [public]",
      options: [
        {
          name: "who",
          description: "Whose quotes to show",
          type: "string",
          required: false,
          choicesFrom: "speakers",
        },
        publicOption,
      ],
    },
    {
      name: "help",
      description: "What strike-bot knows and how to ask",
      usage: "/strike help",
      options: [],
    },
    {
      name: "gaps",
      description: "Editors: the questions readers asked that the story doesn't answer",
      usage: "/strike gaps",
      options: [],
    },
  ] satisfies readonly Subcommand[],
});

export type SubcommandName = Subcommand["name"];

export const SUBCOMMAND_NAMES: readonly SubcommandName[] = STRIKE_COMMAND.subcommands.map((s) => s.name);
