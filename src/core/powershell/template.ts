import { placeholders } from '../rules/define.js';
import { psQuote } from './quote.js';

export interface FilledCommand {
  command: string;
  /** Placeholders left as <name> because no value was given. */
  unresolved: string[];
}

/**
 * A placeholder with no value, as every output shows it: <name>. PowerShell rejects it if pasted unfilled
 * (a redirection), where the template's {name} would silently be a script block.
 */
export function unfilledPlaceholder(name: string): string {
  return `<${name}>`;
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
      return unfilledPlaceholder(name);
    }
    return psQuote(v);
  });
  return { command, unresolved };
}

/** A command template shown without host values (rules, explain, the wizard's rule page): every placeholder as <name>. */
export function unfilledCommand(template: string): string {
  return fillCommand(template, {}).command;
}

export { placeholders };
