import { parseCommandArgs, oneOf } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { RULES } from '../../../rules/index.js';
import { appliesText } from '../../core/rules/applies.js';

export const rulesCommand: Command = {
  name: 'rules',
  help: `Usage: ccdoctor rules [--format text|json]

Lists every rule ccdoctor knows, in catalogue order, with its severity, what it applies to (CCE
versions, or a Lync/Skype for Business Server) and the facts it needs (and those it reads when
present). JSON: {"schema": "ccdoctor/rules@1", "rules": [...]}.`,
  async run(argv, io) {
    const { values } = parseCommandArgs('rules', argv, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    const format = oneOf('rules', 'format', values.format, ['text', 'json'] as const, 'text');
    if (format === 'json') {
      const rules = RULES.map((r) => ({
        id: r.id, title: r.title, family: r.family, severity: r.severity, applies: r.applies, symptom: r.symptom,
        needs: r.needs, optional: r.optional, signatures: r.signatures.map((s) => s.text),
        remediation: r.remediation.map((s) => ({ id: s.id, title: s.title, runsOn: s.runsOn, destructive: s.destructive, ...(s.versions ? { versions: s.versions } : {}) })),
      }));
      io.stdout.write(`${JSON.stringify({ schema: 'ccdoctor/rules@1', rules }, null, 2)}\n`);
      return EXIT.ok;
    }
    const width = Math.max(...RULES.map((r) => r.id.length));
    for (const r of RULES) {
      io.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.title}\n`);
      const facts = [
        r.needs.length ? `needs ${r.needs.join(', ')}` : 'needs no fact',
        ...(r.optional.length ? [`reads ${r.optional.join(', ')} when present`] : []),
      ];
      io.stdout.write(`${' '.repeat(width + 2)}applies to ${appliesText(r)}; ${facts.join('; ')}\n`);
    }
    io.stdout.write(`\n${RULES.length} rules. Details: ccdoctor rules --format json\n`);
    return EXIT.ok;
  },
};
