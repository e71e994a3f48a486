// Writes a synthetic CceManagementService.log of a given size: timestamped Information/Verbose/Warning
// lines, .NET exceptions with untimestamped stack-trace lines, an occasional multi-kilobyte line, a
// documented signature every `hitEvery` lines and a look-alike (must not match) as often. Deterministic.
import { openSync, writeSync, closeSync } from 'node:fs';

const VMS = ['AD', 'CMS', 'MediationServer', 'EdgeServer'];
const SERVICES = ['RTCSRV', 'RTCMEDSRV', 'REPLICA', 'RTCDATAPROXY', 'RTCMRAUTH', 'RTCMEDIARELAY', 'MASTER'];
const INFO = [
  (r) => `CceService Information: 0 : Checking the state of virtual machine ${VMS[r % 4]} on appliance CCE${r % 7}`,
  (r) => `CceService Information: 0 : Service ${SERVICES[r % 7]} on ${VMS[r % 4]} is Running`,
  (r) => `CceService Information: 0 : Reporting status to online succeeded in ${100 + (r % 900)} ms`,
  (r) => `CceService Verbose: 0 : Heartbeat ${r} sent; next in 60 s; queue length ${r % 13}`,
  (r) => `CceService Verbose: 0 : Get-VMNetworkAdapter -VMName ${VMS[r % 4]} returned ${1 + (r % 3)} adapter(s) on switch SfB CCE Corpnet Switch`,
  (r) => `CceService Information: 0 : Loaded module CloudConnector 2.1.0.${r % 999} from C:\\Program Files\\WindowsPowerShell\\Modules\\CloudConnector`,
  (r) => `CceService Warning: 0 : Retrying Get-CsHybridPSTNAppliance (attempt ${1 + (r % 5)} of 5) after a transient error: The operation has timed out`,
];
const STACK = [
  '   at System.Management.Automation.Runspaces.PipelineBase.Invoke(IEnumerable input)',
  '   at Microsoft.Rtc.CCE.ManagementService.OnlineReporter.ReportStatus(ApplianceStatus status)',
  '   at Microsoft.Rtc.CCE.ManagementService.CceService.MonitorLoop()',
];

/** Documented texts as they appear at run time (placeholders filled), one per rule with a signature. */
export const HIT_LINES = [
  'CceService Error: 0 : Unexpected exception when reporting status to online: System.Management.Automation.CmdletInvocationException: Logon failed for the user admin@contoso.onmicrosoft.com. Please create a new credential object, making sure that you have used the correct user name and password. --->',
  'CceService Error: 0 : ConvertTo-SecureString : Key not valid for use in specified state.',
  "CceService Error: 0 : Import-Module : The specified module 'CloudConnector' was not loaded because no valid module file was found in any module directory.",
  'CceService Error: 0 : Dismount-WindowsImage : Dismount-WindowsImage failed. Error code = 0xc1550115',
  "CceService Error: 0 : The term 'Stop-CsWindowsService' is not recognized as the name of a cmdlet, function, script file, or operable program.",
];
/** Look-alikes of those: another module, another error code, another command. */
export const LOOKALIKE_LINES = [
  "CceService Error: 0 : Import-Module : The specified module 'SkypeOnlineConnector' was not loaded because no valid module file was found in any module directory.",
  'CceService Error: 0 : Dismount-WindowsImage : Dismount-WindowsImage failed. Error code = 0xc1420117',
  "CceService Error: 0 : The term 'Get-CsOnlineUser' is not recognized as the name of a cmdlet, function, script file, or operable program.",
];

/**
 * Writes about `bytes` bytes to `file`. Returns the number of lines and of hit lines written (each
 * HIT_LINES entry in turn, so hits[i] counts HIT_LINES[i]).
 */
export function generateCceLog(file, bytes, { hitEvery = 50_000, longEvery = 20_000 } = {}) {
  const fd = openSync(file, 'w');
  const start = Date.UTC(2026, 10, 20, 2, 14, 7, 123);
  const hits = HIT_LINES.map(() => 0);
  let written = 0;
  let line = 0;
  let r = 12345;
  try {
    while (written < bytes) {
      let block = '';
      while (block.length < 4 * 1024 * 1024) {
        line++;
        r = (r * 1103515245 + 12345) & 0x7fffffff;
        const ts = new Date(start + line * 250).toISOString().replace('T', ' ').replace('Z', '');
        if (line % hitEvery === 0) {
          const k = (line / hitEvery) % HIT_LINES.length;
          hits[k]++;
          block += `${ts} ${HIT_LINES[k]}\n`;
        } else if (line % hitEvery === hitEvery / 2) {
          block += `${ts} ${LOOKALIKE_LINES[(line / hitEvery | 0) % LOOKALIKE_LINES.length]}\n`;
        } else if (line % longEvery === 7) {
          block += `${ts} CceService Verbose: 0 : Configuration snapshot ${'{"Key":"Value","Count":12345}'.repeat(150)}\n`;
        } else if (r % 40 === 0) {
          block += `${ts} CceService Error: 0 : Unexpected exception in monitor loop: System.TimeoutException: The operation has timed out.\n${STACK.join('\n')}\n`;
          line += STACK.length;
        } else {
          block += `${ts} ${INFO[r % INFO.length](r)}\n`;
        }
      }
      written += writeSync(fd, block);
    }
  } finally {
    closeSync(fd);
  }
  return { bytes: written, lines: line, hits };
}
