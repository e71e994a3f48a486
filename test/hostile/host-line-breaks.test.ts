/**
 * A line break in a snapshot's host fields (the host name, the OS) is shown as ⏎ wherever the host is
 * named, as in the findings: in headers, titles and attributes it must not start a line of its own (a
 * host named "EVILRED\r\nFAKE: No problems found." would otherwise print a fake verdict line). Every
 * format of check, report and diff, for one host and for many.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cli, DEMO, demoJson, expectCliRan, pool, tempDir } from './harness.js';

vi.setConfig({ testTimeout: 180_000 });

const NAME = 'EVILRED\r\nFAKE: No problems found.';
const OS = 'Windows Server\nFAKE-OS: patched';
const NAME_SHOWN = 'EVILRED ⏎ FAKE: No problems found.';
const OS_SHOWN = 'Windows Server ⏎ FAKE-OS: patched';

const dir = tempDir();
const file = join(dir, 'ctrl.json');
const snap = demoJson();
snap.host = { ...snap.host, name: NAME, os: OS };
writeFileSync(file, JSON.stringify(snap));

/** Every time the host is named in `text`, it is named on one line, its line break shown as ⏎. */
function expectOneLine(text: string, what: string): void {
  expect(text, `${what} names the host`).toContain(NAME_SHOWN);
  // (A line that quotes it may cut it short after the ⏎.)
  expect(text, `${what}: a host name broken over lines`).not.toMatch(/EVILRED(?! ⏎ FAKE)/);
  expect(text, `${what}: a line that starts with the host name's second line`).not.toMatch(/(^|[\r\n])\s*FAKE/);
  expect(text, `${what}: an encoded line break`).not.toMatch(/EVILRED(&#1[03];|&#x[ad];|\\[rn])/i);
  expect(text, `${what}: an OS broken over lines`).not.toMatch(/Windows Server(?! ⏎ FAKE-OS)[\r\n]/);
}

const MANY = ['--snapshot', file, '--snapshot', DEMO];

describe('a line break in the host name or OS is shown as ⏎ in every output', () => {
  const texts: [string, string[]][] = [
    ['check text', ['check', '--snapshot', file]],
    ['diff text', ['diff', file, DEMO]],
    ['many-host check text', ['check', ...MANY]],
    ...(['md', 'html', 'junit'] as const).map((f): [string, string[]] => [`report ${f}`, ['report', '--snapshot', file, '--format', f, '--out', '-']]),
    ...(['md', 'html', 'junit', 'sarif'] as const).map((f): [string, string[]] => [`many-host report ${f}`, ['report', ...MANY, '--format', f, '--out', '-']]),
  ];

  it('text, md, html, junit, sarif: the host on one line', async () => {
    const results = await pool(texts, 2, ([, args]) => cli(args));
    results.forEach((r, i) => {
      const [what] = texts[i]!;
      expectCliRan(r);
      expectOneLine(r.stdout, what);
    });
    // The header itself, as the reviewer saw it broken.
    expect(results[0]!.stdout.split('\n')[0]).toBe(`ccdoctor check: ${NAME_SHOWN} (CCE 2.1.0.372)`);
    expect(results[1]!.stdout.split('\n')[0]).toMatch(new RegExp(`^A: ${NAME_SHOWN.replace(/[.]/g, '\\.')} \\(`));
    expect(results.find((_, i) => texts[i]![0] === 'report md')!.stdout).toContain(`# ccdoctor report: ${NAME_SHOWN}`);
    expect(results.find((_, i) => texts[i]![0] === 'report html')!.stdout).toContain(`<title>ccdoctor report: ${NAME_SHOWN}</title>`);
    expect(results.find((_, i) => texts[i]![0] === 'report junit')!.stdout).toContain(`hostname="${NAME_SHOWN}"`);
  });

  it('JSON (check, report, diff, many-host check and report): the host object holds the shown form', async () => {
    const [check, report, diff, manyCheck, manyReport] = await pool(
      [
        ['check', '--snapshot', file, '--format', 'json'],
        ['report', '--snapshot', file, '--format', 'json', '--out', '-'],
        ['diff', file, DEMO, '--format', 'json'],
        ['check', ...MANY, '--format', 'json'],
        ['report', ...MANY, '--format', 'json', '--out', '-'],
      ],
      2,
      (args) => cli(args),
    );
    for (const r of [check, report, diff, manyCheck, manyReport]) expectCliRan(r!);
    for (const m of [JSON.parse(check!.stdout), JSON.parse(report!.stdout)]) {
      expect(m.host.name).toBe(NAME_SHOWN);
      expect(m.host.os).toBe(OS_SHOWN);
    }
    expect(JSON.parse(diff!.stdout).a.host).toBe(NAME_SHOWN);
    for (const r of [manyCheck, manyReport]) {
      const names = JSON.stringify(JSON.parse(r!.stdout));
      expect(names).toContain(NAME_SHOWN);
      // The host's name as its JSON gives it: never the raw line break (a fact's own value may keep it).
      expect(names).not.toMatch(/"(name|host|hostname)":"EVILRED\\r\\n/);
    }
  });
});
