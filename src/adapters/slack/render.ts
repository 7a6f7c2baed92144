import type { types } from "@slack/bolt";
import { SUBCOMMAND_NAMES } from "../../commands.js";
import type { Answer, AnswerFact } from "../../core/answer.js";
import { MESSAGES } from "../../core/messages.js";
import { escapeMrkdwn, mrkdwnWithin, safePlain, truncate } from "./escape.js";
import type { SlashRequest } from "./slash.js";

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** A rendered Slack message: Block Kit blocks plus the plain text fallback (notifications, old clients). */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** action_id prefix of the suggestion buttons; the button's value is the question to ask. */
export const SUGGEST_ACTION = "strike_suggest";
/** action_id of the "post to channel" button under ephemeral slash answers. */
export const PUBLIC_ACTION = "strike_public";

// Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
const SECTION_TEXT_MAX = 3000;
const FIELD_MAX = 2000;
const FIELDS_PER_SECTION = 10;
const MAX_FIELD_SECTIONS = 4;
const HEADER_MAX = 150;
const BUTTON_TEXT_MAX = 75;
const BUTTON_VALUE_MAX = 2000;
const MAX_SUGGESTIONS = 5;
const MAX_SOURCES = 2;
const FALLBACK_MAX = 3500;

export interface RenderOptions {
  /** A header line, e.g. the article's title on the stats card. */
  title?: string;
  /** Extra lines after the answer (help usage), plain text. */
  extraLines?: string[];
  /** Offer a "Post to channel" button that re-runs this request publicly. */
  publicRequest?: SlashRequest;
}

/** Answers whose suggestions become buttons: the bot didn't know, wasn't sure, or is explaining itself. */
const OFFERS_SUGGESTIONS = new Set<Answer["status"]>(["unknown", "clarify", "help"]);

/**
 * The answer's section text. When the figures are shown as fields, a bullet list of them in the text
 * ("The headline figures:\n• 1,854 appointments…") would say everything twice, so the bullets are left out.
 */
function sectionText(text: string, factsAsFields: boolean): string {
  const body = text.trim() === "" ? "…" : text;
  if (!factsAsFields) return body;
  const lines = body.split("\n");
  const rest = lines.slice(1);
  if (rest.length > 0 && rest.every((l) => l.trimStart().startsWith("•"))) return lines[0] ?? body;
  return body;
}

/** Facts shown as fields: the figures (and dates, durations), when there are several. Quotes stay in the text. */
const FIELD_KINDS = new Set<AnswerFact["kind"]>(["figure", "computed", "date", "duration"]);

function fieldFacts(answer: Answer): AnswerFact[] {
  const figures = answer.facts.filter((f) => FIELD_KINDS.has(f.kind));
  return figures.length > 1 ? figures.slice(0, FIELDS_PER_SECTION * MAX_FIELD_SECTIONS) : [];
}

function mrkdwn(text: string, max: number): types.MrkdwnElement {
  // verbatim: Slack must not auto-link URLs or channel names found in the (escaped) text.
  return { type: "mrkdwn", text: mrkdwnWithin(text, max), verbatim: true };
}

function plain(text: string, max: number): types.PlainTextElement {
  return { type: "plain_text", text: truncate(safePlain(text), max), emoji: false };
}

/** The value carried by the public button: what to run again, visibly. */
export function encodePublicRequest(request: SlashRequest): string | undefined {
  const value = JSON.stringify({ s: request.subcommand, a: request.argument });
  return value.length <= BUTTON_VALUE_MAX ? value : undefined;
}

export function decodePublicRequest(value: string | undefined): SlashRequest | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(value) as { s?: unknown; a?: unknown };
    if (typeof parsed.s !== "string" || typeof parsed.a !== "string") return undefined;
    const subcommand = SUBCOMMAND_NAMES.find((name) => name === parsed.s);
    if (subcommand === undefined) return undefined;
    return { subcommand, argument: parsed.a, visibility: "public" };
  } catch {
    return undefined;
  }
}

/** Renders a core Answer as Block Kit: answer section, figures as fields, source context, suggestion buttons. */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const blocks: KnownBlock[] = [];
  if (options.title) blocks.push({ type: "header", text: plain(options.title, HEADER_MAX) });

  const facts = fieldFacts(answer);
  blocks.push({
    type: "section",
    text: mrkdwn(sectionText(answer.text, facts.length > 1), SECTION_TEXT_MAX),
  });

  if (facts.length > 1) {
    for (let i = 0; i < facts.length; i += FIELDS_PER_SECTION) {
      const fields = facts.slice(i, i + FIELDS_PER_SECTION).map((fact) => {
        const label = mrkdwnWithin(fact.label, 200);
        const value = mrkdwnWithin(fact.value, FIELD_MAX - label.length - 4);
        return { type: "mrkdwn" as const, text: `*${label}*\n${value}`, verbatim: true };
      });
      blocks.push({ type: "section", fields });
    }
  }

  if (options.extraLines && options.extraLines.length > 0) {
    blocks.push({ type: "section", text: mrkdwn(options.extraLines.join("\n"), SECTION_TEXT_MAX) });
  }

  const sources = answer.sources.slice(0, MAX_SOURCES);
  if (sources.length > 0) {
    blocks.push({
      type: "context",
      elements: sources.map((source) => ({
        type: "mrkdwn" as const,
        text: `${MESSAGES.sourceLine(source.paragraph)}: “${mrkdwnWithin(source.text, 2500)}”`,
        verbatim: true,
      })),
    });
  }

  const buttons: Button[] = [];
  if (OFFERS_SUGGESTIONS.has(answer.status)) {
    answer.suggestions.slice(0, MAX_SUGGESTIONS).forEach((question, i) => {
      if (question.length > BUTTON_VALUE_MAX) return;
      buttons.push({
        type: "button",
        action_id: `${SUGGEST_ACTION}:${i}`,
        text: plain(question, BUTTON_TEXT_MAX),
        value: question,
      });
    });
  }
  if (options.publicRequest) {
    const value = encodePublicRequest(options.publicRequest);
    if (value !== undefined)
      buttons.push({
        type: "button",
        action_id: PUBLIC_ACTION,
        text: plain(MESSAGES.postToChannel, 75),
        value,
      });
  }
  if (buttons.length > 0) blocks.push({ type: "actions", elements: buttons });

  return { text: fallbackText(answer, options), blocks };
}

/** The notification / accessibility text: the answer and its figures, escaped like the blocks. */
function fallbackText(answer: Answer, options: RenderOptions): string {
  const fields = fieldFacts(answer);
  const lines = [
    options.title,
    sectionText(answer.text, fields.length > 0),
    ...fields.map((f) => `• ${f.label}: ${f.value}`),
  ];
  if (OFFERS_SUGGESTIONS.has(answer.status))
    lines.push(...answer.suggestions.slice(0, MAX_SUGGESTIONS).map((s) => `• ${s}`));
  lines.push(...(options.extraLines ?? []));
  const text = lines.filter((l): l is string => typeof l === "string" && l.trim() !== "").join("\n");
  return mrkdwnWithin(text, FALLBACK_MAX);
}

/** A one-line notice (slow down, something went wrong): text plus a single section. */
export function renderNotice(text: string): SlackMessage {
  return { text: escapeMrkdwn(text), blocks: [{ type: "section", text: mrkdwn(text, SECTION_TEXT_MAX) }] };
}
