import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { askTypedConfirmation, consentMode } from '../../src/core/fix/consent.js';

async function ask(input: string | null, word = 'fix') {
  const stdin = new PassThrough();
  const out = new PassThrough();
  let shown = '';
  out.on('data', (d: Buffer) => (shown += d.toString()));
  const answer = askTypedConfirmation(stdin, out, 'Type fix to go on: ', word);
  if (input === null) stdin.end();
  else stdin.write(input);
  return { yes: await answer, shown };
}

describe('typed confirmation', () => {
  it('is given only by typing the word (case and spaces aside)', async () => {
    expect(await ask('fix\n')).toEqual({ yes: true, shown: 'Type fix to go on: ' });
    expect((await ask('  FIX \r\n')).yes).toBe(true);
    expect((await ask('delete\n', 'delete')).yes).toBe(true);
  });

  it('anything else, an empty line or the end of input declines', async () => {
    for (const a of ['y\n', 'yes\n', '\n', 'fixx\n', 'fix it\n']) expect((await ask(a)).yes, a).toBe(false);
    expect((await ask(null)).yes).toBe(false);
  });

  it('is asked on a terminal, given by --yes, and unavailable without a terminal or in CI', () => {
    expect(consentMode({ yes: false, stdinIsTTY: true, ci: false })).toBe('ask');
    expect(consentMode({ yes: true, stdinIsTTY: false, ci: true })).toBe('given');
    expect(consentMode({ yes: false, stdinIsTTY: false, ci: false })).toBe('unavailable');
    expect(consentMode({ yes: false, stdinIsTTY: true, ci: true })).toBe('unavailable');
  });
});
