import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSingleInsertion, planIniStateFix, recheckIni, describeEncoding } from '../../src/core/fix/ini-state.js';
import iniStateMissing from '../../rules/ini-state-missing.js';
import { validateStateValue } from '../../src/core/fix/state-value.js';
import { insertionDiff } from '../../src/core/fix/diff.js';
import { encodeText, type TextEncodingName } from '../../src/core/text/decode.js';
import { iniValue, parseIni } from '../../src/core/ini/read.js';
import { InputError } from '../../src/core/errors.js';

// A complete CloudConnector.ini in the template's shape, written for the tests (test/fixtures/).
const SAMPLE = join(import.meta.dirname, '..', 'fixtures', 'CloudConnector.sample.ini');
const bytesOf = (s: string) => new TextEncoder().encode(s);

/** `after` must be `before` with exactly `inserted` spliced in at one offset: every other byte equal. */
function expectOnlyInserted(before: Uint8Array, after: Uint8Array, inserted: Uint8Array) {
  const at = [...Array(before.length + 1).keys()].find((i) =>
    Buffer.from(after).equals(Buffer.concat([before.subarray(0, i), inserted, before.subarray(i)])));
  expect(at, 'result is the original with only the new line inserted').toBeDefined();
}

function edit(bytes: Uint8Array, state = '') {
  const plan = planIniStateFix(bytes, 'CloudConnector.ini', state);
  if (plan.kind !== 'edit') throw new Error(`expected an edit, got ${plan.kind}`);
  return plan;
}

