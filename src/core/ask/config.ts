/** The reading engine's tunables that are not fitted (data/weights.json holds the fitted ones). */
export const READING_DEFAULTS = Object.freeze({
  /** Candidates fully described per question, after the cheap score from the posting lists. */
  gatherLimit: 80,
  /** A worked answer is given when its parts meet the question at least this well (the weaker part's cover). */
  computeSupport: 0.3,
  /** Typo corrections remembered per engine. */
  typoMemory: 2_000,
});
