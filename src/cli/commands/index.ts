import type { Command } from '../command.js';

/** A command as the CLI lists it; its code loads only when it runs (start-up time matters). */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'check', summary: 'evaluate every rule against this host (live) or a host snapshot and print the findings', load: async () => (await import('./check.js')).checkCommand },
  { name: 'explain', summary: 'say which documented symptom an error message or log shows, and how to fix it', load: async () => (await import('./explain.js')).explainCommand },
  { name: 'report', summary: 'write a diagnostic report (Markdown, HTML, JSON, JUnit XML) or the remediation as a .ps1, optionally redacted', load: async () => (await import('./report.js')).reportCommand },
  { name: 'diff', summary: 'compare two hosts\' snapshots: rule outcomes that changed, then the facts that differ, by area', load: async () => (await import('./diff.js')).diffCommand },
  { name: 'collect', summary: "collect this host's facts into a snapshot, or print a collector script for a host without Node.js", load: async () => (await import('./collect.js')).collectCommand },
  { name: 'rules', summary: "list every rule (id, severity, versions, facts it needs), one rule's help, or the catalogue as Markdown", load: async () => (await import('./rules.js')).rulesCommand },
  { name: 'fix', summary: 'with your consent, add the missing State line to CloudConnector.ini or delete a stale ModuleAnalysisCache', load: async () => (await import('./fix.js')).fixCommand },
];
