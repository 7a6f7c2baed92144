/**
 * User-facing texts only the Discord adapter needs (the shared ones live in core/messages.ts).
 * Candidates to move into MESSAGES once the core owner agrees.
 */
export const DISCORD_MESSAGES = Object.freeze({
  buttonExpired: "That button has expired. Please ask the question again with /strike ask.",
  statsHeading: "The strike in figures",
  quotesHeading: "What people said",
  helpHeading: "What I can tell you",
});
