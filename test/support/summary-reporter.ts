import type { Reporter, TestModule } from "vitest/node";

/**
 * CI reads a plain "N passed, N failed" line; vitest's own summary has another shape. A known gap
 * (an `it.fails` listing a question the bot does not answer yet) is not a pass: it is counted on its
 * own line. One that starts passing fails the run, so the list is kept honest.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let gaps = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === "passed" && test.options.fails) gaps++;
        else if (state === "passed") passed++;
        else if (state === "failed") failed++;
        else skipped++;
      }
    }
    process.stdout.write(`\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    if (gaps > 0) process.stdout.write(`${gaps} known gaps (expected failures, not counted as passes)\n`);
  }
}
