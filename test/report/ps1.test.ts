import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ccdoctor, ROOT } from '../helpers/cli.js';
import { checkSnapshot } from '../helpers/check.js';
import { buildReport, renderPs1 } from '../../src/core/report/index.js';

const tmp = mkdtempSync(join(tmpdir(), 'ccdoctor-ps1-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('remediation .ps1 (issue 14 item 3)', () => {
  it('holds every failing step with this host\'s values; destructive commands only as comments, marked', async () => {
    const run = await checkSnapshot(join(ROOT, 'snapshots', 'symptom-credential-store-unreadable.json'));
    const text = renderPs1(buildReport(run, { toolVersion: 'test' }));
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    const finding = run.results.find((r) => r.rule === 'credential-store-unreadable')!;
    for (const s of finding.remediation.filter((x) => x.command)) {
      const first = s.command!.split('\n')[0]!;
      if (s.destructive || s.runsOn !== 'host' || s.unresolved?.length) {
        expect(lines, s.id).not.toContain(first);
        expect(lines, s.id).toContain(`# ${first}`);
      } else expect(lines, s.id).toContain(first);
    }
    expect(text).toMatch(/# Step 1\.1 \[DESTRUCTIVE\]: Restart the host server/);
    expect(text).toContain('# >>> DESTRUCTIVE: not run from this file.');
    // The credential file path is this host's, quoted by psQuote.
    expect(text).toMatch(/# Remove-Item -LiteralPath 'C:\\/);
  });

  it('one finding only, or says there is nothing to do', async () => {
    const run = await checkSnapshot(join(ROOT, 'snapshots', 'demo.json'));
    const model = buildReport(run, { toolVersion: 'test' });
    const one = renderPs1(model, { rule: 'dotnet-too-old' });
    expect(one).toContain('finding dotnet-too-old on CCE-DEMO-01');
    expect(one).not.toContain('ini-state-missing');
    expect(renderPs1(model, { rule: 'no-such-rule' })).toContain('is not a finding of this run: nothing to do.');
  });

  it('report --format ps1 and --out x.ps1 write it; a .ps1 name with another --format is refused', async () => {
    const r = await ccdoctor(['report', '--snapshot', 'snapshots/demo.json', '--out', join(tmp, 'fix.ps1')]);
    expect(r.exitCode).toBe(0);
    expect(String(r.stderr)).toContain('(ps1)');
    expect(readFileSync(join(tmp, 'fix.ps1'), 'utf8')).toContain("$ErrorActionPreference = 'Stop'");
    const out = await ccdoctor(['report', '--snapshot', 'snapshots/demo.json', '--format', 'ps1']);
    expect(String(out.stdout)).toContain('# Finding 1 of 4: dotnet-too-old');
    const bad = await ccdoctor(['report', '--snapshot', 'snapshots/demo.json', '--format', 'md', '--out', join(tmp, 'x.ps1')]);
    expect(bad.exitCode).toBe(2);
    expect(String(bad.stderr)).toContain('.md');
  });
});
