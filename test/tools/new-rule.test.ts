/**
 * Issue 11's promise, proved: in a copy of the project, `npm run new-rule -- ID --fact FACT` adds a symptom
 * (a rule, a snapshot patch, a test and the new fact, healthy value included, in its area's file); once
 * the healthy value is filled in and `npm run update-snapshots` has rewritten the generated base hosts, it
 * typechecks, its test passes along with the tests that guard snapshots/ and the catalogue, the built CLI
 * lists it, and nothing else in the project changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
/** What git does not track (.gitignore) and what the copy does not need. */
const SKIP = new Set(['node_modules', 'dist', '.git', join('test', 'artifacts')]);
const skipped = (rel: string) => SKIP.has(rel) || rel.endsWith('.tmp');

const ID = 'zz-scaffolded-symptom';
const FACT = 'host.zzScaffoldProbe';
const ADDED = [`rules/${ID}.ts`, `snapshots/symptom-${ID}.json`, `test/rules/${ID}.test.ts`];
const CHANGED = ['src/facts/host.ts'];
/** Written by npm run update-snapshots, not by hand: the whole base hosts, each with the new fact. */
const SITE_FOLDERS = ['fleet-directory-reused', 'fleet-duplicate-identities', 'fleet-two-sites', 'fleet-updates-several-sites', 'site-directory-differs', 'site-ha-several-out', 'site-name-registration-mismatch', 'site-sydney', 'site-sydney-ca-differs'];
/** The whole (generated) base hosts: the top-level bases and the first appliance of each site folder. */
const GENERATED = [
  'snapshots/demo.json', 'snapshots/ha-site-appliance-2.json', 'snapshots/healthy-1.4.2.json', 'snapshots/healthy-2.0.json', 'snapshots/healthy-2.1.json',
  ...SITE_FOLDERS.map((d) => `snapshots/${d}/cce-syd-01.json`),
].sort();
/** The healthy value the newcomer fills in. */
const HEALTHY = 'cce.contoso.local';

/** Every file of a project tree (relative, POSIX separators) with its bytes. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const child = rel ? join(rel, e.name) : e.name;
      if (skipped(child)) continue;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.set(child.split(sep).join('/'), readFileSync(join(dir, child), 'latin1'));
    }
  };
  walk('');
  return out;
}

/** Like `git status --porcelain` between two trees: added, changed and removed files. */
function diff(before: Map<string, string>, after: Map<string, string>) {
  return {
    added: [...after.keys()].filter((f) => !before.has(f)).sort(),
    changed: [...after.keys()].filter((f) => before.has(f) && before.get(f) !== after.get(f)).sort(),
    removed: [...before.keys()].filter((f) => !after.has(f)).sort(),
  };
}

