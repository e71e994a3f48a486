import { Box } from 'ink';
import { Frame } from '../components/Frame.js';
import { Line } from '../components/Line.js';
import { useWizard, type Wizard } from '../context.js';
import { BACK, BACKSPACE, HELP, QUIT, type Command, type KeyHelp } from '../keymap.js';
import { procedureById, procedureFor } from '../../core/procedures/index.js';
import { openProcedure } from './procedure-open.js';
import { clamp } from '../layout.js';
import type { Rule } from '../../core/rules/types.js';
import { appliesText } from '../../core/rules/applies.js';
import { unfilledCommand } from '../../core/powershell/template.js';
import { SEVERITY_LABEL } from '../theme.js';
import { wrap, wrapCommand } from '../text.js';
import { FAMILY_LABEL } from './rule-rows.js';
import type { ScreenOf } from '../state/wizard.js';

/** The rule page's rows at `width` columns (exported for its tests). */
export function infoLines(ruleId: string, width: number, rules: readonly Rule<any, any>[]): string[] {
  const r = rules.find((x) => x.id === ruleId);
  if (!r) return [`unknown rule ${ruleId}`];
  const out: string[] = [];
  const para = (t: string, indent = '') => out.push(...wrap(t, width, indent));
  para(`${r.id}: ${r.title}`);
  para(`${FAMILY_LABEL[r.family]}, severity ${SEVERITY_LABEL[r.severity].toLowerCase()}, applies to ${appliesText(r)}`);
  out.push('', 'Symptom');
  para(r.symptom, '  ');
  if (r.signatures.length) {
    out.push('', 'Error text it explains');
    for (const s of r.signatures) para(s.text, '  ');
  }
  out.push('', 'Facts it checks');
  para([...r.needs, ...r.optional].join(', '), '  ');
  out.push('', 'Remediation');
  r.remediation.forEach((s, i) => {
    para(`${i + 1}. ${s.title} (on ${s.runsOn}${s.destructive ? ', destructive' : ''}${s.versions ? `, CCE ${s.versions}` : ''})`, '  ');
    para(s.text, '     ');
    if (s.command) {
      const c = wrapCommand(unfilledCommand(s.command), width, '     ');
      out.push(...c.rows);
      if (c.cut) out.push('     (wider than the screen: shown cut)');
    }
  });
  const guided = procedureById(procedureFor(r.id, r.remediation) ?? '');
  if (guided) out.push('', ...wrap(`Guided procedure: ${guided.title} (press p)`, width));
  return out;
}

/** The guided procedure the rule's remediation names, if any. */
function ruleProcedure(ruleId: string, rules: readonly Rule<any, any>[]): string | undefined {
  const r = rules.find((x) => x.id === ruleId);
  return r ? procedureFor(r.id, r.remediation) : undefined;
}

/** The line where the rule's remediation starts, to open the rule scrolled to it. */
export function remediationOffset(ruleId: string, width: number, rules: readonly Rule<any, any>[]): number {
  return Math.max(0, infoLines(ruleId, width, rules).indexOf('Remediation'));
}

export function RuleInfo(props: { screen: ScreenOf<'rule'> }) {
  const w = useWizard();
  const screen = props.screen;
  const lines = infoLines(screen.ruleId, w.layout.width, w.services.catalogue.rules);
  const scroll = clamp(screen.scroll, 0, lines.length - w.layout.body);
  return (
    <Frame title={`rule ${screen.ruleId}`}>
      <Box flexDirection="column">
        {lines.slice(scroll, scroll + w.layout.body).map((l, i) => (
          <Line key={scroll + i} bold={i + scroll === 0 || /^[A-Z][a-z ]+$/.test(l)}>{l || ' '}</Line>
        ))}
      </Box>
    </Frame>
  );
}

export function ruleKey(cmd: Command, w: Wizard): boolean {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  if (screen.name !== 'rule') return false;
  const max = Math.max(0, infoLines(screen.ruleId, w.layout.width, w.services.catalogue.rules).length - w.layout.body);
  const procedure = ruleProcedure(screen.ruleId, w.services.catalogue.rules);
  if (cmd.type === 'char' && cmd.text === 'p' && procedure) {
    openProcedure(w, procedure);
    return true;
  }
  const delta: Record<string, number> = { up: -1, down: 1, pageUp: -w.layout.body, pageDown: w.layout.body, home: -Infinity, end: Infinity };
  const d = delta[cmd.type];
  if (d === undefined) return false;
  w.dispatch({ type: 'patch', name: 'rule', patch: { scroll: clamp(screen.scroll + d, 0, max) } });
  return true;
}

/** The keys of this screen (p when the rule's remediation names a guided procedure). */
export function ruleKeys(w: Wizard): readonly KeyHelp[] {
  const screen = w.state.stack[w.state.stack.length - 1]!;
  const procedure = screen.name === 'rule' ? ruleProcedure(screen.ruleId, w.services.catalogue.rules) : undefined;
  return [{ keys: '↑↓ PgUp/PgDn', does: 'scroll' }, ...(procedure ? [{ keys: 'p', does: 'procedure' }] : []), BACK, BACKSPACE, HELP, QUIT];
}
