import { describe, expect, it } from 'vitest';
import { maskStrings } from '../../src/core/output/mask.js';

// maskStrings copies only what masking changed; host values are JSON, which may hold any key.
describe('maskStrings', () => {
  it('returns what nothing changed as it is, and copies the object around a change, keys in order', () => {
    const same = { a: 'plain', b: ['x', { c: 'y' }] };
    expect(maskStrings(same)).toBe(same);
    const v = { a: 'plain', b: 'password=hunter22', c: 'after' };
    const out = maskStrings(v);
    expect(out).not.toBe(v);
    expect(Object.keys(out)).toEqual(['a', 'b', 'c']);
    expect(out).toEqual({ a: 'plain', b: 'password=[secret removed]', c: 'after' });
    expect(v.b).toBe('password=hunter22');
  });

  it('keeps a "__proto__" key of host JSON an own property, before and after the change, and the prototype alone', () => {
    const v = JSON.parse('{"__proto__": {"note": "x"}, "value": "token=abcd1234", "__proto__x": 1}') as Record<string, unknown>;
    const out = maskStrings(v);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'value', '__proto__x']);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ note: 'x' });
    expect(out.value).toBe('token=[secret removed]');
    const after = maskStrings(JSON.parse('{"value": "token=abcd1234", "__proto__": "pwd=abcd1234"}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(after)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(after, '__proto__')?.value).toBe('pwd=[secret removed]');
  });

  it('leaves structural fields (rule ids, fact ids, statuses) as they are', () => {
    const v = { rule: 'password=x1234', fact: 'password=x1234', message: 'password=x1234' };
    expect(maskStrings(v)).toEqual({ rule: 'password=x1234', fact: 'password=x1234', message: 'password=[secret removed]' });
  });
});
