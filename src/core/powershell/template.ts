import { placeholders } from '../rules/define.js';
import { psQuote } from './quote.js';

export interface FilledCommand {
  command: string;
  /** Placeholders left as <name> because no value was given. */
  unresolved: string[];
}

/**
 * Fills {name} placeholders with psQuote'd values. A placeholder with no value stays visible as <name>
 * so a command is never run with a silently empty argument.
 */
export function fillCommand(template: string, values: Readonly<Record<string, string | undefined>>): FilledCommand {
  const unresolved: string[] = [];
  const command = template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) {
      if (!unresolved.includes(name)) unresolved.push(name);
      return `<${name}>`;
    }
    return psQuote(v);
  });
  return { command, unresolved };
}

export { placeholders };
