import type { EventEmitter } from 'node:events';

/**
 * Ink 6 turns each escape sequence it reads into a key, and throws on some it cannot name (a CSI with
 * parameters such as the colour codes ESC[31m that PowerShell 7 prints, pasted into a field: `startsWith`
 * of undefined in use-input), which would end the wizard. Every input event is neutralised before Ink's
 * key handling sees it: the escape sequences of the keys the wizard uses pass as they are, any other
 * sequence (CSI, OSC, DCS, cut-off ones, with or without bracketed paste) is dropped; text passes.
 */
// eslint-disable-next-line no-control-regex
const KEY_SEQUENCE = /^\u001b{1,2}(?:\[(?:[ABCDFHZ]|1;[2-8][ABCDFH]|[1-6](?:;[2-8])?~|\[[A-E])|O[ABCDFHPQRS])$/;
// eslint-disable-next-line no-control-regex
const META_KEY = /^\u001b(?:[\u0020-\u005a\u005c-\u007e\u007f\r\t]|[\u0001-\u001a])?$/;
// eslint-disable-next-line no-control-regex
const SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]?|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]?|[\u0080-\u009f]/g;

/** One input event as Ink's parser emits it → what may reach the key handling; undefined: drop it. */
export function neutraliseInput(data: unknown): string | undefined {
  if (typeof data !== 'string' || data === '') return undefined;
  if (KEY_SEQUENCE.test(data) || META_KEY.test(data)) return data;
  // Text with sequences in it (a paste): the sequences go, the text stays; a lone ESC left over goes too.
  const text = data.replace(SEQUENCES, '').replace(/\u001b/g, '');
  return text === '' ? undefined : text;
}

const GUARDED = Symbol.for('ccdoctor.inputGuard');

/** Puts the guard on Ink's input event emitter, once (idempotent). */
export function guardInputEvents(events: EventEmitter | undefined): void {
  if (!events || (events as unknown as Record<symbol, boolean>)[GUARDED]) return;
  (events as unknown as Record<symbol, boolean>)[GUARDED] = true;
  const emit = events.emit.bind(events);
  events.emit = ((name: string | symbol, ...args: unknown[]) => {
    if (name !== 'input') return emit(name, ...args);
    const data = neutraliseInput(args[0]);
    return data === undefined ? false : emit(name, data, ...args.slice(1));
  }) as EventEmitter['emit'];
}
