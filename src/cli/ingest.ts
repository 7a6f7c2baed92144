import { writeFileSync } from "node:fs";
import { buildStore } from "../core/create-bot.js";
import { ArticleError, DEFAULT_ARTICLE, loadKnowledge, readArticle } from "../load-bot.js";

const USAGE =
  "usage: npm run ingest -- [ARTICLE] [--out FILE]   (default: the bundled article, printed to stdout)";

/** Builds a fact store from an article and writes it as JSON: `npm run ingest -- ARTICLE --out data/facts.json`. */
function main(argv: string[]): void {
  let article: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--out") {
      out = argv[++i];
      if (!out) fail("--out needs a file");
    } else if (a === "--help" || a === "-h") fail(USAGE, 0);
    else if (a.startsWith("--")) fail(`unknown option ${a}. ${USAGE}`);
    else if (article) fail(`one article at a time. ${USAGE}`);
    else article = a;
  }
  let store: ReturnType<typeof buildStore>;
  try {
    store = buildStore(readArticle(article ?? DEFAULT_ARTICLE), loadKnowledge());
  } catch (error) {
    if (error instanceof ArticleError) fail(error.message);
    throw error;
  }
  const json = `${JSON.stringify(store, null, 2)}\n`;
  if (!out) {
    process.stdout.write(json);
    return;
  }
  try {
    writeFileSync(out, json);
  } catch (error) {
    fail(`cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? "error"}`);
  }
  const counts = `${store.figures.length} figures, ${store.quotes.length} quotes, ${store.speakers.length} speakers, ${store.people.length} people, ${store.organisations.length} organisations, ${store.dates.length} dates, ${store.reasons.length} reasons`;
  process.stderr.write(`ingest: wrote ${out}: ${counts}\n`);
}

function fail(message: string, code = 2): never {
  process.stderr.write(`${code ? "ingest: " : ""}${message}\n`);
  process.exit(code);
}

main(process.argv.slice(2));
