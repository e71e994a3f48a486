import { byStatus, summaryLine } from './labels.js';
import type { ReportModel, ReportResult, ReportStep } from './model.js';
import { holdsMask } from './secrets.js';
import { wasCapped } from './build.js';
import { unfilledPlaceholder } from '../powershell/template.js';

/**
 * A run's remediation as a commented PowerShell script, with this host's values filled in (the
 * commands come from the report model, filled through psQuote when the run was rendered). Running the
 * file never runs a destructive step: those are commented out line by line, as are steps for another
 * machine and steps with a value left to fill in: one no fact gave, one redaction replaced by a token,
 * or a masked secret. The other steps run in order and the first error stops the script. Comments carry
 * untrusted text (host names, messages), so no line break or control character of theirs reaches the
 * file: a comment cannot end early and turn text into a command.
 */
export function renderPs1(m: ReportModel, opts: { rule?: string } = {}): string {
  const findings = byStatus(m, 'fail').filter((r) => opts.rule === undefined || r.rule === opts.rule);
  const out: string[] = [];
  const version = m.host.cceVersion ? `CCE ${m.host.cceVersion}` : m.host.role === 'lync-server' ? 'Lync/Skype for Business Server' : 'CCE version unknown';
  const what = opts.rule === undefined ? `${findings.length} finding${findings.length === 1 ? '' : 's'}` : `finding ${opts.rule}`;
  out.push(...comment(`ccdoctor remediation script: ${what} on ${m.host.name} (${version}), from ${m.source.kind} ${m.source.ref}.`));
  out.push(...comment(`Generated ${m.generatedAt} by ccdoctor ${m.tool.version}${m.redacted ? ' (redacted: names and addresses are tokens, fill in the real values)' : ''}. ${summaryLine(m)}`));
  out.push('#');
  out.push(...comment('Read every step before running anything. Run this file on the CCE host, in an elevated PowerShell.'));
  out.push(...comment('- Steps marked DESTRUCTIVE are commented out: running this file never runs them. Run such a command by hand, when the step says so, by removing the "# " in front of each of its lines.'));
  out.push(...comment('- Steps for another machine (a VM, the tenant, the operator) and steps with a value to fill in (one left blank, redacted or a masked secret) are commented out too.'));
  out.push(...comment('- The other steps run in order; the first error stops the script.'));
  out.push("$ErrorActionPreference = 'Stop'");
  if (findings.length === 0) {
    out.push('', ...comment(opts.rule === undefined ? 'No findings: nothing to do.' : `${opts.rule} is not a finding of this run: nothing to do.`));
  }
  findings.forEach((r, i) => out.push('', ...finding(r, i + 1, findings.length)));
  // With a BOM: Windows PowerShell 5.1 reads a file without one in the ANSI code page, where the bytes of
  // some UTF-8 characters are curly quotes (0x91-0x94) that would end a quoted value early.
  return `\uFEFF${out.join('\r\n')}\r\n`;
}

const RULE = `# ${'-'.repeat(98)}`;

function finding(r: ReportResult, n: number, total: number): string[] {
  const out = [RULE, ...comment(`Finding ${n} of ${total}: ${r.rule} [${r.severity}] ${r.title}`), ...comment(r.message)];
  r.remediation.forEach((s, k) => out.push('#', ...step(s, `${n}.${k + 1}`)));
  if (r.remediation.length === 0) out.push(...comment('No remediation steps are documented for this finding.'));
  return out;
}

/** Why a step's command does not run from the file (the first reason leads), or none when it does. */
function heldBack(s: ReportStep, command: string): string[] {
  const reasons: string[] = [];
  if (s.destructive) reasons.push('DESTRUCTIVE: not run from this file. Run it by hand only after reading this step.');
  else if (s.unresolved?.length) reasons.push(`Fill in ${s.unresolved.map(unfilledPlaceholder).join(', ')} first: not run from this file.`);
  else if (s.runsOn !== 'host') reasons.push(`Runs ${s.runsOn === 'tenant' ? 'in tenant remote PowerShell' : s.runsOn === 'operator' ? 'by you' : `on the ${s.runsOn.slice(3)} VM`}, not on this host: not run from this file.`);
  // Said also under another reason: whoever runs the step by hand must not take these values as they are.
  if (s.redacted) reasons.push('A value in it was redacted: fill in the real one first: not run from this file.');
  if (holdsMask(command)) reasons.push('A secret in it is masked: fill in the real one first: not run from this file.');
  if (wasCapped(command)) reasons.push('It is cut short in this report (a value in it is too long to show): not run from this file.');
  return reasons;
}

function step(s: ReportStep, n: string): string[] {
  const tags = [`on ${s.runsOn}`, ...(s.versions ? [`CCE ${s.versions}`] : [])].join(', ');
  const out = [...comment(`Step ${n}${s.destructive ? ' [DESTRUCTIVE]' : ''}: ${s.title} (${tags})`), ...comment(s.text)];
  if (!s.command) return [...out, ...comment('(no command: done by hand)')];
  const held = heldBack(s, s.command);
  if (held.length === 0) return [...out, s.command];
  // Every physical line of the command is commented: a value holding a line break stays inside the comment.
  return [...out, ...held.flatMap((h) => comment(`>>> ${h}`)), ...s.command.split(/\r\n|[\r\n]/).map((l) => `# ${l}`)];
}

/** Text as comment lines of at most ~100 columns; line breaks and control characters become spaces. */
function comment(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  const lines: string[] = [];
  let line = '';
  for (const word of flat.split(' ')) {
    if (line && line.length + 1 + word.length > 98) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l) => (l ? `# ${l}` : '#'));
}
