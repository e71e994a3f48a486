import { readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Catalogue } from '../../core/rules/catalogue.js';
import { packageRoot, VERSION } from '../../core/paths.js';
import { saveChecklistSnapshot } from '../../core/checklist/run.js';
import type { FactStore } from '../../core/facts/store.js';
import { journalStore, type JournalStore } from '../../core/procedures/journal.js';
import { addRecent, configDir, loadRecent } from './recent.js';
import { liveAvailability, type LiveAvailability } from './live.js';
import { executeRun, type RunHooks, type RunSource, type WizardRun } from './staged-run.js';
import { copyText, type CopyResult } from './clipboard.js';
import { exportReport } from '../../core/report/index.js';
import type { CheckRun } from '../../core/run/check-run.js';
import type { ExportFormat } from '../state/wizard.js';

export interface SnapshotEntry {
  /** As shown (relative to the working directory when inside it). */
  label: string;
  path: string;
}

/** Everything the wizard does outside the screen: injected so tests can use fakes. */
export interface Services {
  cwd: string;
  /** The facts and rules (given by the wizard's entry point, src/ui/start.tsx). */
  catalogue: Catalogue;
  /** Whether this machine can check itself live (looks for PowerShell). */
  liveStatus(): Promise<LiveAvailability>;
  /** What a live run needs (the environment PowerShell is found in and runs with, the tool version). */
  liveSource(powershell: string): RunSource;
  demoPath: string;
  bundledSnapshots(): Promise<SnapshotEntry[]>;
  recent(): Promise<string[]>;
  rememberRecent(path: string): Promise<void>;
  run(source: RunSource, hooks: RunHooks): Promise<WizardRun>;
  /** Writes the checklist answers as a snapshot; resolves with the absolute path. */
  saveChecklist(store: FactStore, path: string): Promise<string>;
  shown(path: string): string;
  /** Saved progress of the guided procedures (in the config folder). */
  journals: JournalStore;
  /** Puts a command on the clipboard (OSC 52), or writes it to a file where the terminal cannot. */
  copy(text: string): Promise<CopyResult>;
  /** Writes the run as a report, or one finding as a .ps1 (`rule`); atomic; resolves with the absolute path. */
  exportReport(run: CheckRun, path: string, opts: { format: ExportFormat; redact: boolean; rule?: string }): Promise<string>;
}

export function realServices(cwd: string, env: NodeJS.ProcessEnv, catalogue: Catalogue, stdout?: NodeJS.WritableStream & { isTTY?: boolean }): Services {
  const recentFile = join(configDir(env), 'recent.json');
  const snapshots = join(packageRoot(), 'snapshots');
  const shown = (p: string) => {
    const rel = relative(cwd, p);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
  };
  return {
    cwd,
    catalogue,
    liveStatus: () => liveAvailability(env),
    liveSource: (powershell) => ({ kind: 'live', powershell, env, version: VERSION }),
    demoPath: join(snapshots, 'demo.json'),
    async bundledSnapshots() {
      const names = (await readdir(snapshots)).filter((n) => n.endsWith('.json')).sort();
      return names.map((n) => ({ label: shown(join(snapshots, n)), path: join(snapshots, n) }));
    },
    recent: () => loadRecent(recentFile),
    async rememberRecent(path) {
      // Remembering is a convenience: a read-only config folder must not break opening a snapshot.
      await addRecent(recentFile, path).catch(() => undefined);
    },
    run: (source, hooks) => executeRun(source, catalogue, hooks),
    async saveChecklist(store, path) {
      const abs = resolve(cwd, path);
      await saveChecklistSnapshot(store, catalogue.facts, abs, VERSION);
      return abs;
    },
    shown,
    journals: journalStore(configDir(env)),
    copy: (text) => copyText(text, { ...(stdout ? { stdout } : {}), env, file: join(configDir(env), 'copied-command.ps1') }),
    async exportReport(run, path, opts) {
      const abs = resolve(cwd, path);
      await exportReport(run, abs, { format: opts.format, redact: opts.redact, toolVersion: VERSION, ...(opts.rule ? { rule: opts.rule } : {}) });
      return abs;
    },
  };
}
