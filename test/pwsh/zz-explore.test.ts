import { it } from 'vitest';
import * as z from '../../src/core/schema.js';
import { defineFact } from '../../src/core/facts/types.js';
import { runLive } from '../../src/live/run-live.js';
const P = process.env.HOME + '/.dotnet/tools/pwsh';
const f = (id: string, script: string, timeoutMs?: number) => defineFact({ id, title: id, schema: z.unknown(), live: { script, requiresAdmin: false, ...(timeoutMs ? { timeoutMs } : {}) }, checklist: { question: id, answer: z.string(), toValue: (s: string) => s } });
it('explore', async () => {
  const specs = new Map([
    f('t.streams', "Write-Host 'host text'; Write-Warning 'warn text' -WarningAction Continue; Write-Verbose 'verbose text' -Verbose; Write-Information 'info text' -InformationAction Continue; Write-Progress -Activity 'progress text' -Status 'half' -PercentComplete 50; 'value'"),
    f('t.console', "[Console]::WriteLine('console text'); 'v2'"),
    f('t.pid', '$PID'),
    f('t.child', "$p = Start-Process -FilePath sleep -ArgumentList 300 -PassThru; $p.Id"),
    f('t.sh', "& sh -c 'sleep 301 >/dev/null 2>&1 & echo $!'"),
    f('t.block', '[System.Threading.Thread]::Sleep(60000); 1', 1500),
    f('t.throw', "throw 'Größe ungültig'"),
    f('t.intl', "'雲端連接器 版本 Schlüssel ist ungültig. Größe 🩺'"),
  ].map((s) => [s.id, s]));
  const t = performance.now();
  const events: any[] = [];
  const r = await runLive({ specs, powershell: P, env: { PATH: process.env.PATH, HOME: process.env.HOME }, onProgress: (e) => events.push(e) });
  console.log('wall', performance.now() - t, 'startup', r.startupMs, r.warnings);
  for (const x of r.store.collected()) console.log(JSON.stringify(x));
  console.log(events.filter((e) => e.type === 'output' || e.type === 'spawned'));
}, 60000);
