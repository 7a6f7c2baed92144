import { defineConfig } from "vitest/config";

/**
 * The tests `npm run mutate` runs against each mutant: only those that exercise the mutated modules
 * (stryker.config.json), so a run fits a 2-core machine. Not part of `npm test`. The end-to-end fault
 * tests (delivery-faults.test.ts under test/slack and test/discord) are left out: they take seconds each, and the delivery path
 * is covered here by its unit tests (test/delivery).
 */
export default defineConfig({
  test: {
    include: [
      "test/delivery/*.test.ts",
      "test/logs/no-secrets.test.ts",
      "test/adapters/*.test.ts",
      "test/slack/request-checks.test.ts",
      "test/slack/parsing.test.ts",
      "test/slack/render-real.test.ts",
      "test/discord/render.test.ts",
      "test/core/matcher.test.ts",
      "test/core/question-suites.test.ts",
      "test/core/bad-input.test.ts",
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
