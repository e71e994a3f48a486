/**
 * The lasting PSModulePath fix of cloudconnector-module-not-found, run for real: the command as ccdoctor
 * renders it, in pwsh, against a stand-in for the registry key that holds the Machine environment
 * (pwsh on Linux has no registry). Get-Item and Set-ItemProperty are functions here that emulate
 * HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager\Environment: GetValue expands an ExpandString
 * value unless asked not to (DoNotExpandEnvironmentNames), GetValueKind tells its kind, and
 * Set-ItemProperty without -Type stores a plain String (REG_SZ), so a fix that forgets -Type is caught.
 */
import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../rules/cloudconnector-module-not-found.js';
import { fillCommand } from '../../src/core/powershell/template.js';
import { runRuleOn } from '../helpers/rule-tester.js';
import { describeTier } from '../tiers/tier.js';
import { runPwshJson } from '../pwsh/run-pwsh.js';

const KEY = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment';
const SYSTEM_MODULES = '%SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\Modules\\';
const ALL_USERS = 'C:\\Program Files\\WindowsPowerShell\\Modules';

/** Runs `command` `runs` times against the emulated key; returns the stored value, its kind and the calls made. */
const HARNESS = String.raw`
param([string]$InputPath)
$ErrorActionPreference = 'Stop'
$in = Get-Content -LiteralPath $InputPath -Raw | ConvertFrom-Json
$env:SystemRoot = 'C:\Windows'
$env:ProgramFiles = 'C:\Program Files'
$script:KeyPath = 'HKLM:\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'
$script:Store = @{}
if ($null -ne $in.value) { $script:Store['PSModulePath'] = @{ value = [string]$in.value; kind = [string]$in.kind } }
$script:Calls = New-Object System.Collections.ArrayList

function Get-Item {
  param([string]$LiteralPath, [string]$Path)
  $p = if ($LiteralPath) { $LiteralPath } else { $Path }
  [void]$script:Calls.Add("Get-Item $p")
  if ($p -ne $script:KeyPath) { throw "emulated registry: no key $p" }
  $key = [pscustomobject]@{ Name = 'HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Session Manager\Environment' }
  $key | Add-Member -MemberType ScriptMethod -Name GetValue -Value {
    param($name, $default, $options)
    [void]$script:Calls.Add('GetValue ' + $name + ' ' + [string]$options)
    $e = $script:Store[[string]$name]
    if ($null -eq $e) { return $default }
    if ($e.kind -eq 'ExpandString' -and [string]$options -ne 'DoNotExpandEnvironmentNames') { return [Environment]::ExpandEnvironmentVariables($e.value) }
    return $e.value
  }
  $key | Add-Member -MemberType ScriptMethod -Name GetValueKind -Value {
    param($name)
    $e = $script:Store[[string]$name]
    if ($null -eq $e) { throw "emulated registry: no value $name" }
    return $e.kind
  }
  return $key
}

function Set-ItemProperty {
  param([string]$LiteralPath, [string]$Path, [string]$Name, $Value, [string]$Type)
  $p = if ($LiteralPath) { $LiteralPath } else { $Path }
  [void]$script:Calls.Add("Set-ItemProperty $p $Name -Type $Type")
  if ($p -ne $script:KeyPath) { throw "emulated registry: no key $p" }
  $kind = if ($Type) { $Type } else { 'String' }
  $script:Store[$Name] = @{ value = [string]$Value; kind = $kind }
}

$block = [scriptblock]::Create([string]$in.command)
for ($i = 0; $i -lt [int]$in.runs; $i++) { & $block }
$k = Get-Item -LiteralPath $script:KeyPath
$e = $script:Store['PSModulePath']
[pscustomobject]@{
  value = $(if ($e) { $e.value } else { $null })
  kind = $(if ($e) { $k.GetValueKind('PSModulePath') } else { $null })
  expanded = $(if ($e) { $k.GetValue('PSModulePath', '', 'None') } else { $null })
  calls = @($script:Calls)
} | ConvertTo-Json -Depth 4 -Compress
`;

const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-psmodulepath-'));
const harness = join(dir, 'emulated-registry.ps1');
writeFileSync(harness, HARNESS, 'utf8');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface After {
  value: string | null;
  kind: string | null;
  expanded: string | null;
  calls: string[];
}

function command(modulesDir: string): string {
  const filled = fillCommand(rule.remediation.find((s) => s.id === 'machine-path')!.command!, { modulesDir });
  expect(filled.unresolved).toEqual([]);
  return filled.command;
}

describeTier('powershell', 'the lasting PSModulePath fix, run in pwsh against an emulated registry', (tier) => {
  const run = async (cmd: string, initial: { value: string | null; kind?: string }, runs = 1) =>
    (await runPwshJson<After>(tier.tool, harness, { command: cmd, value: initial.value, kind: initial.kind ?? 'ExpandString', runs })).value;

  it('the command ccdoctor renders for the symptom snapshot appends the folder once, keeping %SystemRoot% unexpanded and the value ExpandString', async () => {
    const r = await runRuleOn(rule, { snapshot: 'symptom-cloudconnector-module-not-found.json' });
    const rendered = r.remediation.find((s) => s.id === 'machine-path')!.command!;
    expect(rendered).toBe(command(ALL_USERS));
    const once = await run(rendered, { value: SYSTEM_MODULES });
    expect(once.kind).toBe('ExpandString');
    expect(once.value).toBe(`${SYSTEM_MODULES};${ALL_USERS}`);
    expect(once.expanded).toBe(`C:\\Windows\\system32\\WindowsPowerShell\\v1.0\\Modules\\;${ALL_USERS}`);
    expect(once.calls).toContain('GetValue PSModulePath DoNotExpandEnvironmentNames');
    expect(once.calls.filter((c) => c.startsWith('Set-ItemProperty'))).toEqual([`Set-ItemProperty ${KEY} PSModulePath -Type ExpandString`]);

    const twice = await run(rendered, { value: SYSTEM_MODULES }, 2);
    expect(twice.value).toBe(`${SYSTEM_MODULES};${ALL_USERS}`);
    expect(twice.value!.split(';').filter((e) => e === ALL_USERS)).toHaveLength(1);
    expect(twice.kind).toBe('ExpandString');
    expect(twice.calls.filter((c) => c.startsWith('Set-ItemProperty'))).toHaveLength(1);
  });

  it('an entry that expands to the folder (%ProgramFiles%\\...) counts as there: nothing is written', async () => {
    const value = `%ProgramFiles%\\WindowsPowerShell\\Modules;${SYSTEM_MODULES}`;
    const r = await run(command(`${ALL_USERS}\\`), { value });
    expect(r.value).toBe(value);
    expect(r.kind).toBe('ExpandString');
    expect(r.calls.some((c) => c.startsWith('Set-ItemProperty'))).toBe(false);
  });

  it('a folder with quotes and $ goes in literally (psQuote), and a missing value starts from Windows\' own entry', async () => {
    const odd = "D:\\Mod'ules $(Invoke-Evil) ‘x’";
    const r = await run(command(odd), { value: null });
    expect(r.value).toBe(`%SystemRoot%\\system32\\WindowsPowerShell\\v1.0\\Modules;${odd}`);
    expect(r.kind).toBe('ExpandString');
    const trailing = await run(command(ALL_USERS), { value: `${SYSTEM_MODULES};` });
    expect(trailing.value).toBe(`${SYSTEM_MODULES};${ALL_USERS}`);
  });
});
