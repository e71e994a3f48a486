import { describe, expect, it } from 'vitest';
import { decodeWinHttpSettings, hostWinhttpProxy, hostDefenderExclusions, psProcesses } from '../../src/facts/hostconfig.js';
import { hypervVms, vmsFromJson } from '../../src/facts/hyperv.js';
import { tenantAppliances, tenantHybridMediationSettings } from '../../src/facts/tenant.js';
import { defineFact } from '../../src/core/facts/types.js';

/** The WinHttpSettings value as netsh winhttp set proxy writes it. */
function winhttpBlob(flags: number, proxy: string, bypass: string): Uint8Array {
  const enc = new TextEncoder();
  const p = enc.encode(proxy);
  const b = enc.encode(bypass);
  const out = new Uint8Array(16 + p.length + 4 + b.length + 4);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x28, true);
  v.setUint32(4, 7, true);
  v.setUint32(8, flags, true);
  v.setUint32(12, p.length, true);
  out.set(p, 16);
  v.setUint32(16 + p.length, b.length, true);
  out.set(b, 20 + p.length);
  return out;
}

describe('host.winhttpProxy', () => {
  it('decodes a proxy with its bypass list', () => {
    expect(decodeWinHttpSettings(winhttpBlob(3, 'proxy.contoso.com:8080', '<local>;192.168.213.*;192.168.10.*'))).toEqual({
      proxyServer: 'proxy.contoso.com:8080',
      bypassList: ['<local>', '192.168.213.*', '192.168.10.*'],
    });
  });

  it('reads direct access (flag 1) as no proxy, and the probe without a value as direct', () => {
    expect(decodeWinHttpSettings(winhttpBlob(1, '', ''))).toEqual({ proxyServer: null, bypassList: [] });
    expect(hostWinhttpProxy.live!.parse!({ settings: null })).toEqual({ proxyServer: null, bypassList: [] });
  });

  it('parses the probe output (base64) and rejects a truncated value', () => {
    const b64 = Buffer.from(winhttpBlob(3, 'p:3128', '192.168.213.*')).toString('base64');
    expect(hostWinhttpProxy.live!.parse!({ settings: b64 })).toEqual({ proxyServer: 'p:3128', bypassList: ['192.168.213.*'] });
    expect(() => decodeWinHttpSettings(winhttpBlob(3, 'p:3128', 'x').subarray(0, 18))).toThrow(/truncated/);
    // A snapshot value replayed as probe output is taken as it is.
    expect(hostWinhttpProxy.live!.parse!({ proxyServer: 'p:3128', bypassList: ['<local>'] })).toEqual({ proxyServer: 'p:3128', bypassList: ['<local>'] });
  });

  it('takes a checklist answer', () => {
    expect(hostWinhttpProxy.checklist!.toValue('direct')).toEqual({ proxyServer: null, bypassList: [] });
    expect(hostWinhttpProxy.checklist!.toValue('proxy:8080 <local>;192.168.213.*')).toEqual({ proxyServer: 'proxy:8080', bypassList: ['<local>', '192.168.213.*'] });
  });
});

