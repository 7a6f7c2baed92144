/**
 * The shape of an article before its sentences are read: which lines are the headline, headings,
 * list items, "Label: value" lines, table rows, captions, live-blog times and cross-references.
 * Reading a bulleted list or a table as running prose is what loses most figures on new stories,
 * so every line is classified on its own first.
 */

export type BlockKind =
  | "headline"
  | "heading"
  | "paragraph"
  | "item"
  | "label"
  | "row"
  | "caption"
  | "time"
  | "aside";

export interface Block {
  kind: BlockKind;
  /** The text with list markers, datelines and table bars removed. */
  text: string;
  /** For a "Label: value" line, the label; for a table row, the header cells. */
  label?: string;
  header?: string[];
  cells?: string[];
  /** The heading or list intro this block sits under (a question subheading, "Day by day"). */
  context?: string;
  /** Index of the source paragraph (blank-line separated) or line. */
  paragraph: number;
}

const BULLET = /^\s*(?:[-•*–—▪●◦]|\d{1,2}[.)])\s+/;
const ASIDE =
  /^(?:READ MORE|MORE|RELATED|SEE ALSO|ALSO READ|WATCH|LISTEN|ENDS|SIGN UP|ADVERTISEMENT|Read more|Related|See also|Also read|Sign up)\b\s*[:\-–—]?/;
const MEDIA_CONTACT =
  /^(?:Media (?:contact|enquiries)|Press (?:office|contact)|Contact|Email|Tel|Phone)\b.*[:@]/i;
/** "KESTREL BAY, B.C. —", "DAYTON, Ohio (AP) —", "LONDON (Reuters) -" at the start of a story. */
const DATELINE =
  /^[A-Z][A-Z .,'’-]{2,40}(?:,\s*[A-Z][A-Za-z.]{1,12}\.?)?\s*(?:\([A-Za-z ]{1,20}\)\s*)?[—–-]\s+/;
/** "16:52", "3.20pm", "9:05 a.m.", "Last updated: ..." lines of a live blog. */
const TIME_LINE = /^(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s+[A-Z]{2,4})?\s*$/i;
const TIME_PREFIX = /^(\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)\s*[:\-–—]?\s+(?=[A-Z])/i;
const CAPTION = /\((?:Image|Photo|Picture|Pic)(?:\s*:|\s+credit)[^)]*\)\s*$|^(?:Image|Photo|Picture)\s*:/i;
const LABEL_LINE = /^([A-Z][^:.!?]{1,48}?):\s+(\S.*)$/;

/** Splits an article into classified blocks, one per line or paragraph. */
export function layout(article: string): Block[] {
  const text = article.replace(/\r\n?/g, "\n").replace(/\t/g, " ");
  const lines = text.split("\n");
  // An article with no blank lines at all has one paragraph a line.
  const lineParagraphs = !/\n\s*\n/.test(text.trim());
  const blocks: Block[] = [];
  let paragraph = 0;
  let blank = true;
  let context: string | undefined;
  let table: string[] | undefined;
  for (const rawLine of lines) {
    const line = rawLine.replace(/\s+/g, " ").trim();
    if (!line) {
      blank = true;
      table = undefined;
      continue;
    }
    if (blank || lineParagraphs) paragraph++;
    const startsParagraph = blank;
    blank = false;
    const push = (b: Omit<Block, "paragraph">) => blocks.push({ ...b, paragraph });

    if (blocks.length === 0) {
      push({ kind: "headline", text: stripEnd(line) });
      continue;
    }
    if (ASIDE.test(line) || MEDIA_CONTACT.test(line) || /^#{1,6}\s*$/.test(line)) {
      push({ kind: "aside", text: line });
      continue;
    }
    if (CAPTION.test(line)) {
      push({ kind: "caption", text: line.replace(CAPTION, "").trim() });
      continue;
    }
    if (TIME_LINE.test(line) || /^(?:Last updated|Updated|Posted)\b/i.test(line)) {
      push({ kind: "time", text: line });
      context = undefined;
      continue;
    }
    if (line.includes("|")) {
      const cells = line
        .split("|")
        .map((c) => c.trim())
        .filter((c, i, all) => c || (i > 0 && i < all.length - 1));
      if (cells.length >= 2) {
        if (/^[-:| ]+$/.test(line)) continue;
        // The first row of a table with no figure in it names the columns.
        if (!table && !cells.slice(1).some((c) => /\d/.test(c))) {
          table = cells;
          push({ kind: "heading", text: cells.join(", ") });
          continue;
        }
        push({
          kind: "row",
          text: cells.join(": "),
          cells,
          ...(table ? { header: table } : {}),
          ...ctx(context),
        });
        continue;
      }
    }
    const bullet = line.match(BULLET);
    if (bullet) {
      const body = line.slice(bullet[0].length);
      const labelled = body.match(LABEL_LINE);
      push({
        kind: "item",
        text: body,
        ...(labelled && labelled[1]!.split(" ").length <= 6 ? { label: labelled[1]! } : {}),
        ...ctx(context),
      });
      continue;
    }
    const timed = line.match(TIME_PREFIX);
    if (timed) {
      push({ kind: "time", text: timed[1]! });
      push({ kind: "paragraph", text: line.slice(timed[0].length) });
      continue;
    }
    const labelled = line.match(LABEL_LINE);
    if (
      labelled &&
      labelled[1]!.split(" ").length <= 7 &&
      !/["“]/.test(labelled[1]!) &&
      !/said$/i.test(labelled[1]!)
    ) {
      push({ kind: "label", text: line, label: labelled[1]!, ...ctx(context) });
      continue;
    }
    if (isHeading(line)) {
      push({ kind: "heading", text: stripEnd(line) });
      context = stripEnd(line);
      continue;
    }
    // A sentence ending with a colon introduces the list or lines that follow.
    if (/:\s*$/.test(line)) context = line;
    else if (startsParagraph && !/:\s*$/.test(line)) context = undefined;
    const dateline = blocks.filter((b) => b.kind === "paragraph").length === 0 ? line.match(DATELINE) : null;
    push({ kind: "paragraph", text: dateline ? line.slice(dateline[0].length) : line });
  }
  return blocks;
}

function ctx(context: string | undefined): { context?: string } {
  return context ? { context } : {};
}

/** A short line without a full stop: a subheading ("Will schools close?", "Day by day", "Key facts"). */
function isHeading(line: string): boolean {
  const words = line.split(" ").length;
  if (words > 14) return false;
  if (/[.!]["”’]?$/.test(line) && !/\?$/.test(line)) return false;
  if (/[:;,]$/.test(line)) return false;
  if (/["“”]/.test(line)) return false;
  return /\?$/.test(line) || words <= 8;
}

function stripEnd(line: string): string {
  return line.replace(/\s*[|]\s*$/, "").trim();
}
