/** Windows path handling for rules: %VAR% expansion, case-insensitive comparison, trailing separators. */
export function expandEnv(path: string, env: Readonly<Record<string, string>>): string {
  return path.replace(/%([^%]+)%/g, (whole, name: string) => {
    const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    return key ? env[key]! : whole;
  });
}

export function normalizePath(path: string, env: Readonly<Record<string, string>> = {}): string {
  return expandEnv(path.trim().replace(/^"(.*)"$/, '$1'), env).replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();
}

export function samePath(a: string, b: string, env: Readonly<Record<string, string>> = {}): boolean {
  return normalizePath(a, env) === normalizePath(b, env);
}

export function parentPath(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const i = Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/'));
  return i > 0 ? trimmed.slice(0, i) : trimmed;
}

/** Splits a PSModulePath value (';'-separated on Windows), dropping empty entries. */
export function splitPathList(value: string | null | undefined): string[] {
  return (value ?? '').split(';').map((s) => s.trim()).filter((s) => s !== '');
}
