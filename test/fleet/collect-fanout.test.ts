/**
 * collect --computer without real PowerShell: the fan-out's lines read and classified, and collectFleet
 * against a fake PowerShell that answers the generated script with host lines (good snapshots, an
 * unreachable host, answers that are not snapshots, a PowerShell that dies half-way): snapshots written
 * one per host, the manifest, exit codes, and nothing replaced without --force.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FACTS } from '../../src/facts/index.js';
import { collectFleet, type FleetCollectOptions } from '../../src/cli/commands/collect-fleet.js';
import { hostOutcome, parseFanOutLine, type HostFrame } from '../../src/live/fanout-result.js';
import { fanOutScript } from '../../src/live/fanout-script.js';
import { buildManifest, MANIFEST_SCHEMA, type CollectManifest } from '../../src/core/fleet/manifest.js';
import { captureIo } from '../helpers/capture-io.js';
import { hostProgress } from '../../src/live/fanout-progress.js';
import { PassThrough } from 'node:stream';

const WINRM = 'Connecting to remote server cce07 failed with the following error message : WinRM cannot complete the operation.';

describe('the fan-out\'s lines', () => {
  it('reads host, fanout, fatal and end lines; anything else is noise', () => {
    expect(parseFanOutLine('#ccdoctor:fanout {"psVersion":"5.1.14393.0","hosts":3}')).toEqual({ kind: 'fanout', hosts: 3, psVersion: '5.1.14393.0' });
    expect(parseFanOutLine('#ccdoctor:end {"durationMs":5}')).toEqual({ kind: 'end' });
    expect(parseFanOutLine('#ccdoctor:fatal {"message":"no WSMan","type":"System.Exception"}')).toEqual({ kind: 'fatal', error: { message: 'no WSMan', type: 'System.Exception' } });
    // Windows PowerShell 5.1 writes a one-element array as the element.
    const h = parseFanOutLine(`#ccdoctor:host {"host":"cce07","state":"Failed","ms":1200,"outputs":0,"errors":{"message":${JSON.stringify(WINRM)},"type":"System.Management.Automation.Remoting.PSRemotingTransportException","id":"WinRMOperationTimeout,PSSessionStateBroken","category":"OpenError"}}`);
    expect(h.kind === 'host' && h.frame.errors).toEqual([{ message: WINRM, type: 'System.Management.Automation.Remoting.PSRemotingTransportException', id: 'WinRMOperationTimeout,PSSessionStateBroken', category: 'OpenError' }]);
    expect(parseFanOutLine('WARNING: something').kind).toBe('noise');
    expect(parseFanOutLine('#ccdoctor:host {broken').kind).toBe('noise');
    expect(parseFanOutLine('#ccdoctor:host {"state":"Completed"}').kind).toBe('noise');
  });

  it('classifies a host: ok (a snapshot came), timeout, unreachable (a WinRM transport error), failed', () => {
    const f = (over: Partial<HostFrame>): HostFrame => ({ host: 'cce07', state: 'Completed', ms: 1500.4, outputs: 0, errors: [], ...over });
    expect(hostOutcome(f({ snapshot: Buffer.from('{"a":1}').toString('base64'), outputs: 1 }), 60_000)).toEqual({ host: 'cce07', status: 'ok', durationMs: 1500, snapshotText: '{"a":1}' });
    expect(hostOutcome(f({ state: 'Timeout', ms: 60_010 }), 60_000)).toMatchObject({ status: 'timeout', error: 'no answer within 60 s: stopped (raise the limit with --timeout SECONDS)' });
    const transport = { message: WINRM, type: 'System.Management.Automation.Remoting.PSRemotingTransportException' };
    expect(hostOutcome(f({ state: 'Failed', errors: [transport, transport] }), 1000)).toMatchObject({ status: 'unreachable', error: WINRM });
    expect(hostOutcome(f({ state: 'Failed', errors: [{ message: 'Access is denied.', id: 'AccessDenied,PSSessionStateBroken' }] }), 1000)).toMatchObject({ status: 'unreachable', error: 'Access is denied.' });
    expect(hostOutcome(f({ errors: [{ message: 'ccdoctor: PowerShell runs in ConstrainedLanguage\u001b[31m' }, { message: 'second' }] }), 1000)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^ccdoctor: PowerShell runs in ConstrainedLanguage(?!\u001b).* \| second$/),
    });
    expect(hostOutcome(f({ outputs: 2 }), 1000)).toMatchObject({ status: 'failed', error: 'the collector returned 2 output(s) but no snapshot' });
    expect(hostOutcome(f({ state: 'Stopped' }), 1000)).toMatchObject({ status: 'failed', error: 'stopped: the collector returned nothing' });
  });

  it('the script carries names and the account only as quoted literals, and no password', () => {
    const s = fanOutScript({ computers: ['cce01', "x'; Invoke-Evil; '"], collector: '# collector', throttle: 3, hostTimeoutMs: 9000, remoteUser: "CONTOSO\\o'ps" });
    expect(s).toContain("$ccdComputers = @('cce01', 'x''; Invoke-Evil; ''')");
    expect(s).toContain("'CONTOSO\\o''ps'");
    expect(s).toContain("[Environment]::SetEnvironmentVariable('CCDOCTOR_REMOTE_PASSWORD', $null)");
    expect(s).toContain('$ccdThrottle = 3');
    expect(s).toContain('$ccdHostTimeoutMs = 9000');
    expect(s).toContain('ThrottleLimit = $ccdThrottle; AsJob = $true');
  });
});

describe('the manifest', () => {
  it('lists the hosts in the order given, whatever order they ended in', () => {
    const m = buildManifest(
      [
        { host: 'cce02', status: 'timeout', durationMs: 5, error: 'e' },
        { host: 'cce01', status: 'ok', durationMs: 3, file: 'cce01.json' },
      ],
      ['CCE01', 'cce02'],
      '1.2.3',
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(m).toEqual({
      schema: MANIFEST_SCHEMA,
      collectedAt: '2026-12-01T00:00:00.000Z',
      collector: { name: 'ccdoctor', version: '1.2.3' },
      hosts: [
        { host: 'cce01', status: 'ok', durationMs: 3, file: 'cce01.json' },
        { host: 'cce02', status: 'timeout', durationMs: 5, error: 'e' },
      ],
    });
  });
});

/** A snapshot a host's collect.ps1 -OutFile '-' would send. */
function snapshotText(name: string): string {
  return JSON.stringify({
    schema: 'ccdoctor/snapshot',
    version: 1,
    host: { name, collectedAt: '2026-12-01T00:00:00.000Z', collector: { name: 'ccdoctor', version: '0.0.0', mode: 'script' } },
    facts: { 'host.name': { status: 'ok', value: name, source: 'command', ref: 'probe host.name' } },
  });
}

