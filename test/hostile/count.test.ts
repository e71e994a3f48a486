/**
 * The hostile-input suite's figures (issue 13 "done when"): the generated cases per class and in all,
 * at least 300, every class of the issue covered. The CLI cases of each file (a representative set per
 * class, run under a heap limit) come on top.
 */
import { describe, expect, it } from 'vitest';
import { GENERATED } from './harness.js';

describe('hostile-input suite', () => {
  it('has at least 300 generated cases, covering every item of issue 13', () => {
    const total = Object.values(GENERATED).reduce((a, b) => a + b, 0);
    const lines = Object.entries(GENERATED).map(([k, n]) => `  ${String(n).padStart(4)}  ${k}`);
    console.log(`hostile-input suite: ${total} generated cases\n${lines.join('\n')}\n  (plus the CLI cases of each file)`);
    expect(total).toBeGreaterThanOrEqual(300);
    for (let item = 1; item <= 13; item++) {
      if (item === 5 || item === 13) continue; // files over the limit, devices, kills: CLI cases (snapshot-files, kill-writes)
      expect(Object.keys(GENERATED).some((k) => new RegExp(`^item (\\d+/)*${item}(/\\d+)*:`).test(k)), `item ${item}`).toBe(true);
    }
  });
});
