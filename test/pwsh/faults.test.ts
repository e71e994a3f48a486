/**
 * Faults of a live run in a real PowerShell (pwsh): tiny probes of a registry of their own go through
 * runLive → pwsh → the generated RunspacePool script → result lines, and the test looks at the facts, the
 * timing and what is left running afterwards.
 *
 * Probes here need no Administrator (pwsh on Linux is never elevated). A process is "gone" when
 * process.kill(pid, 0) fails with ESRCH; a zombie (dead, its exit status not yet collected by the parent
 * it was handed to) counts as gone too, as it runs nothing.
 */
import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from '../../src/core/schema.js';
import { defineFact, type FactSpec, type LiveProbe } from '../../src/core/facts/types.js';
import { collectLive, runLive, type LiveEvent, type LiveOptions, type LiveResult } from '../../src/live/run-live.js';
import { describeTier } from '../tiers/tier.js';
import { running } from './processes.js';

type Spec = FactSpec<unknown>;

function probe(id: string, script: string, live: Partial<LiveProbe<unknown>> = {}): Spec {
  return defineFact<unknown, string>({
    id,
    title: id,
    schema: z.unknown(),
    live: { script, requiresAdmin: false, ...live },
    checklist: { question: id, answer: z.string(), toValue: (s: string) => s },
  });
}

const registry = (...specs: Spec[]) => new Map(specs.map((s) => [s.id, s]));
const env = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME });
/** A PowerShell single-quoted string. */
const psq = (s: string) => `'${s.replace(/'/g, "''")}'`;

interface Run {
  result: LiveResult;
  events: LiveEvent[];
  /** The process ccdoctor started (here the pwsh launcher of the dotnet tool, which runs pwsh as its child). */
  pid: number;
  wallMs: number;
}

async function run(pwsh: string, specs: Map<string, Spec>, extra: Partial<LiveOptions> = {}): Promise<Run> {
  const events: LiveEvent[] = [];
  const t = performance.now();
  const result = await runLive({ specs, powershell: pwsh, env: env(), ...extra, onProgress: (e) => events.push(e) });
  const wallMs = performance.now() - t;
  const spawned = events.find((e) => e.type === 'spawned');
  if (spawned?.type !== 'spawned' || spawned.pid === undefined) throw new Error('no spawned event with a pid');
  return { result, events, pid: spawned.pid, wallMs };
}


/** Polls for up to 5 s until none of the processes runs; the ones still running otherwise. */
async function expectGone(pids: number[]): Promise<void> {
  await expect.poll(() => pids.filter(running), { timeout: 5000, interval: 100 }).toEqual([]);
}

