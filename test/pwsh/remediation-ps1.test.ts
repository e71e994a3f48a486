/**
 * The remediation script (`report --format ps1`, the wizard's "save as .ps1") in real pwsh: the file of
 * every bundled snapshot's run, and one carrying hostile values in every place a value can go, parses
 * without error (and passes the Windows PowerShell 5.1 walk); run with every command it names stubbed
 * out, it runs only the non-destructive steps' commands, never a destructive one and never a value.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSnapshot } from '../helpers/check.js';
import { buildReport, renderPs1, type ReportModel } from '../../src/core/report/index.js';
import { fillCommand } from '../../src/core/powershell/template.js';
import { describeTier } from '../tiers/tier.js';
import { parseBatch, problems, runPwshJson, type ParseBatch } from './run-pwsh.js';
import { HOSTILE_VALUES, PLAIN_VALUE } from './corpus.js';
import { RULES } from '../helpers/catalogue.js';
import { placeholders } from '../../src/core/powershell/template.js';
import { wrapCommand } from '../../src/ui/text.js';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-ps1-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HARNESS = String.raw`
param([string]$InputPath)
$ErrorActionPreference = 'Stop'
$in = Get-Content -LiteralPath $InputPath -Raw | ConvertFrom-Json
$out = [System.Collections.Generic.List[object]]::new()
foreach ($case in $in.cases) {
  $tokens = $null; $errors = $null
  $ast = [System.Management.Automation.Language.Parser]::ParseFile([string]$case.path, [ref]$tokens, [ref]$errors)
  $commands = @($ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] }, $true))
  $names = [System.Collections.Generic.HashSet[string]]::new([StringComparer]::OrdinalIgnoreCase)
  foreach ($c in $commands) { $n = $c.GetCommandName(); if ($n) { [void]$names.Add($n) } }
  foreach ($n in @($case.stub)) { if ($n) { [void]$names.Add([string]$n) } }
  $global:ccLog = [System.Collections.Generic.List[object]]::new()
  foreach ($n in $names) { Set-Item -LiteralPath "function:global:$n" -Value { $global:ccLog.Add([pscustomobject]@{ name = $MyInvocation.MyCommand.Name; line = $MyInvocation.ScriptLineNumber; script = $MyInvocation.ScriptName }) } }
  $failed = $null
  try { & ([string]$case.path) } catch { $failed = $_.Exception.Message }
  $ran = @($global:ccLog)
  foreach ($n in $names) { Microsoft.PowerShell.Management\Remove-Item -LiteralPath "function:global:$n" -ErrorAction SilentlyContinue }
  $out.Add([pscustomobject]@{ name = [string]$case.name; errors = @($errors | ForEach-Object { $_.Message }); ran = $ran; failed = $failed })
}
ConvertTo-Json -InputObject @($out) -Depth 5 -Compress
`;

interface Case {
  name: string;
  text: string;
  model: ReportModel;
}

/** A model whose host, messages, step texts and every command's values are hostile. */
function hostileModel(base: ReportModel): ReportModel {
  const evil = "x\r\nInvoke-Evil # \n'@\n\u2028Invoke-Evil";
  const steps = HOSTILE_VALUES.flatMap((value, i) => [
    { id: `d${i}`, title: `destructive ${evil}`, text: evil, command: fillCommand('Remove-Item -LiteralPath {p} -Recurse', { p: value }).command, runsOn: 'host', destructive: true },
    { id: `s${i}`, title: `safe ${evil}`, text: evil, command: fillCommand('Write-Output {p}', { p: value }).command, runsOn: 'host', destructive: false },
  ]);
  return {
    ...base,
    host: { ...base.host, name: `HOST${evil}` },
    source: { kind: 'snapshot', ref: `C:\\x${evil}.json` },
    results: [{ ...base.results.find((r) => r.status === 'fail')!, rule: 'hostile', title: evil, message: evil, status: 'fail', remediation: steps }],
  };
}

const cases: Case[] = [];

beforeAll(async () => {
  for (const f of readdirSync(join(ROOT, 'snapshots')).filter((x) => x.endsWith('.json')).sort()) {
    const run = await checkSnapshot(join(ROOT, 'snapshots', f), { shown: `snapshots/${f}` });
    const model = buildReport(run, { toolVersion: 'test', now: new Date('2026-01-01T00:00:00Z') });
    cases.push({ name: f, text: renderPs1(model), model });
  }
  const demo = cases.find((c) => c.name === 'demo.json')!.model;
  const hostile = hostileModel(demo);
  cases.push({ name: 'hostile values', text: renderPs1(hostile), model: hostile });
}, 120_000);

/** The lines (1-based) the file may run: the commands of non-destructive host steps with every value known. */
function liveLines(c: Case): Map<number, string> {
  const lines = c.text.replace(/^\uFEFF/, '').split(/\r\n|[\r\n]/);
  const allowed = new Set<string>();
  for (const r of c.model.results.filter((x) => x.status === 'fail')) {
    for (const s of r.remediation) if (s.command && !s.destructive && s.runsOn === 'host' && !s.unresolved?.length) allowed.add(s.command.split(/\r\n|[\r\n]/)[0]!);
  }
  return new Map(lines.flatMap((l, i) => (allowed.has(l) ? [[i + 1, l] as const] : [])));
}

