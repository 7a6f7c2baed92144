import { ApplicationCommandOptionType } from "discord.js";
import { describe, expect, it } from "vitest";
import { buildCommandJson } from "../../src/adapters/discord/command-json.js";
import { STRIKE_COMMAND } from "../../src/commands.js";

function sub(json: ReturnType<typeof buildCommandJson>, name: string) {
  const found = json.options?.find((o) => o.name === name);
  if (!found || found.type !== ApplicationCommandOptionType.Subcommand)
    throw new Error(`no subcommand ${name}`);
  return found;
}

describe("the /strike command definition for Discord", () => {
  const json = buildCommandJson({ speakers: ["Dr A Example", "Jane Spokesperson"] });

  it("has every subcommand of the shared metadata, with its options", () => {
    expect(json.name).toBe(STRIKE_COMMAND.name);
    expect(json.options?.map((o) => o.name)).toEqual(STRIKE_COMMAND.subcommands.map((s) => s.name));
    for (const meta of STRIKE_COMMAND.subcommands) {
      expect(
        sub(json, meta.name)
          .options?.map((o) => o.name)
          .sort(),
      ).toEqual(meta.options.map((o) => o.name).sort());
    }
  });

  it("offers autocomplete on ask's question and a public flag", () => {
    const ask = sub(json, "ask");
    expect(ask.options?.[0]).toMatchObject({ name: "question", required: true, autocomplete: true });
    expect(ask.options?.find((o) => o.name === "public")).toMatchObject({
      type: ApplicationCommandOptionType.Boolean,
      required: false,
    });
  });

  it("fills quote's who with the fact store's speakers as choices", () => {
    expect(sub(json, "quote").options?.find((o) => o.name === "who")).toMatchObject({
      choices: [
        { name: "Dr A Example", value: "Dr A Example" },
        { name: "Jane Spokesperson", value: "Jane Spokesperson" },
      ],
    });
  });

  it("switches who to autocomplete when there are more speakers than Discord's 25 choices", () => {
    const many = Array.from({ length: 30 }, (_, i) => `Speaker ${i}`);
    const who = sub(buildCommandJson({ speakers: many }), "quote").options?.find((o) => o.name === "who");
    expect(who).toMatchObject({ autocomplete: true });
    expect(who).not.toHaveProperty("choices");
  });

  it("keeps every description within Discord's 100 characters", () => {
    const descriptions = [json.description, ...(json.options ?? []).flatMap((s) => [s.description])];
    for (const s of json.options ?? []) {
      if (s.type === ApplicationCommandOptionType.Subcommand) {
        descriptions.push(...(s.options ?? []).map((o) => o.description));
      }
    }
    for (const d of descriptions) expect(d.length).toBeLessThanOrEqual(100);
  });
});
