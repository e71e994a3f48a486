import { resolve } from 'node:path';
import { parseCommandArgs, oneOf } from '../args.js';
import type { Command } from '../command.js';
import { EXIT } from '../command.js';
import { VERSION } from '../../core/paths.js';
import { InputError } from '../../core/errors.js';
import { writeFileAtomic } from '../../core/fs/atomic-write.js';
import { appliesText } from '../../core/rules/applies.js';
import { findAnyRule } from '../../core/rules/catalogue.js';
import { catalogueMarkdown, closestIds, isSiteRule, ruleHelpText, ruleMarkdown, scopeText, type AnyRule, type ProcedureFor } from '../../core/rules/help.js';
import { displayLine } from '../../core/text/sanitize.js';

/** The guided procedures, loaded only for one rule's help or the Markdown catalogue (not for the list). */
async function procedures(): Promise<ProcedureFor> {
  const { PROCEDURE_FOR_RULE, procedureById } = await import('../../core/procedures/index.js');
  return (id) => procedureById(PROCEDURE_FOR_RULE[id] ?? '');
}

function ruleJson(r: AnyRule) {
  return {
    id: r.id, title: r.title, family: r.family, severity: r.severity, applies: r.applies, symptom: r.symptom,
    ...(isSiteRule(r) ? { scope: r.scope, minHosts: r.minHosts, source: r.source } : {}),
    needs: r.needs, optional: r.optional, signatures: r.signatures.map((s) => s.text),
    remediation: r.remediation.map((s) => ({ id: s.id, title: s.title, runsOn: s.runsOn, destructive: s.destructive, ...(s.versions ? { versions: s.versions } : {}) })),
  };
}

function listText(rules: readonly AnyRule[]): string {
  const width = Math.max(...rules.map((r) => r.id.length));
  const out: string[] = [];
  for (const r of rules) {
    out.push(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.title}`);
    const facts = [
      r.needs.length ? `needs ${r.needs.join(', ')}` : 'needs no fact',
      ...(r.optional.length ? [`reads ${r.optional.join(', ')} when present`] : []),
    ];
    const scope = isSiteRule(r) ? `compares ${scopeText(r)}; ` : '';
    out.push(`${' '.repeat(width + 2)}${scope}applies to ${appliesText(r)}; ${facts.join('; ')}`);
  }
  const sites = rules.filter(isSiteRule).length;
  const counted = sites > 0 && sites < rules.length ? ` (${rules.length - sites} per host, ${sites} across appliances)` : '';
  out.push('', `${rules.length} rules${counted}. One rule's help: ccdoctor rules ID. Details: ccdoctor rules --format json`);
  return `${out.join('\n')}\n`;
}

export const rulesCommand: Command = {
  name: 'rules',
  help: `Usage: ccdoctor rules [ID] [--format text|json|md] [--out FILE [--force]]

Without ID: lists every rule ccdoctor knows, in catalogue order, with its severity, what it applies to
(CCE versions, or a Lync/Skype for Business Server) and the facts it needs (and those it reads when
present): the rules for one host, then the site rules, which compare the appliances of a site (or of
every site) when several snapshots are checked together. With ID: that rule's help: the symptom, the
documented error text it explains, the facts it checks, the versions it applies to, every remediation
step with its command (a <name> for each value to fill in, as check shows one), and the guided
procedure that goes with it; for a site rule also its scope and the documented requirement it checks
(its source). The rules' own metadata is the catalogue: this is written from it.

Options:
  --format FORMAT  text (default); json ({"schema": "ccdoctor/rules@1", "rules": [...]}); md (the
                   catalogue, or the one rule, as Markdown)
  --out FILE       write to FILE instead of stdout (replaced atomically: never half written)
  --force          replace --out if it exists
  -h, --help       this help

Exit codes: 0 ok; 2 usage error (an unknown rule id: the closest ids are named).`,
  async run(argv, io, ctx) {
    const { values, positionals } = parseCommandArgs('rules', argv, {
      format: { type: 'string' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    }, true);
    if (values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.ok;
    }
    const format = oneOf('rules', 'format', values.format, ['text', 'json', 'md'] as const, 'text');
    if (positionals.length > 1) throw new InputError(`ccdoctor rules: one rule id at a time (got ${positionals.length}). See: ccdoctor rules --help`);
    if (values.out === '') throw new InputError('ccdoctor rules: --out needs a file name. See: ccdoctor rules --help');
    if (values.force && values.out === undefined) throw new InputError('ccdoctor rules: --force only goes with --out FILE');
    const catalogue = await ctx.rules();
    const id = positionals[0];
    let rules: readonly AnyRule[] = [...catalogue.rules, ...catalogue.siteRules];
    if (id !== undefined) {
      const rule = findAnyRule(catalogue, id);
      if (!rule) {
        const near = closestIds(id, catalogue.order);
        throw new InputError(`ccdoctor rules: unknown rule "${displayLine(id, 60)}". ${near.length > 0 ? `Closest: ${near.join(', ')}. ` : ''}Every rule: ccdoctor rules`);
      }
      rules = [rule];
    }
    let text: string;
    if (format === 'json') text = `${JSON.stringify({ schema: 'ccdoctor/rules@1', rules: rules.map(ruleJson) }, null, 2)}\n`;
    else if (format === 'text' && id === undefined) text = listText(rules);
    else {
      const procedureFor = await procedures();
      if (format === 'text') text = ruleHelpText(rules[0]!, procedureFor);
      else text = id === undefined ? catalogueMarkdown(catalogue, procedureFor, VERSION) : `${ruleMarkdown(rules[0]!, procedureFor).join('\n').replace(/\n+$/, '')}\n`;
    }
    if (values.out === undefined || values.out === '-') {
      io.stdout.write(text);
      return EXIT.ok;
    }
    await writeFileAtomic(resolve(io.cwd, values.out), text, { force: values.force === true });
    io.stderr.write(`Wrote ${values.out} (${format}, ${rules.length} rule${rules.length === 1 ? '' : 's'}).\n`);
    return EXIT.ok;
  },
};
