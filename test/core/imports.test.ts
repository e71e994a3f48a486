import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

describe('import boundaries', () => {
  const files = [...sources(join(ROOT, 'src')), ...sources(join(ROOT, 'rules'))].map((f) => ({ file: relative(ROOT, f), text: readFileSync(f, 'utf8') }));

  it('outside src/ui, nothing imports ink, react or ink-select-input', () => {
    const offenders = files.filter((f) => !f.file.startsWith('src/ui/') && /from ['"](ink|react|ink-select-input)(\/[^'"]*)?['"]/.test(f.text));
    expect(offenders.map((f) => f.file)).toEqual([]);
  });

  it('src/ui imports nothing from src/cli; src/cli reaches src/ui only to start the wizard (load-wizard.ts)', () => {
    const imports = (f: { text: string }) => [...f.text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    const uiToCli = files.filter((f) => f.file.startsWith('src/ui/') && imports(f).some((i) => /(^|\/)cli\//.test(i)));
    const cliToUi = files.filter((f) => f.file.startsWith('src/cli/') && f.file !== 'src/cli/load-wizard.ts' && imports(f).some((i) => /(^|\/)ui\//.test(i)));
    expect(uiToCli.map((f) => f.file)).toEqual([]);
    expect(cliToUi.map((f) => f.file)).toEqual([]);
  });

  it('schemas use zod/mini through src/core/schema.ts (classic zod adds ~450 KB to start-up)', () => {
    const offenders = files.filter((f) => /from ['"]zod['"]/.test(f.text));
    expect(offenders.map((f) => f.file)).toEqual([]);
  });

  it('only the entry points gather the catalogue: no other module imports the rule files, the fact list or the catalogue', () => {
    const ROOTS = ['src/cli/main.ts', 'src/ui/start.tsx'];
    // Where an import lands, from the repository root: rules/x.js, src/facts/index.js, ccdoctor:rules.
    const target = (file: string, spec: string) => (spec.startsWith('.') ? relative(ROOT, join(ROOT, file, '..', spec)) : spec);
    const LISTS = /^(rules\/[^/]+|src\/facts\/index|src\/catalogue\/(index|rules))\.js$|^ccdoctor:rules$/;
    const offenders = files
      .filter((f) => f.file.startsWith('src/') && !f.file.startsWith('src/catalogue/') && !ROOTS.includes(f.file))
      .flatMap((f) => f.text.split('\n')
        .filter((line) => !/^\s*(import|export) type\b/.test(line))
        .flatMap((line) => [...line.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)].map((m) => target(f.file, m[1]!)))
        .filter((t) => LISTS.test(t))
        .map((t) => `${f.file}: ${t}`));
    expect(offenders).toEqual([]);
  });
});
