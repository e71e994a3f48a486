import type { BuildOptions } from 'esbuild';

/** Code points the wizard's bundle measures as one column without string-width's segmenter. */
export const NARROW: number[];
/** string-width's source with the fast path added, or undefined when it is not the source this build knows. */
export function fastStringWidth(source: string): string | undefined;
/** ansi-tokenize's styledChars.js with the fast styledCharsToString, or undefined when it is not the source this build knows. */
export function fastStyledChars(source: string): string | undefined;
/** slice-ansi's index.js with the plain-text fast path, or undefined when it is not the source this build knows. */
export function fastSliceAnsi(source: string): string | undefined;
/** Ink's build/output.js with the plain-text fast path, or undefined when it is not the source this build knows. */
export function fastInkOutput(source: string): string | undefined;
export const WIZARD_EXTERNAL: string[];
export const wizardBundle: BuildOptions;
/** wizardBundle as one script for the loader's code cache, these packages reached with require(). */
export function wizardScript(packages: string[]): BuildOptions;
