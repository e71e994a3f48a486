import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { rulesVitePlugin } from '../src/tools/rules-module.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  // `ccdoctor:rules`: every rules/*.ts, as build.mjs's bundle has them.
  plugins: [rulesVitePlugin(root)],
  test: {
    root,
    include: ['test/**/*.test.{ts,tsx}'],
    reporters: ['default', './test/plain-summary-reporter.ts'],
  },
});
