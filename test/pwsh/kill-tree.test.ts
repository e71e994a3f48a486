/**
 * Ending what a live run started: the commands (Windows ones checked by construction, as this machine
 * cannot run them), the POSIX group semantics, and, in a real pwsh, the Windows scheme's PowerShell half:
 * with awaitKill the script waits after its end frame, so that ccdoctor kills the tree from a living root
 * (taskkill /T cannot find the children of a process that has gone).
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from '../../src/core/schema.js';
import { defineFact } from '../../src/core/facts/types.js';
import { killTree, taskkillCommand } from '../../src/live/kill-tree.js';
import { plannedProbes } from '../../src/live/probes.js';
import { FRAME, liveScript, POWERSHELL_ARGS, stdinBootstrap } from '../../src/live/ps-script.js';
import { describeTier } from '../tiers/tier.js';
import { running } from './processes.js';


describe('killing a process tree', () => {
  it('Windows: taskkill by its full path under SystemRoot (never looked up in the current folder), the whole tree, forced', () => {
    expect(taskkillCommand(4242, { SystemRoot: 'D:\\WINNT' })).toEqual({ file: 'D:\\WINNT\\System32\\taskkill.exe', args: ['/PID', '4242', '/T', '/F'] });
    expect(taskkillCommand(7, { windir: 'C:\\Windows' })).toEqual({ file: 'C:\\Windows\\System32\\taskkill.exe', args: ['/PID', '7', '/T', '/F'] });
    expect(taskkillCommand(7, {}).file).toBe('C:\\Windows\\System32\\taskkill.exe');
  });

  it('the live script waits to be ended after its end frame only when asked to (awaitKill, for Windows)', () => {
    const spec = defineFact<unknown, string>({ id: 't.one', title: 't', schema: z.unknown(), live: { script: '1' }, checklist: { question: '?', answer: z.string(), toValue: (s: string) => s } });
    const probes = plannedProbes(new Map([[spec.id, spec]]));
    const tail = (s: string) => s.trimEnd().split('\n').slice(-2);
    expect(tail(liveScript(probes, { deadlineMs: 60_000 }))).toEqual(['$ccdStdout.Flush()', '[Environment]::Exit(0)']);
    expect(tail(liveScript(probes, { deadlineMs: 60_000, awaitKill: true }))).toEqual(['Start-Sleep -Seconds 10', '[Environment]::Exit(0)']);
  });

  it.runIf(process.platform !== 'win32')('POSIX, root gone: only the process group is signalled, never the bare pid (it may be reused by then)', async () => {
    // Not a group leader: a group of that id does not exist, and the process itself must be left alone.
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pid = child.pid!;
    try {
      killTree(pid, process.platform, { rootGone: true });
      await new Promise((r) => setTimeout(r, 200));
      expect(running(pid)).toBe(true);
      killTree(pid, process.platform);
      await expect.poll(() => child.exitCode !== null || child.signalCode !== null, { timeout: 3000 }).toBe(true);
      expect(child.signalCode).toBe('SIGKILL');
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describeTier('powershell', 'the Windows clean-up scheme, PowerShell side, in a real pwsh', (tier) => {
  it.runIf(process.platform !== 'win32')('with awaitKill PowerShell stays alive after its end frame, and killing the tree then ends what the probes started', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccd-await-kill-'));
    const pids: number[] = [];
    try {
      const spec = defineFact<unknown, string>({
        id: 't.child',
        title: 't',
        schema: z.unknown(),
        live: { script: `(Start-Process -FilePath sleep -ArgumentList 308 -PassThru -RedirectStandardOutput '${join(dir, 'o')}' -RedirectStandardError '${join(dir, 'e')}').Id` },
        checklist: { question: '?', answer: z.string(), toValue: (s: string) => s },
      });
      const script = liveScript(plannedProbes(new Map([[spec.id, spec]])), { deadlineMs: 60_000, awaitKill: true });
      const ps = spawn(tier.tool, [...POWERSHELL_ARGS], { detached: true, stdio: ['pipe', 'pipe', 'ignore'], env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'dumb' } });
      pids.push(ps.pid!);
      ps.stdin.end(stdinBootstrap(script));
      let out = '';
      const exited = new Promise<void>((r) => ps.once('exit', () => r()));
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no end frame: ${out}`)), 30_000);
        ps.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          if (out.includes(`${FRAME}end `)) {
            clearTimeout(t);
            resolve();
          }
        });
      });
      const fact = out.split('\n').find((l) => l.startsWith(`${FRAME}fact t.child `))!;
      pids.push((JSON.parse(fact.slice(`${FRAME}fact t.child `.length)) as { value: number }).value);
      await new Promise((r) => setTimeout(r, 1000));
      expect(ps.exitCode).toBeNull(); // still there, waiting to be ended
      const t = performance.now();
      killTree(ps.pid!);
      await exited;
      expect(performance.now() - t).toBeLessThan(2000);
      await expect.poll(() => pids.filter(running), { timeout: 5000 }).toEqual([]);
    } finally {
      for (const p of pids.slice(1)) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
