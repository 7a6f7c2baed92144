import { describe, expect, it } from "vitest";
import { escapeText, stripBotMention } from "../../src/adapters/discord/escape.js";
import {
  escapeMrkdwn,
  mrkdwnWithin,
  safePlain,
  slackToPlain,
  truncate,
} from "../../src/adapters/slack/escape.js";

describe("Slack text in", () => {
  it.each([
    ["<@U1>", "@U1"],
    ["<@U1|ann>", "@ann"],
    ["<#C1>", "#C1"],
    ["<#C1|general>", "#general"],
    ["<!here>", "@here"],
    ["<!channel>", "@channel"],
    ["<!subteam^S1|@docs>", "@docs"],
    ["<!subteam^S1>", "@subteam"],
    ["<https://x.example>", "https://x.example"],
    ["<https://x.example|label>", "label"],
    ["a &amp; b &lt;c&gt; &quot;", "a & b <c> &quot;"],
    ["  spaced \\n\\t out  ", "spaced \\n\\t out"],
    ["tab\there\nnewline", "tab here newline"],
  ])("reads %j as %j", (input, plain) => {
    expect(slackToPlain(input)).toBe(plain);
  });

  it("drops the bot's own mention only when its id is given", () => {
    expect(slackToPlain("<@UBOT> hi <@UBOT>", "UBOT")).toBe("hi");
    expect(slackToPlain("<@UBOT> hi")).toBe("@UBOT hi");
    expect(slackToPlain("<@UBOT> hi", "")).toBe("@UBOT hi");
  });
});

describe("Slack text out", () => {
  it("escapes &, < and > so no mention, broadcast or link can be formed", () => {
    expect(escapeMrkdwn("a & b < c > d")).toBe("a &amp; b &lt; c &gt; d");
    expect(escapeMrkdwn("&lt;")).toBe("&amp;lt;");
  });

  it.each(["@here", "@channel", "@everyone", "@HERE", "@Channel"])("breaks the bare broadcast %s", (word) => {
    const out = escapeMrkdwn(`hey ${word}!`);
    expect(out).toBe(`hey @\u200b${word.slice(1)}!`);
    expect(safePlain(`hey ${word}!`)).toBe(`hey @\u200b${word.slice(1)}!`);
  });

  it("leaves words that only start like a broadcast, and plain text, alone", () => {
    expect(escapeMrkdwn("@heres @channels email@x")).toBe("@heres @channels email@x");
    expect(safePlain("a < b & c")).toBe("a < b & c");
  });

  it("truncates with an ellipsis only when it must", () => {
    expect(truncate("abc", 3)).toBe("abc");
    expect(truncate("abcd", 3)).toBe("ab…");
    expect(truncate("abcd", 1)).toBe("…");
    expect(truncate("abcd", 0)).toBe("…");
  });

  it("keeps escaped text within the limit, even when escaping makes it longer", () => {
    for (const text of ["&".repeat(50), "<>".repeat(40), "plain text that fits"]) {
      const out = mrkdwnWithin(text, 30);
      expect(out.length).toBeLessThanOrEqual(30);
      expect(out).not.toMatch(/[<>]/);
    }
    expect(mrkdwnWithin("short & sweet", 100)).toBe("short &amp; sweet");
    expect(mrkdwnWithin("ab&", 7)).toBe("ab&amp;");
    expect(mrkdwnWithin("ab&c", 7)).toBe("ab…");
  });
});

describe("Discord text out", () => {
  it.each([
    ["**bold**", "\\*\\*bold\\*\\*"],
    ["*it*", "\\*it\\*"],
    ["_it_", "\\_it\\_"],
    ["__under__", "\\_\\_under\\_\\_"],
    ["~~gone~~", "\\~\\~gone\\~\\~"],
    ["||spoiler||", "\\|\\|spoiler\\|\\|"],
    ["`code`", "\\`code\\`"],
    ["```block```", "\\`\\`\\`block\\`\\`\\`"],
    ["# heading", "\\# heading"],
    ["- item", "\\- item"],
    ["1. item", "1\\. item"],
    ["[x](https://e.x)", "\\[x](https://e.x)"],
    ["back\\slash", "back\\\\slash"],
  ])("escapes %j", (input, escaped) => {
    expect(escapeText(input)).toBe(escaped);
  });

  it.each([
    ["@everyone", "@\u200beveryone"],
    ["@Here", "@\u200bHere"],
    ["<@123>", "<\u200b@123>"],
    ["<@!123>", "<\u200b@!123>"],
    ["<@&123>", "<\u200b@&123>"],
    ["<#123>", "<\u200b#123>"],
  ])("breaks the mention syntax of %j", (input, broken) => {
    expect(escapeText(input)).toBe(broken);
  });

  it("strips the bot's own mentions, both forms, and tidies the spaces", () => {
    expect(stripBotMention("<@42>  how   many? <@!42>", "42")).toBe("how many?");
    expect(stripBotMention("<@43> hi", "42")).toBe("<@43> hi");
  });
});
