import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CATALOGUE } from '../helpers/catalogue.js';
import { runCheck, snapshotSource } from '../../src/core/run/run-check.js';
import { outputText } from '../../src/core/output/mask.js';
import { SNAPSHOTS } from '../helpers/rule-tester.js';

// A rule's own title and steps are shown as written: secret masking is for host text, and applied to our
// own text it mangled a step title ("…its own password: set it back" read as "password: <secret>").
describe("ccdoctor's own text is never masked; host text still is", () => {
  it('the credential-store steps keep their titles as written', async () => {
    const run = await runCheck(snapshotSource(join(SNAPSHOTS, 'symptom-credential-store-unreadable.json'), 'x.json'), CATALOGUE, { now: new Date('2026-11-21T00:00:00Z') });
    const r = run.results.find((x) => x.rule === 'credential-store-unreadable')!;
    expect(r.status).toBe('fail');
    expect(r.remediation.map((s) => s.title)).toContain('If DomainAdmin had its own password: set it back (2.0 and later)');
  });

  it('every title and step text of every rule comes out of outputText unchanged, even with a secret that is one of its words', () => {
    for (const rule of [...CATALOGUE.rules, ...CATALOGUE.siteRules]) {
      for (const text of [rule.title, ...rule.remediation.flatMap((s) => [s.title, s.text])]) {
        expect(outputText(text, ['back', 'password', 'appliance'])).toBe(text);
      }
    }
  });

  it('the same words from a host are masked as before', () => {
    expect(outputText('its own password: set it back (2.0 and later) ')).toBe('its own password: [secret removed] it back (2.0 and later) ');
    expect(outputText('the password is Pa55word!', ['Pa55word!'])).toBe('the password is [secret removed]');
  });
});
