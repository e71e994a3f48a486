/**
 * CCE versions: releases 1.3.4 … 2.1, builds such as 2.1.0.372.
 * Compared numerically part by part, missing parts are zero: 2.0 = 2.0.0 < 2.0.1 < 2.1 = 2.1.0 < 2.1.0.372.
 */
export type Version = readonly number[];

const VERSION_RE = /^\d+(\.\d+){0,3}$/;

/** A version (digits and dots, a leading v allowed); anything else is undefined. */
export function parseVersion(text: string): Version | undefined {
  const t = text.trim().replace(/^v/i, '');
  if (!VERSION_RE.test(t)) return undefined;
  const parts = t.split('.').map(Number);
  return parts.every(Number.isSafeInteger) ? parts : undefined;
}

/** Why a text is not a version, for an `unknown` result ("NaN" is not a version: expected digits and dots such as 2.1.0.372). */
export function notAVersion(text: string): string {
  const shown = JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  return `${shown} is not a version (expected numbers separated by dots, such as 2.1.0.372)`;
}

export function compareVersions(a: Version, b: Version): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function formatVersion(v: Version): string {
  return v.join('.');
}

/**
 * A range as the catalogue writes it: "all", ">=1.4.1", "<1.4.2", "2.1" (that release and its builds),
 * or several bounds joined by a space (">=1.4.2 <2.0").
 */
export interface VersionRange {
  readonly text: string;
  contains(v: Version): boolean;
}

export function versionRange(text: string): VersionRange {
  const trimmed = text.trim();
  if (trimmed === 'all' || trimmed === '') return { text: 'all', contains: () => true };
  const tests = trimmed.split(/\s+/).map((part) => {
    const m = /^(>=|<=|>|<|=)?(.+)$/.exec(part);
    const op = m?.[1] ?? '';
    const v = m ? parseVersion(m[2] ?? '') : undefined;
    if (!v) throw new Error(`bad version range "${text}": "${part}" is not a version bound`);
    switch (op) {
      case '>=': return (x: Version) => compareVersions(x, v) >= 0;
      case '<=': return (x: Version) => compareVersions(x, v) <= 0;
      case '>': return (x: Version) => compareVersions(x, v) > 0;
      case '<': return (x: Version) => compareVersions(x, v) < 0;
      case '=': return (x: Version) => compareVersions(x, v) === 0;
      default:
        // A bare release "2.1" covers 2.1 and every build of it (2.1.0.xxx), not 2.1.1.
        return (x: Version) => v.every((part, i) => (x[i] ?? 0) === part) && (v.length >= 3 || (x[2] ?? 0) === 0);
    }
  });
  return { text: trimmed, contains: (x) => tests.every((t) => t(x)) };
}
