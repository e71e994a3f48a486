/**
 * Issue 14 in a real terminal (node-pty + @xterm/headless), at 80x24 and 120x40: commands shown whole
 * and copied by OSC 52 (or to a file), a finding saved as .ps1, a report exported, passed rules, the
 * footer's keys, text wrapped instead of cut; and TERM=dumb getting plain ASCII lines only.
 */
import { beforeAll, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeTier } from '../tiers/tier.js';
import type { TerminalRun } from './terminal.js';
import { CLI, configDir, ROOT, terminal } from './setup.js';

vi.setConfig({ testTimeout: 180_000 });

const HOME_READY = /No CCE host here\.|Check this host \(live/;
const CHECK_COMMAND = "(Get-ItemProperty -LiteralPath 'HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full').Release";

function wizard(o: { cols: number; rows: number; config?: string; cwd?: string; env?: Record<string, string | undefined> }): TerminalRun {
  return terminal!.startInTerminal({
    args: [CLI],
    cwd: o.cwd ?? ROOT,
    cols: o.cols,
    rows: o.rows,
    // No PowerShell on PATH: the home always shows its "not available" note.
    env: { CI: undefined, CONTINUOUS_INTEGRATION: undefined, CCDOCTOR_CONFIG_DIR: o.config ?? configDir(), TERM: 'xterm-256color', PATH: dirname(process.execPath), ...o.env },
  });
}

function fits(run: TerminalRun, s: string, columns: number, rows: number): void {
  const lines = s.replace(/\n+$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(columns);
  expect(run.wrappedRows(), `rows wider than ${columns} columns:\n${s}`).toEqual([]);
}

/** Home → demo → findings (no PowerShell here: the demo is the second entry). */
async function openDemo(run: TerminalRun): Promise<string> {
  await run.waitFor(HOME_READY);
  run.keys('j');
  await run.waitFor(/❯ Try the demo host/);
  run.keys('Enter');
  return run.waitFor('Failed:');
}

for (const [cols, rows] of [[80, 24], [120, 40]] as const) {
  describeTier('terminal', `issue 14 in a real terminal at ${cols}x${rows}`, () => {
    let run: TerminalRun;
    const out = configDir('ccdoctor-e2e-out-');
    beforeAll(() => {
      expect(existsSync(CLI), 'dist/cli.js is built first').toBe(true);
      run = wizard({ cols, rows, cwd: out });
    });

    it('home note and footer wrap whole; passed rules; a command shown whole, copied by OSC 52; .ps1 and a report written', async () => {
      let s = await run.waitFor(HOME_READY);
      // The note names why PowerShell cannot be used, whole (wrapped at 80 columns, never cut).
      expect(s.replace(/\n\s*/g, ' ')).toMatch(/Check this host: not available \(no Windows PowerShell here: no .* on PATH\)\./);
      fits(run, s, cols, rows);

      s = await openDemo(run);
      expect(s).toContain('a show passed');
      expect(s).toContain('e export');
      fits(run, s, cols, rows);
      run.keys('a');
      s = await run.waitFor(/Passed \(\d+\)/);
      fits(run, s, cols, rows);
      run.keys('a');
      await run.waitFor('(a: show them)');

      run.keys('Enter');
      s = await run.waitFor('finding dotnet-too-old');
      run.keys('Down');
      // The selected step comes whole into view (its command adds a key hint, which may take a second
      // row: the page then scrolls once more); the quoted registry path is on one row, never broken.
      s = await run.waitFor(/❯ \[ \] 2\.[\s\S]*'HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full'/);
      expect(s).toMatch(/c copy command/);
      fits(run, s, cols, rows);
      run.keys('c');
      s = await run.waitFor('Copied the command of step 2 to the clipboard (OSC 52).');
      expect(run.raw()).toContain(`\u001b]52;c;${Buffer.from(CHECK_COMMAND, 'utf8').toString('base64')}\u0007`);

      run.keys('w');
      s = await run.waitFor('save dotnet-too-old as .ps1');
      fits(run, s, cols, rows);
      run.keys('Enter');
      s = await run.waitFor(/Wrote [\s\S]*\(ps1\)/);
      const written = s.replace(/\n/g, '').match(/Wrote (\S+\.ps1) \(ps1\)/)![1]!;
      expect(readFileSync(join(out, written), 'utf8')).toContain('# Finding 1 of 1: dotnet-too-old');

      run.keys('Escape');
      await run.waitFor('Failed:');
      run.keys('e');
      s = await run.waitFor('export a report');
      fits(run, s, cols, rows);
      run.keys('Down', 'Tab');
      await run.waitFor('Redact names and addresses: yes');
      run.keys('Enter');
      s = await run.waitFor(/Wrote [\s\S]*\(html, redacted\)/);
      const html = s.replace(/\n/g, '').match(/Wrote (\S+\.html) \(html, redacted\)/)![1]!;
      expect(readFileSync(join(out, html), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
      fits(run, s, cols, rows);
      run.keys('q');
      expect(await run.waitExit()).toBe(0);
    });

    it('a snapshot error and a destructive step are shown whole', async () => {
      const r = wizard({ cols, rows });
      await r.waitFor(HOME_READY);
      r.keys('Enter');
      await r.waitFor('open a snapshot');
      r.keys('snapshots/no-such-file-with-a-rather-long-name-to-make-the-error-wrap-at-eighty.json', 'Enter');
      // The message names the working folder, so where it wraps depends on the clone's path.
      let s = await r.waitFor(/try\s+snapshots\/demo\.json/);
      fits(r, s, cols, rows);
      // The whole message (what, which file, what to do) is on the screen, wrapped, nothing cut off.
      // Only the message: the list below it may still say "Looking for snapshots…" for a moment.
      const lines = s.split('\n');
      const from = lines.findIndex((l) => l.startsWith('cannot read snapshot'));
      const to = lines.findIndex((l, i) => i >= from && /snapshots\/demo\.json\s*$/.test(l));
      const error = lines.slice(from, to + 1).join('');
      expect(error).toMatch(/cannot read snapshot ?snapshots\/no-such-file-with-a-rather-long-name-to-make-the-error-wrap-at-eighty\.json: no such file/);
      expect(error).not.toContain('…');
      r.keys('\u0015', 'snapshots/symptom-credential-store-unreadable.json', 'Enter');
      await r.waitFor('Failed:');
      r.keys('Enter');
      await r.waitFor('finding credential-store-unreadable');
      r.keys('Down');
      await r.waitFor(/❯ \[ \] 2\./);
      r.keys('Up');
      s = await r.waitFor(/❯ \[ \] 1\. DESTRUCTIVE: Restart the host server/);
      fits(r, s, cols, rows);
      r.keys('q');
      expect(await r.waitExit()).toBe(0);
    });

    it('a procedure hint is shown whole (wrapped, not cut mid-sentence)', async () => {
      const r = wizard({ cols, rows });
      await r.waitFor(HOME_READY);
      r.keys('G');
      await r.waitFor(/❯ Quit/);
      r.keys('k');
      await r.waitFor(/❯ Guided procedures/);
      r.keys('Enter');
      await r.waitFor('guided procedures');
      r.keys('j', 'j', 'j', 'j');
      await r.waitFor(/❯ Regenerate credentials/);
      r.keys('Enter');
      await r.waitFor('Which CCE version?');
      // 2.0 or later: then the questions with the long hints.
      r.keys('j');
      await r.waitFor(/❯ .*2\.0/);
      r.keys('Enter');
      let s = await r.waitFor('Which version generated the cached password file?');
      expect(s.replace(/\n/g, ' ')).toMatch(/it was written when the appliance was registered\./);
      fits(r, s, cols, rows);
      r.keys('Enter');
      s = await r.waitFor('Are the DomainAdmin and VmAdmin passwords');
      expect(s.replace(/\n/g, ' ')).toMatch(/a 1\.4\.2 file had its own DomainAdmin and VMAdmin passwords\./);
      expect(s).not.toContain('…');
      fits(r, s, cols, rows);
      r.keys('q');
      expect(await r.waitExit()).toBe(0);
    });
  });
}

describeTier('terminal', 'issue 14: no clipboard in the terminal', () => {
  it('CCDOCTOR_CLIPBOARD=file: the command goes to a file, named in the status line', async () => {
    const config = configDir();
    const run = wizard({ cols: 80, rows: 24, config, env: { CCDOCTOR_CLIPBOARD: 'file' } });
    await openDemo(run);
    run.keys('Enter');
    await run.waitFor('finding dotnet-too-old');
    run.keys('Down');
    await run.waitFor(/❯ \[ \] 2\./);
    run.keys('c');
    const s = await run.waitFor(/No clipboard here \(CCDOCTOR_CLIPBOARD=file\)/);
    expect(s.replace(/\n/g, '')).toContain(join(config, 'copied-command.ps1'));
    expect(run.raw()).not.toContain('\u001b]52;');
    expect(readFileSync(join(config, 'copied-command.ps1'), 'utf8')).toBe(`${CHECK_COMMAND}\n`);
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
  });
});

describeTier('terminal', 'issue 14: TERM=dumb', () => {
  it('gets plain ASCII lines: no cursor movement, no erasing, no colour, no non-ASCII symbol', async () => {
    const run = wizard({ cols: 80, rows: 24, env: { TERM: 'dumb' } });
    await run.waitFor(HOME_READY);
    run.keys('j');
    await run.waitFor(/> Try the demo host/);
    run.keys('Enter');
    await run.waitFor('Failed:');
    run.keys('Enter');
    await run.waitFor('finding dotnet-too-old');
    run.keys('Down');
    await run.waitFor(/> \[ \] 2\./);
    run.keys('?');
    await run.waitFor('Keys on this screen (detail)');
    run.keys('Escape');
    await run.waitFor(/^ccdoctor - finding dotnet-too-old/);
    run.keys('q');
    expect(await run.waitExit()).toBe(0);
    const raw = run.raw();
    expect(raw).toContain('dotnet-too-old');
    // Cursor movement, erase and scroll sequences (CSI ... A-H J K S T f s u l h), and any ESC at all.
    expect(raw).not.toMatch(/\u001b\[[0-9;?]*[A-HJKSTfsuhl]/);
    expect(raw).not.toContain('\u001b');
    const nonAscii = [...raw].filter((c) => c.charCodeAt(0) > 0x7e || (c.charCodeAt(0) < 0x20 && !'\r\n\t'.includes(c)));
    expect(nonAscii.join('')).toBe('');
  });
});
