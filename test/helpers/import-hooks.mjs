// Module resolve hook (runs in the loader thread): appends every resolved bare specifier to the file
// named by CCDOCTOR_IMPORT_LOG, so a test can see which packages a CLI run loaded.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const log = process.env.CCDOCTOR_IMPORT_LOG;
  if (log && !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('file:')) {
    appendFileSync(log, `${specifier}\n`);
  }
  return next(specifier, context);
}
