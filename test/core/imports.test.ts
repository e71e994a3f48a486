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
});
