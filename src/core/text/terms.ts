/**
 * Words as the matcher compares them, the same on both sides: a question word and an article word
 * meet when their stems meet. The article side also has the library's lemmas (went → go); the
 * question side has only the stem, so the store keeps both forms of every article word.
 */
import { stem } from "./tokens.js";

/** Words that carry no content in a question or a sentence. */
export const FUNCTION_WORDS = new Set(
  (
    "a an the of to in on at for by with and or but is are was were be been being am do does did done have has had " +
    "having it its it's this that these those there their theirs they them he she his her hers him we our us you your " +
    "i me my what which who whom whose when where why how as from into than then so such can could would should will " +
    "shall may might must if up out over after before during per each every s 's also too very just only not no yes " +
    "please tell know give let get got ok okay whats what's who's hows anyone anything something someone thing things " +
    "here now still even yet ever any some all both either neither own same other another more most less least much many " +
    "about around roughly approximately exactly actually really say said says tell told"
  ).split(" "),
);

/** The stem under which a word is indexed; numbers keep their digits. */
export function key(word: string): string {
  return stem(
    word
      .toLowerCase()
      .replace(/[’']s$/, "")
      .replace(/[’']/g, ""),
  );
}

/** Content words of plain text, in order, lower-cased, with hyphenated words also split into their parts. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)) {
    const w = m[0].replace(/[’']s$/, "");
    if (FUNCTION_WORDS.has(w) || w.length < 2) continue;
    out.push(w);
    if (w.includes("-"))
      for (const part of w.split("-")) if (part.length > 1 && !FUNCTION_WORDS.has(part)) out.push(part);
  }
  return out;
}

export function contentKeys(text: string): string[] {
  return [...new Set(contentWords(text).map(key))];
}

/**
 * Whether two sentence texts are the same sentence as two splitters cut it: one holds the other's
 * first 40 characters (the fact store and the pool split some sentences differently).
 */
export function sameSentence(a: string, b: string): boolean {
  return a.includes(b.slice(0, 40)) || b.includes(a.slice(0, 40));
}
