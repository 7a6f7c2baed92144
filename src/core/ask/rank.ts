/**
 * Stage 3, ranking: a linear score over the gathered candidates' features, with weights fitted on
 * the fit part of the corpus (data/weights.json, `npm run fit`), turned into probabilities by a
 * softmax over the question's candidates. Each family of questions (figures, dates, names, text)
 * has its own weights: what makes a good answer to "how many" is not what makes one to "who".
 */
import { FEATURES, type Scored } from "./gather.js";
import type { AnswerType } from "./question.js";

export const FAMILIES = ["figure", "when", "entity", "text"] as const;
export type Family = (typeof FAMILIES)[number];

export function familyOf(type: AnswerType): Family {
  if (["count", "money", "percent", "points", "duration"].includes(type)) return "figure";
  if (type === "date" || type === "time") return "when";
  if (type === "person" || type === "org" || type === "place") return "entity";
  return "text";
}

export interface RankerWeights {
  ranker: Record<Family, Record<string, number>>;
  abstain: Record<string, number>;
  threshold: number;
  /** Where the fact matcher found no answer, the pool's answer is given at or above this probability. */
  rescue: number;
  /** Where the matcher answered from elsewhere than the pool's top, the pool's answer is given at or above this probability. */
  override?: number;
}

export class Ranker {
  private readonly w: Record<Family, number[]>;

  constructor(weights: RankerWeights) {
    this.w = Object.fromEntries(
      FAMILIES.map((f) => [f, FEATURES.map((x) => weights.ranker[f]?.[x] ?? 0)]),
    ) as Record<Family, number[]>;
  }

  /** Scores in place and returns the candidates best first, with softmax probabilities. */
  rank(scored: Scored[], type: AnswerType): Array<Scored & { p: number }> {
    const w = this.w[familyOf(type)];
    for (const s of scored) {
      let z = 0;
      for (let i = 0; i < w.length; i++) z += w[i]! * s.features[i]!;
      s.score = z;
    }
    scored.sort((a, b) => b.score - a.score || a.index - b.index);
    const top = scored[0]?.score ?? 0;
    let sum = 0;
    const exps = scored.map((s) => {
      const e = Math.exp(s.score - top);
      sum += e;
      return e;
    });
    return scored.map((s, i) => Object.assign(s, { p: exps[i]! / sum }));
  }
}
