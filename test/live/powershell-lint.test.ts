import { beforeAll, describe, expect, it } from 'vitest';
import type { Parser } from 'web-tree-sitter';
import { FACTS } from '../../src/facts/index.js';
import { plannedProbes } from '../../src/live/probes.js';
import { collectorScript, liveScript, probeWrapper, stdinBootstrap } from '../../src/live/ps-script.js';
import { notReadOnly, ps7Only, psParser, workAroundGrammarGaps, syntaxErrors, type Finding } from './ps-lint.js';

let parser: Parser;
beforeAll(async () => {
  parser = await psParser();
});

const probes = plannedProbes(FACTS);
const fmt = (fs: Finding[]) => fs.map((f) => `line ${f.line}: ${f.why}: ${f.text}`);

function lint(text: string, readOnly: boolean, secretAllowed = false): string[] {
  let tree = parser.parse(text)!;
  if (tree.rootNode.hasError) {
    const quoted = parser.parse(workAroundGrammarGaps(text))!;
    if (!quoted.rootNode.hasError) {
      tree.delete();
      tree = quoted;
    } else quoted.delete();
  }
  const root = tree.rootNode;
  const found = [...syntaxErrors(root), ...ps7Only(root, text), ...(readOnly ? notReadOnly(root, secretAllowed) : [])];
  tree.delete();
  return fmt(found);
}

describe('every probe is Windows PowerShell 5.1, parses, and is read-only', () => {
  it('there are probes to check', () => {
    expect(probes.length).toBeGreaterThan(10);
  });
  for (const p of probes) {
    it(p.id, () => {
      expect(lint(p.probe.script, true, p.probe.readsSecret !== undefined)).toEqual([]);
      // Wrapped as it runs: the JSON conversion has an explicit -Depth, and the result parses too.
      expect(lint(probeWrapper(p.probe.script), false)).toEqual([]);
    });
  }
});

describe('the generated scripts parse with zero errors and use nothing newer than 5.1', () => {
  it('the live script and its stdin bootstrap line', () => {
    const script = liveScript(probes, { deadlineMs: 300_000, vmUser: "CCE\\Admin'istrator" });
    expect(lint(script, false)).toEqual([]);
    expect(lint(stdinBootstrap(script), false)).toEqual([]);
  });
  it('the collector script (collect.ps1)', () => {
    const script = collectorScript(probes, { collectorVersion: '0.1.0', deadlineMs: 300_000 });
    expect(lint(script, false)).toEqual([]);
    expect(script).not.toMatch(/[^\x00-\x7F]/);
    expect(script.startsWith('\uFEFF')).toBe(false);
    for (const p of probes) expect(script).toContain(`#ccdoctor-probe {"id":"${p.id}"`);
  });
});

describe('the lints catch what they are for', () => {
  it('PowerShell 7-only syntax and commands', () => {
    const bad = [
      '$a = $b ?? 1',
      '$a = $b?.Name',
      '$a = $x ? 1 : 2',
      'Get-Item a && Get-Item b',
      "Get-Content x | ConvertFrom-Json -AsHashtable -Depth 3",
      '1..3 | ForEach-Object -Parallel { $_ }',
      'Get-Process | ConvertTo-Json -Compress',
      'if ($IsWindows) { 1 }',
      'function f { process { 1 } clean { 2 } }',
    ];
    for (const s of bad) expect(lint(s, false), s).not.toEqual([]);
  });
  it('probes that change the host or read a secret', () => {
    const bad = [
      "Set-ItemProperty -Path 'HKLM:\\x' -Name a -Value 1",
      "Remove-Item -LiteralPath 'C:\\x'",
      'Stop-Service RTCMEDSRV',
      'Restart-Computer',
      "New-Item -ItemType File 'C:\\x'",
      "Get-Date | Out-File 'C:\\x.txt'",
      "Get-Date > 'C:\\x.txt'",
      "[IO.File]::WriteAllText('C:\\x', 'y')",
      "(Get-Item 'C:\\x').Delete()",
      'Get-CcCredential -AccountType VmAdmin -DisplayPassword',
      '(Get-CcCredential -AccountType VmAdmin).GetNetworkCredential().Password',
      "reg add HKLM\\x /v a /d 1",
      'Invoke-Expression $x',
    ];
    for (const s of bad) expect(lint(s, true), s).not.toEqual([]);
  });
  it('bare-word lists and one-line switch clauses are read despite the grammar gaps; other errors still count', () => {
    expect(lint('Get-Process -Name powershell, powershell_ise -ErrorAction SilentlyContinue | Select-Object Id, Name', false)).toEqual([]);
    expect(lint('Get-Process -Name a, b | Select-Object Id, (', false)).not.toEqual([]);
    expect(lint("$x = 'a, b'", false)).toEqual([]);
    expect(lint("$n = switch ($r) { 'CMS' { @('a', 'b') } 'Edge' { 2 } }", false)).toEqual([]);
    expect(lint("$n = switch ($r) { 'CMS' { @('a', 'b') } 'Edge' { 2 } ", false)).not.toEqual([]);
  });
  it('a declared secret read is allowed; an undeclared one is not', () => {
    const s = "$pw = (Get-CcCredential -AccountType ExternalCert).GetNetworkCredential().Password";
    expect(lint(s, true, true)).toEqual([]);
    expect(lint(s, true, false).join('\n')).toMatch(/readsSecret/);
  });
  it('read-only probes pass', () => {
    const good = [
      "Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\x' -ErrorAction SilentlyContinue 2>$null",
      '$o = New-Object -TypeName PSObject; Get-Date | ConvertTo-Json -Depth 3 -Compress',
      "Invoke-Command -VMName 'AD' -Credential $cred -ScriptBlock { Get-Service | Select-Object Name }",
    ];
    for (const s of good) expect(lint(s, true), s).toEqual([]);
  });
});
