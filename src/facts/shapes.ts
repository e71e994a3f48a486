import * as z from '../core/schema.js';
import type { SchemaInput } from '../core/schema.js';

/**
 * An ISO 8601 time as probes emit it (Get-Date -Format o, or DateTime.ToString('o')).
 * Schemas here use zod/mini (src/core/schema.ts): wrap with z.nullable(isoTime), z.optional(isoTime).
 */
export const isoTime = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 date-time' }));

/**
 * A file taken from the host, kept byte for byte. In a snapshot the content is base64 (what the
 * collector writes) or, for hand-written fixtures of UTF-8 files, the text itself.
 */
export const hostFileJson = z.object({
  path: z.string().check(z.minLength(1)),
  exists: z.boolean(),
  size: z.optional(z.nullable(z.int().check(z.nonnegative()))),
  lastWriteTime: z.optional(z.nullable(isoTime)),
  encoding: z.optional(z.enum(['base64', 'utf8'])),
  content: z.optional(z.nullable(z.string())),
});

export interface HostFile {
  path: string;
  exists: boolean;
  size: number | null;
  lastWriteTime: string | null;
  /** The file's bytes, when it exists and was read. */
  bytes: Uint8Array | null;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const hostFile = z.pipe(
  hostFileJson.check(
    z.refine((f) => f.content == null || f.encoding === 'utf8' || BASE64.test(f.content), {
      message: 'content is not base64 (set "encoding": "utf8" for plain text)',
      path: ['content'],
    }),
  ),
  z.transform((f): HostFile => {
    let bytes: Uint8Array | null = null;
    if (f.content != null) bytes = f.encoding === 'utf8' ? new TextEncoder().encode(f.content) : new Uint8Array(Buffer.from(f.content, 'base64'));
    return { path: f.path, exists: f.exists, size: f.size ?? bytes?.length ?? null, lastWriteTime: f.lastWriteTime ?? null, bytes };
  }),
);

export function hostFileToJson(f: HostFile): SchemaInput<typeof hostFileJson> {
  return {
    path: f.path,
    exists: f.exists,
    size: f.size,
    lastWriteTime: f.lastWriteTime,
    ...(f.bytes ? { encoding: 'base64' as const, content: Buffer.from(f.bytes).toString('base64') } : {}),
  };
}

/** PowerShell that reads a file into the HostFile JSON shape (bytes as base64, capped). */
export function psReadFile(pathExpr: string, maxBytes = 4 * 1024 * 1024): string {
  return `$p = ${pathExpr}
$i = Get-Item -LiteralPath $p -Force -ErrorAction SilentlyContinue
if ($null -eq $i) { [pscustomobject]@{ path = $p; exists = $false } }
else {
  $content = $null
  if ($i.Length -le ${maxBytes}) { $content = [Convert]::ToBase64String([IO.File]::ReadAllBytes($i.FullName)) }
  [pscustomobject]@{ path = $i.FullName; exists = $true; size = $i.Length; lastWriteTime = $i.LastWriteTimeUtc.ToString('o'); encoding = 'base64'; content = $content }
}`;
}

/** Checklist answer for a file: a path to a copy the operator has, read by the checklist runner. */
export const filePathAnswer = z.string().check(z.minLength(1));
