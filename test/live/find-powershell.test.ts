import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPowerShell, noPowerShellMessage, noPowerShellReason } from '../../src/live/find-powershell.js';
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { ROOT } from './fake.js';
import { liveAvailability } from '../../src/ui/engine/live.js';
import { usesCredential } from '../../src/live/probes.js';
import { tempDir } from './fake.js';

function exe(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const f = join(dir, name);
  writeFileSync(f, '#!/bin/sh\n');
  chmodSync(f, 0o755);
  return f;
}

describe('findPowerShell', () => {
  it('prefers Windows PowerShell, falls back to pwsh, and finds nothing when there is none', async () => {
    const d = tempDir();
    const pwsh = exe(join(d, 'b'), 'pwsh');
    expect(await findPowerShell({ PATH: `${join(d, 'a')}:${join(d, 'b')}` }, 'linux')).toBe(pwsh);
    const ps = exe(join(d, 'a'), 'powershell');
    expect(await findPowerShell({ PATH: `${join(d, 'b')}:${join(d, 'a')}` }, 'linux')).toBe(ps);
    expect(await findPowerShell({ PATH: join(d, 'none') }, 'linux')).toBeUndefined();
  });

  it('a file that is not executable is not PowerShell', async () => {
    const d = tempDir();
    writeFileSync(join(d, 'powershell'), '');
    expect(await findPowerShell({ PATH: d }, 'linux')).toBeUndefined();
  });

  it('on Windows: the built-in path under SystemRoot even when PATH is trimmed', async () => {
    const root = tempDir();
    const builtIn = exe(join(root, 'System32', 'WindowsPowerShell', 'v1.0'), 'powershell.exe');
    expect(await findPowerShell({ PATH: '', SystemRoot: root }, 'win32')).toBe(builtIn);
  });

  it('on 64-bit Windows from a 32-bit Node: the 64-bit PowerShell through Sysnative (System32 would be redirected)', async () => {
    const root = tempDir();
    exe(join(root, 'System32', 'WindowsPowerShell', 'v1.0'), 'powershell.exe');
    const native = exe(join(root, 'Sysnative', 'WindowsPowerShell', 'v1.0'), 'powershell.exe');
    expect(await findPowerShell({ PATH: '', SystemRoot: root, PROCESSOR_ARCHITEW6432: 'AMD64' }, 'win32', 'ia32')).toBe(native);
    // A 64-bit Node, or 32-bit Windows: System32 is the right one.
    expect(await findPowerShell({ PATH: '', SystemRoot: root, PROCESSOR_ARCHITEW6432: 'AMD64' }, 'win32', 'x64')).not.toBe(native);
    expect(await findPowerShell({ PATH: '', SystemRoot: root }, 'win32', 'ia32')).not.toBe(native);
  });

  it('CCDOCTOR_POWERSHELL names one explicitly; a wrong one is not silently replaced', async () => {
    const d = tempDir();
    const mine = exe(d, 'my-powershell');
    exe(join(d, 'p'), 'powershell');
    expect(await findPowerShell({ PATH: join(d, 'p'), CCDOCTOR_POWERSHELL: mine }, 'linux')).toBe(mine);
    expect(await findPowerShell({ PATH: join(d, 'p'), CCDOCTOR_POWERSHELL: join(d, 'missing') }, 'linux')).toBeUndefined();
  });

  it('a wrong CCDOCTOR_POWERSHELL is named with its path, in the message and in the wizard', async () => {
    const d = tempDir();
    const plain = join(d, 'not-a-program');
    writeFileSync(plain, 'text');
    chmodSync(plain, 0o644);
    expect(noPowerShellReason({ CCDOCTOR_POWERSHELL: join(d, 'missing') })).toBe(`CCDOCTOR_POWERSHELL is ${join(d, 'missing')}, which does not exist (it replaces the search of PATH: correct it, or unset it)`);
    expect(noPowerShellReason({ CCDOCTOR_POWERSHELL: plain })).toMatch(/which cannot be run/);
    expect(noPowerShellReason({})).toMatch(/^no PowerShell found on this machine/);
    expect(await liveAvailability({ PATH: '', CCDOCTOR_POWERSHELL: join(d, 'missing') }, 'linux')).toEqual({ available: false, reason: expect.stringContaining(`CCDOCTOR_POWERSHELL is ${join(d, 'missing')}`) });
  });
});

describe('which probes need the VM credential', () => {
  it('$cred and ${cred}, not $credential or $script:cred-like names', () => {
    expect(usesCredential('Invoke-Command -VMName AD -Credential $cred -ScriptBlock {}')).toBe(true);
    expect(usesCredential('Invoke-Command -Credential ${cred}')).toBe(true);
    expect(usesCredential('$CRED.UserName')).toBe(true);
    expect(usesCredential('$credential = 1')).toBe(false);
    expect(usesCredential('$credFile = 1')).toBe(false);
    expect(usesCredential('Get-CcCredential -AccountType VmAdmin')).toBe(false);
  });
});

describe('what to do without PowerShell', () => {
  it('names the demo by a path that opens from where ccdoctor runs', () => {
    const demo = (cwd: string) => /Or try the demo: +ccdoctor check --snapshot (\S+)$/m.exec(noPowerShellMessage({}, cwd))![1]!;
    expect(demo(ROOT)).toBe(join('snapshots', 'demo.json'));
    const elsewhere = demo(tempDir());
    expect(isAbsolute(elsewhere)).toBe(true);
    expect(existsSync(elsewhere)).toBe(true);
  });
});
