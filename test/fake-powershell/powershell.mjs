// A stand-in for powershell.exe in tests (no PowerShell runs here). It reads the script ccdoctor sends on
// stdin, finds the probes by their `#ccdoctor-probe {...}` markers, and answers each from a snapshot file
// the way the generated script would: start frame, one fact frame per probe as it ends, end frame.
//
// Environment:
//   FAKE_PS_SNAPSHOT    snapshot JSON whose facts are the answers (required)
//   FAKE_PS_STARTUP_MS  delay before the start frame (PowerShell start-up)
//   FAKE_PS_DELAY_MS    delay of every probe; FAKE_PS_DELAYS: JSON {"fact.id": ms} per probe
//   FAKE_PS_HANG        comma-separated ids that never finish: reported as timeout at their limit,
//                       as the script's own per-probe timeout does
//   FAKE_PS_FREEZE=1    the whole process stops after the start frame (never answers, never exits)
//   FAKE_PS_CRASH_AFTER N: exit with code 3 after N fact frames (0: right after the start frame), with an error on stderr
//   FAKE_PS_GARBAGE     comma-separated ids answered with broken JSON; also prints stray lines
//   FAKE_PS_NOT_ADMIN=1 not elevated: probes that need Administrator are denied
//   FAKE_PS_NO_VMCRED=1 no stored VmAdmin credential
//   FAKE_PS_CHILD_PIDFILE  start a long-running child process (a native tool a probe ran) and write its pid here
//   FAKE_PS_LOG         write {argv, stdin, script} as JSON here
import { readFileSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';

const env = process.env;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const list = (v) => new Set((v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const out = (line) => process.stdout.write(`${line}\n`);
/** process.exit does not wait for a pipe to take what was written: let stdout drain first. */
const exitAfterOutput = (code) => process.stdout.write('', () => process.exit(code));

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const stdin = Buffer.concat(chunks).toString('utf8');
const m = /FromBase64String\('([A-Za-z0-9+/=]+)'\)/.exec(stdin);
const script = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
if (env.FAKE_PS_LOG) writeFileSync(env.FAKE_PS_LOG, JSON.stringify({ argv: process.argv.slice(2), stdin, script, vmPassword: env.CCDOCTOR_VM_PASSWORD }));

const expected = ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', '-'];
if (process.argv.slice(2).join(' ') !== expected.join(' ')) {
  process.stderr.write(`fake powershell: unexpected arguments ${JSON.stringify(process.argv.slice(2))}\n`);
  process.exit(64);
}
if (!script) {
  process.stderr.write('fake powershell: no script on stdin\n');
  process.exit(65);
}

const probes = [...script.matchAll(/^#ccdoctor-probe (\{.*\})\r?$/gm)].map((x) => JSON.parse(x[1]));
const snapshot = JSON.parse(readFileSync(env.FAKE_PS_SNAPSHOT, 'utf8'));
const admin = env.FAKE_PS_NOT_ADMIN !== '1';
const needCred = probes.some((p) => p.credential);
const givenCred = /\$ccdGivenUser = '/.test(script);
const credential = !needCred ? 'not-needed' : givenCred ? 'given' : env.FAKE_PS_NO_VMCRED === '1' ? 'none' : 'stored';
const delays = env.FAKE_PS_DELAYS ? JSON.parse(env.FAKE_PS_DELAYS) : {};
const hang = list(env.FAKE_PS_HANG);
const garbage = list(env.FAKE_PS_GARBAGE);
const crashAfter = env.FAKE_PS_CRASH_AFTER === undefined ? Infinity : Number(env.FAKE_PS_CRASH_AFTER);

await sleep(Number(env.FAKE_PS_STARTUP_MS ?? 0));
if (env.FAKE_PS_CHILD_PIDFILE) {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  writeFileSync(env.FAKE_PS_CHILD_PIDFILE, String(child.pid));
}
if (garbage.size > 0) out('WARNING: The names of some imported commands include unapproved verbs.');
// FAKE_PS_REFUSE: what the bootstrap's first line prints in Constrained Language Mode or before 5.1.
if (env.FAKE_PS_REFUSE === 'version') { out('#ccdoctor:refused {"reason":"version","psVersion":"4.0"}'); exitAfterOutput(3); await new Promise(() => {}); }
if (env.FAKE_PS_REFUSE === 'language-mode') { out('#ccdoctor:refused {"reason":"language-mode","languageMode":"ConstrainedLanguage"}'); exitAfterOutput(3); await new Promise(() => {}); }
out(`#ccdoctor:start ${JSON.stringify({ admin, psVersion: '5.1.14393.4583', edition: 'Desktop', credential })}`);
if (env.FAKE_PS_FREEZE === '1') await new Promise(() => setInterval(() => {}, 1 << 30));
if (crashAfter === 0) {
  process.stderr.write('Unhandled Exception: System.OutOfMemoryException: Insufficient memory to continue the execution of the program.\n');
  exitAfterOutput(3);
  await new Promise(() => {});
}

const started = Date.now();
let emitted = 0;
function emit(id, entry) {
  if (emitted >= crashAfter) return;
  out(`#ccdoctor:fact ${id} ${entry}`);
  emitted++;
  if (emitted >= crashAfter) {
    process.stderr.write('Unhandled Exception: System.OutOfMemoryException: Insufficient memory to continue the execution of the program.\n');
    exitAfterOutput(3);
  }
}
const entry = (id, status, extra) => JSON.stringify({ id, status, ...extra, source: 'command', ref: `probe ${id}`, collectedAt: new Date().toISOString() });

await Promise.all(
  probes.map(async (p) => {
    if (p.requiresAdmin && !admin) return emit(p.id, entry(p.id, 'denied', { message: 'needs Administrator: run PowerShell as Administrator (right-click, Run as administrator) and try again', durationMs: 0 }));
    if (p.credential && credential === 'none') return emit(p.id, entry(p.id, 'missing', { message: 'needs the VM administrator credential: Get-CcCredential -AccountType VmAdmin returned no credential', durationMs: 0 }));
    if (hang.has(p.id)) {
      await sleep(p.timeoutMs);
      return emit(p.id, entry(p.id, 'timeout', { message: `no answer within ${p.timeoutMs} ms (stopped)`, durationMs: p.timeoutMs }));
    }
    const t = Date.now();
    await sleep(Number(delays[p.id] ?? env.FAKE_PS_DELAY_MS ?? 0));
    const durationMs = Date.now() - t;
    if (garbage.has(p.id)) return emit(p.id, '{"status":"ok","value":{"caption":NaN,');
    const f = snapshot.facts[p.id];
    if (!f) return emit(p.id, entry(p.id, 'error', { message: `The term 'Get-Fake' is not recognized (no ${p.id} on the fake host)`, durationMs }));
    const status = f.status ?? 'ok';
    if (status === 'ok') return emit(p.id, entry(p.id, 'ok', { value: f.value, durationMs }));
    return emit(p.id, entry(p.id, status, { ...(f.message ? { message: f.message } : {}), ...(f.raw ? { raw: f.raw } : {}), durationMs }));
  }),
);
out(`#ccdoctor:end {"durationMs":${Date.now() - started}}`);
exitAfterOutput(0);
