import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InputError } from '../../src/core/errors.js';
import { encodeText } from '../../src/core/text/decode.js';
import { appliancesFromJson, importTenantFile, tenantImportFromJson } from '../../src/core/tenant/import.js';
import { applyTenantFiles } from '../../src/core/tenant/apply.js';
import { FactStore } from '../../src/core/facts/store.js';
import { FACTS } from '../../src/facts/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What Windows PowerShell 5.1 writes for Get-CsHybridPSTNAppliance | ConvertTo-Json in a remote session. */
const APPLIANCES_PS51 = `[
    {
        "Identity":  "5f3c1a9e-2b7d-4e61-9a0c-8d4f2e6b1c01",
        "Name":  "CCE-SYD-01",
        "Site":  "Sydney",
        "MediationServerFqdn":  "MS01.cce.contoso.local",
        "MediationServerIPAddress":  "192.168.10.13",
        "DeploymentStatus":  "Finished",
        "PSComputerName":  "admin0a.online.lync.com",
        "RunspaceId":  "0c1b9f8e-6a4d-4b7e-9d33-5a2c1e0f7b44",
        "PSShowComputerName":  false
    },
    {
        "Identity":  "9b2e7d14-6c3a-4f85-b1d9-0e7a3c5f2d02",
        "Name":  "CCE-SYD-02",
        "SiteName":  "Sydney",
        "mediationserverfqdn":  "MS02.cce.contoso.local",
        "MediationServerIPAddress":  "192.168.10.23"
    }
]`;

const bytes = (text: string, enc: Parameters<typeof encodeText>[1] = 'utf-8') => encodeText(text, enc);

describe('tenant cmdlet JSON → facts', () => {
  it('reads Get-CsHybridPSTNAppliance output (PowerShell 5.1, UTF-16LE with BOM, CRLF) whatever the property case', () => {
    const r = importTenantFile(bytes(APPLIANCES_PS51.replace(/\n/g, '\r\n'), 'utf-16le'), 'appliances.json');
    expect(r.fact).toBe('tenant.appliances');
    expect(r.value).toEqual([
      { identity: '5f3c1a9e-2b7d-4e61-9a0c-8d4f2e6b1c01', name: 'CCE-SYD-01', site: 'Sydney', mediationServerFqdn: 'MS01.cce.contoso.local', mediationServerIpAddress: '192.168.10.13', deploymentStatus: 'Finished' },
      { identity: '9b2e7d14-6c3a-4f85-b1d9-0e7a3c5f2d02', name: 'CCE-SYD-02', site: 'Sydney', mediationServerFqdn: 'MS02.cce.contoso.local', mediationServerIpAddress: '192.168.10.23', deploymentStatus: null },
    ]);
    // The value is what the fact's schema accepts.
    expect(FACTS.get('tenant.appliances')!.schema.safeParse(r.value).success).toBe(true);
  });

  it('takes a single object (ConvertTo-Json of one appliance) as a list of one', () => {
    fc.assert(
      fc.property(fc.record({ Name: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), MediationServerFqdn: fc.string(), MediationServerIPAddress: fc.ipV4() }), (one) => {
        expect(appliancesFromJson(one)).toEqual(appliancesFromJson([one]));
      }),
    );
  });

  it('tells Get-CsHybridPSTNSite and Get-CsHybridMediationServer output apart by their properties', () => {
    const sites = tenantImportFromJson({ Identity: 'Sydney', Name: 'Sydney', EnableAutoUpdate: 'False' });
    expect(sites).toEqual({ fact: 'tenant.sites', cmdlet: 'Get-CsHybridPSTNSite', value: [{ identity: 'Sydney', name: 'Sydney', enableAutoUpdate: false }] });
    const med = tenantImportFromJson([{ Identity: 'x', Fqdn: 'MS01.cce.contoso.local', AccessProxyExternalFqdn: 'ap.contoso.com' }]);
    expect(med.fact).toBe('tenant.hybridMediationSettings');
    expect(med.value).toEqual({ servers: [{ fqdn: 'MS01.cce.contoso.local', accessProxyExternalFqdn: 'ap.contoso.com' }], operatorSaysConfigured: null });
  });

  it('rejects bad files with an InputError naming the file and the problem', () => {
    const bad = (text: string | Uint8Array) => () => importTenantFile(typeof text === 'string' ? bytes(text) : text, 'out.json');
    expect(bad('')).toThrow(InputError);
    expect(bad('')).toThrow(/--tenant out\.json: it is empty/);
    expect(bad('{"Name": "x",')).toThrow(/--tenant out\.json: it is not valid JSON/);
    expect(bad('[]')).toThrow(/holds no objects/);
    expect(bad('[1, 2]')).toThrow(/holds no objects/);
    expect(bad('{"DisplayName": "Alice", "SipAddress": "sip:alice@contoso.com"}')).toThrow(/cannot tell which cmdlet wrote it: .*its objects have DisplayName, SipAddress/);
    expect(bad('[{"MediationServerFqdn": "a", "Name": "A"}, {"MediationServerFqdn": "b"}]')).toThrow(/item \[1\] has no Name/);
    expect(bad(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]))).toThrow(/not text/);
    // Terminal escapes in a hostile property name do not reach the message.
    expect(bad('{"\\u001b[31mEvil": 1}')).toThrow(/its objects have Evil\. /);
  });
});

describe('applyTenantFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-tenant-'));

  it('puts each file\'s fact into the store with the file as provenance', async () => {
    const a = join(dir, 'appliances.json');
    const s = join(dir, 'site.json');
    writeFileSync(a, bytes(APPLIANCES_PS51, 'utf-16le'));
    writeFileSync(s, JSON.stringify({ Identity: 'Sydney', Name: 'Sydney', EnableAutoUpdate: true }));
    const store = new FactStore(FACTS);
    store.set({ id: 'tenant.sites', status: 'ok', value: [], provenance: { source: 'snapshot', ref: 'host.json facts["tenant.sites"]' } });
    const notes = await applyTenantFiles(store, [{ path: a, shown: 'appliances.json' }, { path: s, shown: 'site.json' }]);
    expect(notes).toEqual(['tenant.sites: the snapshot\'s value was replaced by site.json']);
    expect(store.get('tenant.appliances')).toMatchObject({ status: 'ok', provenance: { source: 'snapshot', ref: 'appliances.json (Get-CsHybridPSTNAppliance | ConvertTo-Json)' } });
    expect((store.get('tenant.sites').value as unknown[])).toHaveLength(1);
  });

  it('refuses a missing file and two files of the same cmdlet', async () => {
    const store = new FactStore(FACTS);
    await expect(applyTenantFiles(store, [{ path: join(dir, 'nope.json'), shown: 'nope.json' }])).rejects.toThrow('cannot read --tenant nope.json: no such file');
    const a = join(dir, 'appliances.json');
    await expect(applyTenantFiles(store, [{ path: a, shown: 'a1.json' }, { path: a, shown: 'a2.json' }])).rejects.toThrow(
      '--tenant a2.json and --tenant a1.json both hold Get-CsHybridPSTNAppliance output',
    );
  });
});
