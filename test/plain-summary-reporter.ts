import type { Reporter, TestModule } from 'vitest/node';
import { detectTier, notRunLine, TIER_NAMES } from './tiers/detect.js';

/**
 * Ends the run with one plain line, "tests: N passed, N failed, N skipped", that any CI log reader can
 * count (vitest's own summary is coloured and spread over several lines), after one line per test tier
 * (real PowerShell, terminal, browser) that could not run here, naming the command that enables it.
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
      // A file that failed to load has no tests to count but is a failure all the same.
      if (mod.state() === 'failed' && [...mod.children.allTests()].length === 0) counts.failed++;
    }
    // One line per tier whose tool is missing here, with the command that enables it.
    const notRun = TIER_NAMES.map((n) => detectTier(n)).filter((t) => t.missing).map(notRunLine);
    process.stdout.write(`\n${notRun.map((l) => `${l}\n`).join('')}tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
