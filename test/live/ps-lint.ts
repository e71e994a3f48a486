/**
 * Static checks of generated PowerShell with tree-sitter-powershell: it parses, uses nothing newer than
 * Windows PowerShell 5.1, and (for probes) changes nothing on the host and reads no secret.
 */
import { Language, Parser, type Node } from 'web-tree-sitter';
import { join } from 'node:path';
import { ROOT } from './fake.js';

let parser: Parser | undefined;

export async function psParser(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init();
  const lang = await Language.load(join(ROOT, 'node_modules', 'tree-sitter-powershell', 'tree-sitter-powershell.wasm'));
  parser = new Parser();
  parser.setLanguage(lang);
  return parser;
}

export interface Finding {
  line: number;
  text: string;
  why: string;
}

function* walk(node: Node): Generator<Node> {
  yield node;
  for (const child of node.children) if (child) yield* walk(child);
}

const at = (n: Node, why: string): Finding => ({ line: n.startPosition.row + 1, text: n.text.split('\n')[0]!.slice(0, 80), why });

/** Syntax errors: where tree-sitter could not parse. */
export function syntaxErrors(root: Node): Finding[] {
  if (!root.hasError) return [];
  return [...walk(root)].filter((n) => n.type === 'ERROR' || n.isMissing).map((n) => at(n, n.isMissing ? `missing ${n.type}` : 'syntax error'));
}

/**
 * tree-sitter-powershell 0.26.4 cannot parse two constructs that are valid in every PowerShell: an
 * unquoted comma list of bare words as a command argument (`Select-Object Name, Status`) and several
 * switch clauses on one line (`switch ($r) { 'a' { 1 } 'b' { 2 } }`). The text with the words quoted and
 * the clauses separated by ';' (line breaks kept, so line numbers hold) is parsed instead; every other
 * syntax error still counts.
 */
export function workAroundGrammarGaps(text: string): string {
  return separateSwitchClauses(quoteBareWordLists(text));
}

function separateSwitchClauses(text: string): string {
  const code = stripStringsAndComments(text);
  return text.replace(/\}([ \t]+)(?=(?:'[^'\n]*'|"[^"\n]*"|[\w.-]+)[ \t]*\{)/g, (m, _sp: string, offset: number) => (code[offset] === '}' ? `};${_sp}` : m));
}

function quoteBareWordLists(text: string): string {
  const code = stripStringsAndComments(text);
  const list = /(?<=[ \t])[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)+(?=[ \t]*(?:$|[|;)}\r\n]|[ \t]-))/gm;
  let out = '';
  let last = 0;
  for (const m of code.matchAll(list)) {
    out += text.slice(last, m.index) + m[0].split(',').map((w) => `'${w.trim()}'`).join(', ');
    last = m.index! + m[0].length;
  }
  return out + text.slice(last);
}

interface Cmd {
  node: Node;
  name: string;
  params: string[];
  args: string[];
}

function commands(root: Node): Cmd[] {
  const out: Cmd[] = [];
  for (const n of walk(root)) {
    if (n.type !== 'command') continue;
    const nameNode = n.childForFieldName('command_name');
    if (!nameNode) continue;
    const elements = n.childForFieldName('command_elements');
    const kids = elements ? elements.children.filter((c): c is Node => c !== null && c.type !== 'command_argument_sep') : [];
    out.push({
      node: n,
      name: nameNode.text.toLowerCase(),
      params: kids.filter((c) => c.type === 'command_parameter').map((c) => c.text.toLowerCase().replace(/:$/, '')),
      args: kids.filter((c) => c.type !== 'command_parameter').map((c) => c.text.toLowerCase()),
    });
  }
  return out;
}

