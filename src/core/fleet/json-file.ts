import { readFile } from 'node:fs';
import { promisify } from 'node:util';
import { InputError } from '../errors.js';
import { decodeText } from '../text/decode.js';
import { locateJsonError } from '../text/json-error.js';

/**
 * A JSON file an option names (`--waivers`, `--baseline`), in UTF-8 or UTF-16 (Windows PowerShell 5.1's
 * `>` writes UTF-16). Unreadable or invalid: an InputError naming the option, the file, line and column,
 * and what the file should be (`hint`).
 */
export async function readJsonFile(path: string, label: string, hint: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    // node:fs's callback API: node:fs/promises costs milliseconds to load, on every check.
    bytes = await promisify(readFile)(path);
  } catch (e) {
    throw new InputError(`${label}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); ${hint}`);
  }
  return parseJsonText(decodeText(bytes).text, label, hint);
}

export function parseJsonText(text: string, label: string, hint: string): unknown {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(body);
  } catch {
    const at = locateJsonError(body);
    throw new InputError(`${label}: not valid JSON: line ${at.line}, column ${at.column}: ${at.problem}; ${hint}`);
  }
}
