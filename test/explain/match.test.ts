import { describe, expect, it } from 'vitest';
import { explainText } from '../../src/core/explain/match.js';
import { defineRule, pass } from '../../src/core/rules/define.js';
import { RULES } from '../helpers/catalogue.js';
import { DOCUMENTED, LOOKALIKES } from './documented.js';
import { VARIANTS } from './variants.js';

const best = (text: string) => explainText(text, RULES)[0];

describe('explainText: every documented text names its rule', () => {
  describe.each(DOCUMENTED)('$rule ($source)', ({ rule, text }) => {
    it.each(VARIANTS)('%s', (_name, variant) => {
      const input = variant(text);
      const match = best(input);
      expect(match?.rule, `no match for:\n${input}`).toBe(rule);
      expect(match!.score).toBe(1);
      const r = RULES.find((x) => x.id === rule)!;
      expect(match!.title).toBe(r.title);
      expect(match!.severity).toBe(r.severity);
      expect(r.signatures.map((s) => s.text)).toContain(match!.signature);
      expect(match!.matched.length).toBeGreaterThan(10);
    });
  });
});

describe('explainText: look-alikes are no match', () => {
  it.each(LOOKALIKES)('not $like: $text', ({ text }) => {
    expect(explainText(text, RULES)).toEqual([]);
  });

  it('says nothing about unrelated text', () => {
    expect(explainText('Get-Process : Cannot find a process with the name "foo". Verify the process name and call the cmdlet again.', RULES)).toEqual([]);
    expect(explainText('', RULES)).toEqual([]);
  });
});

describe('explainText: several errors, truncated pastes', () => {
  it('lists each rule once, in the order the text shows them', () => {
    const dism = DOCUMENTED.find((d) => d.rule === 'dism-stale-mount')!.text;
    const state = DOCUMENTED.find((d) => d.rule === 'ini-state-missing')!.text;
    const matches = explainText(`${dism}\nsomething else\n${state}\n${dism}`, RULES);
    expect(matches.map((m) => m.rule)).toEqual(['dism-stale-mount', 'ini-state-missing']);
    expect(matches[0]!.offset).toBe(0);
  });

  it('explains a paste cut short with "...", scored below a whole match', () => {
    const [m] = explainText('Cannot register appliance because your current input/configuration ...', RULES);
    expect(m?.rule).toBe('registration-conflict');
    expect(m!.score).toBeGreaterThanOrEqual(0.5);
    expect(m!.score).toBeLessThan(1);
  });

  it('does not take a short or diverging fragment for a truncated paste', () => {
    expect(explainText('The term ...', RULES)).toEqual([]);
    expect(explainText("Import-Module : The specified module 'Foo' was not loaded ...", RULES)).toEqual([]);
  });
});

describe('explainText over rules whose signatures are text only', () => {
  const rule = defineRule({
    id: 'test-text-only',
    title: 'A rule with a text-only signature',
    family: 'host', order: 1,
    severity: 'warning',
    applies: 'all',
    symptom: 'test',
    needs: [],
    signatures: [
      { text: "Set-Widget : The widget '<Name>' on <Host> or <Cluster> cannot be \"resized\" while <Owner> holds it." },
    ],
    check: () => pass('ok'),
    remediation: [{ id: 'fix', title: 'Fix', text: 'Fix it.', runsOn: 'host', destructive: false }],
  });
  const rules = [rule];

  it('matches placeholders with any value, quotes of any kind, without the final period or the command prefix', () => {
    for (const text of [
      "Set-Widget : The widget 'Big Blue' on host01 or cluster-a cannot be \"resized\" while CONTOSO\\svc holds it.",
      'Set-Widget: The widget “w1” on h or c cannot be ‘resized’ while x holds it',
      "The widget 'w1' on h cannot be 'resized' while someone holds it.",
      "set-widget : the widget 'w1' on h or c cannot be\n\"resized\" while x holds it.",
    ]) {
      expect(explainText(text, rules).map((m) => m.rule), text).toEqual(['test-text-only']);
    }
  });

  it('does not match when a literal part differs', () => {
    expect(explainText("Set-Widget : The gadget 'w1' on h cannot be \"resized\" while x holds it.", rules)).toEqual([]);
    expect(explainText("Set-Widget : The widget 'w1' on h cannot be \"moved\" while x holds it.", rules)).toEqual([]);
  });
});