/** Parameters that Windows PowerShell 5.1 does not have (added in 6 or 7). */
const PS7_PARAMETERS: Record<string, string[]> = {
  'convertto-json': ['-asarray', '-enumsasstrings', '-escapehandling'],
  'convertfrom-json': ['-ashashtable', '-depth', '-noenumerate'],
  'foreach-object': ['-parallel', '-throttlelimit', '-asjob'],
  '%': ['-parallel'],
  foreach: ['-parallel'],
  'get-content': ['-asbytestream'],
  'set-content': ['-asbytestream'],
  'join-path': ['-additionalchildpath'],
  'split-path': ['-leafbase', '-extension'],
  'sort-object': ['-top', '-bottom'],
  'select-string': ['-raw', '-noemphasis'],
  'get-date': ['-asutc', '-unixtimeseconds'],
  'invoke-webrequest': ['-skipcertificatecheck', '-authentication'],
  'invoke-restmethod': ['-skipcertificatecheck', '-authentication'],
  'test-connection': ['-tcpport', '-targetname'],
};
const PS7_COMMANDS = new Set(['get-error', 'test-json', 'start-threadjob', 'foreach-object -parallel', 'get-pscallstack -all']);
const PS7_VARIABLES = new Set(['$iswindows', '$islinux', '$ismacos', '$psstyle']);

