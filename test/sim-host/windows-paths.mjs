// Sandbox paths (ROOT/C/...) back to the host's own (C:\...), as text or inside JSON strings; plus the
// exact substitutions enter-sim.ps1 announces (the Linux PSModulePath → the host's). Test code.
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @param {string} root @param {[string, string][]} subs @returns {(text: string, json: boolean) => string} */
export function toWindows(root, subs) {
  const sandbox = root ? new RegExp(`${escapeRe(root)}/C(/[^"\\n;]*)?`, 'g') : undefined;
  return (text, json) => {
    let out = text;
    for (const [from, to] of subs) out = out.split(json ? JSON.stringify(from).slice(1, -1) : from).join(json ? JSON.stringify(to).slice(1, -1) : to);
    if (sandbox) {
      out = out.replace(sandbox, (_m, rest) => {
        const p = `C:${(rest ?? '').replace(/\//g, '\\')}`;
        return json ? p.replace(/\\/g, '\\\\') : p;
      });
    }
    return out;
  };
}

export const MAP_PREFIX = '#ccdsim:map ';