function stopAll(pids: number[]): void {
  for (const p of pids) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/** Start-Process with its output in files: unlike a bare Start-Process, the child holds none of ccdoctor's pipes. */
const startOffPipes = (dir: string, name: string, seconds: number) =>
  `(Start-Process -FilePath sleep -ArgumentList ${seconds} -PassThru -RedirectStandardOutput ${psq(join(dir, `${name}.out`))} -RedirectStandardError ${psq(join(dir, `${name}.err`))}).Id`;

const outputs = (events: LiveEvent[]) => events.flatMap((e) => (e.type === 'output' ? [e.line] : []));

describeTier('powershell', 'live run faults in a real PowerShell', (tier) => {
  const posix = process.platform !== 'win32';
  let dir: string;
  const tmp = () => (dir ??= mkdtempSync(join(tmpdir(), 'ccd-faults-')));
  const pidFile = (name: string) => join(tmp(), `${name}.pid`);
  const readPids = (file: string) => readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).map(Number);

  it('a probe sleeping past its limit is a timeout, the others are ok, and the run ends soon after the limit', { timeout: 60_000 }, async () => {
    const r = await run(
      tier.tool,
      registry(
        probe('t.sleepy', "Start-Sleep -Seconds 30; 'late'", { timeoutMs: 1500 }),
        probe('t.quick', "'quick'"),
        probe('t.table', '@{ n = 42; list = @(1, 2) }'),
      ),
    );
    const store = r.result.store;
    expect(store.get('t.sleepy')).toMatchObject({ status: 'timeout', message: 'no answer within 1500 ms (stopped)' });
    expect(store.get('t.sleepy').provenance.durationMs).toBeGreaterThanOrEqual(1500);
    expect(store.get('t.sleepy').provenance.durationMs).toBeLessThan(4000);
    expect(store.get('t.quick')).toMatchObject({ status: 'ok', value: 'quick' });
    expect(store.get('t.table')).toMatchObject({ status: 'ok', value: { n: 42, list: [1, 2] } });
    expect(r.result.warnings).toEqual([]);
    // The start frame was read (pwsh's terminal-mode bytes in front of it are not part of the line).
    expect(r.result.startupMs).toBeTypeOf('number');
    expect(r.events.some((e) => e.type === 'started')).toBe(true);
    // Start-up, then the 1.5 s limit, then little: not the 30 s sleep.
    expect(r.wallMs - r.result.startupMs!).toBeLessThan(1500 + 4000);
    expect(r.wallMs).toBeLessThan(15_000);
  });

  it('a probe blocked in a .NET call PowerShell cannot stop is a timeout; the run ends promptly and pwsh is gone', { timeout: 60_000 }, async () => {
    const r = await run(
      tier.tool,
      registry(
        probe('t.blocked', "[System.Threading.Thread]::Sleep(60000); 'late'", { timeoutMs: 1500 }),
        probe('t.pid', '$PID'),
      ),
    );
    const store = r.result.store;
    expect(store.get('t.blocked')).toMatchObject({ status: 'timeout', message: 'no answer within 1500 ms (stopped)' });
    expect(store.get('t.pid').status).toBe('ok');
    const enginePid = store.get('t.pid').value as number;
    expect(r.result.warnings).toEqual([]);
    expect(r.wallMs - r.result.startupMs!).toBeLessThan(1500 + 4000);
    expect(r.wallMs).toBeLessThan(15_000);
    await expectGone([r.pid, enginePid]);
  });

  it('a probe that throws is an error with the thrown message', { timeout: 60_000 }, async () => {
    const missing = join(tmp(), 'no-such-file.txt');
    const r = await run(
      tier.tool,
      registry(
        probe('t.throw', "throw 'the CCE management service is not running'"),
        probe('t.exception', "throw [System.IO.IOException]::new('the disk said no')"),
        probe('t.dotnet', "[int]::Parse('x')"),
        probe('t.cmdlet', `Get-Item -LiteralPath ${psq(missing)}`),
        probe('t.fine', '1'),
      ),
    );
    const store = r.result.store;
    expect(store.get('t.throw')).toMatchObject({ status: 'error', message: 'the CCE management service is not running', raw: expect.stringContaining("throw 'the CCE management service is not running'") });
    expect(store.get('t.exception')).toMatchObject({ status: 'error', message: 'the disk said no' });
    expect(store.get('t.dotnet')).toMatchObject({ status: 'error', message: expect.stringMatching(/^Exception calling "Parse" with "1" argument\(s\): ".*'x'.*"$/) });
    // A non-terminating error is terminating in a probe ($ErrorActionPreference = 'Stop').
    expect(store.get('t.cmdlet')).toMatchObject({ status: 'error', message: `Cannot find path '${missing}' because it does not exist.` });
    expect(store.get('t.fine')).toMatchObject({ status: 'ok', value: 1 });
    expect(r.result.warnings).toEqual([]);
  });

  it("a probe's host, warning, verbose, debug, information, error and progress output never reaches the result lines", { timeout: 60_000 }, async () => {
    const streams = [
      "Write-Host 'host text'",
      "'out-host text' | Out-Host",
      "Write-Warning 'warning text' -WarningAction Continue",
      "Write-Verbose 'verbose text' -Verbose",
      "Write-Debug 'debug text' -Debug",
      "Write-Information 'information text' -InformationAction Continue",
      "Write-Error 'non-terminating error text' -ErrorAction Continue",
      "Write-Progress -Activity 'progress text' -Status 'half way' -PercentComplete 50",
      "Write-Progress -Activity 'progress text' -Completed",
    ].join('\n');
    const r = await run(
      tier.tool,
      registry(
        probe('t.noisy', `${streams}\n'the value'`),
        probe('t.noisyTable', `${streams}\n@{ a = 'b' }`),
        probe('t.quiet', "'quiet'"),
      ),
    );
    const store = r.result.store;
    expect(store.get('t.noisy')).toMatchObject({ status: 'ok', value: 'the value' });
    expect(store.get('t.noisyTable')).toMatchObject({ status: 'ok', value: { a: 'b' } });
    expect(store.get('t.quiet')).toMatchObject({ status: 'ok', value: 'quiet' });
    // The probes run without a console host: none of that text is printed at all.
    expect(outputs(r.events)).toEqual([]);
    expect(r.result.warnings).toEqual([]);
  });

  it("text a probe writes straight to the process's stdout is a stray line (an 'output' event and a warning), never part of a result", { timeout: 60_000 }, async () => {
    const r = await run(tier.tool, registry(probe('t.console', "[Console]::WriteLine('console text'); 'value'"), probe('t.other', "'other'")));
    expect(r.result.store.get('t.console')).toMatchObject({ status: 'ok', value: 'value' });
    expect(r.result.store.get('t.other')).toMatchObject({ status: 'ok', value: 'other' });
    expect(outputs(r.events)).toEqual(['console text']);
    expect(r.result.warnings).toEqual(['PowerShell printed 1 line(s) that are not results (first: "console text")']);
  });

  it('zh-TW, de-DE and emoji text arrives intact: from the script, built by PowerShell, read from a file, in an error', { timeout: 60_000 }, async () => {
    const zh = '雲端連接器 版本';
    const de = 'Schlüssel ist ungültig. Größe';
    const emoji = '🩺✅👍🏽';
    const file = join(tmp(), 'intl.txt');
    writeFileSync(file, `${zh}\n${de}\n${emoji}`, 'utf8');
    const codePoints = (s: string) => [...s].map((c) => `0x${c.codePointAt(0)!.toString(16)}`).join(',');
    // Built from code points inside PowerShell: nothing non-ASCII in the probe's own text.
    const built = (s: string) => `((@(${codePoints(s)}) | ForEach-Object { [char]::ConvertFromUtf32($_) }) -join '')`;
    const r = await run(
      tier.tool,
      registry(
        probe('t.literal', `@{ zh = ${psq(zh)}; de = ${psq(de)}; emoji = ${psq(emoji)} }`),
        probe('t.built', `@(${built(zh)}, ${built(de)}, ${built(emoji)})`),
        probe('t.file', `Get-Content -LiteralPath ${psq(file)} -Raw -Encoding UTF8`),
        probe('t.error', `throw ${psq(`${de}: ${zh} ${emoji}`)}`),
      ),
    );
    const store = r.result.store;
    expect(store.get('t.literal')).toMatchObject({ status: 'ok', value: { zh, de, emoji } });
    expect(store.get('t.built')).toMatchObject({ status: 'ok', value: [zh, de, emoji] });
    expect(store.get('t.file')).toMatchObject({ status: 'ok', value: `${zh}\n${de}\n${emoji}` });
    expect(store.get('t.error')).toMatchObject({ status: 'error', message: `${de}: ${zh} ${emoji}` });
    expect(r.result.warnings).toEqual([]);
  });

  it('Ctrl-C mid-run: the run rejects with the reason, and PowerShell and what it started are gone', { timeout: 60_000 }, async () => {
    const specs = registry(
      probe('t.long', "Start-Sleep -Seconds 60; 'late'", { timeoutMs: 120_000 }),
      probe('t.pid', '$PID'),
      probe('t.child', '(Start-Process -FilePath sleep -ArgumentList 300 -PassThru).Id'),
    );
    const ac = new AbortController();
    const reason = new Error('cancelled by the operator');
    const seen: LiveEvent[] = [];
    const pids: number[] = [];
    let abortedAt = 0;
    try {
      const outcome = (async () => {
        for await (const e of collectLive({ specs, powershell: tier.tool, env: env(), signal: ac.signal })) {
          seen.push(e);
          if (e.type === 'spawned' && e.pid !== undefined) pids.push(e.pid);
          if (e.type === 'fact' && typeof e.fact.value === 'number') pids.push(e.fact.value);
          if (e.type === 'fact' && e.done === 2 && !ac.signal.aborted) {
            abortedAt = performance.now();
            ac.abort(reason);
          }
        }
      })();
      await expect(outcome).rejects.toBe(reason);
      expect(performance.now() - abortedAt).toBeLessThan(3000);
      expect(pids).toHaveLength(3); // the launcher, pwsh ($PID), and the sleep it started
      expect(seen.map((e) => e.type)).not.toContain('finished');
      await expectGone(pids);
    } finally {
      stopAll(pids.slice(1));
    }
  });

  it('a child process started by a probe does not outlive a run that ends normally', { timeout: 60_000 }, async () => {
    const pids: number[] = [];
    try {
      const r = await run(
        tier.tool,
        registry(
          // Off every pipe of ccdoctor's (a child holding one would be noticed otherwise: the run waits for its end).
          probe('t.startProcess', startOffPipes(tmp(), 'normal', 300)),
          // Backgrounded by a shell, off every pipe, reparented to init once the shell exits.
          probe('t.background', "[int](& sh -c 'sleep 301 >/dev/null 2>&1 </dev/null & echo $!')"),
          probe('t.pid', '$PID'),
        ),
      );
      const store = r.result.store;
      for (const id of ['t.startProcess', 't.background', 't.pid']) {
        expect(store.get(id).status).toBe('ok');
        pids.push(store.get(id).value as number);
      }
      expect(r.result.warnings).toEqual([]);
      await expectGone([r.pid, ...pids]);
    } finally {
      stopAll(pids);
    }
  });

  it('… nor one that ends with PowerShell crashing ([Environment]::Exit(3) in a probe)', { timeout: 60_000 }, async () => {
    const file = pidFile('crash');
    const pids: number[] = [];
    try {
      const r = await run(
        tier.tool,
        registry(
          probe(
            't.crash',
            `$a = Start-Process -FilePath sleep -ArgumentList 302 -PassThru
$b = & sh -c 'sleep 303 >/dev/null 2>&1 </dev/null & echo $!'
Set-Content -LiteralPath ${psq(file)} -Value @($a.Id, $b, $PID)
Start-Sleep -Milliseconds 300
[Environment]::Exit(3)`,
          ),
          probe('t.slow', "Start-Sleep -Seconds 20; 'late'"),
        ),
      );
      pids.push(...readPids(file));
      expect(pids).toHaveLength(3);
      const store = r.result.store;
      for (const id of ['t.crash', 't.slow']) expect(store.get(id)).toMatchObject({ status: 'error', message: 'PowerShell exited with code 3 before reporting this fact' });
      expect(r.result.warnings).toEqual(['PowerShell exited with code 3 before reporting every fact']);
      // Neither the 20 s probe nor the watchdog (30 s + grace) is waited for, although the sleep holds stdout.
      expect(r.wallMs - r.result.startupMs!).toBeLessThan(5000);
      await expectGone([r.pid, ...pids]);
    } finally {
      stopAll(pids);
    }
  });

  it('… nor one that ends with PowerShell killed (Stop-Process -Id $PID)', { timeout: 60_000 }, async () => {
    const file = pidFile('killed');
    const pids: number[] = [];
    try {
      const r = await run(
        tier.tool,
        registry(
          probe(
            't.suicide',
            `$a = Start-Process -FilePath sleep -ArgumentList 304 -PassThru
Set-Content -LiteralPath ${psq(file)} -Value @($a.Id, $PID)
Start-Sleep -Milliseconds 300
Stop-Process -Id $PID -Force`,
          ),
          probe('t.slow', "Start-Sleep -Seconds 20; 'late'"),
        ),
      );
      pids.push(...readPids(file));
      expect(pids).toHaveLength(2);
      // The dotnet tool's launcher reports its child's SIGKILL as exit code 137.
      expect(r.result.store.get('t.suicide')).toMatchObject({ status: 'error', message: expect.stringMatching(/^PowerShell (exited with code 137|was killed \(SIGKILL\)) before reporting this fact$/) });
      expect(r.wallMs - r.result.startupMs!).toBeLessThan(5000);
      await expectGone([r.pid, ...pids]);
    } finally {
      stopAll(pids);
    }
  });

  it('… nor one whose probe timed out while its child ran', { timeout: 60_000 }, async () => {
    const file = pidFile('timeout');
    const pids: number[] = [];
    try {
      const r = await run(
        tier.tool,
        registry(
          probe(
            't.stuck',
            `$a = ${startOffPipes(tmp(), 'timeout', 305)}
$b = & sh -c 'sleep 306 >/dev/null 2>&1 </dev/null & echo $!'
Set-Content -LiteralPath ${psq(file)} -Value @($a, $b)
Start-Sleep -Seconds 30
'late'`,
            { timeoutMs: 1500 },
          ),
          probe('t.fine', "'fine'"),
        ),
      );
      pids.push(...readPids(file));
      expect(pids).toHaveLength(2);
      expect(r.result.store.get('t.stuck')).toMatchObject({ status: 'timeout', message: 'no answer within 1500 ms (stopped)' });
      expect(r.result.store.get('t.fine')).toMatchObject({ status: 'ok', value: 'fine' });
      expect(r.result.warnings).toEqual([]);
      expect(r.wallMs - r.result.startupMs!).toBeLessThan(1500 + 4000);
      await expectGone([r.pid, ...pids]);
    } finally {
      stopAll(pids);
    }
  });

  it.runIf(posix)('a process that leaves the process group (setsid) escapes the clean-up, but holding stdout it cannot stall the run', { timeout: 60_000 }, async () => {
    const pids: number[] = [];
    try {
      const r = await run(tier.tool, registry(probe('t.escape', "(Start-Process -FilePath setsid -ArgumentList 'sleep','307' -PassThru).Id"), probe('t.fine', "'fine'")));
      const escaped = r.result.store.get('t.escape').value as number;
      pids.push(escaped);
      expect(r.result.store.get('t.escape').status).toBe('ok');
      expect(r.result.store.get('t.fine')).toMatchObject({ status: 'ok', value: 'fine' });
      // Exit, then at most the 1 s stream grace: not the 300 s the escaped sleep holds the pipe for.
      expect(r.wallMs - r.result.startupMs!).toBeLessThan(5000);
      expect(running(escaped)).toBe(true); // the known limit: a new session is out of ccdoctor's reach
    } finally {
      stopAll(pids);
    }
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
});
