import { VARIANTS } from './variants.js';

/**
 * The variants the streaming scanner must also find on its own: all but a console that cut words in
 * the middle and PowerShell 7's "|" gutter inside a wrapped message (the raw-text prefilter looks for
 * whole words separated by whitespace). explain still finds those in any input up to 1 MB, which it
 * also matches as one text (see the CLI tests).
 */
export const STREAM_VARIANTS = VARIANTS.filter(([name]) => !name.includes('mid-word') && !name.includes('PowerShell 7'));
