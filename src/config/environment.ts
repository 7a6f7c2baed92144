import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "node:util";
import { ConfigError } from "./error.js";

/**
 * The project folder (the one holding package.json), found from this file so it is the same from
 * src/ (tests), dist/src/ (npm start) and an installed image, whatever the working directory is.
 */
export const PROJECT_DIR = findProjectDir(dirname(fileURLToPath(import.meta.url)));

/**
 * What every entry point does first (npm start, discord:register, start:sharded and its shards, gaps):
 * fill in variables from the project's .env that the shell did not set (the shell wins).
 * Returns the file read, if any.
 */
export function loadProjectEnv(
  env: Record<string, string | undefined> = process.env,
  dir: string = PROJECT_DIR,
): string | undefined {
  const file = join(dir, ".env");
  if (!existsSync(file)) return undefined;
  let parsed: Record<string, string>;
  try {
    parsed = parseEnv(readFileSync(file, "utf8")) as Record<string, string>;
  } catch (error) {
    throw new ConfigError(
      ".env",
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`,
    );
  }
  for (const [key, value] of Object.entries(parsed)) if (env[key] === undefined) env[key] = value;
  return file;
}

/**
 * The article to answer about: `--article FILE` on the command line, else ARTICLE_PATH, else
 * undefined (the bundled article). One rule for every entry point.
 */
export function articlePathFrom(
  env: Record<string, string | undefined>,
  argv: readonly string[] = process.argv,
): string | undefined {
  const flag = argv.indexOf("--article");
  if (flag >= 0) {
    const path = argv[flag + 1];
    if (!path || path.startsWith("--")) throw new ConfigError("--article", "needs a file");
    return path;
  }
  const fromEnv = env.ARTICLE_PATH?.trim();
  return fromEnv ? fromEnv : undefined;
}

function findProjectDir(from: string): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "package.json"))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}
