import { describe, expect, it } from "vitest";
import { escapeMrkdwn, mrkdwnWithin, slackToPlain } from "../../src/adapters/slack/escape.js";
import { decodePublicRequest, encodePublicRequest } from "../../src/adapters/slack/render.js";
import { parseSlash, usageLines } from "../../src/adapters/slack/slash.js";
import { STRIKE_COMMAND } from "../../src/commands.js";
import { MemoryState } from "../../src/state/memory.js";

describe("/strike parsing", () => {
  it("reads each subcommand named in the shared command metadata", () => {
    for (const sub of STRIKE_COMMAND.subcommands) {
      expect(parseSlash(`${sub.name} x`).subcommand).toBe(sub.name);
    }
  });

  it("takes a bare question as ask, an empty command as help, and `public` as visibility", () => {
    expect(parseSlash("how many appointments were cancelled?")).toEqual({
      subcommand: "ask",
      argument: "how many appointments were cancelled?",
      visibility: "ephemeral",
    });
    expect(parseSlash("  ")).toMatchObject({ subcommand: "help" });
    expect(parseSlash("stats public")).toEqual({ subcommand: "stats", argument: "", visibility: "public" });
    expect(parseSlash("public quote Dr Smith")).toEqual({
      subcommand: "quote",
      argument: "Dr Smith",
      visibility: "public",
    });
    expect(parseSlash("ASK who is striking? PUBLIC")).toMatchObject({
      argument: "who is striking?",
      visibility: "public",
    });
  });

  it("lists usage lines from the command metadata", () => {
    expect(usageLines().map((l) => l.split(" (")[0])).toEqual(STRIKE_COMMAND.subcommands.map((s) => s.usage));
  });

  it("round-trips the public button's request", () => {
    const value = encodePublicRequest({ subcommand: "quote", argument: "Smith", visibility: "ephemeral" });
    expect(decodePublicRequest(value)).toEqual({
      subcommand: "quote",
      argument: "Smith",
      visibility: "public",
    });
    expect(decodePublicRequest('{"s":"rm -rf","a":""}')).toBeUndefined();
    expect(decodePublicRequest("not json")).toBeUndefined();
  });
});

describe("Slack text", () => {
  it("turns Slack markup into plain words for the core", () => {
    expect(slackToPlain("<@UBOT> how many &lt;appointments&gt; &amp; ops?", "UBOT")).toBe(
      "how many <appointments> & ops?",
    );
    expect(slackToPlain("<@U1|ann> in <#C1|general> see <https://x.example|this> <!here>")).toBe(
      "@ann in #general see this @here",
    );
  });

  it("escapes mrkdwn so markup cannot be formed, within the length limit", () => {
    expect(escapeMrkdwn("<!channel> & <@U1> @here")).toBe("&lt;!channel&gt; &amp; &lt;@U1&gt; @\u200bhere");
    const long = mrkdwnWithin("<".repeat(5000), 3000);
    expect(long.length).toBeLessThanOrEqual(3000);
    expect(long).not.toMatch(/&(?:l|lt)?…$/);
  });

  it("claims each event id once within its window, bounded by age and by count", async () => {
    let now = 0;
    const state = new MemoryState(2, () => now);
    expect(await state.claim("dedupe:a", 1000)).toBe(true);
    expect(await state.claim("dedupe:a", 1000)).toBe(false);
    now = 2000;
    expect(await state.claim("dedupe:a", 1000)).toBe(true);
    await state.claim("dedupe:b", 1000);
    await state.claim("dedupe:c", 1000);
    expect(await state.claim("dedupe:a", 1000)).toBe(true);
  });
});
