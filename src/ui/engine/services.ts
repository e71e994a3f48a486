import { readdir } from 'node:fs/promises';
import { expandSnapshotInputs, type SnapshotInput } from '../../core/fleet/inputs.js';
import { executeFleet, folderInputs, type FleetHooks, type WizardFleet } from './fleet-run.js';
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
  /** A folder of snapshots (a site): opens the site view. */
  folder?: boolean;
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
  /** The bundled snapshot files, and the bundled folders of snapshots (sites) first. */
  bundledSnapshots(): Promise<SnapshotEntry[]>;
  /** The snapshots a folder or glob names; undefined for one file (see folderInputs). */
  folderInputs(typed: string): SnapshotInput[] | undefined;
  /** Every snapshot through the many-host pipeline, grouped into sites, with the site rules. */
  runFleet(inputs: readonly SnapshotInput[], hooks: FleetHooks): Promise<WizardFleet>;
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
    bundledSnapshots: () => bundledEntries(snapshots, shown),
    folderInputs: (typed) => folderInputs(typed, cwd),
    runFleet: (inputs, hooks) => executeFleet(inputs, catalogue, hooks),
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

/**
 * The snapshots shipped in a folder: its subfolders that hold snapshots (sites, shown with a trailing
 * slash), then its *.json files, each by name.
 */
export async function bundledEntries(dir: string, shown: (p: string) => string): Promise<SnapshotEntry[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const folders: SnapshotEntry[] = [];
  for (const e of entries.filter((x) => x.isDirectory())) {
    const path = join(dir, e.name);
    let count = 0;
    try {
      count = expandSnapshotInputs([path], dir).length;
    } catch {
      // No snapshot in it: not offered.
    }
    if (count > 0) folders.push({ label: `${shown(path)}/ (${count} snapshot${count === 1 ? '' : 's'})`, path, folder: true });
  }
  const files = entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => ({ label: shown(join(dir, e.name)), path: join(dir, e.name) }));
  return [...folders, ...files];
}
