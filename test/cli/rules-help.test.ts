import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ccdoctor } from '../helpers/cli.js';
import { CATALOGUE } from '../helpers/catalogue.js';
import { closestIds } from '../../src/core/rules/help.js';
import { unfilledCommand } from '../../src/core/powershell/template.js';
import { FAMILY_LABEL } from '../../src/core/rules/types.js';

describe('ccdoctor rules ID: one rule\'s help from its metadata', () => {
  it('prints symptom, documented error text, facts, versions, remediation (commands, parameters) and the guided procedure', async () => {
    const r = await ccdoctor(['rules', 'certificate-expiry']);
    expect(r.exitCode).toBe(0);
    const out = String(r.stdout);
    const rule = CATALOGUE.rules.find((x) => x.id === 'certificate-expiry')!;
    expect(out.split('\n')[0]).toBe(`certificate-expiry: ${rule.title}`);
    expect(out).toContain(`Certificates and credentials · severity ${rule.severity} · applies to CCE ${rule.applies}`);
    expect(out).toContain(`Symptom\n  ${rule.symptom}\n`);
    for (const s of rule.signatures) expect(out).toContain(`  ${s.text}`);
    expect(out).toContain(`  needs: ${rule.needs.join(', ')}`);
    rule.remediation.forEach((s, i) => {
      expect(out).toContain(`  ${i + 1}. ${s.title} (on ${s.runsOn}`);
      if (s.command) expect(out).toContain(`     PS> ${unfilledCommand(s.command)}`);
      for (const name of Object.keys(s.params ?? {})) expect(out).toContain(`       <${name}>: `);
    });
    expect(out).toMatch(/\nGuided procedure: .+ \(in the wizard: Guided procedures\)$/); // execa drops the final newline
  });

  it('a rule whose steps are for some versions says which', async () => {
    const withVersions = CATALOGUE.rules.find((r) => r.remediation.some((s) => s.versions));
    expect(withVersions).toBeDefined();
    const step = withVersions!.remediation.find((s) => s.versions)!;
    expect(String((await ccdoctor(['rules', withVersions!.id])).stdout)).toContain(`${step.title} (on ${step.runsOn}, CCE ${step.versions}`);
  });

  it('an unknown id: exit 2, one line naming the closest ids', async () => {
    const r = await ccdoctor(['rules', 'dotnet-to-old']);
    expect(r.exitCode).toBe(2);
    expect(String(r.stdout)).toBe('');
    expect(String(r.stderr)).toBe('ccdoctor rules: unknown rule "dotnet-to-old". Closest: dotnet-too-old. Every rule: ccdoctor rules');
    const far = await ccdoctor(['rules', 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzz']);
    expect(far.exitCode).toBe(2);
    expect(String(far.stderr)).toBe('ccdoctor rules: unknown rule "zzzzzzzzzzzzzzzzzzzzzzzzzzzzz". Every rule: ccdoctor rules');
    expect((await ccdoctor(['rules', 'a', 'b'])).exitCode).toBe(2);
  });

  it('closestIds: typos and parts of an id', () => {
    expect(closestIds('certificate-expiri', CATALOGUE.order)).toEqual(['certificate-expiry']);
    expect(closestIds('drain', CATALOGUE.order)).toEqual(['drain-autostart-after-restart', 'drain-needs-dns-load-balancing']);
    expect(closestIds('qqqqqqqqqqqqqqqqqq', CATALOGUE.order)).toEqual([]);
  });

  it('rules ID --format json is the one rule, in the list\'s schema', async () => {
    const j = JSON.parse(String((await ccdoctor(['rules', 'dotnet-too-old', '--format', 'json'])).stdout));
    expect(j.schema).toBe('ccdoctor/rules@1');
    expect(j.rules.map((r: { id: string }) => r.id)).toEqual(['dotnet-too-old']);
  });
});

describe('ccdoctor rules: site rules (across the appliances of a site, or of every site)', () => {
  it('the list names every site rule after the host rules, with what it compares', async () => {
    const out = String((await ccdoctor(['rules'])).stdout);
    const ids = [...out.matchAll(/^([a-z0-9-]+) {2,}(?:critical|error|warning|info) /gm)].map((m) => m[1]);
    expect(ids).toEqual([...CATALOGUE.order]);
    expect(out).toContain('site-root-ca-differs                 critical  The appliances of a site do not share one root CA\n');
    expect(out).toContain('compares the appliances of each site (at least 2); applies to CCE >=1.4.2; needs certs.internalParsed');
    expect(out).toContain('compares every appliance of every site (at least 2 sites); applies to all CCE versions; needs cce.directories');
    expect(out).toContain(`${CATALOGUE.order.length} rules (${CATALOGUE.rules.length} per host, ${CATALOGUE.siteRules.length} across appliances).`);
  });

  it('rules SITE-ID prints symptom, scope, the quoted source, facts, versions and remediation', async () => {
    const r = await ccdoctor(['rules', 'site-directory-differs']);
    expect(r.exitCode).toBe(0);
    const out = String(r.stdout);
    const rule = CATALOGUE.siteRules.find((x) => x.id === 'site-directory-differs')!;
    expect(out.split('\n')[0]).toBe(`site-directory-differs: ${rule.title}`);
    expect(out).toContain(`Sites and fleets (across appliances) · severity ${rule.severity} · applies to all CCE versions`);
    expect(out).toContain(`Symptom\n  ${rule.symptom}\n\nScope\n  site: compares the appliances of each site (at least 2)\n\nSource\n  ${rule.source}\n`);
    expect(out).toContain('This folder should be shared with all other appliances of a Cloud Connector site."');
    expect(out).toContain('  needs: cce.directories');
    expect(out).toContain('     PS> Set-CcSiteDirectory <siteRoot>');
  });

  it('a typo of a site rule id names it', async () => {
    const r = await ccdoctor(['rules', 'site-root-ca-differ']);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toContain('Closest: site-root-ca-differs');
  });

  it('json carries scope, minHosts and source for site rules; md their scope and source', async () => {
    const j = JSON.parse(String((await ccdoctor(['rules', '--format', 'json'])).stdout));
    expect(j.rules.map((r: { id: string }) => r.id)).toEqual([...CATALOGUE.order]);
    const shared = j.rules.find((r: { id: string }) => r.id === 'site-directory-shared-between-sites');
    expect(shared).toMatchObject({ family: 'site', scope: 'fleet', minHosts: 2, needs: ['cce.directories'] });
    expect(shared.source).toContain('"The shared folder must be different between PSTN sites"');
    expect(j.rules.find((r: { id: string }) => r.id === 'dotnet-too-old')).not.toHaveProperty('scope');
    const md = String((await ccdoctor(['rules', 'site-ha-several-out', '--format', 'md'])).stdout);
    expect(md).toContain('- Scope: site (compares the appliances of each site (at least 2))');
    expect(md).toContain('**Source.** Installing updates on a site with several appliances');
  });
});

describe('ccdoctor rules --format md: the whole catalogue', () => {
  it('every rule under its family heading, in catalogue order, with its sections', async () => {
    const r = await ccdoctor(['rules', '--format', 'md']);
    expect(r.exitCode).toBe(0);
    const md = String(r.stdout);
    expect(md.startsWith(`# ccdoctor rule catalogue\n\n${CATALOGUE.order.length} rules, by family, in catalogue order.`)).toBe(true);
    const headings = [...md.matchAll(/^### `([a-z0-9-]+)`: /gm)].map((m) => m[1]);
    expect(headings).toEqual([...CATALOGUE.order]);
    const families = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(families).toEqual(Object.values(FAMILY_LABEL));
    expect(md).toContain('**Symptom.** ');
    expect(md).toContain('**Documented error text**\n\n```text\n');
    expect(md).toContain('```powershell\n');
    // Fences stay balanced: the file renders as intended.
    expect((md.match(/^ *```/gm) ?? []).length % 2).toBe(0);
  });

  it('--out FILE writes it atomically, refuses to replace without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccd-rules-md-'));
    const file = join(dir, 'catalogue.md');
    const r = await ccdoctor(['rules', '--format', 'md', '--out', file]);
    expect(r.exitCode).toBe(0);
    expect(String(r.stderr)).toBe(`Wrote ${file} (md, ${CATALOGUE.order.length} rules).`); // host and site rules
    expect(readFileSync(file, 'utf8')).toBe(`${String((await ccdoctor(['rules', '--format', 'md'])).stdout)}\n`);
    writeFileSync(file, 'keep me');
    const again = await ccdoctor(['rules', '--format', 'md', '--out', file]);
    expect(again.exitCode).toBe(2);
    expect(String(again.stderr)).toBe(`${file} already exists: not overwritten (use --force to replace it)`);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect((await ccdoctor(['rules', '--format', 'md', '--out', file, '--force'])).exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^# ccdoctor rule catalogue/);
    expect(readdirSync(dir)).toEqual(['catalogue.md']); // no temporary file left
    const missing = await ccdoctor(['rules', '--format', 'md', '--out', join(dir, 'no', 'x.md')]);
    expect(missing.exitCode).toBe(2);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('--help says all of it', async () => {
    const help = String((await ccdoctor(['rules', '--help'])).stdout);
    expect(help.split('\n')[0]).toBe('Usage: ccdoctor rules [ID] [--format text|json|md] [--out FILE [--force]]');
    for (const flag of ['--format FORMAT', '--out FILE', '--force', '-h, --help']) expect(help).toContain(flag);
  });
});
