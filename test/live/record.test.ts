import { describe, expect, it } from 'vitest';
import { FACTS } from '../../src/facts/index.js';
import { factFromEntry, parseFrame, RAW_LIMIT } from '../../src/live/record.js';

const T = '2026-11-21T00:00:00.000Z';
const fact = (line: string) => {
  const f = parseFrame(line);
  if (f.kind !== 'fact') throw new Error(`not a fact frame: ${line}`);
  return f;
};

describe('reading the runner output', () => {
  it('tells frames from stray lines', () => {
    expect(parseFrame('WARNING: something')).toEqual({ kind: 'noise', line: 'WARNING: something' });
    expect(parseFrame('#ccdoctor:start {"admin":false,"psVersion":"5.1.14393.1000"}\r')).toEqual({ kind: 'start', info: { admin: false, psVersion: '5.1.14393.1000' } });
    expect(parseFrame('#ccdoctor:start {"admin":"yes"}').kind).toBe('noise');
    expect(parseFrame('#ccdoctor:end {"durationMs":12}')).toEqual({ kind: 'end', durationMs: 12 });
    expect(fact('#ccdoctor:fact host.name {"id":"host.name","status":"ok","value":"CCE-01"}')).toMatchObject({ id: 'host.name', entry: { status: 'ok', value: 'CCE-01' } });
  });

  it('a value is validated like a snapshot value, with its provenance', () => {
    const f = factFromEntry(FACTS.get('host.name')!, fact('#ccdoctor:fact host.name {"id":"host.name","status":"ok","value":"CCE-01","durationMs":4,"collectedAt":"2026-11-20T01:02:03.456Z"}'), T);
    expect(f).toEqual({ id: 'host.name', status: 'ok', value: 'CCE-01', provenance: { source: 'command', ref: 'probe host.name', collectedAt: '2026-11-20T01:02:03.456Z', durationMs: 4 } });
  });

  it('what cannot be trusted is an error that keeps the raw text (capped)', () => {
    const spec = FACTS.get('host.name')!;
    expect(factFromEntry(spec, fact('#ccdoctor:fact host.name {"id":"host.os","status":"ok","value":"x"}'), T)).toMatchObject({ status: 'error', message: expect.stringMatching(/names another fact/) });
    expect(factFromEntry(spec, fact('#ccdoctor:fact host.name {"status":"ok"}'), T)).toMatchObject({ status: 'error', message: 'the probe reported ok without a value' });
    expect(factFromEntry(spec, fact('#ccdoctor:fact host.name {"status":"fine","value":"x"}'), T)).toMatchObject({ status: 'error', message: expect.stringMatching(/not a probe result/) });
    expect(factFromEntry(spec, fact('#ccdoctor:fact host.name {"status":"ok","value":""}'), T)).toMatchObject({ status: 'error', message: expect.stringMatching(/does not fit the fact/), raw: '""' });
    const long = factFromEntry(spec, fact(`#ccdoctor:fact host.name {"status":"ok","value":"${'x'.repeat(RAW_LIMIT * 2)}`), T);
    expect(long.status).toBe('error');
    expect(long.raw!.length).toBeLessThan(RAW_LIMIT + 100);
    expect(long.raw).toMatch(/more characters\)$/);
  });

  it('a status other than ok keeps its message, or gets a plain one', () => {
    const spec = FACTS.get('host.name')!;
    expect(factFromEntry(spec, fact('#ccdoctor:fact host.name {"status":"denied"}'), T)).toMatchObject({ status: 'denied', message: expect.stringMatching(/Administrator/) });
    expect(factFromEntry(spec, fact('#ccdoctor:fact host.name {"status":"error","message":"Access is denied","raw":"At line:1 char:1"}'), T)).toMatchObject({ status: 'error', message: 'Access is denied', raw: 'At line:1 char:1' });
  });
});
