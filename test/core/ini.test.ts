import { describe, expect, it } from 'vitest';
import ini from 'ini';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIni, parseIniText, iniValue, iniEntry, insertIntoSection } from '../../src/core/ini/read.js';
import { decodeText, encodeText } from '../../src/core/text/decode.js';

// A complete CloudConnector.ini in the template's shape, written for the tests (test/fixtures/).
const SAMPLE = join(import.meta.dirname, '..', 'fixtures', 'CloudConnector.sample.ini');

describe('INI reading', () => {
  it('reads a complete CloudConnector.ini (every section of the template, comments) with section-scoped repeated keys', () => {
    const doc = parseIni(new Uint8Array(readFileSync(SAMPLE)), 'CloudConnector.sample.ini');
    expect(iniValue(doc, 'Common', 'ServerName')).toBe('CTSAD01');
    expect(iniValue(doc, 'PrimaryCMS', 'ServerName')).toBe('CTSCMS01');
    expect(iniValue(doc, 'MediationServer', 'IP')).toBe('192.168.50.13');
    expect(iniValue(doc, 'Common', 'State')).toBe('WA');
    expect(doc.duplicates).toEqual([]);
    expect(doc.malformed).toEqual([]);
    // Same values as the ini package itself reads.
    const viaIni = ini.parse(readFileSync(SAMPLE, 'utf8'));
    expect(iniValue(doc, 'Network', 'CorpnetSwitchName')).toBe(viaIni.Network.CorpnetSwitchName);
  });

  it('strips the BOM that ini 5 would turn into a bogus key, in UTF-8 and UTF-16LE, with CRLF', () => {
    const text = '[Common]\r\nSiteName=Sydney\r\nState=\r\n';
    expect(Object.keys(ini.parse('\uFEFF' + text))[0]).not.toBe('Common'); // the pitfall
    for (const enc of ['utf-8-bom', 'utf-16le'] as const) {
      const doc = parseIni(encodeText(text, enc));
      expect(doc.sections.map((s) => s.name)).toEqual(['Common']);
      expect(doc.encoding).toBe(enc);
      expect(doc.newline).toBe('\r\n');
      expect(iniEntry(doc, 'common', 'state')).toMatchObject({ value: '', line: 3 });
    }
  });

  it('is case-insensitive and reports duplicate keys and sections (last wins, as in ini)', () => {
    const doc = parseIniText('[Common]\nSiteName=A\nsitename=B\n[common]\nCity=X\n[Network]\nIP=1\n');
    expect(iniValue(doc, 'COMMON', 'SITENAME')).toBe('B');
    expect(doc.duplicates).toEqual([{ section: 'Common', key: 'SiteName', lines: [2, 3] }]);
    expect(doc.duplicateSections).toEqual([{ section: 'Common', lines: [1, 4] }]);
    expect(iniValue(doc, 'Common', 'City')).toBe('X');
  });

  it('reports malformed lines and decodes values the ini way', () => {
    const text = '[Common]\nthis is not a key\nSiteName = "Syd;ney"\nCity = Sydney ; trailing comment\nWSUSServer=http://wsus:8530\n';
    const doc = parseIniText(text);
    expect(doc.malformed).toEqual([{ line: 2, text: 'this is not a key' }]);
    expect(iniValue(doc, 'Common', 'SiteName')).toBe('Syd;ney');
    expect(iniValue(doc, 'Common', 'City')).toBe('Sydney');
    const viaIni = ini.parse(text).Common;
    for (const k of ['SiteName', 'City', 'WSUSServer']) expect(iniValue(doc, 'Common', k)).toBe(viaIni[k]);
    expect(iniValue(doc, 'Common', 'WSUSServer')).toBe('http://wsus:8530');
  });

  it('inserts a line and leaves every other byte as it was, in the original encoding', () => {
    const original = '; Build number 6.0.9319.419\r\n[Common]\r\nCountryCode=US\r\nCity=Redmond\r\n\r\n; next\r\n[Network]\r\nCorpnetIPPrefixLength=24\r\n';
    const bytes = encodeText(original, 'utf-16le');
    const doc = parseIni(bytes);
    const edited = insertIntoSection(doc, 'Common', 'State=');
    expect(edited).toBe(original.replace('City=Redmond\r\n', 'City=Redmond\r\nState=\r\n'));
    const out = encodeText(edited, doc.encoding);
    expect(decodeText(out).encoding).toBe('utf-16le');
    expect(iniValue(parseIni(out), 'Common', 'State')).toBe('');
    expect(() => insertIntoSection(doc, 'Gateway9', 'X=1')).toThrow(/no \[Gateway9\] section/);
  });
});
