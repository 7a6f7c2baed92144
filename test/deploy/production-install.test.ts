/**
 * The production install path, exactly as the Dockerfile's runtime stage does it, in a temporary
 * copy: package.json, package-lock.json, the built dist/ and data/, then `npm ci --omit=dev`, then
 * `node dist/src/main.js`. No tsc, no dev dependency, no prepare step may be needed.
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBot } from "../../src/load-bot.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BUILT = existsSync(join(ROOT, "dist/src/main.js"));
const OTHER_ARTICLE = join(ROOT, "test/fixtures/articles/synthetic-wrenfield-paramedics-strike.txt");

/** The environment of a clean shell: none of the npm_* variables `npm test` sets, no platform credentials. */
function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", ...extra };
  if (process.env.HOME) env.HOME = process.env.HOME;
  return env;
}

/** Runs the installed bot's terminal chat with the given lines on stdin; resolves with its output. */
function chat(
  dir: string,
  lines: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [join(dir, "dist/src/main.js")], {
    cwd: options.cwd ?? dir,
    env: cleanEnv(options.env),
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
  child.stdin.end(`${[...lines, "quit"].join("\n")}\n`);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, out, err })));
}

describe.skipIf(!BUILT)("the production install (npm ci --omit=dev, then node dist/src/main.js)", () => {
  let dir = "";
  let install: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "strike-bot-prod-"));
    for (const file of ["package.json", "package-lock.json"]) cpSync(join(ROOT, file), join(dir, file));
    cpSync(join(ROOT, "dist"), join(dir, "dist"), { recursive: true });
    cpSync(join(ROOT, "data"), join(dir, "data"), { recursive: true });
    install = spawnSync("npm", ["ci", "--omit=dev", "--ignore-scripts=false", "--no-audit", "--no-fund"], {
      cwd: dir,
      env: cleanEnv(),
      encoding: "utf8",
      timeout: 280_000,
    });
  }, 300_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("installs without the dev dependencies (no tsc, no prepare step)", () => {
    expect(install.status, String(install.stderr)).toBe(0);
    expect(existsSync(join(dir, "node_modules/@slack/bolt"))).toBe(true);
    expect(existsSync(join(dir, "node_modules/prom-client"))).toBe(true);
    expect(existsSync(join(dir, "node_modules/typescript"))).toBe(false);
    expect(existsSync(join(dir, "node_modules/vitest"))).toBe(false);
  });

  it("starts from the installed copy and answers a question in the terminal chat", async () => {
    const { code, out, err } = await chat(dir, ["how many appointments were cancelled?"]);
    expect(code, err).toBe(0);
    expect(out).toMatch(/bot> 1,854 appointments/);
  });

  it("reads .env from its own folder, whatever the working directory, and honours ARTICLE_PATH there", async () => {
    writeFileSync(join(dir, ".env"), `# written by the test\nARTICLE_PATH=${OTHER_ARTICLE}\n`);
    try {
      const { code, out, err } = await chat(dir, [], { cwd: tmpdir() });
      expect(code, err).toBe(0);
      expect(out).toContain(`ask me about "${loadBot({ articlePath: OTHER_ARTICLE }).title}"`);
    } finally {
      rmSync(join(dir, ".env"));
    }
  });
});
