// Preload (node --import): records every bare module specifier the process loads, through ES module
// resolution (hook thread) and CommonJS require alike, in the file named by CCDOCTOR_IMPORT_LOG.
import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';

register('./import-hooks.mjs', import.meta.url);

const log = process.env.CCDOCTOR_IMPORT_LOG;
const Module = createRequire(import.meta.url)('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (log && !request.startsWith('.') && !request.startsWith('/')) appendFileSync(log, `${request}\n`);
  return load.call(this, request, ...rest);
};
