import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectLive, collectorProbes, liveHost, runLive, type LiveEvent } from '../../src/live/index.js';
import { snapshotFromStore } from '../../src/core/snapshot/write.js';
import { FACTS } from '../../src/facts/index.js';
import { InputError } from '../../src/core/errors.js';
import { fakeEnv, noPowerShellEnv, tempDir } from './fake.js';

const hostIds = [...FACTS.values()].filter((s) => !s.derive && s.live).map((s) => s.id);
const externalIds = [...FACTS.values()].filter((s) => !s.derive && s.external).map((s) => s.id);
const collectedIds = [...FACTS.values()].filter((s) => !s.derive).map((s) => s.id);

describe('live provider through a fake PowerShell', () => {
  it('collects every probe in one process, streaming a fact event as each ends', async () => {
    const dir = tempDir();
    const log = join(dir, 'log.json');
    const events: LiveEvent[] = [];
    const r = await runLive({ specs: FACTS, env: fakeEnv({ FAKE_PS_LOG: log, FAKE_PS_DELAY_MS: '20' }), onProgress: (e) => events.push(e) });
    expect(events[0]).toMatchObject({ type: 'spawned', total: collectedIds.length });
    expect(events.filter((e) => e.type === 'started')).toHaveLength(1);
    const facts = events.filter((e): e is Extract<LiveEvent, { type: 'fact' }> => e.type === 'fact');
    expect(facts.map((e) => e.done)).toEqual(collectedIds.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('finished');
    expect(r.elevated).toBe(true);
    expect(r.store.get('host.name')).toMatchObject({ status: 'ok', value: 'CCE-SYD-01', provenance: { source: 'command', ref: 'probe host.name' } });
    expect(r.store.get('cce.version')).toMatchObject({ status: 'ok', value: '2.1.0.372' });
    const sent = JSON.parse(readFileSync(log, 'utf8')) as { argv: string[]; stdin: string; script: string };
    expect(sent.argv).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', '-']);
    // A first line that refuses a restricted language mode or a PowerShell before 5.1, then the script.
    expect(sent.stdin.trimEnd().split('\n')).toHaveLength(2);
    expect(sent.stdin.split('\n')[0]).toMatch(/LanguageMode -ne 'FullLanguage'.*#ccdoctor:refused/);
    expect(sent.stdin).toMatch(/^[\x20-\x7E\n]*$/); // ASCII: no console code page can garble it
    // UTF-8 through a writer of its own: the console's code page, which outlives ccdoctor, is never changed.
    expect(sent.script.split('\n')[0]).toContain('New-Object System.IO.StreamWriter');
    expect(sent.script).not.toMatch(/\[Console\]::OutputEncoding\s*=/);
    for (const id of hostIds) expect(sent.script).toContain(`#ccdoctor-probe {"id":"${id}"`);
    expect(externalIds).toEqual(['tenant.appliances', 'tenant.sites', 'tenant.hybridMediationSettings']);
    for (const id of externalIds) {
      expect(sent.script).not.toContain(`"id":"${id}"`);
      expect(r.store.get(id)).toMatchObject({ status: 'missing', message: expect.stringMatching(/--tenant FILE.*Get-CsHybridPSTNAppliance.*ConvertTo-Json.*checklist/) });
      expect(r.store.get(id).message).not.toMatch(/tenant-live|TenantLive/);
    }
    // The store keeps the registry's order, the tenant's facts among the others.
    expect(r.store.collected().map((f) => f.id)).toEqual(collectedIds);
  });

  it('no PowerShell on the machine: one InputError offering a snapshot or the checklist', async () => {
    const err = await runLive({ specs: FACTS, env: noPowerShellEnv() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/no PowerShell found/);
    expect((err as Error).message).toMatch(/check --snapshot/);
    expect((err as Error).message).toMatch(/collect --script/);
    expect((err as Error).message).toMatch(/checklist/);
  });

  it('a hung probe becomes timeout and the others go on', async () => {
    const r = await runLive({ specs: FACTS, env: fakeEnv({ FAKE_PS_HANG: 'host.os' }), defaultTimeoutMs: 300 });
    expect(r.store.get('host.os')).toMatchObject({ status: 'timeout', message: expect.stringMatching(/no answer within 300 ms/) });
    expect(r.store.get('host.name').status).toBe('ok');
  });

  it('a frozen PowerShell: ccdoctor stops waiting per probe and kills it', { timeout: 20_000 }, async () => {
    const specs = new Map([...FACTS].map(([id, s]) => [id, s.live ? { ...s, live: { ...s.live, timeoutMs: 200 } } : s]));
    const t = performance.now();
    const r = await runLive({ specs, env: fakeEnv({ FAKE_PS_FREEZE: '1' }) });
    expect(performance.now() - t).toBeLessThan(8000);
    for (const id of hostIds) expect(r.store.get(id)).toMatchObject({ status: 'timeout', message: expect.stringMatching(/ccdoctor stopped waiting/) });
  });

  it('the whole-run deadline turns what is left into timeouts', async () => {
    const r = await runLive({ specs: FACTS, env: fakeEnv({ FAKE_PS_FREEZE: '1' }), deadlineMs: 1500 });
    expect(r.store.get('host.name')).toMatchObject({ status: 'timeout', message: expect.stringMatching(/whole run reached its time limit/) });
    expect(r.warnings.join('\n')).toMatch(/time limit/);
  });

  it('a crash mid-stream: facts already reported stay, the rest are errors with the stderr text', async () => {
    const r = await runLive({ specs: FACTS, env: fakeEnv({ FAKE_PS_CRASH_AFTER: '3' }) });
    const lost = hostIds.map((id) => r.store.get(id)).filter((f) => /before reporting this fact/.test(f.message ?? ''));
    expect(lost).toHaveLength(hostIds.length - 3);
    for (const f of lost) {
      expect(f.status).toBe('error');
      expect(f.message).toMatch(/PowerShell exited with code 3 before reporting this fact/);
      expect(f.raw).toMatch(/OutOfMemoryException/);
    }
    expect(r.warnings.join('\n')).toMatch(/exited with code 3/);
  });

  it('garbage output: that fact is error with the raw text kept; stray lines are warnings', async () => {
    const events: LiveEvent[] = [];
    const r = await runLive({ specs: FACTS, env: fakeEnv({ FAKE_PS_GARBAGE: 'host.os' }), onProgress: (e) => events.push(e) });
    expect(r.store.get('host.os')).toMatchObject({ status: 'error', message: expect.stringMatching(/could not be read: not JSON/), raw: expect.stringContaining('"caption":NaN') });
    expect(r.store.get('host.name').status).toBe('ok');
    expect(events.some((e) => e.type === 'output' && e.line.startsWith('WARNING:'))).toBe(true);
    expect(r.warnings.join('\n')).toMatch(/not results/);
  });

  it('not elevated: probes that need Administrator are denied, saying so', async () => {
    const specs = new Map(FACTS);
    const dotnet = FACTS.get('dotnet.release')!;
    specs.set('dotnet.release', { ...dotnet, live: { ...dotnet.live!, requiresAdmin: true } });
    const r = await runLive({ specs, env: fakeEnv({ FAKE_PS_NOT_ADMIN: '1' }) });
    expect(r.elevated).toBe(false);
    expect(r.store.get('dotnet.release')).toMatchObject({ status: 'denied', message: expect.stringMatching(/Administrator/) });
    expect(r.store.get('host.name').status).toBe('ok');
  });

  it('a value that does not fit the fact schema is error with the message and the raw JSON', async () => {
    const dir = tempDir();
    const snap = JSON.parse(readFileSync(fakeEnv().FAKE_PS_SNAPSHOT!, 'utf8'));
    snap.facts['dotnet.release'].value = 'four point eight';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(snap));
    const r = await runLive({ specs: FACTS, env: { ...fakeEnv(), FAKE_PS_SNAPSHOT: file } });
    expect(r.store.get('dotnet.release')).toMatchObject({ status: 'error', message: expect.stringMatching(/does not fit the fact/), raw: '"four point eight"' });
  });

  it('a fact from the tenant never reaches PowerShell: it is missing, saying how to give it', async () => {
    const specs = new Map(FACTS);
    const { live: _live, ...name } = FACTS.get('host.name')!;
    specs.set('test.tenant', { ...name, id: 'test.tenant', external: 'tenant' });
    const dir = tempDir();
    const log = join(dir, 'log.json');
    const r = await runLive({ specs, env: fakeEnv({ FAKE_PS_LOG: log }) });
    expect(r.store.get('test.tenant')).toMatchObject({ status: 'missing', message: expect.stringMatching(/ccdoctor does not query.*--tenant FILE/), provenance: { source: 'command' } });
    const script = JSON.parse(readFileSync(log, 'utf8')).script as string;
    expect(script).not.toContain('test.tenant');
    expect(script).not.toMatch(/Get-CsHybrid/);
    // Asked for by id: it has no probe to run.
    await expect(runLive({ specs, env: fakeEnv(), ids: ['test.tenant'] })).rejects.toThrow(/comes from the tenant, not from a probe/);
    // Only some probes asked for: the tenant's facts are not reported either.
    const some = await runLive({ specs, env: fakeEnv(), ids: ['host.name'] });
    expect(some.store.collected().map((f) => f.id)).toEqual(['host.name']);
  });

  it('sensitive facts are used live but never written, and collect.ps1 does not collect them', async () => {
    const specs = new Map(FACTS);
    const name = FACTS.get('host.name')!;
    specs.set('test.secret', { ...name, id: 'test.secret', sensitive: true, live: { script: '$env:COMPUTERNAME' } });
    const snap = JSON.parse(readFileSync(fakeEnv().FAKE_PS_SNAPSHOT!, 'utf8'));
    snap.facts['test.secret'] = { value: 'hunter2' };
    const file = join(tempDir(), 'secret.json');
    writeFileSync(file, JSON.stringify(snap));
    const r = await runLive({ specs, env: { ...fakeEnv(), FAKE_PS_SNAPSHOT: file } });
    expect(r.store.get('test.secret')).toMatchObject({ status: 'ok', value: 'hunter2' });
    const written = snapshotFromStore(r.store, specs, liveHost(r.store, { version: 't' }));
    expect(Object.keys(written.facts)).not.toContain('test.secret');
    expect(JSON.stringify(written)).not.toContain('hunter2');
    expect(collectorProbes(specs).map((p) => p.id)).not.toContain('test.secret');
    expect(collectorProbes(specs).map((p) => p.id)).toContain('host.name');
  });

  it('text is UTF-8 end to end, whatever the console code page', async () => {
    const snap = JSON.parse(readFileSync(fakeEnv().FAKE_PS_SNAPSHOT!, 'utf8'));
    snap.facts['host.name'].value = 'CCE-ZÜRICH-01 – 東京 ✓';
    const file = join(tempDir(), 'utf8.json');
    writeFileSync(file, JSON.stringify(snap));
    const r = await runLive({ specs: FACTS, env: { ...fakeEnv(), FAKE_PS_SNAPSHOT: file } });
    expect(r.store.get('host.name')).toMatchObject({ status: 'ok', value: 'CCE-ZÜRICH-01 – 東京 ✓' });
  });

  it('probes that use $cred get the VM credential: the stored one, a given one, or none (missing, saying how)', async () => {
    const dir = tempDir();
    const log = join(dir, 'log.json');
    const specs = new Map(FACTS);
    const name = FACTS.get('host.name')!;
    specs.set('test.inVm', { ...name, id: 'test.inVm', live: { script: "Invoke-Command -VMName 'AD' -Credential $cred -ScriptBlock { $env:COMPUTERNAME }" } });
    const snap = JSON.parse(readFileSync(fakeEnv().FAKE_PS_SNAPSHOT!, 'utf8'));
    snap.facts['test.inVm'] = { value: 'AD01' };
    const file = join(dir, 'vm.json');
    writeFileSync(file, JSON.stringify(snap));
    const events: LiveEvent[] = [];
    const stored = await runLive({ specs, env: { ...fakeEnv({ FAKE_PS_LOG: log }), FAKE_PS_SNAPSHOT: file }, onProgress: (e) => events.push(e) });
    expect(stored.store.get('test.inVm')).toMatchObject({ status: 'ok', value: 'AD01' });
    expect(events.find((e) => e.type === 'started')).toMatchObject({ credential: 'stored' });
    expect(JSON.parse(readFileSync(log, 'utf8')).script).toContain('Get-CcCredential -AccountType VmAdmin');
    const none = await runLive({ specs, env: { ...fakeEnv({ FAKE_PS_NO_VMCRED: '1' }), FAKE_PS_SNAPSHOT: file } });
    expect(none.store.get('test.inVm')).toMatchObject({ status: 'missing', message: expect.stringMatching(/VM administrator credential/) });
    await runLive({ specs, env: { ...fakeEnv({ FAKE_PS_LOG: log }), FAKE_PS_SNAPSHOT: file }, vmCredential: { user: "CCE\\O'Brien", password: "pa'ss$`x" } });
    const given = JSON.parse(readFileSync(log, 'utf8')) as { script: string; stdin: string; vmPassword?: string };
    expect(given.script).toContain("$ccdGivenUser = 'CCE\\O''Brien'");
    // The password never is in a script's text (Windows logs suspicious script blocks, event 4104): it
    // reaches PowerShell in the environment, which the script reads once and clears.
    for (const text of [given.script, given.stdin]) expect(text).not.toMatch(/pa'+ss/);
    expect(given.vmPassword).toBe("pa'ss$`x");
    expect(given.script).toMatch(/GetEnvironmentVariable\('CCDOCTOR_VM_PASSWORD'\)[\s\S]*SetEnvironmentVariable\('CCDOCTOR_VM_PASSWORD', \$null\)/);
  });

  it('Windows PowerShell 4.0 (no WMF 5.1) and Constrained Language Mode: one clear message up front, every fact unknown', async () => {
    const old = await runLive({ specs: FACTS, env: fakeEnv({ FAKE_PS_REFUSE: 'version' }), startupTimeoutMs: 20_000 });
    expect(old.store.get('host.name')).toMatchObject({ status: 'error', message: expect.stringMatching(/Windows PowerShell 4\.0: ccdoctor needs 5\.1 \(install Windows Management Framework 5\.1/) });
    expect(old.warnings.join(' ')).toMatch(/needs 5\.1/);
    const clm = await runLive({ specs: FACTS, env: fakeEnv({ FAKE_PS_REFUSE: 'language-mode' }), startupTimeoutMs: 20_000 });
    expect(clm.store.get('hyperv.vms')).toMatchObject({ status: 'error', message: expect.stringMatching(/ConstrainedLanguage.*offline checklist/) });
    expect(clm.durationMs).toBeLessThan(15_000);
  });

  it('a large file value (one 4 MB line) comes through whole', async () => {
    const snap = JSON.parse(readFileSync(fakeEnv().FAKE_PS_SNAPSHOT!, 'utf8'));
    const bytes = Buffer.alloc(3 * 1024 * 1024, 0x41);
    snap.facts['file.moduleIni.userProfile'] = { value: { path: 'C:\\x\\module.ini', exists: true, size: bytes.length, lastWriteTime: null, encoding: 'base64', content: bytes.toString('base64') } };
    const file = join(tempDir(), 'big.json');
    writeFileSync(file, JSON.stringify(snap));
    const r = await runLive({ specs: FACTS, env: { ...fakeEnv(), FAKE_PS_SNAPSHOT: file } });
    const f = r.store.get('file.moduleIni.userProfile');
    expect([f.status, f.message]).toEqual(['ok', undefined]);
    expect((f.value as { bytes: Uint8Array }).bytes.length).toBe(bytes.length);
  });

  it('a consumer that stops iterating early ends PowerShell too', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'child.pid');
    for await (const e of collectLive({ specs: FACTS, env: fakeEnv({ FAKE_PS_CHILD_PIDFILE: pidFile, FAKE_PS_DELAY_MS: '60000' }) })) {
      if (e.type === 'started') break;
    }
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(pid), { timeout: 3000 }).toBe(false);
  });

  it('Ctrl-C / cancel kills PowerShell and what it started, and rejects with the reason', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'child.pid');
    const ac = new AbortController();
    const seen: LiveEvent['type'][] = [];
    const run = (async () => {
      for await (const e of collectLive({ specs: FACTS, env: fakeEnv({ FAKE_PS_CHILD_PIDFILE: pidFile, FAKE_PS_DELAY_MS: '60000' }), signal: ac.signal })) {
        seen.push(e.type);
        if (e.type === 'started') ac.abort(new Error('cancelled by the operator'));
      }
    })();
    await expect(run).rejects.toThrow('cancelled by the operator');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(pid), { timeout: 3000 }).toBe(false);
    expect(seen).not.toContain('finished');
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
