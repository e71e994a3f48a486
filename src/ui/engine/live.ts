import { findPowerShell, noPowerShellReason } from '../../live/find-powershell.js';

/** Whether "check this host" can be offered, and if not, why. */
export type LiveAvailability = { available: true; powershell: string } | { available: false; reason: string };

export async function liveAvailability(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Promise<LiveAvailability> {
  const powershell = await findPowerShell(env, platform).catch(() => undefined);
  if (powershell) return { available: true, powershell };
  if (env.CCDOCTOR_POWERSHELL) return { available: false, reason: noPowerShellReason(env) };
  const names = platform === 'win32' ? 'powershell.exe or pwsh.exe' : 'powershell or pwsh';
  return { available: false, reason: `no Windows PowerShell here: no ${names} on PATH` };
}