/**
 * A "powershell" that reads the fan-out script from its stdin line and answers for each computer as
 * ANSWERS (a JSON env var) says: ok, unreachable, garbage, patch, die (exit without answering the rest).
 */
function fakePowerShell(d: string): string {
  const file = join(d, 'fake-ps.mjs');
  writeFileSync(
    file,
    `#!/usr/bin/env node
let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => {
  const b64 = /FromBase64String\\('([A-Za-z0-9+/=]+)'\\)/.exec(input)[1];
  const script = Buffer.from(b64, 'base64').toString('utf8');
  const names = [...(/\\$ccdComputers = @\\((.*)\\)/.exec(script)[1].matchAll(/'((?:[^']|'')*)'/g))].map((m) => m[1].replace(/''/g, "'"));
  const answers = JSON.parse(process.env.ANSWERS);
  const out = (kind, o) => process.stdout.write('#ccdoctor:' + kind + ' ' + JSON.stringify(o) + '\\n');
  out('fanout', { psVersion: '5.1', hosts: names.length });
  for (const host of names) {
    const a = answers[host] ?? 'ok';
    const b64 = (t) => Buffer.from(t).toString('base64');
    if (a === 'die') { process.stderr.write('PowerShell crashed\\n'); process.exit(3); }
    if (a === 'hang') { setInterval(() => {}, 1000); return; }
    if (a === 'ok') out('host', { host, state: 'Completed', ms: 1200, outputs: 1, errors: [], snapshot: b64(${JSON.stringify(snapshotText('NAME'))}.replace('NAME', host).replace('NAME', host)) });
    if (a === 'unreachable') out('host', { host, state: 'Failed', ms: 20000, outputs: 0, errors: [{ message: 'Connecting to remote server ' + host + ' failed', type: 'System.Management.Automation.Remoting.PSRemotingTransportException' }] });
    if (a === 'garbage') out('host', { host, state: 'Completed', ms: 5, outputs: 1, errors: [], snapshot: b64('{"schema":"ccdoctor/snapshot","version":1,"host":{}}') });
    if (a === 'patch') out('host', { host, state: 'Completed', ms: 5, outputs: 1, errors: [], snapshot: b64('{"schema":"ccdoctor/snapshot","version":1,"extends":"../../secret.json","facts":{}}') });
  }
  out('end', { durationMs: 1 });
});
`,
  );
  chmodSync(file, 0o755);
  return file;
}

