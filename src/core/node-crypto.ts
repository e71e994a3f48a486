import type * as Crypto from 'node:crypto';

/**
 * node:crypto, loaded when first needed: most runs (rules, explain, a Lync server's check, any snapshot
 * without certificates) never parse a certificate nor write a file, and loading it costs milliseconds at
 * every start (npm run bench, "CLI start-up").
 */
export function nodeCrypto(): typeof Crypto {
  return process.getBuiltinModule('node:crypto');
}

/**
 * Whether v is a node:crypto X509Certificate. Data read from JSON (plain objects, arrays, primitives) never
 * is, and is answered without loading node:crypto.
 */
export function isX509(v: unknown): v is Crypto.X509Certificate {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto === Object.prototype || proto === null) return false;
  return v instanceof nodeCrypto().X509Certificate;
}