let copy: string;
/** This vitest's own settings (VITEST_*, the worker's) stay out of the processes run in the copy. */
const ENV = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|TEST$|NODE_ENV$)/.test(k))), NO_COLOR: '1', FORCE_COLOR: '0' };
const node = (args: string[], timeout = 60_000) => spawnSync(process.execPath, args, { cwd: copy, encoding: 'utf8', timeout, env: ENV });
// The scaffold runs the copy's vitest (to rewrite the base hosts): the same clean environment.
const scaffold = (...args: string[]) => node([join(copy, 'src', 'tools', 'new-rule.mjs'), ...args]);
const json = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as { extends?: string; facts: Record<string, { value?: unknown }> };

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'ccd-new-rule-'));
  cpSync(ROOT, copy, { recursive: true, filter: (src) => !skipped(relative(ROOT, src)) });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('npm run new-rule: a new symptom is one rule, one snapshot patch, one test (and its fact)', () => {
  it('refuses a bad id, a taken id, an existing file and a bad fact with one line each, writing nothing', () => {
    const before = tree(copy);
    const cases: [string[], RegExp][] = [
      [[], /^new-rule: usage: npm run new-rule -- ID/],
      [['Bad_Id'], /^new-rule: rule id "Bad_Id" must be kebab-case/],
      [['dotnet-too-old'], /^new-rule: rule id "dotnet-too-old" is taken \(rules\/dotnet-too-old\.ts\)/],
      [['ini-state-empty'], /^new-rule: snapshots\/symptom-ini-state-empty\.json already exists/],
      [[ID, '--family', 'network'], /^new-rule: --family network: not a family \(one of deployment, host,/],
      [[ID, '--fact', 'dotnet.release'], /^new-rule: --fact dotnet\.release: that fact exists \(src\/facts\/platform\.ts\)/],
      [[ID, '--fact', 'Host.Bad'], /^new-rule: --fact Host\.Bad: a fact id is area\.name/],
      [[ID, '--fact', 'ps.newThing'], /^new-rule: --fact ps\.newThing: "ps\.\*" facts live in src\/facts\/hostconfig\.ts and src\/facts\/platform\.ts: say which with --area/],
    ];
    for (const [args, message] of cases) {
      const r = scaffold(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(diff(before, tree(copy))).toEqual({ added: [], changed: [], removed: [] });
  });

  it('keeps what it wrote and names the one command to run when it cannot rewrite the base hosts', () => {
    // A copy without node_modules: npm run update-snapshots cannot start vitest there.
    const bare = mkdtempSync(join(tmpdir(), 'ccd-new-rule-bare-'));
    try {
      cpSync(ROOT, bare, { recursive: true, filter: (src) => !skipped(relative(ROOT, src)) });
      const before = tree(bare);
      const r = spawnSync(process.execPath, [join(bare, 'src', 'tools', 'new-rule.mjs'), ID, '--fact', FACT], { cwd: bare, encoding: 'utf8', env: ENV });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/^update-snapshots: .*node_modules.vitest.vitest\.mjs is missing: run npm install in /m);
      expect(r.stderr.trim().split('\n').at(-1)).toBe('new-rule: the files above are written, but the base snapshots were not rewritten (why: above): fix that, then run npm run update-snapshots');
      expect(r.stdout).toContain(`added the fact ${FACT} to src/facts/host.ts`);
      expect(diff(before, tree(bare))).toEqual({ added: ADDED, changed: CHANGED, removed: [] });
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('writes the rule, the patch, the test and the fact with its healthy value; after filling it in and npm run update-snapshots, typecheck, the new test, the snapshot and catalogue tests pass; the CLI lists it; nothing else changed', () => {
    const before = tree(ROOT);
    const r = scaffold(ID, '--family', 'host', '--fact', FACT);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const f of ADDED) expect(r.stdout).toContain(`wrote ${f}`);
    expect(r.stdout).toContain(`added the fact ${FACT} to src/facts/host.ts`);
    expect(r.stdout).toMatch(/Next:/);
    // The new fact's healthy value is on every generated host at once; the scaffold says how to rewrite them.
    expect(r.stdout).toContain(`update-snapshots: rewrote ${GENERATED.length} generated file(s):\n${GENERATED.map((f) => `    ${f}`).join('\n')}`);
    expect(r.stdout).toContain(`${FACT}'s healthy value is on every generated base host`);
    expect(r.stdout).toContain('After changing it or the schema, rewrite them: npm run update-snapshots');
    for (const f of GENERATED) expect(json(copy, f).facts[FACT]?.value, f).toBe('TODO-healthy');

    // The newcomer writes the fact's healthy value, then rewrites the base hosts with the one command.
    const area = join(copy, CHANGED[0]!);
    const source = readFileSync(area, 'utf8');
    expect(source.split("healthy: 'TODO-healthy',")).toHaveLength(2);
    writeFileSync(area, source.replace("healthy: 'TODO-healthy',", `healthy: '${HEALTHY}',`));
    const update = node([join(copy, 'src', 'tools', 'update-snapshots.mjs')], 90_000);
    expect(update.status, `${update.stdout}${update.stderr}`).toBe(0);
    expect(update.stdout).toBe(`update-snapshots: rewrote ${GENERATED.length} generated file(s):\n${GENERATED.map((f) => `  ${f}`).join('\n')}\n`);

    // The files touched, against the project it was copied from: the base hosts gained the fact and nothing else.
    const touched = diff(before, tree(copy));
    expect(touched).toEqual({ added: ADDED, changed: [...CHANGED, ...GENERATED].sort(), removed: [] });
    for (const f of GENERATED) {
      const was = json(ROOT, f);
      const now = json(copy, f);
      expect(now.extends, f).toBeUndefined();
      expect(now.facts[FACT], f).toEqual({ status: 'ok', value: HEALTHY, source: 'command', ref: `probe ${FACT}`, collectedAt: expect.any(String), durationMs: 40 });
      delete now.facts[FACT];
      expect(now, f).toEqual(was);
    }
    // The closing note of issue 11 lists these.
    console.log([
      'Files the scaffold test touched (npm run new-rule, then the healthy value filled in and npm run update-snapshots):',
      ...touched.added.map((f) => `  added    ${f}`),
      ...CHANGED.map((f) => `  changed  ${f}`),
      ...GENERATED.map((f) => `  generated ${f} (npm run update-snapshots)`),
    ].join('\n'));

    const rule = readFileSync(join(copy, ADDED[0]!), 'utf8');
    expect(rule).toMatch(/family: 'host',\n  order: \d+0,/);
    expect(rule).toContain(`needs: ['${FACT}']`);
    expect(JSON.parse(readFileSync(join(copy, ADDED[1]!), 'utf8'))).toMatchObject({ extends: 'healthy-2.1.json', facts: { [FACT]: { status: 'ok' } } });

    const tsc = node([join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', copy], 90_000);
    expect(`${tsc.stdout}${tsc.stderr}`).toBe('');
    expect(tsc.status).toBe(0);

    // The copy's own vitest (its config discovers its rules/): the new rule's test, and the tests that
    // would reject a stray snapshot file or an unfrozen id.
    const tests = [ADDED[2]!, 'test/snapshots-up-to-date.test.ts', 'test/rules/catalogue.test.ts'];
    const vitest = node([join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'test/vitest.config.ts', '--reporter=dot', ...tests], 90_000);
    const out = `${vitest.stdout}${vitest.stderr}`;
    expect(vitest.status, out).toBe(0);
    expect(out).toMatch(/Test Files\s+3 passed \(3\)/);

    // Picked up by the catalogue of the built CLI, with no registration.
    execFileSync(process.execPath, [join(copy, 'src', 'tools', 'build.mjs')], { cwd: copy, stdio: 'ignore' });
    const help = node([join(copy, 'dist', 'cli.js'), 'rules', ID]);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain(ID);
    expect(help.stdout).toContain(FACT);
  }, 240_000);
});