describe('probe JSON as Windows PowerShell 5.1 writes it', () => {
  it('hyperv.vms: a lone VM, a lone adapter and a lone IP come back unwrapped', () => {
    const vms = vmsFromJson({ vms: { name: 'AD01', role: null, state: 'Running', adapters: { name: 'Corpnet', switchName: 'SfB CCE Corpnet Switch', ipAddresses: '192.168.10.11' } } });
    expect(vms).toEqual([{ name: 'AD01', role: null, state: 'Running', adapters: [{ name: 'Corpnet', switchName: 'SfB CCE Corpnet Switch', ipAddresses: ['192.168.10.11'] }] }]);
    expect(hypervVms.schema.safeParse(vms).success).toBe(true);
    expect(vmsFromJson({ vms: [] })).toEqual([]);
    expect(() => vmsFromJson([{ state: 'Running' }])).toThrow(/VM \[0\] has no name/);
  });

  it('host.defenderExclusions and ps.processes', () => {
    expect(hostDefenderExclusions.live!.parse!({ defender: true, paths: 'C:\\A', processes: null })).toEqual({ defender: true, paths: ['C:\\A'], processes: [] });
    expect(hostDefenderExclusions.checklist!.toValue('C:\\A\nMicrosoft.Rtc.CCE.ManagementService.exe\n')).toEqual({ defender: true, paths: ['C:\\A'], processes: ['Microsoft.Rtc.CCE.ManagementService.exe'] });
    expect(psProcesses.live!.parse!({ processes: { id: 12, name: 'powershell', startTime: '2026-11-20T01:58:40.0000000Z' } })).toEqual([
      { id: 12, name: 'powershell', startTime: '2026-11-20T01:58:40.0000000Z' },
    ]);
  });

  it('tenant facts have no probe: they come from the tenant (cmdlet JSON files or the checklist)', () => {
    for (const spec of [tenantAppliances, tenantHybridMediationSettings]) {
      expect(spec.live).toBeUndefined();
      expect(spec.external).toBe('tenant');
      expect(spec.checklist).toBeDefined();
    }
    expect(hypervVms.external).toBeUndefined();
    expect(() => defineFact({ id: 'x.none', title: 'x', schema: tenantAppliances.schema, checklist: tenantAppliances.checklist })).toThrow(/needs a live probe, or an external source/);
    expect(() => defineFact({ ...hypervVms, id: 'x.both', external: 'tenant' })).toThrow(/an external fact has no live probe/);
  });

  it('tenant checklist answers are pasted JSON, validated before use', () => {
    const answer = tenantAppliances.checklist!.answer;
    expect(answer.safeParse('{"Name": "CCE1", "MediationServerFqdn": "ms.cce.local"}').success).toBe(true);
    const bad = answer.safeParse('not json');
    expect(bad.success).toBe(false);
    expect(tenantHybridMediationSettings.checklist!.toValue('no')).toEqual({ servers: null, operatorSaysConfigured: false });
    // The answer as a snapshot stores it loads back through the fact's schema.
    expect(tenantHybridMediationSettings.schema.safeParse({ servers: null, operatorSaysConfigured: false })).toEqual({ success: true, data: { servers: null, operatorSaysConfigured: false } });
  });
});

describe('host.adapters checklist answer', () => {
  it('reads SWITCH|ADDRESS/PREFIX entries separated by ";" or new lines', async () => {
    const { hostAdapters } = await import('../../src/facts/hostconfig.js');
    const text = 'SfB CCE Corpnet Switch|192.168.10.5/24; SfB CCE Management Switch|192.168.213.1/24 192.168.213.2/24\nSfB CCE Internet Switch|';
    expect(hostAdapters.checklist!.answer.safeParse(text).success).toBe(true);
    expect(hostAdapters.checklist!.answer.safeParse('192.168.10.5').success).toBe(false);
    expect(hostAdapters.checklist!.toValue(text)).toEqual([
      { name: 'vEthernet (SfB CCE Corpnet Switch)', switchName: 'SfB CCE Corpnet Switch', addresses: [{ ip: '192.168.10.5', prefixLength: 24 }] },
      { name: 'vEthernet (SfB CCE Management Switch)', switchName: 'SfB CCE Management Switch', addresses: [{ ip: '192.168.213.1', prefixLength: 24 }, { ip: '192.168.213.2', prefixLength: 24 }] },
      { name: 'vEthernet (SfB CCE Internet Switch)', switchName: 'SfB CCE Internet Switch', addresses: [] },
    ]);
  });
});

describe('commands the checklist asks the operator to run', () => {
  it('parse as Windows PowerShell 5.1', async () => {
    const { psParser, syntaxErrors, ps7Only } = await import('../live/ps-lint.js');
    const { hostAdapters } = await import('../../src/facts/hostconfig.js');
    const parser = await psParser();
    for (const text of [hypervVms.checklist!.help!, hostAdapters.checklist!.help!]) {
      const tree = parser.parse(text)!;
      expect([...syntaxErrors(tree.rootNode), ...ps7Only(tree.rootNode, text)], text).toEqual([]);
      tree.delete();
    }
  });
});
