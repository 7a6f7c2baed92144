import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { articlePathFrom, loadProjectEnv, PROJECT_DIR } from "../../src/config/environment.js";
import { ConfigError } from "../../src/config/error.js";

describe("the project's .env", () => {
  let dir = "";
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("is found beside package.json, not in the working directory", () => {
    expect(PROJECT_DIR).toBe(join(new URL("../../", import.meta.url).pathname).replace(/\/$/, ""));
  });

  it("fills in variables the shell did not set, and the shell wins", () => {
    dir = mkdtempSync(join(tmpdir(), "strike-env-"));
    writeFileSync(join(dir, ".env"), 'ARTICLE_PATH=story.txt\nLOG_LEVEL=debug\n# comment\nQUOTED="a b"\n');
    const env: Record<string, string | undefined> = { LOG_LEVEL: "warn" };
    expect(loadProjectEnv(env, dir)).toBe(join(dir, ".env"));
    expect(env).toEqual({ LOG_LEVEL: "warn", ARTICLE_PATH: "story.txt", QUOTED: "a b" });
  });

  it("is optional", () => {
    dir = mkdtempSync(join(tmpdir(), "strike-env-"));
    const env: Record<string, string | undefined> = {};
    expect(loadProjectEnv(env, dir)).toBeUndefined();
    expect(env).toEqual({});
  });
});

describe("which article every entry point answers about", () => {
  it("is --article when given, else ARTICLE_PATH, else the bundled one", () => {
    expect(articlePathFrom({ ARTICLE_PATH: "env.txt" }, ["node", "main", "--article", "flag.txt"])).toBe(
      "flag.txt",
    );
    expect(articlePathFrom({ ARTICLE_PATH: " env.txt " }, ["node", "main"])).toBe("env.txt");
    expect(articlePathFrom({ ARTICLE_PATH: "  " }, ["node", "main"])).toBeUndefined();
    expect(articlePathFrom({}, ["node", "main"])).toBeUndefined();
  });

  it("stops with a message naming --article when the flag has no file", () => {
    expect(() => articlePathFrom({}, ["node", "main", "--article"])).toThrow(ConfigError);
    expect(() => articlePathFrom({}, ["node", "main", "--article", "--json"])).toThrow(
      /--article needs a file/,
    );
  });
});
