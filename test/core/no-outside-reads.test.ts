/**
 * The tests read nothing outside the repository: a clean clone must be all they need (CI has it; a
 * developer's checkout may have nothing beside it). This scans the test sources for paths that climb
 * above the repository root (join(import.meta.dirname, '..', '..', '..'), '../../..' literals, or ROOT
 * followed by '..') and for a path into a folder named shared beside the repository.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SELF = resolve(import.meta.filename);

const inside = (p: string) => {
  const r = relative(ROOT, p);
  return r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r);
};

/** The literal string arguments at the start of a list like `'..', '..', 'snapshots', name)`. */
function leadingLiterals(args: string): string[] {
  const out: string[] = [];
  const re = /^\s*,\s*(['"`])((?:(?!\1)[^\\$]|\\.)*)\1/;
  let rest = args;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    out.push(m[2]!);
    rest = rest.slice(m[0].length);
  }
  return out;
}

/** Every place in `source` (of a file in `dir`) that names a path outside the repository. */
function outsideReads(source: string, dir: string): string[] {
  const found: string[] = [];
  // join/resolve from the file's own folder or from a ROOT: the literal segments that follow it.
  for (const m of source.matchAll(/\b(import\.meta\.dirname|__dirname|ROOT|root)\b(?=\s*,)/g)) {
    const base = m[1] === 'ROOT' || m[1] === 'root' ? ROOT : dir;
    const segments = leadingLiterals(source.slice(m.index + m[0].length, m.index + m[0].length + 400));
    if (segments.length === 0) continue;
    const target = resolve(base, ...segments);
    if (!inside(target)) found.push(`${m[1]}, ${segments.map((s) => `'${s}'`).join(', ')} → ${target}`);
  }
  // Relative path literals ('../..', '../../../x', in imports, new URL() or elsewhere).
  for (const m of source.matchAll(/(['"`])(\.\.(?:[\\/][^'"`\s]*)?)\1/g)) {
    const target = resolve(dir, m[2]!);
    if (!inside(target)) found.push(`'${m[2]}' → ${target}`);
  }
  // A folder named shared as a path segment (the steering folder beside the clone).
  for (const m of source.matchAll(/(['"`])((?:[^'"`\n]*[\\/])?shared(?:[\\/][^'"`\n]*)?)\1/g)) {
    if (/^\s*shared\s*$/.test(m[2]!) || /(^|[\\/])shared[\\/]/.test(m[2]!)) found.push(`'${m[2]}'`);
  }
  return found;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'artifacts' ? [] : sources(p);
    return /\.(?:[cm]?[jt]s|tsx)$/.test(e.name) ? [p] : [];
  });
}

describe('no test reads outside the repository', () => {
  it('the scanner finds each way of climbing out (so its silence below means something)', () => {
    const dir = join(ROOT, 'test', 'x');
    const dots = "'..'";
    // The folder's name is put together here, so that this file does not itself hold the paths it forbids.
    const folder = ['sha', 'red'].join('');
    const bad = [
      `readFileSync(join(import.meta.dirname, ${dots}, ${dots}, ${dots}, '${folder}', 'catalogue.md'))`,
      `join(ROOT, ${dots}, 'elsewhere')`,
      `new URL('../../../x.md', import.meta.url)`,
      `const p = '${folder}' + '/reference/x.ini'`,
      `readFileSync('..' + '/${folder}/catalogue.md')`,
      `readFileSync('../${folder}/catalogue.md')`,
    ];
    for (const b of bad) expect(outsideReads(b, dir), b).not.toEqual([]);
    const good = [
      `join(import.meta.dirname, ${dots}, ${dots}, 'snapshots', name)`,
      `join(import.meta.dirname, ${dots}, 'fixtures', 'rule-ids.json')`,
      `import { RULES } from '../helpers/catalogue.js'`,
      `// Many keys per test on a shared, loaded machine`,
      `text: 'issued by the shared root.'`,
    ];
    for (const g of good) expect(outsideReads(g, dir), g).toEqual([]);
  });

  it('no test source names a path above the repository root or into the steering folder beside it', () => {
    const files = sources(join(ROOT, 'test')).filter((f) => f !== SELF);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((f) => outsideReads(readFileSync(f, 'utf8'), dirname(f)).map((w) => `${relative(ROOT, f)}: ${w}`));
    expect(offenders).toEqual([]);
  });
});
