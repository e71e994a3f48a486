import { existsSync } from 'node:fs';
import { access, constants } from 'node:fs/promises';
import { quoted } from '../core/text/sanitize.js';
import { demoSnapshotShown } from '../core/paths.js';
import { delimiter, join } from 'node:path';

/**
 * The PowerShell to run probes with: Windows PowerShell (powershell.exe) where it exists, else PowerShell 7
 * (pwsh). CCDOCTOR_POWERSHELL names one explicitly. Undefined when the machine has none.
 */
export async function findPowerShell(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): Promise<string | undefined> {
  const explicit = env.CCDOCTOR_POWERSHELL;
  if (explicit) return (await runnable(explicit, platform)) ? explicit : undefined;
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((d) => d !== '');
  const names = platform === 'win32' ? ['powershell.exe', 'pwsh.exe'] : ['powershell', 'pwsh'];
  if (platform === 'win32') {
    const root = env.SystemRoot ?? env.windir;
    // The usual place, in case PATH was trimmed.
    if (root) {
      // A 32-bit Node on 64-bit Windows would start the 32-bit PowerShell from System32 (redirected to
      // SysWOW64), which sees neither Hyper-V nor the CloudConnector module: Sysnative reaches the 64-bit one.
      const wow64 = arch === 'ia32' && (env.PROCESSOR_ARCHITEW6432 ?? '') !== '';
      const builtIn = join(root, wow64 ? 'Sysnative' : 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
      if (await runnable(builtIn, platform)) return builtIn;
    }
  }
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = join(dir, name);
      if (await runnable(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

async function runnable(file: string, platform: NodeJS.Platform): Promise<boolean> {
  try {
    await access(file, platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const NOT_FOUND = 'no PowerShell found on this machine (looked for powershell.exe and pwsh on PATH, and CCDOCTOR_POWERSHELL)';

/**
 * Why findPowerShell found none: a CCDOCTOR_POWERSHELL that names nothing runnable is said as such (it is
 * used instead of PATH, so "none found" would send the user looking in the wrong place).
 */
export function noPowerShellReason(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.CCDOCTOR_POWERSHELL;
  if (!explicit) return NOT_FOUND;
  const what = existsSync(explicit) ? 'which cannot be run (not an executable file)' : 'which does not exist';
  return `CCDOCTOR_POWERSHELL is ${quoted(explicit, 300)}, ${what} (it replaces the search of PATH: correct it, or unset it)`;
}

/** Follows "ccdoctor X: " — why there is no live run, and what to do instead. */
export function noPowerShellMessage(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  return `${noPowerShellReason(env)}, so this host cannot be checked live.\n${whatInstead(cwd)}`;
}

function whatInstead(cwd: string): string {
  let demo = 'snapshots/demo.json';
  try {
    demo = demoSnapshotShown(cwd);
  } catch {
    // no package folder (a test harness): the name it has in the package
  }
  return (
    '  On the CCE host without Node.js:  ccdoctor collect --script > collect.ps1, run it there, then\n' +
    '                                    ccdoctor check --snapshot <the JSON it wrote>\n' +
    '  Check a snapshot you have:        ccdoctor check --snapshot host.json\n' +
    '  Answer questions instead:         the offline checklist of the interactive wizard\n' +
    `  Or try the demo:                  ccdoctor check --snapshot ${/\s/.test(demo) ? `"${demo}"` : demo}`
  );
}