describeTier('powershell', 'the remediation .ps1 in real pwsh', (tier) => {
  let parsed: ParseBatch;
  let runs: { name: string; errors: string[]; ran: { name: string; line: number; script: string }[]; failed: string | null }[];

  beforeAll(async () => {
    parsed = await parseBatch(tier.tool, cases.map((c) => ({ name: c.name, text: c.text.replace(/^\uFEFF/, '') })));
    const input = cases.map((c) => {
      const path = join(dir, `${c.name.replace(/[^a-z0-9.-]/gi, '_')}.ps1`);
      writeFileSync(path, c.text, 'utf8');
      // Stub every command a step names, destructive ones included: should one run, it is logged, not done.
      const stub = ['Invoke-Evil', 'Remove-Item', 'Restart-Computer', 'Stop-Computer', 'Remove-VMSwitch', 'Uninstall-CcAppliance', 'Remove-Module', 'Set-Content'];
      return { name: c.name, path, stub };
    });
    runs = (await runPwshJson<typeof runs>(tier.tool, writeHarness(), { cases: input }, { timeoutMs: 170_000 })).value;
  }, 180_000);

  it('a command copied from the wizard\'s wrapped rows (backtick continuations) parses to the same command', async () => {
    const items: { name: string; text: string; detail: 'strings' }[] = [];
    for (const rule of RULES) {
      for (const step of rule.remediation) {
        if (!step.command) continue;
        const values = [PLAIN_VALUE, ...HOSTILE_VALUES.slice(0, 4)];
        values.forEach((v, k) => {
          const command = fillCommand(step.command!, Object.fromEntries(placeholders(step.command!).map((p) => [p, v]))).command;
          const name = `${rule.id}/${step.id}/${k}`;
          items.push({ name: `${name} whole`, text: command, detail: 'strings' });
          for (const width of [40, 80]) {
            // As selected on the screen: "PS> " and the indentation taken off each row, the rows as lines.
            const rows = wrapCommand(command, width, '        ').rows.map((r) => r.replace(/^ *(?:PS> )? */, ''));
            if (rows.length > 1) items.push({ name: `${name} at ${width}`, text: rows.join('\n'), detail: 'strings' });
          }
        });
      }
    }
    const wrapped = items.filter((i) => / at \d+$/.test(i.name));
    expect(wrapped.length).toBeGreaterThan(10);
    const batch = await parseBatch(tier.tool, items.map((i) => ({ ...i, walk: false })));
    for (const it of wrapped) {
      const whole = batch.byName.get(it.name.replace(/ at \d+$/, ' whole'))!;
      const got = batch.byName.get(it.name)!;
      expect(problems(got), it.name).toEqual([]);
      expect(got.detail!.shape, it.name).toBe(whole.detail!.shape);
      expect(got.detail!.strings, it.name).toEqual(whole.detail!.strings);
    }
  }, 120_000);

  it('every file parses (and passes the 5.1 walk)', () => {
    expect(cases.length).toBeGreaterThan(20);
    const bad = cases.flatMap((c) => problems(parsed.byName.get(c.name)).map((p) => `${c.name}: ${p}`));
    expect(bad).toEqual([]);
  });

  it('run against nothing, only non-destructive host steps run; no destructive command, no value', () => {
    let ranSomething = 0;
    for (const c of cases) {
      const r = runs.find((x) => x.name === c.name)!;
      expect(r.errors, c.name).toEqual([]);
      const live = liveLines(c);
      for (const call of r.ran) {
        expect(call.script, `${c.name}: a command ran outside the file`).toMatch(/\.ps1$/);
        expect(call.script.endsWith('harness.ps1'), `${c.name}: the harness called a stub`).toBe(false);
        expect(call.name, `${c.name} ran a hostile value as a command`).not.toBe('Invoke-Evil');
        expect(live.has(call.line), `${c.name}: line ${call.line} (${call.name}) is not a non-destructive step's command`).toBe(true);
      }
      ranSomething += r.ran.length;
    }
    expect(ranSomething).toBeGreaterThan(5);
    // A stub returns nothing, so a step that uses a command's output can stop the file (as the first
    // error does on a real host); the files with destructive steps after safe ones run to their end.
    for (const name of ['demo.json', 'symptom-credential-store-unreadable.json', 'hostile values']) {
      expect(runs.find((x) => x.name === name)!.failed, name).toBeNull();
    }
    expect(runs.filter((x) => x.failed === null).length).toBeGreaterThan(cases.length / 2);
    // The destructive commands are in the files, commented out (the test would see them run otherwise).
    expect(cases.find((c) => c.name === 'symptom-credential-store-unreadable.json')!.text).toMatch(/\r\n# Restart-Computer\r\n/);
  });

  it('the hostile file runs each safe step once, its value intact, and none of the destructive ones', () => {
    const r = runs.find((x) => x.name === 'hostile values')!;
    expect(r.ran.filter((x) => x.name === 'Write-Output')).toHaveLength(HOSTILE_VALUES.length);
    expect(r.ran.filter((x) => x.name === 'Remove-Item')).toEqual([]);
  });
});

function writeHarness(): string {
  const path = join(dir, 'harness.ps1');
  writeFileSync(path, HARNESS, 'utf8');
  return path;
}
