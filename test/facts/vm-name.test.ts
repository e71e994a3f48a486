import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vmNameMatches, vmNamePattern } from '../../src/facts/vm-name.js';

// vmNameMatches searches ASCII names without a regular expression; it must agree with the pattern the
// probes use (PS_VM_NAME) on every input, ASCII or not.
const piece = fc.constantFrom('ad', 'AD', 'cms', 'MS', 'Edge', '-', '_', '.', ' ', '1', '2.0.1', 'x', 'İ', 'ſ', 'K', 'é', '(', ')', '+');
const name = fc.array(piece, { maxLength: 8 }).map((xs) => xs.join(''));

describe('vmNameMatches', () => {
  it('agrees with the pattern on random names', () => {
    fc.assert(
      fc.property(name, name, (vm, server) => {
        const expected = server.trim() !== '' && vmNamePattern(server).test(vm);
        expect(vmNameMatches(vm, server)).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['SFBCCE-AD-2.0.1', 'ad', true],
    ['ADFS01', 'ad', false],
    ['MediationServer', 'MS', false],
    ['ms', 'MS', true],
    ['CMS0009', 'CMS0009', true],
    ['CMS0009b', 'CMS0009', false],
    ['x CMS0009 (2)', ' cms0009 ', true],
    ['AD', '', false],
    ['AD', null, false],
    ['ſAD', 'AD', true],
    ['AD', 'ſ', false],
  ] as const)('%s contains %s: %s', (vm, server, expected) => {
    expect(vmNameMatches(vm, server)).toBe(expected);
  });
});
