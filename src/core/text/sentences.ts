/** Splits an article into paragraphs and sentences without breaking decimals, initials or titles. */

const TITLE_ABBREVIATIONS = /\b(?:Dr|Mr|Mrs|Ms|Prof|St|Sgt|Cllr|Rev|No|vs|etc|e\.g|i\.e)\.$/i;

export function splitParagraphs(text: string): string[] {
  const normalised = text.replace(/\r\n?/g, "\n");
  // Paragraphs are split by blank lines; an article with none uses one line a paragraph.
  const separator = /\n\s*\n/.test(normalised) ? /\n\s*\n/ : /\n/;
  return normalised
    .split(separator)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p.length > 0);
}

export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  // A sentence ends at . ! or ?, optionally followed by closing quotes, then space and a capital, digit or opening quote.
  const boundary = /([.!?]["”’']*)\s+(?=["“‘']?[A-Z0-9])/g;
  let start = 0;
  for (let m = boundary.exec(paragraph); m; m = boundary.exec(paragraph)) {
    const end = m.index + m[1]!.length;
    const candidate = paragraph.slice(start, end);
    if (TITLE_ABBREVIATIONS.test(candidate) || /\b[A-Z]\.$/.test(candidate)) continue;
    sentences.push(candidate.trim());
    start = boundary.lastIndex;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}
