/** Every user-facing text that is not built from the article, in one place so tests can assert on it. */
export const MESSAGES = Object.freeze({
  empty: "Ask me a question about the story, for example: how many appointments were cancelled?",
  tooLong: (limit: number) =>
    `That message is too long for me (over ${limit} characters). Please ask one short question.`,
  notInArticle: "The article doesn't say.",
  nearby: "Here is what it does say nearby:",
  offTopic: "I can only answer questions about the article I was given.",
  clarify: "Did you mean one of these?",
  noQuotes: "The article quotes nobody by that name.",
  slowDown: "You're asking faster than I can answer. Please wait a moment and try again.",
  busy: "I'm answering a lot of questions right now and can't take yours. Please try again in a minute.",
  handlerError: "Sorry, something went wrong while answering that. Please try again in a moment.",
  unknownCommand: (name: string) => `I don't know the command "${name}". Try /strike help.`,
  buttonExpired: "That button has expired. Please ask the question again with /strike ask.",
  postToChannel: "Post to channel",
  sourceLine: (paragraph: number) => `Source (paragraph ${paragraph})`,
  statsHeading: "The strike in figures",
  quotesHeading: "What people said",
  helpHeading: "What I can tell you",
  homeExamplesHeading: "Questions you can ask",
  homeHowToHeading: "How to ask",
  homeHowTo: [
    "Mention me in a channel (`@strike-bot how many appointments were cancelled?`): I answer in a thread, and replies in that thread need no mention.",
    "Or send me a direct message from the Messages tab.",
  ],
  gapsHeading: "What readers asked that the story doesn't answer",
  gapsIntro: (shown: number, total: number) =>
    `The ${shown} most asked of ${total} unanswered questions (times asked, last asked):`,
  gapsNone: "No unanswered questions have been recorded yet.",
  gapsRefused:
    "Sorry, the list of unanswered questions is only for the bot's editors. Ask me about the story instead!",
});
