import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/core/answer.js";
import { loadBot } from "../../src/load-bot.js";
import { askAll, problemsWith, readQuestions } from "../support/questions.js";

/**
 * The question sets, each against its article: the shared dev and Wrenfield sets (copied here), the
 * paraphrases, two more synthetic articles, and a held-out pair written apart from the tuning.
 * Questions the bot does not answer yet are listed as known gaps: they run as expected failures,
 * so fixing one turns its test red until it is taken off the list.
 */
const SUITES = [
  { name: "dev (shared)", file: "test/questions/dev.jsonl" },
  { name: "Southampton paraphrases", file: "test/questions/southampton-paraphrases.jsonl" },
  {
    name: "Wrenfield (shared)",
    file: "test/questions/wrenfield.jsonl",
    article: "test/fixtures/articles/synthetic-wrenfield-paramedics-strike.txt",
  },
  {
    name: "Harbourside rail strike",
    file: "test/questions/harbourside.jsonl",
    article: "test/fixtures/articles/synthetic-harbourside-rail-strike.txt",
  },
  {
    name: "Millbrook teachers' strike",
    file: "test/questions/millbrook.jsonl",
    article: "test/fixtures/articles/synthetic-millbrook-teachers-strike.txt",
  },
  {
    name: "Ashby bin strike (held out)",
    file: "test/fixtures/holdout/ashby.jsonl",
    article: "test/fixtures/holdout/synthetic-ashby-bin-strike.txt",
  },
  {
    name: "Kelsey university strike (held out)",
    file: "test/fixtures/holdout/kelsey.jsonl",
    article: "test/fixtures/holdout/synthetic-kelsey-university-strike.txt",
  },
  {
    name: "Portbury bus strike (held out)",
    file: "test/fixtures/holdout2/portbury.jsonl",
    article: "test/fixtures/holdout2/synthetic-portbury-bus-strike.txt",
  },
  {
    name: "Glenmoor care strike (held out)",
    file: "test/fixtures/holdout2/glenmoor.jsonl",
    article: "test/fixtures/holdout2/synthetic-glenmoor-care-strike.txt",
  },
  {
    name: "Castleford airport strike (held out)",
    file: "test/fixtures/holdout3/castleford.jsonl",
    article: "test/fixtures/holdout3/synthetic-castleford-airport-strike.txt",
  },
  {
    name: "Dunmore junior doctors' strike (held out)",
    file: "test/fixtures/holdout3/dunmore.jsonl",
    article: "test/fixtures/holdout3/synthetic-dunmore-junior-doctors-strike.txt",
  },
  {
    name: "Wrenfield paraphrases (held out)",
    file: "test/fixtures/holdout4/wrenfield-paraphrases.jsonl",
    article: "test/fixtures/articles/synthetic-wrenfield-paramedics-strike.txt",
  },
  {
    name: "Southampton paraphrases, second set (held out)",
    file: "test/fixtures/holdout4/southampton-paraphrases-2.jsonl",
  },
  {
    name: "Northgate porters' strike (held out)",
    file: "test/fixtures/holdout4/northgate.jsonl",
    article: "test/fixtures/holdout4/synthetic-northgate-porters-strike.txt",
  },
];

/** Known gaps, by question id, with why. */
const KNOWN_GAPS: Record<string, string> = {
  a25: "'sorted' for 'cleared by the end of the month': no date fact for a relative deadline",
  n17: "'how long did patients wait for a porter': 47 minutes is an average, asked without 'average'",
  n28: "'how long do patients normally wait': the usual time is in the same sentence as the strike-time average",
  k22: "yes/no about refunds: the settling sentence does not mention students",
  g21: "'people cared for at home' vs 'in care homes': both list items match both wordings",
  u22: "'this time than in March': the difference needs the current total and the March total",
  wp01: "'999 jobs' for call-outs: 'jobs' is not a word for calls in general",
  wp03: "'jobs picked up by local responders': same",
  wp04: "'ambulance crew members': the crew noun is matched, the 'ambulance' modifier is not",
  wp12: "'aiming for on response times': the target figure's sentence does not name the gravest emergencies",
  wp13: "'seasoned paramedics ... lost': the quote says '45 experienced staff', 'ambulance service' is not in it",
  wp19: "'negotiations between management and the union': the sentence names neither side",
  sp20: "'queue for treatment': 'treatment' is not in the waiting-list sentence",
  sp26: "a difference between the first and the second day needs ordinal days inside a comparison",
  n10: "'paid now': current pay and the pay demanded are both money figures of one sentence",
  n12: "'pay offer ... made': the article's offer is in words ('no offer'), not a figure",
  n13: "'each striker lose per day': the figure is per shift, written 'on a standard shift ... gave up £87'",
  n15: "'cleaning shifts': the 51 per cent is a figure without its own noun ('the figure was lower, at 51 per cent')",
};

for (const suite of SUITES) {
  describe(`question set: ${suite.name}`, () => {
    const cases = readQuestions(suite.file);
    let answers: Map<string, Answer>;
    beforeAll(() => {
      answers = askAll(loadBot(suite.article ? { articlePath: suite.article } : {}), cases);
    });
    for (const c of cases) {
      const title = `${c.id}${c.conversation ? ` [${c.conversation}]` : ""}: ${c.q}`;
      const check = () => expect(problemsWith(c, answers.get(c.id)!)).toEqual([]);
      if (KNOWN_GAPS[c.id]) it.fails(`${title} (known gap: ${KNOWN_GAPS[c.id]})`, check);
      else it(title, check);
    }
  });
}
