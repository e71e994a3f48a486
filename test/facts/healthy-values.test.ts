/**
 * A fact's healthy value lives with the fact (`healthy` on defineFact, in src/facts/): typed by its schema,
 * checked against it naming the fact, and laid on every generated base host by test/fixtures/hosts.ts,
 * winning over the value the fixtures build.
 */
import { describe, expect, it } from 'vitest';
import * as z from '../../src/core/schema.js';
import { defineFact, type BaseHost, type FactSpec } from '../../src/core/facts/types.js';
import { FACTS } from '../../src/facts/index.js';
import { declaredHealthy, withDeclaredHealthy } from '../fixtures/declared-healthy.js';
import { allSnapshots, healthyHost } from '../fixtures/hosts.js';

const probe = { live: { script: '$null' }, checklist: { question: 'q', answer: z.string(), toValue: (a: string) => a } };
const PER = { name: 'CCE-PER-01', version: '1.4.2.55', backupVersion: '1.4.1.33', description: '' };
const SYD = { name: 'CCE-SYD-01', version: '2.1.0.372', backupVersion: '2.0.1.271', description: '' };

const constant = defineFact({ ...probe, id: 'host.zzSuffix', title: 't', schema: z.nullable(z.string()), healthy: 'cce.contoso.local' });
// Differs by CCE version: no such thing before 2.0.
const perVersion = defineFact({
  ...probe, id: 'cce.zzFeature', title: 't', schema: z.nullable(z.object({ enabled: z.boolean(), host: z.string() })),
  healthy: (h: BaseHost) => (h.version.startsWith('1.') ? null : { enabled: true, host: h.name }),
  checklist: { ...probe.checklist, toValue: () => null },
});
// A fact the fixtures already build: its own value wins, in the same place with the same timing.
const overriding = defineFact({ ...FACTS.get('dotnet.release')!, healthy: 528049 });

function catalogue(...specs: FactSpec<any>[]): ReadonlyMap<string, FactSpec<any>> {
  return new Map([...FACTS, ...specs.map((s) => [s.id, s] as const)]);
}

describe('healthy values declared with the fact', () => {
  it('a declared value goes on the base host after the built facts; one per version follows the version', () => {
    const cat = catalogue(constant, perVersion);
    const syd = healthyHost(SYD, cat);
    const per = healthyHost(PER, cat);
    const builtKeys = Object.keys(healthyHost(SYD).facts);
    expect(Object.keys(syd.facts)).toEqual([...builtKeys, 'host.zzSuffix', 'cce.zzFeature']);
    expect(syd.facts['host.zzSuffix']).toEqual({ status: 'ok', value: 'cce.contoso.local', source: 'command', ref: 'probe host.zzSuffix', collectedAt: '2026-11-20T02:14:07.000Z', durationMs: 40 });
    expect(syd.facts['cce.zzFeature']?.value).toEqual({ enabled: true, host: 'CCE-SYD-01' });
    expect(per.facts['cce.zzFeature']?.value).toBeNull();
  });

  it("the fact's value wins over the fixtures', in the same place with the same timing", () => {
    const built = healthyHost(SYD).facts;
    const won = healthyHost(SYD, catalogue(overriding)).facts;
    expect(Object.keys(won)).toEqual(Object.keys(built));
    expect(won['dotnet.release']).toEqual({ ...built['dotnet.release'], value: 528049 });
    expect({ ...won, 'dotnet.release': built['dotnet.release'] }).toEqual(built);
  });

  it('a value its schema refuses stops the generator with one line naming the fact, the host and the field', () => {
    const wrong = { ...perVersion, healthy: (h: BaseHost) => ({ enabled: 'yes', host: h.name }) } as FactSpec<any>;
    expect(() => healthyHost(PER, catalogue(wrong))).toThrow(/^fact cce\.zzFeature: its healthy value on CCE-PER-01 \(CCE 1\.4\.2\.55\) does not match its schema at enabled: .+: fix healthy in its file under src\/facts\/$/);
    expect(() => declaredHealthy({ ...constant, healthy: 42 } as FactSpec<any>, SYD)).toThrow(/^fact host\.zzSuffix: its healthy value on CCE-SYD-01/);
    expect(declaredHealthy(FACTS.get('host.name')!, SYD)).toBeUndefined();
  });

  it('a wrong value does not compile, and a derived fact has none (its inputs have)', () => {
    // @ts-expect-error a number is not what z.nullable(z.string()) takes
    defineFact({ ...probe, id: 'host.zzWrong', title: 't', schema: z.nullable(z.string()), healthy: 42 });
    // @ts-expect-error a field the schema does not have
    defineFact({ ...probe, id: 'host.zzExtra', title: 't', schema: z.object({ n: z.int() }), healthy: { n: 1, extra: true } });
    expect(() => defineFact({ id: 'host.zzDerived', title: 't', schema: z.string(), healthy: 'x', derive: { from: ['host.name'], compute: () => 'x' } }))
      .toThrow('fact host.zzDerived: a derived fact is computed from its inputs: give them healthy values, not it');
  });

  it('every healthy value the facts declare matches its schema on every host the generator builds (else the error names the fact)', () => {
    expect(() => allSnapshots()).not.toThrow();
  });
});
