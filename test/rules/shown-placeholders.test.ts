import { describe, expect, it } from 'vitest';
import { ccdoctor } from '../helpers/cli.js';
import { CATALOGUE } from '../helpers/catalogue.js';
import { ruleHelpText, ruleMarkdown, type AnyRule } from '../../src/core/rules/help.js';
import { explainJson, explainTextReport, type ExplainEntry } from '../../src/core/explain/report.js';
import { plainStyle } from '../../src/core/output/style.js';
import { placeholders } from '../../src/core/powershell/template.js';

// A {name} pasted into PowerShell is a script block (`$dir = {modulesDir}` appends the literal text to
// PSModulePath); <name> is refused. Wherever a command is shown unfilled, it reads as check shows it.
const TEMPLATE_PLACEHOLDER = /\{[A-Za-z][A-Za-z0-9]*\}/;
const ALL: AnyRule[] = [...CATALOGUE.rules, ...CATALOGUE.siteRules];
const WITH_PLACEHOLDERS = ALL.filter((r) => r.remediation.some((s) => s.command && placeholders(s.command).length > 0));
const noProcedure = () => undefined;

function entry(rule: AnyRule): ExplainEntry {
  return { rule: rule.id, title: rule.title, severity: rule.severity, signature: 'x', matched: 'x', score: 1, remediation: [...rule.remediation] };
}

describe('commands shown unfilled (rules, explain) show each value to fill in as <name>, never {name}', () => {
  it('the catalogue has rules whose commands take values (else this test would prove nothing)', () => {
    expect(WITH_PLACEHOLDERS.length).toBeGreaterThan(5);
  });

  it.each(ALL.map((r) => [r.id, r] as const))('%s: rules ID (text and md) and explain (text and json)', (_id, rule) => {
    const shown = [
      ruleHelpText(rule, noProcedure),
      ruleMarkdown(rule, noProcedure).join('\n'),
      explainTextReport([entry(rule)], { source: 'text' }, plainStyle),
      JSON.stringify(explainJson([entry(rule)], { source: 'text' }).matches[0]!.remediation.map((s) => s.command ?? '')),
    ];
    for (const text of shown) expect(text).not.toMatch(TEMPLATE_PLACEHOLDER);
    for (const s of rule.remediation) {
      for (const name of placeholders(s.command ?? '')) {
        for (const text of shown.slice(0, 3)) expect(text).toContain(`<${name}>`);
      }
    }
  });

  it('the built CLI: rules ID, rules --format md (the whole catalogue) and explain', async () => {
    const module = String((await ccdoctor(['rules', 'cloudconnector-module-not-found'])).stdout);
    expect(module).toContain('$dir = <modulesDir>;');
    expect(module).toContain('       <modulesDir>: the folder that holds the CloudConnector module');
    const md = String((await ccdoctor(['rules', '--format', 'md'])).stdout);
    expect(md).toContain('$dir = <modulesDir>;');
    expect(md).not.toMatch(TEMPLATE_PLACEHOLDER);
    const explained = await ccdoctor(['explain', 'Cannot register appliance because your current input/configuration SiteName or ApplianceName conflicts with existing appliance(s).']);
    expect(explained.exitCode).toBe(0);
    expect(String(explained.stdout)).toContain('PS> Unregister-CsHybridPSTNAppliance -Identity <identity> -Force');
    expect(String(explained.stdout)).not.toMatch(TEMPLATE_PLACEHOLDER);
  });
});
