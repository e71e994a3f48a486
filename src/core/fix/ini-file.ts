import { chmod, lstat, readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { fsInput, why } from '../fs/read-input.js';
import type { CheckResult, Rule } from '../rules/types.js';
import { sameBytes, writeBackup } from './backup.js';
import { recheckIni, type IniStatePlan } from './ini-state.js';

/** CloudConnector.ini is a few KB; anything near this is not one. */
export const INI_MAX_BYTES = 1024 * 1024;

const WHERE = 'CloudConnector.ini is in the appliance directory (Get-CcApplianceDirectory; by default %USERPROFILE%\\CloudConnector\\ApplianceRoot)';

/** The ini file's bytes, after checking it is a regular file of a sensible size. */
export async function readIniFile(path: string): Promise<{ bytes: Uint8Array; mode: number }> {
  const st = await lstat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') throw new InputError(`ccdoctor fix: ${path} does not exist. ${WHERE}.`);
    if (e.code === 'EACCES' || e.code === 'EPERM') throw new InputError(`ccdoctor fix: cannot read ${path}: permission denied`);
    throw new InputError(`ccdoctor fix: cannot read ${path}: ${why(e, path)}`);
  });
  if (st.isSymbolicLink()) throw new InputError(`ccdoctor fix: ${path} is a symbolic link: give the path of the file itself`);
  if (!st.isFile()) throw new InputError(`ccdoctor fix: ${path} is not a regular file. ${WHERE}.`);
  if (st.size > INI_MAX_BYTES) throw new InputError(`ccdoctor fix: ${path} is ${st.size} bytes, too large for a CloudConnector.ini: nothing changed`);
  return { bytes: new Uint8Array(await fsInput('read', `ccdoctor fix: ${path}`, path, () => readFile(path))), mode: st.mode };
}

export type IniFixResult =
  | { ok: true; backup: string; check: CheckResult }
  | { ok: false; backup: string; reason: string };

/**
 * Applies a planned edit: the file must still hold the planned bytes; a backup is written first; the
 * edit replaces the file atomically; then the file is read back and judged by the rule itself. If that
 * does not confirm the fix, the original bytes are put back.
 */
export async function applyIniStateFix(path: string, plan: Extract<IniStatePlan, { kind: 'edit' }>, now: Date, rule: Pick<Rule<any, any>, 'check'>): Promise<IniFixResult> {
  const current = await readIniFile(path);
  if (!sameBytes(current.bytes, plan.before)) {
    throw new InputError(`ccdoctor fix: ${path} changed since it was read: nothing written. Run ccdoctor fix again.`);
  }
  const backup = await writeBackup(path, plan.before, now);
  await writeFileAtomic(path, plan.after, { force: true });
  // The rename gives the file the temporary file's permissions; keep the original ones (POSIX).
  if (process.platform !== 'win32') await chmod(path, current.mode & 0o7777).catch(() => {});
  const written = new Uint8Array(await fsInput('read', `ccdoctor fix: ${path}`, path, () => readFile(path)));
  const check = recheckIni(rule, written, path, now);
  const reason = !sameBytes(written, plan.after)
    ? 'the file does not read back as written'
    : check.outcome !== 'pass' ? `ini-state-missing still reports ${check.outcome}: ${check.message}` : undefined;
  if (reason === undefined) return { ok: true, backup, check };
  await writeFileAtomic(path, plan.before, { force: true });
  return { ok: false, backup, reason };
}
