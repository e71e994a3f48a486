import * as z from '../core/schema.js';
import { defineFact, interpretFact } from '../core/facts/types.js';
import { logEvents, parseLogExcerpt, recoveryEvents, startsEntry, type LogEvent, type LogLine } from '../core/monitoring/cce-log.js';
import type { RecoveryEvent } from '../core/monitoring/retry.js';
import { DEFAULT_TAIL_BYTES, readLogTail } from '../core/monitoring/log-tail.js';
import { decodeText } from '../core/text/decode.js';
import { isoTime } from './shapes.js';
import { PS_CLOUDCONNECTOR } from './ps-cloudconnector.js';

export const MANAGEMENT_LOG = 'C:\\Program Files\\Skype for Business Cloud Connector Edition\\ManagementService\\CceManagementService.log';

/**
 * The tail of the log, read in bounded chunks: the newlines before it are counted in 1 MiB blocks by a
 * small compiled helper (a PowerShell byte loop would take minutes on a large log), and only the last
 * ${DEFAULT_TAIL_BYTES} bytes, from a line start, are kept.
 */
const LOG_TAIL_SCRIPT = `$p = Join-Path $env:ProgramFiles 'Skype for Business Cloud Connector Edition\\ManagementService\\CceManagementService.log'
$i = Get-Item -LiteralPath $p -ErrorAction SilentlyContinue
if ($null -eq $i) { [pscustomobject]@{ path = $p; exists = $false } }
else {
  if (-not ('CcdLogTail' -as [type])) {
    Add-Type -TypeDefinition @'
using System; using System.IO;
public static class CcdLogTail {
  public static object[] Read(string path, int max) {
    using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete)) {
      long size = fs.Length; long from = Math.Max(0, size - max);
      var buf = new byte[1 << 20]; long lines = 0; long pos = 0;
      while (pos < from) { int n = fs.Read(buf, 0, (int)Math.Min(buf.Length, from - pos)); if (n <= 0) break; for (int k = 0; k < n; k++) if (buf[k] == 10) lines++; pos += n; }
      var tail = new byte[size - from]; int got = 0; fs.Position = from;
      while (got < tail.Length) { int n = fs.Read(tail, got, tail.Length - got); if (n <= 0) break; got += n; }
      int skip = 0;
      if (from > 0) { fs.Position = from - 1; if (fs.ReadByte() != 10) { int j = Array.IndexOf(tail, (byte)10); if (j >= 0) { skip = j + 1; lines++; } else { skip = got; } } }
      var kept = new byte[got - skip]; Array.Copy(tail, skip, kept, 0, kept.Length);
      return new object[] { size, from + skip, lines + 1, Convert.ToBase64String(kept) };
    }
  }
}
'@
  }
  $r = [CcdLogTail]::Read($i.FullName, ${DEFAULT_TAIL_BYTES})
  [pscustomobject]@{ path = $i.FullName; exists = $true; size = $r[0]; lastWriteTime = $i.LastWriteTimeUtc.ToString('o'); excerpt = [pscustomobject]@{ startByte = $r[1]; startLine = $r[2]; encoding = 'base64'; content = $r[3] } }
}`;

const excerptJson = z.object({
  startByte: z.int().check(z.nonnegative()),
  startLine: z.int().check(z.positive()),
  encoding: z.enum(['base64', 'utf8']),
  content: z.string(),
});

const managementLogJson = z.object({
  path: z.string(),
  exists: z.boolean(),
  size: z.optional(z.nullable(z.int().check(z.nonnegative()))),
  lastWriteTime: z.optional(z.nullable(isoTime)),
  excerpt: z.optional(z.nullable(excerptJson)),
});

