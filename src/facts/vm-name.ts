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
  // A many-host run meets four new server names a host: compiling a pattern for each costs more than
  // the search. ASCII names (all real ones) are searched directly, with the pattern's meaning.
  if (isAscii(server) && isAscii(vmName)) return asciiWordIn(vmName.toLowerCase(), server.toLowerCase());
  let re = matchers.get(server);
  if (!re) {
    if (matchers.size >= 256) matchers.clear();
    re = new RegExp(`${BEFORE}${escapeRe(server)}${AFTER}`, 'i');
    matchers.set(server, re);
  }
  return re.test(vmName);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** [a-z0-9] after lower-casing: what BEFORE and AFTER exclude. */
function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** Whether `word` occurs in `text` with no [a-z0-9] just before or after it (both lower-cased ASCII). */
function asciiWordIn(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = at === 0 || !isWordChar(text.charCodeAt(at - 1));
    const end = at + word.length;
    if (before && (end === text.length || !isWordChar(text.charCodeAt(end)))) return true;
  }
  return false;
}

/** The pattern itself, for the test that holds vmNameMatches to it. */
export function vmNamePattern(serverName: string): RegExp {
  return new RegExp(`${BEFORE}${escapeRe(serverName.trim())}${AFTER}`, 'i');
}

/** PowerShell: function Test-CcdVmName($VmName, $Server), the same test (-match is case-insensitive). */
export const PS_VM_NAME = `function Test-CcdVmName([string]$VmName, [string]$Server) {
  if ($null -eq $Server -or $Server.Trim() -eq '') { return $false }
  return $VmName -match ('${BEFORE}' + [regex]::Escape($Server.Trim()) + '${AFTER}')
}`;
