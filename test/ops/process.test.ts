/**
 * The whole process (node dist/src/main.js) with HEALTH_PORT: /healthz and /metrics in Socket Mode,
 * on Discord and in the terminal chat, and a hot article update in a running process.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_ARTICLE, loadBot } from "../../src/load-bot.js";
import { slashCommand as discordSlash, FakeDiscord } from "../discord/fake-discord.js";
import { ROOT, type Spawned, spawnBuilt } from "../discord/process.js";
import { FakeSlack } from "../slack/fake-slack.js";
import { APP_TOKEN, BOT_TOKEN, slashCommand } from "../slack/support.js";

const MAIN = "dist/src/main.js";
const BUILT = existsSync(join(ROOT, MAIN));
const WRENFIELD = join(ROOT, "test/fixtures/articles/synthetic-wrenfield-paramedics-strike.txt");

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

interface HealthBody {
  ok: boolean;
  ready: boolean;
  article?: { title: string };
  platforms: Record<string, boolean>;
}

/** Polls /healthz until `until` holds (or the process dies, or a guard time passes). */
async function health(
  port: number,
  until: (status: number, body: HealthBody) => boolean,
  alive: () => boolean,
): Promise<{ status: number; body: HealthBody }> {
  const started = Date.now();
  let last: { status: number; body: HealthBody } | undefined;
  while (Date.now() - started < 15_000 && alive()) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      last = { status: res.status, body: (await res.json()) as HealthBody };
      if (until(last.status, last.body)) return last;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`/healthz never matched; last: ${JSON.stringify(last)}`);
}

async function metric(port: number, line: RegExp): Promise<number | undefined> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  for (const l of text.split("\n")) if (line.test(l)) return Number(l.split(" ").at(-1));
  return undefined;
}

describe.skipIf(!BUILT)("HEALTH_PORT: /healthz and /metrics outside Slack HTTP mode", () => {
  let proc: Spawned | undefined;
  let slack: FakeSlack | undefined;
  let discord: FakeDiscord | undefined;
  afterEach(async () => {
    await proc?.stop("SIGKILL");
    await slack?.close();
    await discord?.close();
    proc = slack = discord = undefined;
  });
  const alive = () => proc?.child.exitCode === null;

  it("Socket Mode: ready once connected, not ready while the socket is down, counts answers", async () => {
    slack = await new FakeSlack().start();
    const port = await freePort();
    proc = spawnBuilt(MAIN, {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      HEALTH_PORT: String(port),
    });
    const ready = await health(port, (s) => s === 200, alive);
    expect(ready.body).toMatchObject({ ok: true, ready: true, platforms: { slack: true } });
    expect(ready.body.article?.title).toMatch(/NEARLY 2,000/);

    await slack.send(
      "slash_commands",
      slashCommand("ask how many appointments were cancelled?", slack.responseUrl()),
    );
    expect(JSON.stringify((await slack.nthResponse()).body.blocks)).toContain("1,854");
    expect(await metric(port, /^strike_bot_answers_total\{platform="slack",status="answered"\}/)).toBe(1);
    expect(await metric(port, /^strike_bot_platform_connected\{platform="slack"\}/)).toBe(1);
    expect(await metric(port, /^strike_bot_process_resident_memory_bytes /)).toBeGreaterThan(0);

    // The socket dies; the SDK waits before reconnecting: /healthz says so, then recovers.
    slack.dropConnection();
    const down = await health(port, (s) => s === 503, alive);
    expect(down.body.platforms.slack).toBe(false);
    await health(port, (s) => s === 200, alive);
    expect(proc.stderr()).not.toContain(BOT_TOKEN);
  });

  it("Discord: ready once the gateway session is up, and counts a slash answer", async () => {
    discord = await FakeDiscord.start();
    const port = await freePort();
    proc = spawnBuilt(MAIN, { ...discord.env(), HEALTH_PORT: String(port) });
    const ready = await health(port, (s) => s === 200, alive);
    expect(ready.body.platforms).toEqual({ discord: true });
    const interaction = discordSlash("ask", { question: "how many appointments were cancelled?" });
    discord.dispatch("INTERACTION_CREATE", interaction);
    await discord.waitForRequest((r) => r.path.startsWith(`/interactions/${interaction.id}/`));
    expect(await metric(port, /^strike_bot_answers_total\{platform="discord",status="answered"\}/)).toBe(1);
    expect(await metric(port, /^strike_bot_platform_connected\{platform="discord"\}/)).toBe(1);
  });

  it("stops at start naming HEALTH_PORT when it is malformed", async () => {
    proc = spawnBuilt(MAIN, { HEALTH_PORT: "eighty" });
    expect(await proc.exited).toBe(1);
    expect(proc.stderr()).toMatch(/configuration error: HEALTH_PORT is malformed/);
  });
});

describe.skipIf(!BUILT)("the terminal chat with HEALTH_PORT and a changing article", () => {
  let dir = "";
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("serves /healthz and /metrics, and answers from the new article after the file changes", async () => {
    dir = mkdtempSync(join(tmpdir(), "strike-live-"));
    const article = join(dir, "story.txt");
    copyFileSync(DEFAULT_ARTICLE, article);
    const port = await freePort();
    const child = spawn(process.execPath, [join(ROOT, MAIN)], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HEALTH_PORT: String(port), ARTICLE_PATH: article },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      err += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const alive = () => child.exitCode === null;
    const answerCount = () => out.split("bot> ").length - 1;
    const ask = async (question: string) => {
      const before = answerCount();
      child.stdin.write(`${question}\n`);
      const started = Date.now();
      while (answerCount() === before && Date.now() - started < 10_000)
        await new Promise((r) => setTimeout(r, 20));
      return out.slice(out.lastIndexOf("bot> "));
    };
    try {
      const first = await health(port, (s) => s === 200, alive);
      expect(first.body.platforms).toEqual({});
      expect(await ask("how many appointments were cancelled?")).toContain("1,854");

      writeFileSync(article, readFileSync(WRENFIELD, "utf8"));
      const reloaded = await health(port, (_s, b) => b.article?.title !== first.body.article?.title, alive);
      expect(reloaded.body.article?.title).toBe(loadBot({ articlePath: WRENFIELD }).title);
      expect(await ask("How many call-outs were handled by volunteers?")).toContain("437");

      expect(await metric(port, /^strike_bot_answers_total\{platform="terminal",status="answered"\}/)).toBe(
        2,
      );
      expect(await metric(port, /^strike_bot_article_reloads_total\{result="ok"\}/)).toBe(1);
    } finally {
      child.stdin.end("quit\n");
    }
    expect(await exited, err).toBe(0);
  });
});
