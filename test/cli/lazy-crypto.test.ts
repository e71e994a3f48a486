import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../helpers/cli.js';
import { isX509, nodeCrypto } from '../../src/core/node-crypto.js';

// node:crypto costs milliseconds at every start: the built CLI loads it only for a certificate (or a file
// written atomically), so rules, explain and a check of a host without certificates never load it.
// (A preloaded script reports it: `node -e` itself loads node:crypto.)
const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-crypto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const preload = join(dir, 'report-crypto.cjs');
writeFileSync(preload, "process.on('exit', () => process._rawDebug('@@crypto=' + process.moduleLoadList.includes('NativeModule crypto')));\n");

function loadsCrypto(args: string[]): { crypto: boolean; status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, ['-r', preload, CLI, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const m = /@@crypto=(true|false)/.exec(r.stderr);
  if (!m) throw new Error(`no answer from the CLI (exit ${r.status}): ${r.stderr}`);
  return { crypto: m[1] === 'true', status: r.status, stderr: r.stderr };
}

describe('node:crypto is loaded only when needed', () => {
  it.each([
    [['rules']],
    [['explain', 'Cannot register appliance']],
    [['check', '--snapshot', 'snapshots/lync-fe-drain-ready.json', '--format', 'json']],
    [['report', '--snapshot', 'snapshots/lync-fe-drain-ready.json', '--format', 'md']],
    [['diff', 'snapshots/lync-fe-drain-ready.json', 'snapshots/lync-fe-draining.json']],
  ])('%j does not load it', (args) => {
    const r = loadsCrypto(args);
    expect(r.status, r.stderr).toBeLessThan(2);
    expect(r.crypto).toBe(false);
  });

  it('a check of a snapshot with certificates loads it (and reads them)', () => {
    const r = loadsCrypto(['check', '--snapshot', 'snapshots/demo.json', '--format', 'json']);
    expect(r.crypto).toBe(true);
  });

  it('isX509 knows a certificate, and answers for plain data without loading node:crypto', () => {
    const demo = readFileSync(join(ROOT, 'snapshots', 'demo.json'), 'utf8');
    const pem = JSON.parse(`"${/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(demo)![0]}"`) as string;
    expect(isX509(new X509Certificate(pem))).toBe(true);
    expect(isX509(new (nodeCrypto().X509Certificate)(pem))).toBe(true);
    for (const v of [null, undefined, 'x', 1, [], {}, Object.create(null), { subject: 'CN=x', fingerprint: 'AA' }, new Date(), new Uint8Array(2)]) {
      expect(isX509(v)).toBe(false);
    }
  });
});