export interface ManagementLog {
  path: string;
  exists: boolean;
  size: number | null;
  lastWriteTime: string | null;
  /** The tail of the log as text, starting at line `startLine` (byte `startByte`) of the file. */
  excerpt: { startByte: number; startLine: number; text: string } | null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function toManagementLog(j: z.infer<typeof managementLogJson>): ManagementLog {
  let excerpt: ManagementLog['excerpt'] = null;
  if (j.excerpt) {
    const bytes = j.excerpt.encoding === 'utf8' ? new TextEncoder().encode(j.excerpt.content) : new Uint8Array(Buffer.from(j.excerpt.content, 'base64'));
    // Decoded leniently: a binary or damaged log still yields text (rules only search it).
    excerpt = { startByte: j.excerpt.startByte, startLine: j.excerpt.startLine, text: decodeText(bytes).text };
  }
  return { path: j.path, exists: j.exists, size: j.size ?? null, lastWriteTime: j.lastWriteTime ?? null, excerpt };
}

export const cceManagementLog = defineFact({
  id: 'cce.managementLog',
  title: 'CceManagementService.log (its tail)',
  schema: z.pipe(
    managementLogJson.check(
      z.refine((j) => !j.excerpt || j.excerpt.encoding === 'utf8' || BASE64.test(j.excerpt.content), {
        message: 'excerpt content is not base64 (set "encoding": "utf8" for plain text)',
        path: ['excerpt', 'content'],
      }),
    ),
    z.transform(toManagementLog),
  ),
  toJson: (v: ManagementLog) => ({
    path: v.path,
    exists: v.exists,
    size: v.size,
    lastWriteTime: v.lastWriteTime,
    excerpt: v.excerpt ? { startByte: v.excerpt.startByte, startLine: v.excerpt.startLine, encoding: 'utf8', content: v.excerpt.text } : null,
  }),
  live: { script: LOG_TAIL_SCRIPT, requiresAdmin: true, timeoutMs: 120_000 },
  checklist: {
    question: 'Path to a copy of CceManagementService.log (only its last 256 KiB are read)',
    help: `On the host: ${MANAGEMENT_LOG}`,
    answer: z.string().check(z.trim(), z.minLength(1)),
    toValue: (a: string): ManagementLog => {
      const t = readLogTail(a);
      return { path: a, exists: true, size: t.size, lastWriteTime: null, excerpt: { startByte: t.startByte, startLine: t.startLine, text: decodeText(t.bytes).text } };
    },
  },
});

/** A log entry: a timestamped line and the lines after it without one (an error record's details, a stack trace). */
export interface LogEntry {
  /** Its first line (the message). */
  first: LogLine;
  lines: LogLine[];
}

/** CceManagementService.log read once for every rule: its lines with their times, entries and events. */
export interface ManagementLogLines {
  path: string;
  exists: boolean;
  size: number | null;
  lastWriteTime: string | null;
  /** The tail read, starting at line `startLine` (byte `startByte`) of the file. */
  excerpt: { startByte: number; startLine: number; lines: LogLine[]; entries: LogEntry[] } | null;
  /** The management service's reporting and recovery messages in the excerpt, in order. */
  events: LogEvent[];
  /** The recovery history for the retry schedule (events with a time only). */
  recovery: RecoveryEvent[];
}

export function readManagementLog(log: ManagementLog): ManagementLogLines {
  const { excerpt, ...file } = log;
  if (!excerpt) return { ...file, excerpt: null, events: [], recovery: [] };
  const lines = parseLogExcerpt(excerpt.text, excerpt.startLine);
  const entries: LogEntry[] = [];
  for (const l of lines) {
    const last = entries[entries.length - 1];
    if (!last || startsEntry(l.text)) entries.push({ first: l, lines: [l] });
    else last.lines.push(l);
  }
  return { ...file, excerpt: { startByte: excerpt.startByte, startLine: excerpt.startLine, lines, entries }, events: logEvents(lines), recovery: recoveryEvents(lines) };
}

export const cceManagementLogLines = interpretFact(cceManagementLog, {
  id: 'cce.managementLogLines',
  title: 'CceManagementService.log, its lines, entries and events read',
  compute: readManagementLog,
});

export const cceCredentialFile = defineFact({
  id: 'cce.credentialFile',
  title: 'Stored CCE credentials file(s): presence, size and time only (never the contents)',
  schema: z.object({
    directory: z.string(),
    files: z.array(z.object({ name: z.string(), size: z.int().check(z.nonnegative()), lastWriteTime: isoTime })),
    /** The current host account, and when its password was last set (when Windows tells). */
    user: z.nullable(z.string()),
    passwordLastSet: z.nullable(isoTime),
  }),
  live: {
    // The password age comes from WinNT://<logon domain>/<user>: USERDOMAIN is the computer's name for a
    // local account and the domain's for a domain account (WinNT://<computer>/<user> would look a domain
    // account's name up among the local accounts, and read a local namesake's, e.g. Administrator). No
    // logon domain, or a failed lookup, leaves the date unknown.
    script: `$d = Join-Path $env:SystemDrive 'ProgramData\\CloudConnector'
$files = @(Get-ChildItem -LiteralPath $d -Filter 'credentials.*.xml' -File -ErrorAction SilentlyContinue | ForEach-Object { [pscustomobject]@{ name = $_.Name; size = $_.Length; lastWriteTime = $_.LastWriteTimeUtc.ToString('o') } })
$set = $null
if ($env:USERDOMAIN -and $env:USERNAME) {
  try {
    $u = [ADSI]('WinNT://' + $env:USERDOMAIN + '/' + $env:USERNAME + ',user')
    $age = [double]$u.PasswordAge.Value
    if ($age -gt 0) { $set = (Get-Date).ToUniversalTime().AddSeconds(-$age).ToString('o') }
  } catch { $set = $null }
}
[pscustomobject]@{ directory = $d; files = $files; user = $env:USERNAME; passwordLastSet = $set }`,
  },
  checklist: {
    question: 'Is there a credentials.<user>.xml file in %SystemDrive%\\ProgramData\\CloudConnector? Give its name and when it was last written (e.g. "credentials.cceadmin.xml 2026-03-02"), or leave empty if there is none',
    answer: z.string().check(z.trim(), z.refine((a) => a === '' || /^credentials\.\S+\.xml\s+\d{4}-\d{2}-\d{2}/i.test(a), {
      message: 'expected "credentials.<user>.xml yyyy-mm-dd" or nothing',
    })),
    toValue: (a: string) => {
      const [name, date] = a.split(/\s+/);
      return {
        directory: 'C:\\ProgramData\\CloudConnector',
        files: a === '' ? [] : [{ name: name!, size: 0, lastWriteTime: new Date(date!).toISOString() }],
        user: null,
        passwordLastSet: null,
      };
    },
  },
});

/**
 * Get-CcCredential's failure, told apart in any display language: besides the error text (localized on a
 * de-DE or zh-TW host), the exception's .NET type and HResult. The CryptographicException may be wrapped
 * (a RuntimeException of the module, a MethodInvocationException), so the InnerException chain is walked:
 * the exception with HResult 0x8009000B (NTE_BAD_KEY_STATE) is taken first, then a CryptographicException,
 * else the innermost one.
 */
// Without the module there is nothing to ask: an error (unknown), never "the store is readable".
const CREDENTIAL_READ_SCRIPT = `${PS_CLOUDCONNECTOR}
Use-CcdCloudConnector
try { $null = Get-CcCredential -AccountType VmAdmin -ErrorAction Stop; [pscustomobject]@{ ok = $true; error = $null; errorType = $null; hresult = $null } }
catch {
  $ccdErr = $_
  $ccdChain = New-Object System.Collections.ArrayList
  $ccdEx = $ccdErr.Exception
  while ($null -ne $ccdEx -and $ccdChain.Count -lt 16) { [void]$ccdChain.Add($ccdEx); $ccdEx = $ccdEx.InnerException }
  $ccdPick = $null
  foreach ($ccdEx in $ccdChain) { if ($null -eq $ccdPick -and $ccdEx.HResult -is [int] -and $ccdEx.HResult -eq -2146893813) { $ccdPick = $ccdEx } }
  foreach ($ccdEx in $ccdChain) { if ($null -eq $ccdPick -and $ccdEx -is [System.Security.Cryptography.CryptographicException]) { $ccdPick = $ccdEx } }
  if ($null -eq $ccdPick -and $ccdChain.Count -gt 0) { $ccdPick = $ccdChain[$ccdChain.Count - 1] }
  $ccdType = $null
  $ccdHr = $null
  if ($null -ne $ccdPick) {
    $ccdType = $ccdPick.GetType().FullName
    if ($ccdPick.HResult -is [int]) { $ccdHr = '0x{0:X8}' -f $ccdPick.HResult }
  }
  [pscustomobject]@{ ok = $false; error = ($ccdErr | Out-String).Trim(); errorType = $ccdType; hresult = $ccdHr }
}`;

const credentialReadSchema = z.object({
  ok: z.boolean(),
  error: z.nullable(z.string()),
  /** The failing exception's .NET type, e.g. System.Security.Cryptography.CryptographicException (absent in older snapshots). */
  errorType: z.optional(z.nullable(z.string())),
  /** Its HResult as 0x%08X, e.g. 0x8009000B (NTE_BAD_KEY_STATE) (absent in older snapshots). */
  hresult: z.optional(z.nullable(z.string().check(z.regex(/^0x[0-9A-Fa-f]{8}$/, 'expected an HResult as 0x followed by 8 hex digits')))),
});

export type CredentialRead = z.infer<typeof credentialReadSchema>;

export const cceCredentialRead = defineFact({
  id: 'cce.credentialRead',
  title: 'Whether Get-CcCredential can read the stored credentials (its error text, exception type and HResult only, never a credential)',
  schema: credentialReadSchema,
  live: { script: CREDENTIAL_READ_SCRIPT },
  checklist: {
    question: 'Run Get-CcCredential -AccountType VmAdmin on the host. Paste the error it prints, or leave empty if it printed a credential',
    help: 'Paste all of it: in Windows PowerShell 5.1 its "+ CategoryInfo" line names the exception type (CryptographicException), which is recognised whatever the language of the message.',
    answer: z.string().check(z.trim()),
    toValue: (a: string): CredentialRead => ({ ok: a === '', error: a === '' ? null : a }),
  },
});

const update = z.object({
  title: z.string(),
  date: isoTime,
  /** Succeeded, SucceededWithErrors, Failed, Aborted, InProgress, NotStarted. */
  result: z.string(),
});

const RESULT_CODES = ['NotStarted', 'InProgress', 'Succeeded', 'SucceededWithErrors', 'Failed', 'Aborted'];

export const hostRecentUpdates = defineFact({
  id: 'host.recentUpdates',
  title: 'Windows Update installs on the host (the last 50 from the update history)',
  schema: z.object({ updates: z.array(update) }),
  live: {
    script: `$s = (New-Object -ComObject Microsoft.Update.Session).CreateUpdateSearcher()
$n = $s.GetTotalHistoryCount()
$codes = @(${RESULT_CODES.map((c) => `'${c}'`).join(', ')})
$h = @()
if ($n -gt 0) { $h = @($s.QueryHistory(0, [Math]::Min($n, 50)) | Where-Object { $_.Operation -eq 1 } | ForEach-Object { [pscustomobject]@{ title = [string]$_.Title; date = [DateTime]::SpecifyKind($_.Date, 'Utc').ToString('o'); result = $codes[[int]$_.ResultCode] } }) }
[pscustomobject]@{ updates = $h }`,
    timeoutMs: 60_000,
  },
  checklist: {
    question: 'When were Windows updates last installed on the host? (date and time, e.g. 2026-11-15 15:40; empty if none recently)',
    help: 'Control Panel > Windows Update > View update history',
    answer: z.string().check(z.trim(), z.refine((a) => a === '' || !Number.isNaN(Date.parse(a)), { message: 'expected a date and time' })),
    toValue: (a: string) => ({ updates: a === '' ? [] : [{ title: '(as answered)', date: new Date(a).toISOString(), result: 'Succeeded' }] }),
  },
});
