/**
 * The schema library for every fact, answer and file format: zod's tree-shakeable "mini" build with
 * English messages. (The classic `zod` entry point bundles ~450 KB and costs start-up time; schemas
 * written with it still type-check and validate here, since both share zod's core.)
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

// Re-exported by name (import * as z from '.../schema.js'): passing zod's namespace object around as a
// value would keep every one of its exports, locales included, in the bundle.
export * from 'zod/mini';
import type { $ZodType, $ZodIssue } from 'zod/v4/core';
export type { $ZodIssue as SchemaIssue, output as SchemaOutput, input as SchemaInput } from 'zod/v4/core';

/** Any zod schema (mini or classic) producing O: what facts and answers declare. */
export interface Schema<O = unknown, I = unknown> extends $ZodType<O, I> {
  safeParse(data: unknown): { success: true; data: O } | { success: false; error: { issues: $ZodIssue[] } };
}
