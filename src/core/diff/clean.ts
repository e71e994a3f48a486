import type { FactSpec } from '../facts/types.js';
import { cap, mapStrings, STRUCTURAL, visitStrings } from '../report/build.js';
import { Redactor } from '../report/redact.js';
import { maskSecrets } from '../report/secrets.js';
import { seedFromFacts } from '../report/seeds.js';
import { cutSummary } from '../report/values.js';
import type { PipelineRun } from '../run/run-check.js';
import { stripControl } from '../text/sanitize.js';
import type { HostDiff } from './diff-hosts.js';

/** Identifiers from code in a diff: never host text. */
const DIFF_STRUCTURAL: ReadonlySet<string> = new Set([...STRUCTURAL, 'area']);

/** The longest value a diff line shows on each side. */
const MAX_VALUE = 160;

/**
 * A diff fit to show: terminal controls stripped, secrets masked (always: the literal values of
 * password-like keys of both hosts, and secret shapes), values cut short, and names and addresses
 * replaced by tokens with `redact` (one redactor for both hosts: the same name, the same token).
 */
export function cleanDiff(diff: HostDiff, runs: readonly [PipelineRun, PipelineRun], specs: ReadonlyMap<string, FactSpec<any>>, opts: { redact?: boolean; redactor?: Redactor } = {}): HostDiff {
  const redactor = opts.redactor ?? (opts.redact ? new Redactor() : undefined);
  const secrets = new Set<string>();
  for (const run of runs) {
    for (const s of seedFromFacts(run.store, specs, redactor, run.host.name).secrets) secrets.add(s);
    if (redactor && run.host.cceVersion) redactor.keepLiteral(run.host.cceVersion);
  }
  const literals = [...secrets].sort((x, y) => y.length - x.length);
  const paths = redactor ? runs.map((r) => r.source.ref).filter((p) => /[\\/]/.test(p)) : [];
  const unpath = (text: string) => paths.reduce((t, p) => (t.includes(p) ? t.split(p).join(p.split(/[\\/]/).pop()!) : t), text);
  const clean = (text: string) => {
    const masked = maskSecrets(stripControl(cap(unpath(text))), literals);
    return redactor ? redactor.redact(masked) : masked;
  };
  if (redactor) {
    for (const run of runs) for (const v of run.store.collected()) if (v.status === 'ok') visitStrings(v.value, (s) => redactor.avoid(s), 0);
    visitStrings(diff, (s) => redactor.avoid(s), 0);
    mapStrings(diff, clean, '', DIFF_STRUCTURAL);
    redactor.promoteLabels();
  }
  const out = mapStrings(diff, clean, '', DIFF_STRUCTURAL);
  // A fact's status on each side is an enum under the keys a and b: restored from the original.
  return {
    ...out,
    redacted: redactor !== undefined,
    areas: out.areas.map((g, i) => ({
      ...g,
      facts: g.facts.map((f, j) => {
        const orig = diff.areas[i]!.facts[j]!;
        return {
          ...f,
          ...(orig.status ? { status: { ...f.status!, a: orig.status.a, b: orig.status.b } } : {}),
          changes: f.changes.map((c) => ({
            ...c,
            ...(c.a !== undefined ? { a: cutSummary(c.a, MAX_VALUE) } : {}),
            ...(c.b !== undefined ? { b: cutSummary(c.b, MAX_VALUE) } : {}),
          })),
        };
      }),
    })),
  };
}
