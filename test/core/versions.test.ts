import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVersions, parseVersion, versionRange } from '../../src/core/versions.js';

const v = (s: string) => parseVersion(s)!;

describe('CCE versions', () => {
  it('orders releases and builds: 1.3.8 < 1.4.2 < 2.0 < 2.0.1 < 2.1 < 2.1.0.372', () => {
    const ordered = ['1.3.4', '1.3.8', '1.4.1', '1.4.2', '2.0', '2.0.1', '2.1', '2.1.0.372'];
    for (let i = 0; i + 1 < ordered.length; i++) expect(compareVersions(v(ordered[i]!), v(ordered[i + 1]!))).toBe(-1);
    expect(compareVersions(v('2.0'), v('2.0.0'))).toBe(0);
    expect(compareVersions(v('2.1.0.372'), v('2.1.0.99'))).toBe(1); // numeric, not string, comparison
  });
  it('rejects what is not a version', () => {
    for (const bad of ['', 'abc', '2.1.x', '1..2', '2.1.0.372.5', '2.1 beta']) expect(parseVersion(bad)).toBeUndefined();
    expect(parseVersion(' v2.1 ')).toEqual([2, 1]);
  });
  it('compare is antisymmetric and transitive (property)', () => {
    const ver = fc.array(fc.nat(600), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(ver, ver, (a, b) => compareVersions(a, b) === -compareVersions(b, a)));
    fc.assert(fc.property(ver, ver, ver, (a, b, c) => {
      if (compareVersions(a, b) <= 0 && compareVersions(b, c) <= 0) return compareVersions(a, c) <= 0;
      return true;
    }));
  });
  it('ranges as the catalogue writes them', () => {
    expect(versionRange('all').contains(v('1.3.4'))).toBe(true);
    const r21 = versionRange('2.1');
    expect(['2.1', '2.1.0.372', '2.1.0'].map((x) => r21.contains(v(x)))).toEqual([true, true, true]);
    expect(['2.0.1', '2.2', '2.1.1'].map((x) => r21.contains(v(x)))).toEqual([false, false, false]);
    const ge141 = versionRange('>=1.4.1');
    expect(['1.3.8', '1.4.1', '2.1.0.372'].map((x) => ge141.contains(v(x)))).toEqual([false, true, true]);
    const lt142 = versionRange('<1.4.2');
    expect(['1.4.1', '1.4.2', '2.0'].map((x) => lt142.contains(v(x)))).toEqual([true, false, false]);
    const between = versionRange('>=1.4.2 <2.0');
    expect(['1.4.2', '1.4.2.55', '2.0', '2.0.1'].map((x) => between.contains(v(x)))).toEqual([true, true, false, false]);
    expect(() => versionRange('>=banana')).toThrow(/not a version bound/);
  });
});