describe('collectFleet with a fake PowerShell', () => {
  const setup = (answers: Record<string, string>, computers: string[]) => {
    const d = mkdtempSync(join(tmpdir(), 'ccd-fanout-'));
    const cap = captureIo({ PATH: process.env.PATH, ANSWERS: JSON.stringify(answers) }, d);
    const opts: FleetCollectOptions = { computers, outDir: join(d, 'site-a'), shownOut: 'site-a/', force: false, throttle: 4, hostTimeoutMs: 30_000, specs: FACTS, powershell: fakePowerShell(d), version: '9.9.9' };
    return { d, cap, opts };
  };
  const manifestOf = (d: string) => JSON.parse(readFileSync(join(d, 'site-a', 'manifest.json'), 'utf8')) as CollectManifest;

  it('writes a snapshot per host that answered with one, and the manifest; exit 1 when some did not', async () => {
    const { d, cap, opts } = setup({ cce02: 'unreachable', cce03: 'garbage', cce04: 'patch' }, ['cce01', 'cce02', 'cce03', 'cce04', 'cce05']);
    expect(await collectFleet(opts, cap.io)).toBe(1);
    const m = manifestOf(d);
    expect(m.schema).toBe('ccdoctor/collect-manifest@1');
    expect(m.hosts.map((h) => [h.host, h.status, h.file])).toEqual([
      ['cce01', 'ok', 'cce01.json'],
      ['cce02', 'unreachable', undefined],
      ['cce03', 'failed', undefined],
      ['cce04', 'failed', undefined],
      ['cce05', 'ok', 'cce05.json'],
    ]);
    expect(m.hosts[1]!.error).toBe('Connecting to remote server cce02 failed');
    expect(m.hosts[2]!.error).toMatch(/^the host's answer is not a snapshot: cce03 \(remote answer\): /);
    expect(m.hosts[3]!.error).toBe("the host's answer is not a snapshot: it names a snapshot it extends");
    expect(JSON.parse(readFileSync(join(d, 'site-a', 'cce05.json'), 'utf8')).host.name).toBe('cce05');
    // Only the snapshots and the manifest: no temporary file left behind.
    expect(readdirSync(join(d, 'site-a')).sort()).toEqual(['cce01.json', 'cce05.json', 'manifest.json']);
    expect(cap.err()).toMatch(/^\[1\/5\] cce01 ok 1\.2 s$/m);
    expect(cap.err()).toMatch(/Collected 2 of 5 hosts in [\d.]+ s: 2 ok, 1 unreachable, 2 failed\./);
    expect(cap.out()).toBe('');
  });

  it('every host ok: exit 0; an existing snapshot or manifest is not replaced without --force', async () => {
    const { d, cap, opts } = setup({}, ['cce01', 'cce02']);
    expect(await collectFleet(opts, cap.io)).toBe(0);
    expect(manifestOf(d).hosts.every((h) => h.status === 'ok')).toBe(true);
    await expect(collectFleet(opts, cap.io)).rejects.toThrow('ccdoctor collect: site-a/ already holds cce01.json, cce02.json, manifest.json: not overwritten (use --force to replace them, or another --out folder)');
    expect(await collectFleet({ ...opts, force: true }, cap.io)).toBe(0);
    writeFileSync(join(d, 'plain-file'), 'x');
    await expect(collectFleet({ ...opts, outDir: join(d, 'plain-file'), shownOut: 'plain-file/' }, cap.io)).rejects.toThrow(/--out plain-file\/ is a file/);
  });

  it('no PowerShell on this machine: an input error before anything is made', async () => {
    const { d, cap, opts } = setup({}, ['cce01']);
    const rest: FleetCollectOptions = { ...opts };
    delete rest.powershell;
    await expect(collectFleet(rest, { ...cap.io, env: { PATH: join(d, 'nowhere') } })).rejects.toThrow(/no PowerShell found on this machine.*--computer runs Invoke-Command from it/);
    expect(existsSync(opts.outDir)).toBe(false);
  });

  it('PowerShell dying half-way fails only the hosts not reported yet, saying why', async () => {
    const { d, cap, opts } = setup({ cce02: 'die' }, ['cce01', 'cce02', 'cce03']);
    expect(await collectFleet(opts, cap.io)).toBe(1);
    const m = manifestOf(d);
    expect(m.hosts.map((h) => h.status)).toEqual(['ok', 'failed', 'failed']);
    expect(m.hosts[2]!.error).toMatch(/^PowerShell ended before reporting this host: PowerShell crashed/);
    expect(existsSync(join(d, 'site-a', 'cce01.json'))).toBe(true);
  });
});

describe('interrupted, and the progress display', () => {
  it('Ctrl-C: PowerShell is stopped, the hosts done so far are kept, the manifest says the rest were not finished; exit 130', async () => {
    const d = mkdtempSync(join(tmpdir(), 'ccd-fanout-'));
    const cap = captureIo({ PATH: process.env.PATH, ANSWERS: JSON.stringify({ cce02: 'hang' }) }, d);
    const ac = new AbortController();
    const opts: FleetCollectOptions = { computers: ['cce01', 'cce02', 'cce03'], outDir: join(d, 'o'), shownOut: 'o/', force: false, throttle: 2, hostTimeoutMs: 60_000, specs: FACTS, powershell: fakePowerShell(d), version: '1', signal: ac.signal };
    const running = collectFleet(opts, cap.io);
    while (!cap.err().includes('cce01 ok')) await new Promise((r) => setTimeout(r, 20));
    ac.abort(new Error('interrupted'));
    expect(await running).toBe(130);
    const m = JSON.parse(readFileSync(join(d, 'o', 'manifest.json'), 'utf8')) as CollectManifest;
    expect(m.hosts.map((h) => [h.host, h.status, h.error])).toEqual([
      ['cce01', 'ok', undefined],
      ['cce02', 'failed', 'not finished: the collection was interrupted'],
      ['cce03', 'failed', 'not finished: the collection was interrupted'],
    ]);
    expect(existsSync(join(d, 'o', 'cce01.json'))).toBe(true);
    expect(cap.err()).toMatch(/Interrupted: PowerShell and its remoting jobs were stopped\. 1 snapshot\(s\) and manifest\.json are in o\/\./);
  });

  it('in a terminal: one line rewritten in place, each host that failed kept on its own line; host text sanitised', () => {
    const out = Object.assign(new PassThrough(), { isTTY: true });
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString('utf8')));
    const p = hostProgress(out, 3);
    p.host({ host: 'cce01', status: 'ok', durationMs: 1234 });
    p.host({ host: 'cce02', status: 'unreachable', durationMs: 20000, error: 'WinRM \u001b[2Jcannot' });
    p.host({ host: 'cce03', status: 'ok', durationMs: 50 });
    p.end();
    expect(text).not.toContain('\u001b');
    const kept = text.split('\n').slice(0, -1).map((l) => l.split('\r').filter((x) => x.trim() !== '').pop());
    expect(kept).toEqual(['cce02: unreachable (WinRM cannot)']);
    expect(text.startsWith('[1/3] cce01 ok 1.2 s\r')).toBe(true);
    expect(text).toContain('[3/3] cce03 ok 0.1 s');
    expect(text.endsWith('\r')).toBe(true);
  });
});
