import type { X509Certificate } from 'node:crypto';
import { isX509, nodeCrypto } from '../node-crypto.js';

/**
 * One-line summaries of fact values for reports. File content never appears: a file is shown as its
 * path, size and time; byte arrays and text/raw/content fields are left out whatever fact holds them.
 */
const HIDDEN_KEYS = new Set(['bytes', 'content', 'text', 'raw', 'data', 'base64', 'blob', 'pem', 'der', 'rawdata', 'certificate', 'privatekey']);
const MAX = 400;

interface FileLike {
  path: string;
  exists: boolean;
  size?: number | null;
  lastWriteTime?: string | null;
}

function isFileLike(v: object): v is FileLike {
  const o = v as Record<string, unknown>;
  return typeof o.path === 'string' && typeof o.exists === 'boolean' && ('bytes' in o || 'size' in o || 'lastWriteTime' in o);
}

export function describeFile(f: FileLike): string {
  if (!f.exists) return `${f.path} (does not exist)`;
  const size = typeof f.size === 'number' ? `${f.size.toLocaleString('en-US')} bytes` : 'size unknown';
  return `${f.path} (${size}${f.lastWriteTime ? `, modified ${f.lastWriteTime}` : ''})`;
}

/** A parsed ini document: its path and shape, never its text. */
function isIniLike(v: object): boolean {
  const o = v as Record<string, unknown>;
  return typeof o.path === 'string' && Array.isArray(o.sections) && typeof o.text === 'string';
}

/** `limit`: the longest summary; pass Infinity to cut later (after redaction, so that no name is cut in half). */
export function summarizeValue(value: unknown, limit = MAX): string {
  const cut = (t: string) => cutSummary(t, limit);
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'string') return cut(value.startsWith('-----BEGIN CERTIFICATE-----') ? describePem(value) : value);
  if (isX509(value)) return describeCertificate(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return `<${value.length} bytes not shown>`;
  if (typeof value !== 'object') return cut(String(value));
  if (isFileLike(value)) return describeFile(value);
  if (isIniLike(value)) {
    const o = value as { path: string; sections: unknown[]; encoding?: string; duplicates?: unknown[] };
    const dups = o.duplicates?.length ? `, ${o.duplicates.length} duplicate keys` : '';
    return `${o.path}: ${o.sections.length} sections, ${o.encoding ?? 'unknown encoding'}${dups}`;
  }
  return cut(compact(value));
}

/** { caption: Windows Server; version: 6.3.9600 } — readable, and free of JSON's doubled backslashes. */
function compact(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value.startsWith('-----BEGIN CERTIFICATE-----') ? describePem(value) : value;
  if (typeof value !== 'object') return String(value);
  if (isX509(value)) return describeCertificate(value);
  if (value instanceof Uint8Array) return `<${value.length} bytes not shown>`;
  if (depth > 4) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((v) => compact(v, depth + 1));
    return `[${items.join(', ')}${value.length > 20 ? `, … ${value.length - 20} more` : ''}]`;
  }
  if (isFileLike(value)) return describeFile(value);
  const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) =>
    `${k}: ${HIDDEN_KEYS.has(k.toLowerCase()) && v !== null && v !== undefined ? '<not shown>' : compact(v, depth + 1)}`,
  );
  return `{ ${parts.join('; ')} }`;
}

export function cutSummary(s: string, limit = MAX): string {
  return s.length > limit ? `${s.slice(0, limit - 1)}…` : s;
}

function describeCertificate(c: X509Certificate): string {
  return `certificate ${c.subject.replace(/\n/g, ', ')}, issued by ${c.issuer.replace(/\n/g, ', ')}, valid to ${new Date(c.validTo).toISOString()}, thumbprint ${c.fingerprint.replace(/:/g, '')}`;
}

/** A PEM certificate as who it names; its bytes are never shown. */
function describePem(pem: string): string {
  try {
    return `<${describeCertificate(new (nodeCrypto().X509Certificate)(pem))}>`;
  } catch {
    return '<PEM data not shown>';
  }
}
