import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CORE = "src/core";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** The core is platform-neutral: plain strings in, plain Answers out, configuration passed in. */
describe("the core boundary", () => {
  const files = sourceFiles(CORE).map((path) => ({ path, text: readFileSync(path, "utf8") }));

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [f.path, f.text]))(
    "%s imports no platform SDK, adapter or Node module but what it needs",
    (_path, text) => {
      const imports = [
        ...text.matchAll(
          /\bfrom\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']/g,
        ),
      ].map((m) => m[1] ?? m[2] ?? m[3] ?? "");
      // The reading layer loads the NLP libraries lazily (createRequire), only when a store is built.
      const reading = _path.replaceAll("\\", "/").includes("src/core/read/");
      const allowed = new Set([
        "fuse.js",
        ...(reading ? ["node:module", "wink-nlp", "wink-eng-lite-web-model", "chrono-node/en"] : []),
      ]);
      for (const spec of imports) {
        expect(spec).not.toMatch(/^@slack\/|^discord\.js|^@discordjs\/|^ws$|^pino|adapters\//);
        // Relative imports stay inside the core; its packages are fuse.js and, for reading, the NLP libraries.
        expect(spec.startsWith(".") || allowed.has(spec)).toBe(true);
      }
    },
  );

  it.each(files.map((f) => [f.path, f.text]))("%s reads no environment variables", (_path, text) => {
    expect(text).not.toMatch(/process\.env|process\.argv|Deno\.env|import\.meta\.env/);
  });
});
