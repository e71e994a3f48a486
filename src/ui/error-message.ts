import { outputText } from '../core/output/mask.js';
import { clean } from './text.js';

// Not in text.ts: the home screen, painted first, needs text.ts but not the masking.
/** An error's message for a screen: clean, and masked as the CLI's error messages are (it may quote a snapshot's value). */
export function errorMessage(e: unknown): string {
  return clean(outputText(e instanceof Error ? e.message : String(e)));
}
