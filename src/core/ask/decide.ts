/**
 * Stage 4, deciding: answer with the top candidate, or say the article doesn't say. A logistic
 * model over the top candidate's probability, its margin over the runner-up with another value,
 * and the demands of the question it leaves unmet (a name, a rare word), fitted on the corpus.
 */
import { FEATURES, type FeatureName, type Scored } from "./gather.js";
import type { RankerWeights } from "./rank.js";

export const DECISION_FEATURES = [
  "top",
  "margin",
  "cover",
  "coverNear",
  "missName",
  "otherName",
  "typeFit",
  "missRare",
  "vectorOnly",
  "focusNear",
  "saysUnknown",
  "absent",
  "priorAgrees",
  "priorAnswered",
  "complete",
] as const;

/** absent: the weighted share of question words that nothing in the article stands for. */
export function decisionFeatures(
  ranked: Array<Scored & { p: number }>,
  absent: number,
): Record<(typeof DECISION_FEATURES)[number], number> {
  const top = ranked[0]!;
  const rival = ranked.find((r) => r.c.answer !== top.c.answer && r.c.value !== top.c.value);
  const f = (name: FeatureName) => top.features[FEATURES.indexOf(name)]!;
  return {
    top: top.p,
    margin: top.p - (rival?.p ?? 0),
    cover: f("cover"),
    coverNear: f("coverNear"),
    missName: f("missName"),
    otherName: f("otherName"),
    typeFit: f("typeFit"),
    missRare: f("missRare"),
    vectorOnly: f("vectorOnly"),
    focusNear: f("focusNear"),
    saysUnknown: f("saysUnknown"),
    absent,
    // Every word of the question met, the counted thing right by the figure, no name missing.
    complete: f("cover") >= 0.95 && f("missName") === 0 && f("countedOther") === 0 ? 1 : 0,
    priorAgrees: Math.max(f("priorValue"), f("priorSentence")),
    priorAnswered: ranked.some(
      (r) =>
        r.features[FEATURES.indexOf("priorSentence")]! > 0 || r.features[FEATURES.indexOf("priorValue")]! > 0,
    )
      ? 1
      : 0,
  };
}

export type DecisionFeatures = ReturnType<typeof decisionFeatures>;

/** Probability that the top candidate is a right answer (0 when there is none). */
export function answerProbability(x: DecisionFeatures | undefined, weights: RankerWeights): number {
  if (!x) return 0;
  let z = weights.abstain.bias ?? 0;
  for (const name of DECISION_FEATURES) z += (weights.abstain[name] ?? 0) * x[name];
  return 1 / (1 + Math.exp(-z));
}
