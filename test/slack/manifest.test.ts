import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { STRIKE_COMMAND } from "../../src/commands.js";

const manifest = readFileSync(new URL("../../manifest.yml", import.meta.url), "utf8");

/** The indented list under a `key:` line (the manifest is plain YAML; no parser needed for these checks). */
function listUnder(key: string): string[] {
  const lines = manifest.split("\n");
  const start = lines.findIndex((l) => l.trim() === `${key}:`);
  if (start < 0) return [];
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const m = /^\s*-\s+(\S+)\s*$/.exec(line);
    if (!m?.[1]) break;
    items.push(m[1]);
  }
  return items;
}

describe("Slack app manifest", () => {
  it("declares the /strike command as the shared command metadata describes it", () => {
    expect(manifest).toContain(`- command: /${STRIKE_COMMAND.name}`);
    expect(manifest).toContain(`description: ${STRIKE_COMMAND.description}`);
    for (const sub of STRIKE_COMMAND.subcommands)
      expect(manifest).toMatch(new RegExp(`usage_hint:.*${sub.name}`));
  });

  it("subscribes to the events the adapter listens to, with the scopes they need", () => {
    expect(listUnder("bot_events").sort()).toEqual([
      "app_home_opened",
      "app_mention",
      "message.channels",
      "message.groups",
      "message.im",
      "message.mpim",
    ]);
    expect(listUnder("bot").sort()).toEqual([
      "app_mentions:read",
      "channels:history",
      "chat:write",
      "commands",
      "groups:history",
      "im:history",
      "mpim:history",
    ]);
  });

  it("turns on Socket Mode, interactivity and the App Home tabs (Home and Messages)", () => {
    expect(manifest).toMatch(/home_tab_enabled: true/);
    expect(manifest).toMatch(/socket_mode_enabled: true/);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/messages_tab_enabled: true/);
    expect(manifest).toMatch(/messages_tab_read_only_enabled: false/);
    expect(manifest).toMatch(/bot_user:\n\s+display_name: strike-bot/);
  });
});
