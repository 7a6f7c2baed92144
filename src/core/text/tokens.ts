/** Tokenising and light stemming shared by the builder and the matcher, so both see words the same way. */

export interface Token {
  /** Lower-cased surface form, hyphens kept ("non-urgent", "call-outs"). */
  word: string;
  /** Stem used for matching ("cancelled" -> "cancel"). */
  stem: string;
  /** Character offset in the source text. */
  start: number;
  end: number;
  /** True when the source word began with a capital letter. */
  capitalised: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:[-'’.,&][\p{L}\p{N}]+)*%?/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let raw = m[0];
    // A trailing possessive belongs to the word, not to the token ("Association’s" -> "association").
    raw = raw.replace(/['’]s$/i, "");
    const start = m.index ?? 0;
    const word = raw.toLowerCase().replace(/’/g, "'");
    // Commas inside a token are thousands separators only when digits surround them.
    if (/[,]/.test(word) && !/^\d{1,3}(,\d{3})+(\.\d+)?%?$/.test(word)) {
      let offset = start;
      for (const part of raw.split(",")) {
        if (part) tokens.push(makeToken(part, offset));
        offset += part.length + 1;
      }
      continue;
    }
    tokens.push(makeToken(raw, start));
  }
  return tokens;
}

function makeToken(raw: string, start: number): Token {
  const word = raw.toLowerCase().replace(/’/g, "'").replace(/\.$/, "");
  return { word, stem: stem(word), start, end: start + raw.length, capitalised: /^\p{Lu}/u.test(raw) };
}

/** A small suffix stripper: enough to join plurals and tenses, predictable enough to reason about. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (/\d/.test(w)) return w.replace(/,/g, "");
  if (w.includes("-")) return w.split("-").map(stem).join("-");
  if (w.length <= 3) return w;
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:x|ch|sh|z|us)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
  if (w.endsWith("ing") && w.length > 5) w = restoreE(w.slice(0, -3));
  else if (w.endsWith("ied") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ed") && w.length > 4) w = restoreE(w.slice(0, -2));
  if (w.endsWith("e") && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** "liv" (living) -> "live", "car" (cared) -> "care", but "gett" (getting) -> "get". */
function restoreE(w: string): string {
  const undoubled = undouble(w);
  if (undoubled !== w) return undoubled;
  return w.length <= 4 && /^[^aeiou]*[aeiou][^aeiouwxy]$/.test(w) ? `${w}e` : w;
}

function undouble(w: string): string {
  if (/([bdfgklmnprt])\1$/.test(w)) return w.slice(0, -1);
  return w;
}
