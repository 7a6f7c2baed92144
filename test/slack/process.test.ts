/**
 * The whole process: `node dist/src/main.js` with SLACK_* variables and SLACK_API_URL pointing at the
 * fake Slack. Needs a build (npm test builds before running vitest); skipped when there is none.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { FakeSlack } from "./fake-slack.js";
import {
  APP_TOKEN,
  BOT_TOKEN,
  eventCallback,
  mention,
  SIGNING_SECRET,
  signedHeaders,
  slashCommand,
} from "./support.js";

// STRIKE_BOT_MAIN lets the test run against another entry point (a local build elsewhere).
const MAIN = process.env.STRIKE_BOT_MAIN
  ? pathToFileURL(process.env.STRIKE_BOT_MAIN)
  : new URL("../../dist/src/main.js", import.meta.url);
const built = existsSync(MAIN);

interface Run {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Only this test's Slack settings: nothing from the developer's shell, no Discord.
    if (v !== undefined && !/^(SLACK_|DISCORD_|PORT$|REDIS_URL$|STATE_DIR$|STRIKE_)/.test(k)) base[k] = v;
  }
  const child = spawn(process.execPath, [MAIN.pathname], {
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  child.stdout?.resume();
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, stderr: () => err, exit };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe.skipIf(!built)("strike-bot as a process on Slack", () => {
  let fake: FakeSlack | undefined;
  let proc: Run | undefined;
  afterEach(async () => {
    if (proc && proc.child.exitCode === null) {
      proc.child.kill("SIGKILL");
      await proc.exit;
    }
    proc = undefined;
    await fake?.close();
    fake = undefined;
  });

  it("exits non-zero naming the variable when a token is malformed, without printing it", async () => {
    proc = run({ SLACK_BOT_TOKEN: "xoxp-not-a-bot-token-secret", SLACK_APP_TOKEN: APP_TOKEN });
    const code = await proc.exit;
    expect(code).not.toBe(0);
    expect(proc.stderr()).toContain("SLACK_BOT_TOKEN");
    expect(proc.stderr()).not.toContain("xoxp-not-a-bot-token-secret");
  });

  it("exits non-zero naming REDIS_URL when it is malformed, without printing its password", async () => {
    proc = run({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      REDIS_URL: "http://user:s3cret-pw@redis.internal:6379",
    });
    expect(await proc.exit).not.toBe(0);
    expect(proc.stderr()).toContain("REDIS_URL");
    expect(proc.stderr()).not.toContain("s3cret-pw");
  });

  it("exits non-zero naming SLACK_SIGNING_SECRET when HTTP mode lacks it", async () => {
    proc = run({ SLACK_BOT_TOKEN: BOT_TOKEN });
    expect(await proc.exit).not.toBe(0);
    expect(proc.stderr()).toContain("SLACK_SIGNING_SECRET");
  });

  it("serves HTTP mode end to end, then exits 0 on SIGTERM", async () => {
    fake = await new FakeSlack().start();
    const port = await freePort();
    proc = run({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: String(port),
      SLACK_API_URL: fake.apiUrl,
    });
    const base = `http://127.0.0.1:${port}`;
    // Wait for the process to listen (or die): poll /healthz.
    let healthy = false;
    for (let i = 0; i < 300 && !healthy && proc.child.exitCode === null; i++) {
      healthy = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!healthy) await new Promise((r) => setTimeout(r, 50));
    }
    expect(healthy, proc.stderr()).toBe(true);

    const event = mention("how many appointments were cancelled?");
    const body = JSON.stringify(eventCallback(event));
    const res = await fetch(`${base}/slack/events`, {
      method: "POST",
      body,
      headers: signedHeaders(body, "application/json"),
    });
    expect(res.status).toBe(200);
    const posted = await fake.nthCall("chat.postMessage");
    expect(posted.thread_ts).toBe(event.ts);
    expect(JSON.stringify(posted.blocks)).toContain("1,854");

    proc.child.kill("SIGTERM");
    expect(await proc.exit).toBe(0);
    expect(proc.stderr()).not.toContain(BOT_TOKEN);
    expect(proc.stderr()).not.toContain(SIGNING_SECRET);
  });

  it("serves Socket Mode end to end, then exits 0 on SIGINT", async () => {
    fake = await new FakeSlack().start();
    proc = run({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl });
    await fake.connected(1);
    await fake.send(
      "slash_commands",
      slashCommand("ask how many appointments were cancelled?", fake.responseUrl()),
    );
    const { body } = await fake.nthResponse();
    expect(JSON.stringify(body.blocks)).toContain("1,854");
    proc.child.kill("SIGINT");
    expect(await proc.exit).toBe(0);
    expect(proc.stderr()).not.toContain(APP_TOKEN);
  });
});