/** Syntax and commands newer than Windows PowerShell 5.1. */
export function ps7Only(root: Node, text: string): Finding[] {
  const out: Finding[] = [];
  for (const n of walk(root)) {
    if (n.type === 'pipeline_chain_tail') out.push(at(n, '&& / || pipeline chain (PowerShell 7)'));
    if (n.type === 'variable' && PS7_VARIABLES.has(n.text.toLowerCase())) out.push(at(n, `${n.text} (PowerShell 6+)`));
  }
  for (const c of commands(root)) {
    if (PS7_COMMANDS.has(c.name)) out.push(at(c.node, `${c.name} (PowerShell 6+)`));
    for (const p of PS7_PARAMETERS[c.name] ?? []) if (c.params.includes(p)) out.push(at(c.node, `${c.name} ${p} (PowerShell 6+)`));
    if (c.name === 'convertto-json' && !c.params.includes('-depth')) out.push(at(c.node, 'ConvertTo-Json without an explicit -Depth (5.1 truncates at 2)'));
  }
  // Operators the 5.1 grammar lacks also show as syntax errors; these name them.
  const code = stripStringsAndComments(text);
  const lines = code.split('\n');
  lines.forEach((l, i) => {
    if (/\?\?=?|\?\.|\?\[/.test(l)) out.push({ line: i + 1, text: l.trim().slice(0, 80), why: 'null-coalescing / null-conditional operator (PowerShell 7)' });
    if (/\s\?\s[^:]*\s:\s/.test(l)) out.push({ line: i + 1, text: l.trim().slice(0, 80), why: 'ternary ? : (PowerShell 7)' });
    if (/(^|\s)clean\s*\{/i.test(l)) out.push({ line: i + 1, text: l.trim().slice(0, 80), why: 'clean {} block (PowerShell 7.3)' });
  });
  return out;
}

/** Verbs whose commands change something. */
const CHANGING_VERBS = new Set([
  'set', 'remove', 'new', 'stop', 'start', 'restart', 'add', 'clear', 'rename', 'move', 'copy', 'install', 'uninstall', 'update',
  'register', 'unregister', 'enable', 'disable', 'suspend', 'resume', 'mount', 'dismount', 'initialize', 'format', 'reset', 'repair',
  'publish', 'unpublish', 'switch', 'export', 'send', 'grant', 'revoke', 'block', 'unblock', 'lock', 'unlock', 'save', 'sync', 'push',
  'checkpoint', 'restore', 'backup', 'optimize', 'convertto-securestring',
]);
/** Changing-verb commands that change nothing. */
// Add-Type compiles into the session only; Add-Member changes an object, not the host; Remove-PSSession closes
// a WinRM session ccdoctor itself opened.
const HARMLESS = new Set(['new-object', 'new-timespan', 'new-guid', 'new-pssession', 'new-pssessionoption', 'new-cimsessionoption', 'add-type', 'add-member', 'remove-pssession']);
const CHANGING_COMMANDS = new Set([
  'out-file', 'tee-object', 'invoke-expression', 'iex', 'invoke-wmimethod', 'invoke-cimmethod', 'write-eventlog', 'import-certificate',
  'import-pfxcertificate', 'import-clixml-secret',
  // aliases of changing commands
  'del', 'erase', 'rm', 'rmdir', 'rd', 'ri', 'mv', 'move', 'mi', 'cp', 'copy', 'cpi', 'ren', 'rni', 'sc', 'ac', 'ni', 'md', 'mkdir',
  'kill', 'spps', 'saps', 'start', 'tee', 'sv', 'set', 'si', 'clc', 'clv', 'cli', 'sasv', 'spsv', 'epcsv', 'epal',
  // native tools that change the system
  'shutdown', 'shutdown.exe', 'diskpart', 'format.com', 'takeown', 'icacls', 'bcdedit', 'schtasks', 'sc.exe', 'reg', 'reg.exe', 'netsh',
  'net', 'net.exe', 'cmd', 'cmd.exe', 'dism', 'dism.exe', 'wmic', 'msiexec', 'setx',
]);
/** .NET methods that write, delete or stop. */
const CHANGING_METHODS = new Set([
  'delete', 'kill', 'writealltext', 'writeallbytes', 'writealllines', 'appendalltext', 'appendalllines', 'createdirectory', 'createsubkey',
  'setvalue', 'deletevalue', 'deletesubkey', 'deletesubkeytree', 'setaccesscontrol', 'put', 'invokemethod', 'stopservice', 'startservice',
  'terminate', 'reboot', 'shutdown', 'replace', 'encrypt', 'decrypt', 'moveto', 'copyto', 'setattributes', 'setlastwritetime',
]);
/** Ways to read a secret's content. */
const SECRET_READS = new Set(['getnetworkcredential', 'securestringtobstr', 'ptrtostringauto', 'ptrtostringbstr', 'ptrtostringuni', 'password']);

/** Anything in a probe that could change the host or reveal a secret (allowed only with a declared reason). */
export function notReadOnly(root: Node, secretAllowed = false): Finding[] {
  const out: Finding[] = [];
  for (const c of commands(root)) {
    const verb = c.name.includes('-') ? c.name.slice(0, c.name.indexOf('-')) : '';
    if ((CHANGING_VERBS.has(verb) && !HARMLESS.has(c.name)) || CHANGING_COMMANDS.has(c.name)) out.push(at(c.node, `${c.name} changes the host`));
    if (c.name === 'convertfrom-securestring') out.push(at(c.node, 'reads a secret (ConvertFrom-SecureString)'));
    if (c.params.includes('-displaypassword')) out.push(at(c.node, 'reads a secret (-DisplayPassword)'));
    if (c.params.includes('-asplaintext')) out.push(at(c.node, 'handles a secret as plain text (-AsPlainText)'));
  }
  for (const n of walk(root)) {
    if (n.type === 'redirection') {
      const target = n.children.find((c) => c?.type === 'redirected_file_name');
      if (target && target.text.trim().toLowerCase() !== '$null') out.push(at(n, 'redirection into a file'));
    }
    if (n.type === 'member_name') {
      const name = n.text.toLowerCase();
      if (CHANGING_METHODS.has(name)) out.push(at(n, `.${n.text}() changes the host`));
      if (SECRET_READS.has(name) && !secretAllowed) out.push(at(n, `reads a secret (.${n.text}); declare why with live.readsSecret`));
    }
  }
  return out;
}

/** Code with string contents and comments blanked out (same line numbers), for the textual checks. */
export function stripStringsAndComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
      continue;
    }
    if (ch === '<' && text[i + 1] === '#') {
      const end = text.indexOf('#>', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
      continue;
    }
    if ((ch === '@' && (text[i + 1] === "'" || text[i + 1] === '"')) && text[i + 2] === '\n' || (ch === '@' && (text[i + 1] === "'" || text[i + 1] === '"') && text[i + 2] === '\r')) {
      const q = text[i + 1]!;
      const end = text.indexOf(`\n${q}@`, i + 2);
      const stop = end < 0 ? text.length : end + 3;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === "'" && text[j + 1] === "'") j += 2;
        else if (text[j] === "'") break;
        else j++;
      }
      out += text.slice(i, j + 1).replace(/[^\n]/g, ' ');
      i = j + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '`' ? 2 : 1;
      out += text.slice(i, j + 1).replace(/[^\n]/g, ' ');
      i = j + 1;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
