/**
 * The remediation command of module-analysis-cache-stale, run for real in pwsh: it deletes the
 * ModuleAnalysisCache from a separate PowerShell started with PSModuleAnalysisCachePath pointed at a temp
 * file (so that PowerShell cannot write the file it deletes back), and gives the window it is pasted into
 * its variable back. On Linux `powershell.exe` is a function that notes the environment the child inherits
 * and starts the real pwsh with the same arguments (the script block included).
 */
import { afterAll, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import rule from '../../rules/module-analysis-cache-stale.js';
import { fillCommand } from '../../src/core/powershell/template.js';
import { runRuleOn } from '../helpers/rule-tester.js';
import { describeTier } from '../tiers/tier.js';
import { runPwshJson } from '../pwsh/run-pwsh.js';

const HARNESS = String.raw`
param([string]$InputPath)
$ErrorActionPreference = 'Stop'
$in = Get-Content -LiteralPath $InputPath -Raw | ConvertFrom-Json
if ($null -ne $in.before) { $env:PSModuleAnalysisCachePath = [string]$in.before } else { $env:PSModuleAnalysisCachePath = $null }
$script:pwsh = [string]$in.pwsh
$script:childSaw = '(not started)'
function powershell.exe { $script:childSaw = $env:PSModuleAnalysisCachePath; & $script:pwsh @args }
& ([scriptblock]::Create([string]$in.command))
[pscustomobject]@{ childSaw = $script:childSaw; after = $env:PSModuleAnalysisCachePath; cacheExists = (Test-Path -LiteralPath ([string]$in.cache)) } | ConvertTo-Json -Compress
`;

const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-cache-delete-'));
const harness = join(dir, 'harness.ps1');
writeFileSync(harness, HARNESS, 'utf8');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function command(cachePath: string): string {
  const filled = fillCommand(rule.remediation.find((s) => s.id === 'delete-cache')!.command!, { cachePath });
  expect(filled.unresolved).toEqual([]);
  return filled.command;
}

describeTier('powershell', 'the cache-delete remediation, run in pwsh', (tier) => {
  const run = (cmd: string, cache: string, before: string | null) =>
    runPwshJson<{ childSaw: string | null; after: string | null; cacheExists: boolean }>(tier.tool, harness, { command: cmd, cache, before, pwsh: tier.tool }).then((r) => r.value);

  it('the rendered command deletes the file from a PowerShell whose own cache is elsewhere, and restores the variable', async () => {
    const r = await runRuleOn(rule, { snapshot: 'symptom-module-analysis-cache-stale.json' });
    expect(r.remediation[0]!.command).toBe(command('C:\\Users\\cceadmin\\AppData\\Local\\Microsoft\\Windows\\PowerShell\\ModuleAnalysisCache'));

    const cache = join(dir, 'ModuleAnalysisCache');
    writeFileSync(cache, Buffer.alloc(128, 3));
    const unset = await run(command(cache), cache, null);
    expect(unset.cacheExists).toBe(false);
    expect(unset.childSaw).toBe(join(tmpdir(), 'ccdoctor-ModuleAnalysisCache'));
    expect(unset.childSaw).not.toBe(cache);
    expect(unset.after).toBeNull();

    writeFileSync(cache, Buffer.alloc(128, 3));
    const preset = await run(command(cache), cache, '/somewhere/else/ModuleAnalysisCache');
    expect(preset.cacheExists).toBe(false);
    expect(preset.childSaw).toBe(join(tmpdir(), 'ccdoctor-ModuleAnalysisCache'));
    expect(preset.after).toBe('/somewhere/else/ModuleAnalysisCache');
  }, 60_000);

  it('a path with quotes and $ reaches the child PowerShell literally', async () => {
    const odd = join(dir, "o'brien ‘x’ $(Invoke-Evil)");
    mkdirSync(odd, { recursive: true });
    const cache = join(odd, 'ModuleAnalysisCache');
    writeFileSync(cache, 'x');
    const r = await run(command(cache), cache, null);
    expect(r.cacheExists).toBe(false);
    expect(existsSync(odd)).toBe(true);
  }, 60_000);
});
