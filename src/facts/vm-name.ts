/**
 * Which Hyper-V VM serves a role: its name contains the role's server name from CloudConnector.ini as a
 * whole word (CCE names VMs after the servers, with version or instance decorations around them; the exact
 * pattern is not documented). One matcher for both sides: rules use vmNameMatches, the probes the same
 * pattern through vmNamePatternPs (.NET and JavaScript agree on this pattern, case-insensitively).
 */
const BEFORE = '(^|[^a-z0-9])';
const AFTER = '([^a-z0-9]|$)';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Rules ask about the same few server names for every VM: compile each pattern once (not global, so
// test() keeps no state between calls).
const matchers = new Map<string, RegExp>();

/** False for an empty server name: a missing ini key matches no VM (never every VM). */
export function vmNameMatches(vmName: string, serverName: string | null | undefined): boolean {
  const server = (serverName ?? '').trim();
  if (server === '') return false;
  let re = matchers.get(server);
  if (!re) {
    if (matchers.size >= 256) matchers.clear();
    re = new RegExp(`${BEFORE}${escapeRe(server)}${AFTER}`, 'i');
    matchers.set(server, re);
  }
  return re.test(vmName);
}

/** PowerShell: function Test-CcdVmName($VmName, $Server), the same test (-match is case-insensitive). */
export const PS_VM_NAME = `function Test-CcdVmName([string]$VmName, [string]$Server) {
  if ($null -eq $Server -or $Server.Trim() -eq '') { return $false }
  return $VmName -match ('${BEFORE}' + [regex]::Escape($Server.Trim()) + '${AFTER}')
}`;
