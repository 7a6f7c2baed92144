/** Every tunable of the matcher in one frozen place. */
export const MATCHER_DEFAULTS = Object.freeze({
  /** Longest question the core reads; longer gets the "too long" answer. */
  maxQuestionLength: 500,
  /** Below this score nothing answers: "the article doesn't say". */
  answerCutoff: 0.45,
  /** A runner-up this close to the best (and about something else) makes the bot ask which was meant. */
  clarifyMargin: 0.03,
  /** Every question word that matters must reach at least this weight in the fact's words. */
  termCoverage: 0.3,
  /** Weights of where a word sits relative to the fact. */
  weights: Object.freeze({
    own: 1,
    counts: 1,
    sentence: 0.7,
    // A list item is a part of its parent: what is said of the whole holds for it.
    parent: 0.9,
    previousSentence: 0.4,
    nextSentence: 0.25,
    related: 0.6,
    lightTerm: 0.3,
    optionalTerm: 0.5,
  }),
  /** Fuse.js typo tolerance; candidates are then checked by edit distance. */
  fuzzy: Object.freeze({ threshold: 0.34, minWordLength: 4 }),
  /** Conversation memory: kept this long, for at most this many conversations. */
  context: Object.freeze({ ttlMs: 30 * 60 * 1000, maxConversations: 5_000 }),
  /** Suggestions offered with unknown answers and help. */
  maxSuggestions: 4,
});

export type MatcherConfig = typeof MATCHER_DEFAULTS;
