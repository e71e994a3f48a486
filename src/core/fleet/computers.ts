import { InputError } from '../errors.js';
import { quoted } from '../text/sanitize.js';

/** A computer to collect, and where the operator named it (for messages). */
export interface Computer {
  name: string;
  /** `--computer` or `hosts.txt:3`. */
  from: string;
}

/**
 * A name Invoke-Command -ComputerName takes and that makes a safe file name: a NetBIOS or DNS name
 * (letters, digits, hyphens, dot-separated labels of at most 63) or an IPv4 address.
 */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** Names Windows keeps for devices: `con.json` cannot be a file there. */
const DEVICE_NAME = /^(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:\.|$)/i;

/** Why a computer name cannot be used (undefined when it can). */
export function computerNameProblem(name: string): string | undefined {
  if (name === '') return 'an empty name';
  if (!HOST_NAME.test(name)) return `${quoted(name, 80)} is not a computer name (letters, digits, hyphens and dots, as in cce01 or cce01.contoso.com, or an IPv4 address)`;
  if (DEVICE_NAME.test(name)) return `${quoted(name, 80)} is a name Windows keeps for a device: it cannot name the snapshot file`;
  return undefined;
}

/** `--computer a,b --computer c`: each value split at commas, spaces trimmed. */
export function computersFromOption(values: readonly string[], command = 'collect'): Computer[] {
  const out: Computer[] = [];
  for (const value of values) {
    for (const part of value.split(',')) {
      const name = part.trim();
      const problem = computerNameProblem(name);
      if (problem) throw new InputError(`ccdoctor ${command}: --computer: ${problem}`);
      out.push({ name, from: '--computer' });
    }
  }
  return out;
}

/** A computers file: one name a line; `#` starts a comment; blank lines are skipped. */
export function computersFromFile(text: string, shown: string, command = 'collect'): Computer[] {
  const out: Computer[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const name = raw.replace(/#.*$/, '').trim();
      if (name === '') return;
      const problem = computerNameProblem(name);
      if (problem) throw new InputError(`ccdoctor ${command}: ${shown}:${i + 1}: ${problem}`);
      out.push({ name, from: `${shown}:${i + 1}` });
    });
  return out;
}

/** The computers of a run, each once: a name given twice (in any case) is an error naming both places. */
export function uniqueComputers(list: readonly Computer[], command = 'collect'): Computer[] {
  const seen = new Map<string, Computer>();
  for (const c of list) {
    const first = seen.get(c.name.toLowerCase());
    if (first) throw new InputError(`ccdoctor ${command}: ${c.from}: ${c.name} is given twice (first at ${first.from}): each host is collected once`);
    seen.set(c.name.toLowerCase(), c);
  }
  if (seen.size === 0) throw new InputError(`ccdoctor ${command}: no computer to collect: give --computer NAME[,NAME…] or a --computers-file with one name a line`);
  return [...seen.values()];
}
