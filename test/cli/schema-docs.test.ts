import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ccdoctor, ROOT } from '../helpers/cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const doc = (name: string) => readFileSync(join(ROOT, 'src', 'core', 'report', name), 'utf8');

/** The JSON's own "schema" and "version", and the places that describe it. */
const CASES: { name: string; args: string[]; help: string[]; docs: string[] }[] = [
  { name: 'report', args: ['report', '--snapshot', 'snapshots/demo.json', '--format', 'json'], help: ['report', '--help'], docs: [README, doc('REPORT-JSON.md')] },
  { name: 'many-host report', args: ['report', '--snapshot', 'snapshots/demo.json', '--snapshot', 'snapshots/healthy-2.1.json', '--format', 'json'], help: ['report', '--help'], docs: [README, doc('FLEET-REPORT-JSON.md')] },
  { name: 'diff', args: ['diff', 'snapshots/demo.json', 'snapshots/healthy-2.1.json', '--format', 'json'], help: ['diff', '--help'], docs: [README] },
];

describe('the docs name the JSON schemas as the JSON holds them', () => {
  for (const c of CASES) {
    it(`${c.name}: README, --help and the schema page`, async () => {
      const json = JSON.parse(String((await ccdoctor(c.args)).stdout)) as { schema: string; version: number };
      expect(json.schema).not.toContain('@');
      const help = String((await ccdoctor(c.help)).stdout);
      for (const text of [help, ...c.docs]) {
        expect(text.replace(/`/g, '').replace(/\s+/g, ' ')).toMatch(new RegExp(`"schema": "${json.schema}",? "version": ${json.version}`));
        expect(text).not.toContain(`${json.schema}@`);
      }
    });
  }
});
