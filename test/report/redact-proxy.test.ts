import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSnapshotJson } from '../../src/core/snapshot/resolve.js';
import { SNAPSHOTS } from '../helpers/rule-tester.js';
import { ccdoctor } from '../helpers/cli.js';

/** The symptom snapshot with a customer's proxy and bypass list: names no other fact holds. */
function proxyVariant(proxyServer: string): { dir: string; file: string; base: string } {
  const snap = readSnapshotJson(join(SNAPSHOTS, 'symptom-winhttp-proxy-bypass.json')) as { facts: Record<string, { value?: unknown }> };
  snap.facts['host.winhttpProxy']!.value = { proxyServer, bypassList: ['<local>', '*.fabrikam-corp.net', 'intranet01', '10.1.*'] };
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-redact-proxy-'));
  const file = join(dir, 'proxy.json');
  writeFileSync(file, JSON.stringify(snap));
  const base = join(dir, 'base.json');
  writeFileSync(base, JSON.stringify(readSnapshotJson(join(SNAPSHOTS, 'symptom-winhttp-proxy-bypass.json'))));
  return { dir, file, base };
}

const LEAKS = /fabrikam|intranet01|webproxy/i;

describe('--redact: the WinHTTP proxy and its bypass list', () => {
  for (const proxy of ['webproxy.fabrikam-corp.net:8080', 'http=webproxy.fabrikam-corp.net:8080;https=webproxy2.fabrikam-corp.net:8443']) {
    it(`report in every format names neither the proxy nor the bypassed names (${proxy})`, async () => {
      const { file } = proxyVariant(proxy);
      for (const format of ['md', 'html', 'json', 'sarif']) {
        const r = await ccdoctor(['report', '--snapshot', file, '--redact', '--format', format]);
        expect(r.exitCode, `${format}: ${r.stderr}`).toBe(0);
        expect(r.stdout).toContain('WinHTTP proxy');
        expect(r.stdout, format).not.toMatch(LEAKS);
        // What names nothing stays as it is.
        expect(r.stdout, format).toContain(format === 'html' ? '&lt;local&gt;' : '<local>');
        expect(r.stdout, format).toContain('10.1.*');
      }
    });
  }

  it('diff --redact names neither, in text and json', async () => {
    const { file, base } = proxyVariant('http=webproxy.fabrikam-corp.net:8080;https=webproxy2.fabrikam-corp.net:8443');
    for (const format of ['text', 'json']) {
      const r = await ccdoctor(['diff', base, file, '--redact', '--format', format]);
      expect(r.exitCode, String(r.stderr)).toBe(1); // the facts differ
      expect(r.stdout).toContain('winhttpProxy');
      expect(r.stdout, format).not.toMatch(LEAKS);
    }
  });
});