describe('planIniStateFix: only the State line is added, every other byte kept', () => {
  const cases: { name: string; bytes: Uint8Array; inserted: Uint8Array; lineNo: number }[] = [
    {
      name: 'UTF-16LE with BOM and CRLF',
      bytes: encodeText('; Build 6.0\r\n[Common]\r\nCountryCode=US\r\nCity=Redmond\r\n\r\n; next\r\n[Network]\r\nIP=1\r\n', 'utf-16le'),
      inserted: encodeText('State=WA\r\n', 'utf-16le').subarray(2),
      lineNo: 5,
    },
    {
      name: 'UTF-8 with BOM and CRLF',
      bytes: encodeText('[Common]\r\nSiteName=Sydney\r\n[Network]\r\nIP=1\r\n', 'utf-8-bom'),
      inserted: bytesOf('State=WA\r\n'),
      lineNo: 3,
    },
    {
      name: 'UTF-8 without BOM, LF',
      bytes: bytesOf('[Common]\nSiteName=Sydney\nCity=Sydney\n'),
      inserted: bytesOf('State=WA\n'),
      lineNo: 4,
    },
    {
      name: 'mixed-case [common] header',
      bytes: bytesOf('[cOMMON]\nSiteName=Sydney\n\n[Network]\nIP=1\n'),
      inserted: bytesOf('State=WA\n'),
      lineNo: 3,
    },
    {
      name: 'duplicate keys and a repeated [Common] section',
      bytes: bytesOf('[Common]\nSiteName=A\nsitename=B\n[Network]\nIP=1\n[common]\nCity=X\nCity=Y\n[Edge]\nIP=2\n'),
      inserted: bytesOf('State=WA\n'),
      lineNo: 9,
    },
    {
      name: 'UTF-16LE without BOM (no BOM is added)',
      bytes: encodeText('[Common]\r\nSiteName=Sydney\r\n', 'utf-16le').subarray(2),
      inserted: encodeText('State=WA\r\n', 'utf-16le').subarray(2),
      lineNo: 3,
    },
    {
      name: 'UTF-16BE with BOM',
      bytes: encodeText('[Common]\r\nSiteName=Sydney\r\n', 'utf-16be'),
      inserted: encodeText('State=WA\r\n', 'utf-16be').subarray(2),
      lineNo: 3,
    },
    {
      name: 'an empty [Common] as the last line, no final newline',
      bytes: bytesOf('[Network]\nIP=1\n[Common]'),
      inserted: bytesOf('\nState=WA'),
      lineNo: 4,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = edit(c.bytes, 'WA');
      expect(plan.line).toBe('State=WA');
      expect(plan.lineNo).toBe(c.lineNo);
      expect(Buffer.from(plan.before).equals(Buffer.from(c.bytes))).toBe(true);
      expectOnlyInserted(c.bytes, plan.after, c.inserted);
      const doc = parseIni(plan.after);
      expect(iniValue(doc, 'Common', 'State')).toBe('WA');
      expect(doc.encoding).toBe(parseIni(c.bytes).encoding);
      expect(recheckIni(iniStateMissing, plan.after, 'CloudConnector.ini').outcome).toBe('pass');
      expect(recheckIni(iniStateMissing, c.bytes, 'CloudConnector.ini').outcome).toBe('fail');
    });
  }

  it('a complete CloudConnector.ini sample, State line removed, gets it back after CountryCode/City', () => {
    const sample = readFileSync(SAMPLE, 'utf8').replace(/^State=WA\r?\n/m, '');
    const bytes = encodeText(sample.replace(/\r?\n/g, '\r\n'), 'utf-16le');
    const plan = edit(bytes);
    expectOnlyInserted(bytes, plan.after, encodeText('State=\r\n', 'utf-16le').subarray(2));
    expect(iniValue(parseIni(plan.after), 'Common', 'State')).toBe('');
    expect(describeEncoding(plan.doc, bytes)).toBe('UTF-16LE with BOM, CRLF line ends');
  });

  it('property: any ini with a [Common] section and no State line gains exactly one line', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/).filter((k) => k.toLowerCase() !== 'state');
    const value = fc.stringMatching(/^[A-Za-z0-9 .:\\/-]{0,16}$/);
    const line = fc.oneof(
      fc.tuple(name, value).map(([k, v]) => `${k}=${v}`),
      fc.stringMatching(/^[;#][ -~]{0,20}$/),
      fc.constant(''),
    );
    const section = fc.tuple(name, fc.array(line, { maxLength: 5 }));
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 3 }), fc.array(section, { maxLength: 3 }), fc.array(line, { maxLength: 5 }), fc.array(section, { maxLength: 3 }),
        fc.constantFrom<TextEncodingName>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'), fc.constantFrom('\r\n', '\n'), fc.boolean(), fc.constantFrom('', 'WA', 'New South Wales'),
        (global, before, common, after, encoding, nl, finalNewline, state) => {
          const sections = [...before, ['Common', common] as [string, string[]], ...after].filter(([n], i, all) => all.findIndex(([m]) => m.toLowerCase() === n.toLowerCase()) === i);
          const text = [...global, ...sections.flatMap(([n, ls]) => [`[${n}]`, ...ls])].join(nl) + (finalNewline ? nl : '');
          const bytes = encodeText(text, encoding);
          const plan = edit(bytes, state);
          const bom = encoding === 'utf-8' ? 0 : encoding === 'utf-8-bom' ? 3 : 2;
          // A file without any line end gets LF, the reader's choice; otherwise the file's own style.
          if (text.includes('\n')) expect(plan.doc.newline).toBe(nl);
          expect(plan.after.length).toBe(bytes.length + encodeText(`State=${state}${plan.doc.newline}`, encoding).length - bom);
          expect(isSingleInsertion(bytes, plan.after, plan.after.length - bytes.length)).toBe(true);
          expect(iniValue(parseIni(plan.after), 'Common', 'State')).toBe(state);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('planIniStateFix: nothing to do, or refused', () => {
  it('a State line is already there, even an empty one or in another case', () => {
    for (const text of ['[Common]\nState=\n', '[Common]\nSiteName=A\nstate=WA\n', '[common]\nSTATE = QLD\n']) {
      const plan = planIniStateFix(bytesOf(text), 'x.ini');
      expect(plan.kind).toBe('present');
    }
    const p = planIniStateFix(bytesOf('[Common]\nSiteName=A\nState=\n'), 'x.ini');
    expect(p).toMatchObject({ kind: 'present', line: 3, value: '' });
  });

  it('no [Common] section (State under another section does not count)', () => {
    expect(() => planIniStateFix(bytesOf('[Network]\nState=WA\n'), 'C:\\cce\\CloudConnector.ini')).toThrow(InputError);
    expect(() => planIniStateFix(bytesOf('State=WA\n[Network]\nIP=1\n'), 'x.ini')).toThrow(/has no \[Common\] section.*nothing changed/);
  });

  it('mixed CRLF and LF line ends, which a rewrite would normalise', () => {
    expect(() => planIniStateFix(bytesOf('[Common]\r\nA=1\nB=2\r\n'), 'x.ini')).toThrow(/mixes CRLF and LF line ends\), so nothing changed/);
  });

  it('bytes that are not text', () => {
    expect(() => planIniStateFix(new Uint8Array([0x5b, 0x43, 0x5d, 0x0a, 0xff, 0xfe, 0x00, 0x41]), 'x.ini')).toThrow(/does not look like a text ini file/);
    expect(() => planIniStateFix(bytesOf('[Common]\nA=\u0000\n'), 'x.ini')).toThrow(InputError);
  });
});

describe('--state values', () => {
  it('accepts names that read back as written', () => {
    for (const v of ['', 'WA', 'New South Wales', 'Île-de-France', 'Baden-Württemberg', 'São Paulo']) expect(validateStateValue(v)).toBe(v);
  });
  it('refuses line breaks, control characters, comments, quotes, padding and long values', () => {
    for (const v of ['WA\r\nSiteName=evil', 'W\u001b[2JA', 'WA ; note', 'W#A', '"WA"', ' WA', 'W\u202eA', 'x'.repeat(65)]) {
      expect(() => validateStateValue(v), JSON.stringify(v)).toThrow(InputError);
    }
  });
});

describe('insertionDiff', () => {
  it('shows the added line with context and hunk numbers, with file text control-stripped', () => {
    const text = '[Common]\nA=1\nB=\u001b[31mred\nState=\nC=3\nD=4\nE=5\nF=6\n';
    expect(insertionDiff('x.ini', text, 4)).toBe([
      '--- x.ini',
      '+++ x.ini (after ccdoctor fix)',
      '@@ -1,6 +1,7 @@',
      ' [Common]',
      ' A=1',
      ' B=red',
      '+State=',
      ' C=3',
      ' D=4',
      ' E=5',
    ].join('\n'));
  });
});
