/**
 * The test tiers that need a tool beyond Node: a real PowerShell engine, a real terminal (pseudo-terminal
 * + headless terminal emulator) and a real browser. Each is detected the same way by the tests (which skip
 * when it is missing) and by the summary reporter (which names what was not run and how to enable it).
 * CCDOCTOR_REQUIRE_TIERS=all (or a comma list of tier names), as .ci/run sets, turns a missing tier into
 * a failure.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export type TierName = 'powershell' | 'terminal' | 'browser';

export interface Tier {
  name: TierName;
  title: string;
  /** The tool's path (pwsh, a browser) or the package that provides it. */
  tool?: string;
  /** Why the tier cannot run here; undefined when it can. */
  missing?: string;
  /** The one command that makes it runnable on this kind of machine. */
  enable: string;
}

const isWindows = process.platform === 'win32';

function onPath(names: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter((d) => d !== '');
  for (const dir of dirs) {
    for (const n of names) {
      const p = join(dir, n);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

/** pwsh: CCDOCTOR_TEST_PWSH, then PATH, then the dotnet global tool folder. */
export function findPwsh(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CCDOCTOR_TEST_PWSH) return existsSync(env.CCDOCTOR_TEST_PWSH) ? env.CCDOCTOR_TEST_PWSH : undefined;
  const exe = isWindows ? 'pwsh.exe' : 'pwsh';
  const found = onPath([exe], env);
  if (found) return found;
  const tool = join(homedir(), '.dotnet', 'tools', exe);
  return existsSync(tool) ? tool : undefined;
}

/** A Chromium, Chrome or Edge: CCDOCTOR_TEST_BROWSER, then the usual install paths, then PATH. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CCDOCTOR_TEST_BROWSER) return existsSync(env.CCDOCTOR_TEST_BROWSER) ? env.CCDOCTOR_TEST_BROWSER : undefined;
  const candidates: string[] = [];
  if (isWindows) {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r): r is string => !!r);
    for (const r of roots) {
      candidates.push(join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), join(r, 'Chromium', 'Application', 'chrome.exe'));
    }
  } else if (process.platform === 'darwin') {
    candidates.push(
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    );
  } else {
    candidates.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge', '/snap/bin/chromium');
  }
  for (const c of candidates) if (existsSync(c)) return c;
  return onPath(isWindows ? ['chrome.exe', 'msedge.exe'] : ['chromium', 'chromium-browser', 'google-chrome', 'microsoft-edge'], env);
}

const require = createRequire(import.meta.url);

/** Whether a package resolves and loads (a native addon may be installed but not load on this platform). */
function loads(pkg: string): string | undefined {
  try {
    require(pkg);
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}

export function detectTier(name: TierName, env: NodeJS.ProcessEnv = process.env): Tier {
  switch (name) {
    case 'powershell': {
      const pwsh = findPwsh(env);
      return {
        name,
        title: 'real PowerShell',
        ...(pwsh ? { tool: pwsh } : { missing: 'no pwsh (looked at CCDOCTOR_TEST_PWSH, PATH and ~/.dotnet/tools)' }),
        enable: 'dotnet tool install --global PowerShell --version 7.6.9',
      };
    }
    case 'terminal': {
      const why = loads('node-pty') ?? loads('@xterm/headless');
      return {
        name,
        title: 'real terminal',
        ...(why ? { missing: `node-pty with @xterm/headless does not load (${why})` } : { tool: 'node-pty + @xterm/headless' }),
        enable: 'npm install (node-pty ships prebuilt binaries for Windows, macOS and Linux)',
      };
    }
    case 'browser': {
      const browser = findBrowser(env);
      return {
        name,
        title: 'real browser',
        ...(browser ? { tool: browser } : { missing: 'no Chromium, Chrome or Edge (looked at CCDOCTOR_TEST_BROWSER and the usual install paths)' }),
        enable: isWindows ? 'install Chrome or Edge, or set CCDOCTOR_TEST_BROWSER to a Chromium-based browser' : 'apt-get install -y chromium  (or set CCDOCTOR_TEST_BROWSER)',
      };
    }
  }
}

export const TIER_NAMES: readonly TierName[] = ['powershell', 'terminal', 'browser'];

/** Whether a missing tier must fail the run (CI sets CCDOCTOR_REQUIRE_TIERS=all). */
export function tierRequired(name: TierName, env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.CCDOCTOR_REQUIRE_TIERS ?? '').split(',').map((s) => s.trim().toLowerCase());
  return v.includes('all') || v.includes(name);
}

/** The closing line for a tier that could not run. */
export function notRunLine(t: Tier): string {
  return `tier not run: ${t.title}: ${t.missing}; enable it with: ${t.enable}`;
}
