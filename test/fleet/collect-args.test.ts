/**
 * collect --computer's input, without PowerShell: computer names from the option and from a computers file
 * (errors at file:line), the options checked before anything runs, and the CLI's exit code 2 for each.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computerNameProblem, computersFromFile, computersFromOption, uniqueComputers } from '../../src/core/fleet/computers.js';
import { fleetRequest } from '../../src/cli/commands/collect-fleet-args.js';
import { captureIo } from '../helpers/capture-io.js';
import { ccdoctor } from '../helpers/cli.js';

const dir = () => mkdtempSync(join(tmpdir(), 'ccd-collect-args-'));

describe('computer names', () => {
  it('takes NetBIOS and DNS names and IPv4 addresses; refuses what is not a name or cannot name a file', () => {
    for (const ok of ['cce01', 'CCE-01', 'cce01.contoso.com', '10.0.0.21', 'a', `${'a'.repeat(63)}.x`]) expect(computerNameProblem(ok), ok).toBeUndefined();
    for (const bad of ['', 'cce 01', '-cce', 'cce-', 'cce_01', '../etc', 'cce01/x', 'cce01\\x', 'a..b', `${'a'.repeat(64)}`, "cce'01", 'cce$(x)', 'fe80::1']) {
      expect(computerNameProblem(bad), bad).toBeTruthy();
    }
    expect(computerNameProblem('CON')).toMatch(/device/);
    expect(computerNameProblem('lpt1.contoso.com')).toMatch(/device/);
  });

  it('--computer a,b --computer c: split at commas, trimmed, in order', () => {
    expect(computersFromOption(['cce01, cce02', 'cce03']).map((c) => c.name)).toEqual(['cce01', 'cce02', 'cce03']);
    expect(() => computersFromOption(['cce01,,cce02'])).toThrow(/--computer: an empty name/);
    expect(() => computersFromOption(['cce01;rm'])).toThrow(/--computer: cce01;rm is not a computer name/);
  });

  it('a computers file: one name a line, # comments, blank lines; a bad name is reported as file:line', () => {
    const text = '# site A\r\ncce01\n\n  cce02   # spare\n\t\ncce03\n';
    expect(computersFromFile(text, 'hosts.txt')).toEqual([
      { name: 'cce01', from: 'hosts.txt:2' },
      { name: 'cce02', from: 'hosts.txt:4' },
      { name: 'cce03', from: 'hosts.txt:6' },
    ]);
    expect(() => computersFromFile('cce01\n# x\ncce 02\n', 'hosts.txt')).toThrow('ccdoctor collect: hosts.txt:3: cce 02 is not a computer name (letters, digits, hyphens and dots');
    expect(() => computersFromFile('\uFEFFcce01,cce02\n', 'hosts.txt')).toThrow(/hosts\.txt:1: cce01,cce02 is not a computer name/);
  });

  it('a host given twice (in any case, anywhere) is an error naming both places; none at all is one too', () => {
    const list = [...computersFromOption(['cce01']), ...computersFromFile('cce02\nCCE01\n', 'hosts.txt')];
    expect(() => uniqueComputers(list)).toThrow('ccdoctor collect: hosts.txt:2: CCE01 is given twice (first at --computer): each host is collected once');
    expect(() => uniqueComputers(computersFromFile('# nobody\n', 'hosts.txt'))).toThrow(/no computer to collect/);
  });
});

describe('fleetRequest: the options of collect --computer', () => {
  const io = (env: NodeJS.ProcessEnv = {}, cwd = dir()) => captureIo(env, cwd).io;

  it('defaults: 8 at a time, 300 s a host; --out is a folder, shown with a separator', () => {
    const r = fleetRequest({ computer: ['cce01,cce02'], out: 'site-a' }, io({}, '/work'));
    expect(r).toMatchObject({ computers: ['cce01', 'cce02'], outDir: '/work/site-a', shownOut: 'site-a/', force: false, throttle: 8, hostTimeoutMs: 300_000 });
    expect(r.remoteCredential).toBeUndefined();
    expect(fleetRequest({ computer: ['a'], out: 'x/', throttle: '32', timeout: '60', force: true }, io())).toMatchObject({ shownOut: 'x/', throttle: 32, hostTimeoutMs: 60_000, force: true });
  });

  it('a computers file in UTF-16 (Out-File in Windows PowerShell 5.1) or UTF-8, joined with --computer', () => {
    const d = dir();
    writeFileSync(join(d, 'hosts.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('cce02\r\n# x\r\ncce03\r\n', 'utf16le')]));
    expect(fleetRequest({ computer: ['cce01'], 'computers-file': ['hosts.txt'], out: 'o' }, io({}, d)).computers).toEqual(['cce01', 'cce02', 'cce03']);
    expect(() => fleetRequest({ 'computers-file': ['missing.txt'], out: 'o' }, io({}, d))).toThrow(/cannot read --computers-file missing\.txt/);
  });

  it('bad values are one line each, before anything runs', () => {
    expect(() => fleetRequest({ computer: ['a'] }, io())).toThrow(/--out FOLDER is required with --computer/);
    expect(() => fleetRequest({ computer: ['a'], out: 'o', throttle: '0' }, io())).toThrow('--throttle must be a whole number of hosts from 1 to 128 (got "0")');
    expect(() => fleetRequest({ computer: ['a'], out: 'o', throttle: '2.5' }, io())).toThrow(/--throttle must be a whole number/);
    expect(() => fleetRequest({ computer: ['a'], out: 'o', timeout: '1' }, io())).toThrow(/--timeout must be a number of seconds from 5 to 3600/);
    expect(() => fleetRequest({ computer: ['a'], out: 'o', tenant: ['t.json'] }, io())).toThrow(/--tenant is not taken with --computer.*check --snapshot FOLDER --tenant FILE/);
  });

  it('--credential-user takes its password from CCDOCTOR_REMOTE_PASSWORD only', () => {
    expect(() => fleetRequest({ computer: ['a'], out: 'o', 'credential-user': 'CONTOSO\\ops' }, io())).toThrow(
      'ccdoctor collect: --credential-user CONTOSO\\ops needs its password in the CCDOCTOR_REMOTE_PASSWORD environment variable (it is never taken on the command line)',
    );
    const r = fleetRequest({ computer: ['a'], out: 'o', 'credential-user': ' CONTOSO\\ops ' }, io({ CCDOCTOR_REMOTE_PASSWORD: 'p@ss' }));
    expect(r.remoteCredential).toEqual({ user: 'CONTOSO\\ops', password: 'p@ss' });
    const vm = fleetRequest({ computer: ['a'], out: 'o', 'vm-user': 'CCE\\Administrator' }, io({ CCDOCTOR_VM_PASSWORD: 'v' }));
    expect(vm.vmCredential).toEqual({ user: 'CCE\\Administrator', password: 'v' });
  });
});

describe('ccdoctor collect --computer: usage errors exit 2 with one line', () => {
  it('bad names, a bad file line, options without --computer, --script with --computer', async () => {
    const d = dir();
    writeFileSync(join(d, 'hosts.txt'), 'cce01\ncce_02\n');
    const cases: [string[], RegExp][] = [
      [['collect', '--computer', 'cce01;whoami', '--out', 'o'], /--computer: cce01;whoami is not a computer name/],
      [['collect', '--computers-file', 'hosts.txt', '--out', 'o'], /hosts\.txt:2: cce_02 is not a computer name/],
      [['collect', '--throttle', '4', '--out', 'x.json'], /--throttle is for collecting many hosts/],
      [['collect', '--computer', 'cce01', '--script'], /--script prints the collector and takes no --computer/],
      [['collect', '--computer', 'cce01'], /--out FOLDER is required/],
    ];
    for (const [args, msg] of cases) {
      const r = await ccdoctor(args, { cwd: d });
      expect(r.exitCode, args.join(' ')).toBe(2);
      const err = String(r.stderr);
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err, args.join(' ')).toMatch(msg);
    }
  }, 60_000);

  it('--help shows the fan-out options and the one-liner for the operator\'s own tooling', async () => {
    const r = await ccdoctor(['collect', '--help']);
    for (const flag of ['--computer', '--computers-file', '--throttle', '--credential-user', 'CCDOCTOR_REMOTE_PASSWORD', 'manifest.json']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain("Invoke-Command -ComputerName (Get-Content hosts.txt) -FilePath .\\collect.ps1 -ArgumentList '-' -ThrottleLimit 8");
  });
});
